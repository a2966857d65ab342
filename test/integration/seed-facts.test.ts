import { expect, it } from "vitest";
import { describeEachEngine } from "../helpers/engines.js";

// Each fact of the source articles (shared/DOMAIN.md) answered by a query over the seeded records.
describeEachEngine("seed facts come out of queries", { seed: true }, (api) => {
  const one = async (query: string, variables?: Record<string, unknown>) => {
    const r = await api().run(query, variables);
    expect(r.errors, query).toBeUndefined();
    return r.data;
  };
  const institutionId = async (search: string) =>
    (await one(`query($s: String!) { institutions(filter: { search: $s }, first: 2) { nodes { id nameEn } } }`, { s: search })).institutions.nodes[0].id;

  it("the TCM program with Urgench has a 2024 cohort of exactly 17 students", async () => {
    const d = await one(`{
      programs(first: 5, filter: { iscedField: "0917", joint: true }) {
        nodes { titleEn lengthYears launchYear partners { nameEn } host { nameEn }
          cohorts(first: 10) { nodes { intakeYear enrollments(first: 1, filter: { statuses: [ENROLLED] }) { totalCount } } } }
      }
    }`);
    const tcm = d.programs.nodes.find((p: any) => p.partners.some((x: any) => x.nameEn === "Urgench Branch of Tashkent Medical Academy"));
    expect(tcm).toMatchObject({ lengthYears: 5, launchYear: 2024, host: { nameEn: "Xinjiang Medical University" } });
    expect(tcm.cohorts.nodes.find((c: any) => c.intakeYear === 2024).enrollments.totalCount).toBe(17);
  });

  it("185 distinct experts went out in 2023–2024, to all five Central Asian nations", async () => {
    const d = await one(`{ experts(filter: { dispatchYearFrom: 2023, dispatchYearTo: 2024 }) { totalCount } all: experts { totalCount } }`);
    expect(d.experts.totalCount).toBe(185);
    expect(d.all.totalCount).toBeGreaterThan(185); // other years exist, so the filter matters
    for (const c of ["KZ", "KG", "TJ", "TM", "UZ"]) {
      const r = await one(`query($c: CountryCode!) { dispatches(filter: { countryCode: $c, startFrom: "2023-01-01", startTo: "2024-12-31" }) { totalCount } }`, { c });
      expect(r.dispatches.totalCount, c).toBeGreaterThan(0);
    }
  });

  it("22 hospitals abroad are linked by telemedicine", async () => {
    expect((await one(`{ telemedicineLinks { totalCount } }`)).telemedicineLinks.totalCount).toBe(22);
  });

  it("four Xinjiang hospitals signed with the International Medical Center of Tajikistan in January 2024", async () => {
    const imc = await institutionId("International Medical Center of Tajikistan");
    const d = await one(
      `query($i: ID!) { agreements(filter: { institutionId: $i, signedFrom: "2024-01-01", signedTo: "2024-01-31" }) {
        nodes { signedOnPrecision focusAreas parties { institution { id kind countryCode } } } } }`,
      { i: imc },
    );
    const hospitals = new Set(
      d.agreements.nodes.flatMap((a: any) => a.parties.map((p: any) => p.institution).filter((x: any) => x.countryCode === "CN" && x.kind === "HOSPITAL").map((x: any) => x.id)),
    );
    expect(hospitals.size).toBe(4);
    for (const a of d.agreements.nodes) expect(a.focusAreas).toEqual(expect.arrayContaining(["TELEMEDICINE", "TECHNICAL_EXCHANGE", "ACADEMIC_EXCHANGE"]));
  });

  it("the December 2023 agreement joins the State Key Laboratory and the Kazakhstan National Medical Science Center", async () => {
    const nmsc = await institutionId("Kazakhstan National Medical Science Center");
    const d = await one(`query($i: ID!) { agreements(filter: { institutionId: $i, signedFrom: "2023-12-01", signedTo: "2023-12-31" }) { nodes { focusAreas parties { institution { nameEn parent { nameEn } } } } } }`, { i: nmsc });
    expect(d.agreements.nodes).toHaveLength(1);
    const lab = d.agreements.nodes[0].parties.find((p: any) => p.institution.nameEn.startsWith("State Key Laboratory"));
    expect(lab.institution.parent.nameEn).toBe("First Affiliated Hospital of Xinjiang Medical University");
    expect(d.agreements.nodes[0].focusAreas).toContain("DISEASE_PREVENTION");
  });

  it("five hospitals run international departments with 500 beds; more than 25,000 patients by end of 2023", async () => {
    const d = await one(`{
      depts: institutions(filter: { internationalDepartment: true }) { totalCount }
      beds: institutionFigures(filter: { metrics: [INTERNATIONAL_BEDS] }) { nodes { value regionCode source { language } } }
      patients: institutionFigures(filter: { metrics: [INTERNATIONAL_PATIENTS_TREATED] }) { nodes { value qualifier asOf source { slug } } }
    }`);
    expect(d.depts.totalCount).toBe(5);
    expect(d.beds.nodes).toEqual([{ value: 500, regionCode: "CN-XJ", source: { language: "en" } }]);
    expect(d.patients.nodes).toEqual([{ value: 25000, qualifier: "AT_LEAST", asOf: "2023-12-31", source: { slug: "xinjiang-health-cooperation-en" } }]);
  });

  it("more than 100 Central Asian students a year start at Xinjiang Medical University (2023 and 2024)", async () => {
    for (const year of [2023, 2024]) {
      const d = await one(
        `query($y: Int!) { students(filter: { centralAsian: true, intakeYear: $y, enrollmentStatuses: [ENROLLED, ON_LEAVE, GRADUATED] }) { totalCount } }`,
        { y: year },
      );
      expect(d.students.totalCount, String(year)).toBeGreaterThan(100);
    }
  });

  it("holds the dated milestones: 2015 plans, 2018 Astana centre, 2023 liver operation, 2025 ministers, 10 Nov 2024 consultation day", async () => {
    const d = await one(`{ cooperationEvents(first: 100) { nodes { kind occurredOn occurredOnPrecision countries { code } } } }`);
    const ev = d.cooperationEvents.nodes;
    const has = (kind: string, date: string) => ev.some((e: any) => e.kind === kind && e.occurredOn.startsWith(date));
    expect(has("POLICY", "2015")).toBe(true);
    expect(has("CENTRE_OPENING", "2018")).toBe(true);
    expect(has("FIRST_PROCEDURE", "2023")).toBe(true);
    expect(has("CONSULTATION_DAY", "2024-11-10")).toBe(true);
    const ministers = ev.find((e: any) => e.kind === "MINISTERIAL_MEETING");
    expect(ministers).toMatchObject({ occurredOn: "2025-04-01", occurredOnPrecision: "MONTH" });
    expect(ministers.countries.map((c: any) => c.code).sort()).toEqual(["CN", "KG", "KZ", "TJ", "TM", "UZ"]);
  });

  it("joint labs work with Tajikistan and Kazakhstan on natural medicines and biologics", async () => {
    const d = await one(`{ jointLabs { nodes { focusAreas members { countryCode } leadInstitution { countryCode } } } }`);
    const countries = new Set(d.jointLabs.nodes.flatMap((l: any) => l.members.map((m: any) => m.countryCode)));
    expect([...countries]).toEqual(expect.arrayContaining(["TJ", "KZ"]));
    const areas = new Set(d.jointLabs.nodes.flatMap((l: any) => l.focusAreas));
    expect([...areas]).toEqual(expect.arrayContaining(["NATURAL_MEDICINES", "BIOLOGICS"]));
  });

  it("pages an expert's dispatches (through the team table) like the dispatches list filtered by expert", async () => {
    const d = await one(`{ experts(first: 50) { nodes { id dispatches(first: 1) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } } }`);
    const busy = d.experts.nodes.find((e: any) => e.dispatches.totalCount > 1);
    expect(busy).toBeDefined();
    const all = await one(`query($e: ID!) { dispatches(first: 100, filter: { expertId: $e }) { totalCount nodes { id } } }`, { e: busy.id });
    expect(busy.dispatches.totalCount).toBe(all.dispatches.totalCount);
    const second = await one(`query($e: ID!, $after: String) { expert(id: $e) { dispatches(first: 1, after: $after) { nodes { id } } } }`, { e: busy.id, after: busy.dispatches.pageInfo.endCursor });
    expect([busy.dispatches.nodes[0].id, second.expert.dispatches.nodes[0].id]).toEqual(all.dispatches.nodes.slice(0, 2).map((n: any) => n.id));
  });

  it("TCM 2024's year 1 holds back the one student short of credits (the seeded decisions, and advanceCohort measuring year 1 again)", async () => {
    const d = await one(`{ programs(first: 5, filter: { iscedField: "0917", joint: true }) { nodes { partners { nameEn } cohorts(first: 10) { nodes { id intakeYear
      enrollments(first: 20) { nodes { yearOfStudy progressionDecisions { kind fromYear creditsEarned creditsShort missingUnits } } } } } } } }`);
    const tcm = d.programs.nodes.find((p: any) => p.partners.some((x: any) => x.nameEn === "Urgench Branch of Tashkent Medical Academy"));
    const cohort = tcm.cohorts.nodes.find((c: any) => c.intakeYear === 2024);
    const decisions = cohort.enrollments.nodes.flatMap((e: any) => e.progressionDecisions);
    expect(decisions.filter((x: any) => x.kind === "ADVANCED" && x.fromYear === 1)).toHaveLength(16);
    // Year 2 measured at the end of 2025-26: the sixteen who reached it all moved on (60 of 60 credits).
    expect(decisions.filter((x: any) => x.fromYear === 2)).toEqual(Array(16).fill({ kind: "ADVANCED", fromYear: 2, creditsEarned: 60, creditsShort: 0, missingUnits: [] }));
    const held = cohort.enrollments.nodes.filter((e: any) => e.progressionDecisions.some((x: any) => x.kind === "HELD_BACK"));
    expect(held).toEqual([{ yearOfStudy: 1, progressionDecisions: [{ kind: "HELD_BACK", fromYear: 1, creditsEarned: 50, creditsShort: 10, missingUnits: ["ANA101"] }] }]);
    const again = await one(`mutation($c: ID!) { advanceCohort(input: { cohortId: $c, yearOfStudy: 1 }) { advanced { id } heldBack { creditsShort missingUnits } } }`, { c: cohort.id });
    expect(again.advanceCohort).toEqual({ advanced: [], heldBack: [{ creditsShort: 10, missingUnits: ["ANA101"] }] });
  });

  it("seeding again changes nothing", async () => {
    const { seed } = await import("../../seeds/seed.js");
    expect((await seed(api().database.db)).seeded).toBe(false);
    expect((await one(`{ telemedicineLinks { totalCount } }`)).telemedicineLinks.totalCount).toBe(22);
  });
});
