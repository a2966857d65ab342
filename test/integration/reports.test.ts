import { expect, it } from "vitest";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { describeEachEngine } from "../helpers/engines.js";

// The reports on the seed: the articles' figures come out of GROUP BY queries over the records, each
// report runs a fixed number of statements whatever the number of groups, and the access rule holds.

const XMU = "SW5zdGl0dXRpb246MQ"; // Institution:1, Xinjiang Medical University
const IMC = "SW5zdGl0dXRpb246Mw"; // Institution:3, International Medical Center of Tajikistan
const CENTRAL_ASIA = ["KG", "KZ", "TJ", "TM", "UZ"];

const as = (role: Viewer["role"], institutionId: number | null): Viewer => ({ subject: `reports-${role}-${institutionId}`, role, institutionId });
const XMU_ADMIN = as("INSTITUTION_ADMIN", 1);
const URGENCH_REGISTRAR = as("PARTNER_REGISTRAR", 40);
const XMU_RESEARCH = as("RESEARCH_OFFICE", 1);
const XMU_COORDINATOR = as("EXPERT_COORDINATOR", 1);

describeEachEngine("reports on the seed", { seed: true }, (api) => {
  const one = async (query: string, variables?: Record<string, unknown>, viewer?: Viewer | null) => {
    const r = await api().run(query, variables, viewer);
    expect(r.errors, query).toBeUndefined();
    return r;
  };
  const errorOf = async (query: string, variables?: Record<string, unknown>, viewer?: Viewer | null) => {
    const r = await api().run(query, variables, viewer);
    expect(r.errors, query).toHaveLength(1);
    return r.errors![0];
  };

  it("students: the TCM 2024 cohort has 17 students, by program and intake year", async () => {
    const { data } = await one(`{
      studentCounts(groupBy: [PROGRAM, INTAKE_YEAR], filter: { yearFrom: 2024, yearTo: 2024 }) {
        programId program { code titleEn } cohortId intakeYear nationality status students
      }
    }`);
    const tcm = data.studentCounts.find((r: any) => r.program.code === "XMU-TCM-JOINT-UZ");
    expect(tcm).toMatchObject({ intakeYear: 2024, students: 17, cohortId: null, nationality: null, status: null });
    expect(tcm.program.titleEn).toMatch(/Traditional Chinese Medicine/);
    // every row is 2024, and the programs come ordered by id
    expect(data.studentCounts.every((r: any) => r.intakeYear === 2024)).toBe(true);
    // by cohort, nationality and status: all 17 are Uzbek and ENROLLED
    const byCohort = await one(
      `query($p: ID!) { studentCounts(groupBy: [COHORT, NATIONALITY, STATUS], filter: { programId: $p }) { cohort { name } nationality country { nameEn } status students } }`,
      { p: tcm.programId },
    );
    expect(byCohort.data.studentCounts).toEqual([{ cohort: { name: "TCM 2024" }, nationality: "UZ", country: { nameEn: "Uzbekistan" }, status: "ENROLLED", students: 17 }]);
  });

  it("students: the groups add up to the total, and the total is distinct students", async () => {
    const total = (await one(`{ studentCounts(groupBy: []) { students } }`)).data.studentCounts;
    expect(total).toHaveLength(1);
    const listed = (await one(`{ students { totalCount } }`)).data.students.totalCount;
    expect(total[0].students).toBe(listed);
    const byNationality = (await one(`{ studentCounts(groupBy: [NATIONALITY]) { nationality students } }`)).data.studentCounts;
    expect(byNationality.map((r: any) => r.nationality)).toEqual([...byNationality.map((r: any) => r.nationality)].sort());
    expect(byNationality.reduce((s: number, r: any) => s + r.students, 0)).toBe(listed);
    const byStatus = (await one(`{ studentCounts(groupBy: [STATUS]) { status students } }`)).data.studentCounts;
    // statuses come in lifecycle order (the enum's order)
    const order = ["NOMINATED", "ADMITTED", "ENROLLED", "ON_LEAVE", "GRADUATED", "REJECTED", "WITHDRAWN"];
    expect(byStatus.map((r: any) => order.indexOf(r.status))).toEqual([...byStatus.map((r: any) => order.indexOf(r.status))].sort((a, b) => a - b));
  });

  it("Central Asian intake is more than 100 in 2023 and in 2024, public, and at least the students still there", async () => {
    const { data } = await one(`{ centralAsianIntake(filter: { yearFrom: 2023, yearTo: 2024 }) { intakeYear students suppressed } }`, {}, null);
    expect(data.centralAsianIntake.map((r: any) => r.intakeYear)).toEqual([2023, 2024]);
    for (const r of data.centralAsianIntake) {
      expect(r.suppressed).toBe(false);
      expect(r.students, String(r.intakeYear)).toBeGreaterThan(100);
      // those who reached ENROLLED include the ones now ENROLLED, ON_LEAVE or GRADUATED (and the ones who left since)
      const still = await one(
        `query($y: Int!) { students(filter: { centralAsian: true, intakeYear: $y, enrollmentStatuses: [ENROLLED, ON_LEAVE, GRADUATED] }) { totalCount } }`,
        { y: r.intakeYear },
      );
      expect(r.students).toBeGreaterThanOrEqual(still.data.students.totalCount);
    }
    // the same as studentCounts with the same conditions
    const same = await one(`{ studentCounts(groupBy: [INTAKE_YEAR], filter: { centralAsian: true, everEnrolled: true, yearFrom: 2023, yearTo: 2024 }) { intakeYear students } }`);
    expect(same.data.studentCounts).toEqual(data.centralAsianIntake.map((r: any) => ({ intakeYear: r.intakeYear, students: r.students })));
  });

  it("cohort reconciliation: TCM 2024 has 30 places agreed, 17 enrolled, 13 seats left; the page is one statement", async () => {
    const r = await one(`{
      cohortReconciliation(first: 100, filter: { hostInstitutionId: "${XMU}", intakeYearFrom: 2024, intakeYearTo: 2024 }) {
        totalCount
        nodes { cohortId cohort { name } program { code } intakeYear placesAgreed capacity nominated admitted enrolled onLeave graduated withdrawn rejected seatsTaken seatsLeft }
      }
    }`);
    const nodes = r.data.cohortReconciliation.nodes;
    expect(r.data.cohortReconciliation.totalCount).toBe(nodes.length);
    expect(nodes.find((n: any) => n.cohort.name === "TCM 2024")).toEqual({
      cohortId: "Q29ob3J0OjE", cohort: { name: "TCM 2024" }, program: { code: "XMU-TCM-JOINT-UZ" }, intakeYear: 2024,
      placesAgreed: 30, capacity: 30, nominated: 17, admitted: 17, enrolled: 17, onLeave: 0, graduated: 0, withdrawn: 0, rejected: 0, seatsTaken: 17, seatsLeft: 13,
    });
    for (const n of nodes) {
      // every enrollment starts NOMINATED, so "ever nominated" is every enrollment of the cohort
      const now = await one(`query($c: ID!) { cohort(id: $c) { enrollments { totalCount } } }`, { c: n.cohortId });
      expect(n.nominated).toBe(now.data.cohort.enrollments.totalCount);
      expect(n.enrolled + n.onLeave).toBe(n.seatsTaken);
      expect(n.seatsLeft).toBe(n.capacity - n.enrolled - n.onLeave);
    }
    // one statement for the page, one for totalCount, one each for cohort and program
    expect(r.statements).toBe(4);
  });

  it("cohort reconciliation pages forward and backward with its own cursors", async () => {
    const all = (await one(`{ cohortReconciliation(first: 100) { nodes { cohortId intakeYear } } }`)).data.cohortReconciliation.nodes;
    expect(all.length).toBeGreaterThan(5);
    const years = all.map((n: any) => n.intakeYear);
    expect(years).toEqual([...years].sort((a: number, b: number) => a - b));
    const p1 = (await one(`{ cohortReconciliation(first: 3) { pageInfo { hasNextPage endCursor } nodes { cohortId } } }`)).data.cohortReconciliation;
    const p2 = (await one(`query($a: String) { cohortReconciliation(first: 3, after: $a) { pageInfo { hasPreviousPage startCursor } nodes { cohortId } } }`, { a: p1.pageInfo.endCursor })).data.cohortReconciliation;
    expect(p1.pageInfo.hasNextPage).toBe(true);
    expect([...p1.nodes, ...p2.nodes].map((n: any) => n.cohortId)).toEqual(all.slice(0, 6).map((n: any) => n.cohortId));
    const back = (await one(`query($b: String) { cohortReconciliation(last: 3, before: $b) { nodes { cohortId } } }`, { b: p2.pageInfo.startCursor })).data.cohortReconciliation;
    expect(back.nodes).toEqual(p1.nodes);
    const cohortsCursor = (await one(`{ cohorts(first: 1) { pageInfo { endCursor } } }`)).data.cohorts.pageInfo.endCursor;
    const e = await errorOf(`query($a: String) { cohortReconciliation(after: $a) { nodes { cohortId } } }`, { a: cohortsCursor });
    expect(e.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("experts: 185 distinct experts in 2023–2024 across KZ KG TJ TM UZ, counted apart from dispatches", async () => {
    const { data } = await one(`{
      total: dispatchCounts(groupBy: [], filter: { yearFrom: 2023, yearTo: 2024, countryCodes: ["KZ", "KG", "TJ", "TM", "UZ"] }) { experts dispatches countryCode year }
      centralAsia: dispatchCounts(groupBy: [], filter: { yearFrom: 2023, yearTo: 2024, centralAsia: true }) { experts dispatches }
      byCountry: dispatchCounts(groupBy: [COUNTRY], filter: { yearFrom: 2023, yearTo: 2024 }) { countryCode country { nameEn centralAsia } experts dispatches }
      byYear: dispatchCounts(groupBy: [YEAR], filter: { yearFrom: 2023, yearTo: 2024 }) { year experts dispatches }
      listed: experts(filter: { dispatchYearFrom: 2023, dispatchYearTo: 2024 }) { totalCount }
      notCancelled: dispatches(filter: { startFrom: "2023-01-01", startTo: "2024-12-31", statuses: [PLANNED, IN_PROGRESS, COMPLETED] }) { totalCount }
      cancelled: dispatches(filter: { statuses: [CANCELLED] }) { totalCount }
    }`);
    expect(data.total).toEqual([{ experts: 185, dispatches: data.notCancelled.totalCount, countryCode: null, year: null }]);
    expect(data.centralAsia).toEqual([{ experts: 185, dispatches: data.notCancelled.totalCount }]);
    expect(data.listed.totalCount).toBe(185);
    expect(data.cancelled.totalCount).toBeGreaterThan(0); // and they are left out above
    expect(data.byCountry.map((r: any) => r.countryCode)).toEqual(CENTRAL_ASIA);
    for (const r of data.byCountry) {
      expect(r.country.centralAsia).toBe(true);
      expect(r.experts).toBeGreaterThan(0);
    }
    // distinct per group: dispatches add up, experts (who went to several countries) add up to more than 185
    expect(data.byCountry.reduce((s: number, r: any) => s + r.dispatches, 0)).toBe(data.notCancelled.totalCount);
    expect(data.byCountry.reduce((s: number, r: any) => s + r.experts, 0)).toBeGreaterThan(185);
    expect(data.byYear.map((r: any) => r.year)).toEqual([2023, 2024]);
  });

  it("experts by purpose and specialty: a dispatch counts under each of its purposes, an expert under its specialty", async () => {
    const { data } = await one(`{
      byPurpose: dispatchCounts(groupBy: [PURPOSE], filter: { yearFrom: 2023, yearTo: 2024 }) { purpose experts dispatches }
      onePurpose: dispatchCounts(groupBy: [PURPOSE], filter: { yearFrom: 2023, yearTo: 2024, purposes: [SURGICAL_SUPPORT] }) { purpose experts dispatches }
      bySpecialty: dispatchCounts(groupBy: [SPECIALTY], filter: { yearFrom: 2023, yearTo: 2024 }) { specialty experts dispatches }
    }`);
    const purposes = data.byPurpose.map((r: any) => r.purpose);
    expect(purposes).toEqual(expect.arrayContaining(["COMPLEX_CASE_DIAGNOSIS", "HEALTH_EDUCATION", "TECHNICAL_TRAINING", "RESEARCH_COLLABORATION"]));
    expect(data.onePurpose.map((r: any) => r.purpose)).toEqual(["SURGICAL_SUPPORT"]); // the 2023 liver operation
    // each expert has one specialty: the specialties partition the 185
    expect(data.bySpecialty.reduce((s: number, r: any) => s + r.experts, 0)).toBe(185);
    const names = data.bySpecialty.map((r: any) => r.specialty);
    expect(names).toEqual([...names].sort());
  });

  it("labs and projects by status; overdue milestones per lab", async () => {
    const { data } = await one(`{
      byStatus: labProjectCounts(groupBy: [STATUS]) { status projects labs }
      byLab: labProjectCounts(groupBy: [LAB]) { labId lab { nameEn } projects labs }
      total: labProjectCounts(groupBy: []) { projects labs }
      listed: labProjects(first: 100) { totalCount }
      overdue: overdueMilestoneReport(asOf: "2026-11-23") { asOf milestones projects labs byLab { labId lab { nameEn } milestones projects oldestDueOn } }
      overdueListed: overdueMilestones(asOf: "2026-11-23", first: 100) { totalCount nodes { dueOn } }
    }`);
    expect(data.total[0].projects).toBe(data.listed.totalCount);
    expect(data.byStatus.reduce((s: number, r: any) => s + r.projects, 0)).toBe(data.listed.totalCount);
    expect(data.byLab.reduce((s: number, r: any) => s + r.projects, 0)).toBe(data.listed.totalCount);
    expect(data.byLab.every((r: any) => r.labs === 1 && r.lab.nameEn)).toBe(true);
    expect(data.overdue.asOf).toBe("2026-11-23");
    expect(data.overdue.milestones).toBe(data.overdueListed.totalCount);
    expect(data.overdue.milestones).toBeGreaterThan(0);
    expect(data.overdue.byLab.reduce((s: number, r: any) => s + r.milestones, 0)).toBe(data.overdue.milestones);
    expect(data.overdue.labs).toBe(data.overdue.byLab.length);
    const oldest = data.overdueListed.nodes.map((n: any) => n.dueOn).sort()[0];
    expect(data.overdue.byLab.map((r: any) => r.oldestDueOn).sort()[0]).toBe(oldest);
  });

  it("agreements: the four Xinjiang hospitals of the January 2024 IMC Tajikistan agreements, by party country and focus area", async () => {
    const { data } = await one(
      `query($i: ID!) {
        byCountry: agreementCounts(groupBy: [PARTY_COUNTRY], filter: { institutionId: $i, signedFrom: "2024-01-01", signedTo: "2024-01-31" }) { partyCountryCode partyCountry { nameEn } agreements parties }
        byArea: agreementCounts(groupBy: [FOCUS_AREA], filter: { institutionId: $i, signedFrom: "2024-01-01", signedTo: "2024-01-31" }) { focusArea agreements parties }
        byYear: agreementCounts(groupBy: [SIGNED_YEAR, STATUS], filter: { institutionId: $i }) { signedYear status agreements }
      }`,
      { i: IMC },
    );
    expect(data.byCountry).toEqual([
      { partyCountryCode: "CN", partyCountry: { nameEn: "China" }, agreements: 4, parties: 4 },
      { partyCountryCode: "TJ", partyCountry: { nameEn: "Tajikistan" }, agreements: 4, parties: 1 },
    ]);
    expect(data.byArea).toEqual([
      { focusArea: "TELEMEDICINE", agreements: 4, parties: 5 },
      { focusArea: "TECHNICAL_EXCHANGE", agreements: 4, parties: 5 },
      { focusArea: "ACADEMIC_EXCHANGE", agreements: 4, parties: 5 },
    ]);
    // the draft with IMC has no signing date: its year is null
    expect(data.byYear).toEqual([
      { signedYear: 2024, status: "ACTIVE", agreements: 4 },
      { signedYear: null, status: "DRAFT", agreements: 1 },
    ]);
  });

  it("agreements expiring within N days: the count and the list agree and sit in the window", async () => {
    const { data } = await one(`{
      count: agreementCounts(groupBy: [], filter: { expiringWithinDays: 365, asOf: "2026-11-23" }) { agreements }
      byArea: agreementCounts(groupBy: [FOCUS_AREA], filter: { expiringWithinDays: 365, asOf: "2026-11-23" }) { focusArea agreements }
      list: expiringAgreements(withinDays: 365, asOf: "2026-11-23", first: 100) { validUntil daysLeft agreement { code validUntil focusAreas } }
      week: expiringAgreements(withinDays: 7, asOf: "2026-11-23") { validUntil }
    }`);
    expect(data.list.length).toBeGreaterThan(0);
    expect(data.count[0].agreements).toBe(data.list.length);
    const dates = data.list.map((r: any) => r.validUntil);
    expect(dates).toEqual([...dates].sort());
    for (const r of data.list) {
      expect(r.validUntil >= "2026-11-23" && r.validUntil <= "2027-11-23").toBe(true);
      expect(r.agreement.validUntil).toBe(r.validUntil);
      expect(r.daysLeft).toBe(Math.round((Date.parse(r.validUntil) - Date.parse("2026-11-23")) / 86_400_000));
    }
    const areas = new Map<string, number>();
    for (const r of data.list) for (const a of r.agreement.focusAreas) areas.set(a, (areas.get(a) ?? 0) + 1);
    expect(new Map(data.byArea.map((r: any) => [r.focusArea, r.agreements]))).toEqual(areas);
    expect(data.week).toEqual([]);
  });

  it("telemedicine: 22 partner hospitals, by country", async () => {
    const { data } = await one(`{
      total: telemedicinePartnerCounts(groupBy: []) { partners links xinjiangHospitals }
      byCountry: telemedicinePartnerCounts(groupBy: [PARTNER_COUNTRY]) { partnerCountryCode partnerCountry { nameEn } partners links }
      byHospital: telemedicinePartnerCounts(groupBy: [XINJIANG_HOSPITAL]) { xinjiangHospitalId xinjiangHospital { nameEn countryCode } partners }
      listed: telemedicineLinks { totalCount }
    }`);
    expect(data.total).toEqual([{ partners: 22, links: data.listed.totalCount, xinjiangHospitals: data.byHospital.length }]);
    expect(data.byCountry.map((r: any) => [r.partnerCountryCode, r.partners])).toEqual([["KG", 4], ["KZ", 6], ["TJ", 4], ["TM", 3], ["UZ", 5]]);
    expect(data.byHospital.every((r: any) => r.xinjiangHospital.countryCode === "CN")).toBe(true);
    expect(data.byHospital.reduce((s: number, r: any) => s + r.partners, 0)).toBeGreaterThanOrEqual(22);
  });

  it("figures over time with their sources: 25,000 patients and 500 beds", async () => {
    const { data } = await one(`{
      figureSeries(filter: { metrics: [INTERNATIONAL_BEDS, INTERNATIONAL_PATIENTS_TREATED], yearFrom: 2023, yearTo: 2023 }) {
        metric value qualifier asOf regionCode institution { nameEn } source { title language }
      }
      all: figureSeries { metric asOf }
    }`, {}, null);
    expect(data.figureSeries).toEqual([
      { metric: "INTERNATIONAL_PATIENTS_TREATED", value: 25000, qualifier: "AT_LEAST", asOf: "2023-12-31", regionCode: "CN-XJ", institution: null, source: { title: "Xinjiang Leads Health Cooperation in Central Asia", language: "en" } },
      { metric: "INTERNATIONAL_BEDS", value: 500, qualifier: "EXACT", asOf: "2023-12-31", regionCode: "CN-XJ", institution: null, source: { title: "Xinjiang Leads Health Cooperation in Central Asia", language: "en" } },
    ]);
    const metricOrder = ["INTERNATIONAL_PATIENTS_TREATED", "INTERNATIONAL_BEDS", "INTERNATIONAL_DEPARTMENTS", "TELEMEDICINE_PARTNER_HOSPITALS", "CENTRAL_ASIAN_STUDENTS_PER_YEAR", "EXPERTS_DISPATCHED"];
    const keys = data.all.map((f: any) => `${metricOrder.indexOf(f.metric)}|${f.asOf}`);
    expect(keys).toEqual([...keys].sort());
  });

  it("each report runs the same small number of statements however many groups it returns", async () => {
    // [query, variables giving few groups, variables giving many, statements (aggregate + one per loader level)]
    const cases: [string, Record<string, unknown>, Record<string, unknown>, number][] = [
      [`query($f: StudentReportFilter) { studentCounts(groupBy: [COHORT, NATIONALITY], filter: $f) { cohort { name program { code } } program { code } country { nameEn } students } }`,
        { f: { yearFrom: 2024, yearTo: 2024, nationalities: ["UZ"] } }, { f: {} }, 4],
      [`query($f: StudentReportFilter) { studentCounts(groupBy: [PROGRAM, INTAKE_YEAR, STATUS], filter: $f) { program { code host { nameEn } } students } }`,
        { f: { yearFrom: 2024, yearTo: 2024, statuses: ["ENROLLED"] } }, { f: {} }, 3],
      [`query($f: IntakeReportFilter) { centralAsianIntake(filter: $f) { intakeYear students } }`, { f: { yearFrom: 2024, yearTo: 2024 } }, { f: {} }, 1],
      [`query($f: CohortFilter) { cohortReconciliation(first: 100, filter: $f) { totalCount nodes { cohort { name } program { code host { nameEn } } enrolled } } }`,
        { f: { intakeYearFrom: 2024, intakeYearTo: 2024 } }, { f: {} }, 5],
      [`query($f: DispatchReportFilter) { dispatchCounts(groupBy: [COUNTRY, YEAR, PURPOSE, SPECIALTY], filter: $f) { country { nameEn } experts dispatches } }`,
        { f: { yearFrom: 2023, yearTo: 2023, countryCodes: ["TM"] } }, { f: {} }, 2],
      [`query($f: LabProjectReportFilter) { labProjectCounts(groupBy: [LAB, STATUS], filter: $f) { lab { nameEn leadInstitution { nameEn } } projects } }`,
        { f: { statuses: ["ACTIVE"] } }, { f: {} }, 3],
      [`query($d: LocalDate) { overdueMilestoneReport(asOf: $d) { milestones byLab { lab { nameEn } milestones } } }`,
        { d: "2025-12-31" }, { d: "2026-11-23" }, 2],
      [`query($f: AgreementReportFilter) { agreementCounts(groupBy: [FOCUS_AREA, PARTY_COUNTRY, SIGNED_YEAR, STATUS], filter: $f) { partyCountry { nameEn } agreements parties } }`,
        { f: { yearFrom: 2023, yearTo: 2023 } }, { f: {} }, 2],
      [`query($f: AgreementReportFilter) { expiringAgreements(withinDays: 3650, asOf: "2026-11-23", filter: $f, first: 100) { agreement { code parties { institution { nameEn } } focusAreas } } }`,
        { f: { focusAreas: ["TELEMEDICINE"] } }, { f: {} }, 3],
      [`query($f: TelemedicineReportFilter) { telemedicinePartnerCounts(groupBy: [XINJIANG_HOSPITAL, PARTNER_COUNTRY], filter: $f) { xinjiangHospital { nameEn } partnerCountry { nameEn } partners } }`,
        { f: { partnerCountryCodes: ["TM"] } }, { f: {} }, 3],
      [`query($f: FigureReportFilter) { figureSeries(filter: $f) { value institution { nameEn } source { title } } }`,
        { f: { metrics: ["INTERNATIONAL_BEDS", "CENTRAL_ASIAN_STUDENTS_PER_YEAR"] } }, { f: {} }, 3],
    ];
    for (const [query, narrow, wide, expected] of cases) {
      const a = await one(query, narrow);
      const b = await one(query, wide);
      const rows = (d: any) => JSON.stringify(d).length;
      expect(rows(b.data), query).toBeGreaterThan(rows(a.data)); // the wide one returns more groups
      expect([a.statements, b.statements], query).toEqual([expected, expected]);
    }
  });

  it("access: student breakdowns need a role that may list students, and count only those students", async () => {
    const q = `{ studentCounts(groupBy: [PROGRAM]) { program { code } students } }`;
    expect((await errorOf(q, {}, null)).extensions?.code).toBe("UNAUTHENTICATED");
    expect((await errorOf(q, {}, XMU_RESEARCH)).extensions?.code).toBe("FORBIDDEN");
    expect((await errorOf(q, {}, XMU_COORDINATOR)).extensions?.code).toBe("FORBIDDEN");
    const rq = `{ cohortReconciliation { nodes { enrolled } } }`;
    expect((await errorOf(rq, {}, null)).extensions?.code).toBe("UNAUTHENTICATED");
    expect((await errorOf(rq, {}, XMU_RESEARCH)).extensions?.code).toBe("FORBIDDEN");

    const all = (await one(q)).data.studentCounts;
    // the host university sees every student of the programs it hosts (all seed programs)
    expect((await one(q, {}, XMU_ADMIN)).data.studentCounts).toEqual(all);
    // the Urgench registrar sees only its own 17 TCM students
    expect((await one(q, {}, URGENCH_REGISTRAR)).data.studentCounts).toEqual([{ program: { code: "XMU-TCM-JOINT-UZ" }, students: 17 }]);
    const own = (await one(`{ students { totalCount } }`, {}, URGENCH_REGISTRAR)).data.students.totalCount;
    expect((await one(`{ studentCounts(groupBy: []) { students } }`, {}, URGENCH_REGISTRAR)).data.studentCounts).toEqual([{ students: own }]);
    // reconciliation for the registrar: its students only, the cohort's seats as they are
    const rec = (await one(`{ cohortReconciliation(filter: { intakeYearFrom: 2024, intakeYearTo: 2024 }) { nodes { cohort { name } enrolled withdrawn seatsTaken } } }`, {}, URGENCH_REGISTRAR)).data.cohortReconciliation.nodes;
    expect(rec.find((n: any) => n.cohort.name === "TCM 2024")).toEqual({ cohort: { name: "TCM 2024" }, enrolled: 17, withdrawn: 0, seatsTaken: 17 });
    expect(rec.find((n: any) => n.cohort.name === "MBBS 2024")).toMatchObject({ enrolled: 0, withdrawn: 0 });
    expect(rec.find((n: any) => n.cohort.name === "MBBS 2024").seatsTaken).toBeGreaterThan(0);
  });

  it("access: the Central Asian intake is public by year only; other reports are public", async () => {
    const q = `{ centralAsianIntake { intakeYear students suppressed } }`;
    const anon = (await one(q, {}, null)).data.centralAsianIntake;
    expect(anon).toEqual((await one(q)).data.centralAsianIntake); // large counts: nothing withheld
    expect((await one(q, {}, XMU_RESEARCH)).data.centralAsianIntake).toEqual(anon);
    for (const filter of [`{ programId: "UHJvZ3JhbTox" }`, `{ hostInstitutionId: "${XMU}" }`, `{ nationalities: ["TM"] }`]) {
      const e = await errorOf(`{ centralAsianIntake(filter: ${filter}) { students } }`, {}, null);
      expect(e.extensions?.code).toBe("FORBIDDEN");
      expect(String(e.extensions?.field)).toMatch(/^filter\./);
    }
    // the registrar counts its own students, with every filter
    const mine = (await one(`{ centralAsianIntake(filter: { nationalities: ["UZ"] }) { intakeYear students suppressed } }`, {}, URGENCH_REGISTRAR)).data.centralAsianIntake;
    expect(mine).toEqual([{ intakeYear: 2024, students: 17, suppressed: false }]);
    // public reports answer anonymous callers
    const pub = await one(`{
      dispatchCounts(groupBy: [COUNTRY]) { experts }
      labProjectCounts(groupBy: [STATUS]) { projects }
      overdueMilestoneReport { milestones }
      agreementCounts(groupBy: [FOCUS_AREA]) { agreements }
      expiringAgreements(withinDays: 30) { daysLeft }
      telemedicinePartnerCounts(groupBy: []) { partners }
      figureSeries { value }
    }`, {}, null);
    expect(pub.data.telemedicinePartnerCounts).toEqual([{ partners: 22 }]);
  });

  it("bad arguments are BAD_USER_INPUT naming the field", async () => {
    const cases: [string, string][] = [
      [`{ studentCounts(groupBy: [STATUS, STATUS]) { students } }`, "groupBy"],
      [`{ studentCounts(groupBy: [], filter: { yearFrom: 2025, yearTo: 2024 }) { students } }`, "filter.yearTo"],
      [`{ studentCounts(groupBy: [], filter: { yearFrom: 1800 }) { students } }`, "filter.yearFrom"],
      [`{ studentCounts(groupBy: [], filter: { programId: "${XMU}" }) { students } }`, "filter.programId"],
      [`{ dispatchCounts(groupBy: [], filter: { statuses: [CANCELLED] }) { experts } }`, "filter.statuses"],
      [`{ dispatchCounts(groupBy: [], filter: { specialty: "" }) { experts } }`, "filter.specialty"],
      [`{ expiringAgreements(withinDays: 0) { daysLeft } }`, "withinDays"],
      [`{ expiringAgreements(withinDays: 3651) { daysLeft } }`, "withinDays"],
      [`{ expiringAgreements(withinDays: 30, first: 101) { daysLeft } }`, "first"],
      [`{ agreementCounts(groupBy: [], filter: { expiringWithinDays: 0 }) { agreements } }`, "filter.expiringWithinDays"],
      [`{ agreementCounts(groupBy: [], filter: { asOf: "2026-01-01" }) { agreements } }`, "filter.asOf"],
      [`{ figureSeries(filter: { regionCode: "Xinjiang" }) { value } }`, "filter.regionCode"],
      [`{ cohortReconciliation(first: 0) { nodes { enrolled } } }`, "first"],
      [`{ overdueMilestoneReport(filter: { labId: "${XMU}" }) { milestones } }`, "filter.labId"],
    ];
    for (const [query, field] of cases) {
      const e = await errorOf(query);
      expect(e.extensions, query).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
  });
});
