import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { academicTerms, auditLog, cohorts, courseUnits, offerings } from "../../src/db/schema.js";
import { academicYearLabel, academicYearOf } from "../../src/modules/education/academic-year.rules.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { mapDbError, sqlState } from "../../src/shared/db-errors.js";
import { decodeGlobalId, toGlobalId } from "../../src/shared/global-id.js";
import { buildEducation, day, educationCalendar, type Education } from "../factories/education.js";
import { buildJointProgram, enrollAtPartner, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine } from "../helpers/engines.js";

const CREATE_VERSION = `mutation($input: CreateCurriculumVersionInput!) { createCurriculumVersion(input: $input) { curriculum { id version validFromIntake units { code teachingInstitution { id } } } } }`;
const CREATE_COHORT = `mutation($input: CreateCohortInput!) { createCohort(input: $input) { cohort { id curriculum { version } } } }`;

describeEachEngine("curricula, terms and offerings (seeded)", { seed: true }, (api) => {
  it("the TCM 2024 cohort follows an illustrative five-year curriculum, some units taught by the Urgench Branch; public", async () => {
    const r = await api().run(
      `{ cohort(id: "Q29ob3J0OjE") { name curriculum { version validFromIntake illustrative note creditsPerYear hostScale { code }
           program { code } all: units { yearOfStudy ectsCredits teachingInstitution { nameEn } }
           year1: units(yearOfStudy: 1) { code term compulsory names { language text } gradeScale { code } teachingInstitution { nameEn } } }
         offerings { unit { code } term { name closedAt institution { nameEn } } } }
         gradeScales { code kind grades passMark } }`,
      {},
      null,
    );
    expect(r.errors).toBeUndefined();
    const c = r.data.cohort.curriculum;
    expect(c).toMatchObject({ version: 1, validFromIntake: 2024, illustrative: true, creditsPerYear: 60, hostScale: { code: "PCT-100" } });
    expect(c.note).toMatch(/Illustrative/);
    expect(new Set(c.all.map((u: any) => u.yearOfStudy))).toEqual(new Set([1, 2, 3, 4, 5]));
    const urgench = c.all.filter((u: any) => u.teachingInstitution.nameEn === "Urgench Branch of Tashkent Medical Academy");
    expect(urgench.length).toBeGreaterThan(0);
    expect(urgench.length).toBeLessThan(c.all.length);
    expect(c.year1.every((u: any) => u.code.endsWith("101") || u.code.endsWith("102") || u.code.endsWith("103"))).toBe(true);
    const ana = c.year1.find((u: any) => u.code === "ANA101");
    expect(ana).toMatchObject({ gradeScale: { code: "UZ-5" }, teachingInstitution: { nameEn: "Urgench Branch of Tashkent Medical Academy" } });
    expect(ana.names.map((n: any) => n.language)).toEqual(["en", "ru", "zh"]);
    // Each unit is offered in a term of its teaching institution.
    const anaOffer = r.data.cohort.offerings.find((o: any) => o.unit.code === "ANA101");
    expect(anaOffer.term).toMatchObject({ name: "2024-25 autumn", institution: { nameEn: "Urgench Branch of Tashkent Medical Academy" } });
    expect(anaOffer.term.closedAt).not.toBeNull();
    expect(r.data.gradeScales.map((s: any) => s.code)).toEqual(["ECTS", "PASS-FAIL", "PCT-100", "UZ-5"]);
  });

  it("a closed year's results are not reopened through a new term: no term that has ended or overlaps another; a unit offered once a year", async () => {
    const q = `{ cohort(id: "Q29ob3J0OjE") { offerings { id unit { id code } term { name institution { id } } } } }`;
    const offeringsNow = async () => (await api().run(q, {}, null)).data.cohort.offerings as any[];
    const before = await offeringsNow();
    const ana = before.find((o: any) => o.unit.code === "ANA101" && o.term.name === "2024-25 autumn");
    const urgench = Number(decodeGlobalId(ana.term.institution.id, "id").id);
    const registrar: Viewer = { subject: "m1-registrar", role: "PARTNER_REGISTRAR", institutionId: urgench };
    const hostAdmin: Viewer = { subject: "m1-host", role: "INSTITUTION_ADMIN", institutionId: 1 };
    const TERM = `mutation($input: CreateAcademicTermInput!) { createAcademicTerm(input: $input) { term { id name } } }`;
    const OFFER = `mutation($input: CreateOfferingInput!) { createOffering(input: $input) { offering { id term { name } } } }`;
    const term = (name: string, startDate: string, endDate: string) => ({ institutionId: ana.term.institution.id, name, academicYear: academicYearOf(startDate), startDate, endDate });
    // The 2024-25 year, over and its terms closed: refused (it ended before today).
    const past = await api().run(TERM, { input: term("2024-25 whole year", "2024-07-01", "2025-06-30") }, registrar);
    expect(past.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.endDate" });
    // Not ended, but over the term under way (2026-27 autumn): refused.
    const overlapping = await api().run(TERM, { input: term("extra", day(-30), day(30)) }, registrar);
    expect(overlapping.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.startDate" });
    expect(overlapping.errors?.[0].message).toContain("2026-27 autumn");
    // A term of that year held already (written before these rules): ANA101 is offered to the cohort in 2024-25
    // (its autumn term, closed), so a second offering of that year is refused and nothing is written.
    const [held] = await api().database.db.insert(academicTerms).values({ ...term("2024-25 extra", "2024-07-01", "2025-06-30"), institutionId: urgench }).returning({ id: academicTerms.id });
    const again = await api().run(OFFER, { input: { unitId: ana.unit.id, cohortId: "Q29ob3J0OjE", termId: toGlobalId("AcademicTerm", held.id) } }, hostAdmin);
    expect(again.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.unitId" });
    expect(again.errors?.[0].message).toContain("2024-25 autumn");
    expect(await offeringsNow()).toHaveLength(before.length);
    // A term after the others (from the day after 2026-27 spring ends) is taken, and a resit a later year is offered in it.
    const summer = await api().run(TERM, { input: term("2027 summer", "2027-07-11", "2027-08-31") }, registrar);
    expect(summer.errors).toBeUndefined();
    const resit = await api().run(OFFER, { input: { unitId: ana.unit.id, cohortId: "Q29ob3J0OjE", termId: summer.data.createAcademicTerm.term.id } }, hostAdmin);
    expect(resit.errors).toBeUndefined();
    expect(resit.data.createOffering.offering.term).toEqual({ name: "2027 summer" });
  });
});

describeEachEngine("curricula, terms and offerings", {}, (api) => {
  let jp: JointProgram;
  let scale: string;
  const unit = (over: Record<string, unknown> = {}) => ({
    code: "TCM101", titleEn: "Foundations", yearOfStudy: 1, term: 1, ectsCredits: 10, creditHours: 20, compulsory: true, language: "zh",
    teachingInstitutionId: jp.ids.host, gradeScaleId: scale, ...over,
  });

  it("a cohort follows the version in force at its intake; a change is a new version and never rewrites a cohort's", async () => {
    jp = await buildJointProgram(api().database.db);
    const s = await api().run(`{ gradeScales { id code } }`);
    expect(s.data.gradeScales).toEqual([]); // the migrated database holds no scales: made here
    await api().database.db.execute(sql`insert into grade_scales (code, name, kind, min_value, max_value, pass_mark) values ('T-PCT', 'Percent', 'NUMERIC', 0, 100, '60')`);
    scale = (await api().run(`{ gradeScales { id } }`)).data.gradeScales[0].id;
    const base = { programId: jp.ids.program, hostScaleId: scale, creditsPerYear: 10 };
    // The 2026 cohort had no curriculum: version 1 from 2026 becomes its version.
    const v1 = await api().run(CREATE_VERSION, { input: { ...base, validFromIntake: 2026, units: [unit({ titleEn: "Foun\u00addations\u200b  of\u2060 TCM", titleRu: "Основы традиционнои\u0306 медицины" }), unit({ code: "CHN101", teachingInstitutionId: jp.ids.partner }), unit({ code: "CHN201", yearOfStudy: 2, teachingInstitutionId: jp.ids.partner })] } }, jp.as.hostAdmin);
    expect(v1.errors).toBeUndefined();
    expect(v1.data.createCurriculumVersion.curriculum).toMatchObject({ version: 1, validFromIntake: 2026 });
    // Titles lose invisible format characters (Unicode Cf) and runs of spaces, as names do.
    const titles = await api().run(`query($p: ID!) { program(id: $p) { curricula { units { code titleEn } } } }`, { p: jp.ids.program }, null);
    expect(titles.data.program.curricula[0].units.find((u: any) => u.code === "TCM101").titleEn).toBe("Foundations of TCM");
    // Composed characters are stored composed (NFC): "и" and a combining breve is "й".
    const ru = await api().run(`query($p: ID!) { program(id: $p) { curricula { units { code names { language text } } } } }`, { p: jp.ids.program }, null);
    expect(ru.data.program.curricula[0].units.find((u: any) => u.code === "TCM101").names).toContainEqual({ language: "ru", text: "Основы традиционной медицины" });
    const follows = async (cohort: string) => (await api().run(`query($c: ID!) { cohort(id: $c) { curriculum { version } } }`, { c: cohort })).data.cohort.curriculum?.version;
    expect(await follows(jp.ids.cohort)).toBe(1);
    // A version that would apply to the 2026 cohort is refused: it follows version 1.
    const again = await api().run(CREATE_VERSION, { input: { ...base, validFromIntake: 2026, units: [unit()] } }, jp.as.hostAdmin);
    expect(again.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.validFromIntake" });
    const earlier = await api().run(CREATE_VERSION, { input: { ...base, validFromIntake: 2020, units: [unit()] } }, jp.as.hostAdmin);
    expect(earlier.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.validFromIntake" });
    const v2 = await api().run(CREATE_VERSION, { input: { ...base, validFromIntake: 2028, units: [unit({ titleEn: "Foundations, revised", ectsCredits: 12 })] } }, jp.as.hostAdmin);
    expect(v2.data.createCurriculumVersion.curriculum).toMatchObject({ version: 2, validFromIntake: 2028 });
    expect(await follows(jp.ids.cohort)).toBe(1);
    // New cohorts follow the version in force at their intake, whoever creates them.
    const cohort = (year: number) => ({ programId: jp.ids.program, intakeYear: year, name: `C ${year}`, capacity: 5, startDate: `${year}-09-01`, expectedGraduation: `${year + 5}-07-01` });
    const c27 = await api().run(CREATE_COHORT, { input: cohort(2027) }, jp.as.hostAdmin);
    const c29 = await api().run(CREATE_COHORT, { input: cohort(2029) }, jp.as.hostAdmin);
    expect(c27.data.createCohort.cohort.curriculum).toEqual({ version: 1 });
    expect(c29.data.createCohort.cohort.curriculum).toEqual({ version: 2 });
    // The intake, the start date and the program's launch year (2024) agree: the start is in the intake's academic year
    // (1 July to 30 June: a February start is the previous year's intake), never an intake before the launch.
    const mismatch = await api().run(CREATE_COHORT, { input: { ...cohort(2030), startDate: "2031-09-01" } }, jp.as.hostAdmin);
    expect(mismatch.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.startDate" });
    const early = await api().run(CREATE_COHORT, { input: { ...cohort(2030), startDate: "2030-06-30" } }, jp.as.hostAdmin);
    expect(early.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.startDate" });
    const beforeLaunch = await api().run(CREATE_COHORT, { input: cohort(2023) }, jp.as.hostAdmin);
    expect(beforeLaunch.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.intakeYear" });
    expect(beforeLaunch.errors?.[0].message).toMatch(/2024/);
    const february = await api().run(CREATE_COHORT, { input: { ...cohort(2030), startDate: "2031-02-15" } }, jp.as.hostAdmin);
    expect(february.errors).toBeUndefined();
    // The database keeps a cohort's version: no statement rewrites it.
    await expect(api().database.db.update(cohorts).set({ curriculumId: null }).where(eq(cohorts.id, jp.cohortId))).rejects.toThrow();
    const p = await api().run(`query($p: ID!) { program(id: $p) { curricula { version units { code ectsCredits } } } }`, { p: jp.ids.program }, null);
    expect(p.data.program.curricula).toEqual([
      { version: 1, units: [{ code: "CHN101", ectsCredits: 10 }, { code: "TCM101", ectsCredits: 10 }, { code: "CHN201", ectsCredits: 10 }] },
      { version: 2, units: [{ code: "TCM101", ectsCredits: 12 }] },
    ]);
  });

  it("refuses bad units, outsiders and anonymous callers", async () => {
    const base = { programId: jp.ids.program, hostScaleId: scale, validFromIntake: 2035 };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ teachingInstitutionId: jp.ids.outsider }, "BAD_USER_INPUT", "input.units[0].teachingInstitutionId"],
      [{ yearOfStudy: 6 }, "BAD_USER_INPUT", "input.units[0].yearOfStudy"],
      [{ term: 3 }, "BAD_USER_INPUT", "input.units[0].term"],
      [{ ectsCredits: 0 }, "BAD_USER_INPUT", "input.units[0].ectsCredits"],
      [{ language: "Chinese" }, "BAD_USER_INPUT", "input.units[0].language"],
      [{ gradeScaleId: "R3JhZGVTY2FsZTo5OTk5OTk" }, "NOT_FOUND", "input.units[0].gradeScaleId"],
      [{ gradeScaleId: jp.ids.host }, "BAD_USER_INPUT", "input.units[0].gradeScaleId"],
    ];
    for (const [over, code, field] of cases) {
      const r = await api().run(CREATE_VERSION, { input: { ...base, units: [unit(over)] } }, jp.as.hostAdmin);
      expect(r.errors?.[0].extensions, JSON.stringify(over)).toMatchObject({ code, field });
    }
    const dup = await api().run(CREATE_VERSION, { input: { ...base, units: [unit(), unit()] } }, jp.as.hostAdmin);
    expect(dup.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.units[1].code" });
    // A code is one whatever its case and the spaces around it.
    const caseDup = await api().run(CREATE_VERSION, { input: { ...base, units: [unit(), unit({ code: "CHN101" }), unit({ code: " tcm101 " })] } }, jp.as.hostAdmin);
    expect(caseDup.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.units[2].code" });
    expect(caseDup.errors?.[0].message).toContain("units[0]");
    // The database holds the same rule.
    const [cu] = await api().database.db.select({ id: courseUnits.id, curriculumId: courseUnits.curriculumId }).from(courseUnits).where(eq(courseUnits.code, "TCM101")).limit(1);
    await expect(api().database.db.execute(sql`insert into course_units (curriculum_id, code, title_en, year_of_study, term, ects_credits, credit_hours, compulsory, language, teaching_institution_id, grade_scale_id)
      select curriculum_id, 'tcm101', title_en, year_of_study, term, ects_credits, credit_hours, compulsory, language, teaching_institution_id, grade_scale_id from course_units where id = ${cu.id}`)).rejects.toThrow();
    for (const v of [jp.as.outsiderAdmin, jp.as.partnerRegistrar]) {
      const r = await api().run(CREATE_VERSION, { input: { ...base, units: [unit()] } }, v);
      expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    }
    const anon = await api().run(CREATE_VERSION, { input: { ...base, units: [unit()] } }, null);
    expect(anon.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("terms belong to an institution; offerings take a unit of the cohort's version in a term of its teaching institution", async () => {
    // Terms relative to today (a term under way, one ended), so the test holds on any date.
    const { current, future, past } = educationCalendar();
    const name = `${academicYearLabel(current.academicYear)} autumn`;
    const term = (inst: string, n: string) => ({ institutionId: inst, name: n, academicYear: current.academicYear, startDate: current.start, endDate: current.end });
    const TERM = `mutation($input: CreateAcademicTermInput!) { createAcademicTerm(input: $input) { term { id name closedAt institution { id } } } }`;
    const own = await api().run(TERM, { input: term(jp.ids.partner, name) }, jp.as.partnerRegistrar);
    expect(own.data.createAcademicTerm.term).toMatchObject({ name, closedAt: null, institution: { id: jp.ids.partner } });
    // A name is one whatever its case and its runs of spaces: CONFLICT; spaces inside are made one.
    const again = await api().run(TERM, { input: term(jp.ids.partner, `  ${name.toUpperCase().replace(" ", "   ")} `) }, jp.as.partnerRegistrar);
    expect(again.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.name" });
    // Invisible format characters (Unicode Cf: zero-width space, word joiner, soft hyphen, a bidi mark) are dropped: the same name.
    for (const hidden of [`${name}\u200b`, `\u2060${name.toUpperCase()}`, name.replace(" ", "\u00ad \u200e"), `\ufeff${name}\u202e`]) {
      // (Days no other term of the partner's has: only the name is in question.)
      const r = await api().run(TERM, { input: { ...term(jp.ids.partner, hidden), academicYear: academicYearOf(day(300)), startDate: day(300), endDate: day(330) } }, jp.as.partnerRegistrar);
      expect(r.errors?.[0].extensions, JSON.stringify(hidden)).toMatchObject({ code: "CONFLICT", field: "input.name" });
    }
    // A name with a letter and a combining accent is the name with the composed letter (NFC): "été" either way.
    const composed = await api().run(TERM, { input: { ...term(jp.ids.partner, "Session d'\u00e9t\u00e9"), academicYear: academicYearOf(day(400)), startDate: day(400), endDate: day(410) } }, jp.as.partnerRegistrar);
    expect(composed.errors).toBeUndefined();
    const decomposed = await api().run(TERM, { input: { ...term(jp.ids.partner, "Session d'e\u0301te\u0301"), academicYear: academicYearOf(day(420)), startDate: day(420), endDate: day(430) } }, jp.as.partnerRegistrar);
    expect(decomposed.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.name" });
    const invisible = await api().run(TERM, { input: term(jp.ids.partner, "\u200b\u200d") }, jp.as.partnerRegistrar);
    expect(invisible.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.name" });
    // (Another period: an institution's terms do not overlap, below.)
    const spaced = await api().run(TERM, { input: { ...term(jp.ids.partner, "Resit\u200b   session \u2060"), academicYear: future.academicYear, startDate: future.start, endDate: future.end } }, jp.as.partnerRegistrar);
    expect(spaced.data.createAcademicTerm.term.name).toBe("Resit session");
    const other = await api().run(TERM, { input: term(jp.ids.host, name) }, jp.as.partnerRegistrar);
    expect(other.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", field: "input.institutionId" });
    const dates = await api().run(TERM, { input: { ...term(jp.ids.partner, "x"), endDate: current.start } }, jp.as.partnerRegistrar);
    expect(dates.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.endDate" });
    // A term is of the academic year it starts in (1 July to 30 June).
    for (const academicYear of [current.academicYear - 1, current.academicYear + 1]) {
      const r = await api().run(TERM, { input: { ...term(jp.ids.partner, "x"), academicYear } }, jp.as.partnerRegistrar);
      expect(r.errors?.[0].extensions, `${academicYear}`).toMatchObject({ code: "BAD_USER_INPUT", field: "input.academicYear" });
    }
    const spring = await api().run(TERM, { input: { ...term(jp.ids.partner, "spring 2030"), academicYear: 2029, startDate: "2030-02-20", endDate: "2030-07-10" } }, jp.as.partnerRegistrar);
    expect(spring.errors).toBeUndefined();
    // A term lasts at most twelve months: to the day before its start's day a year later.
    const sixYears = await api().run(TERM, { input: { ...term(jp.ids.partner, "six years"), academicYear: 2026, startDate: "2026-09-01", endDate: "2032-08-31" } }, jp.as.partnerRegistrar);
    expect(sixYears.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.endDate" });
    expect(sixYears.errors?.[0].message).toContain("2027-08-31");
    const dayOver = await api().run(TERM, { input: { ...term(jp.ids.partner, "a year and a day"), academicYear: 2026, startDate: "2026-09-01", endDate: "2027-09-01" } }, jp.as.partnerRegistrar);
    expect(dayOver.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.endDate" });
    const wholeYear = await api().run(TERM, { input: { ...term(jp.ids.partner, "2032-33 whole year"), academicYear: 2032, startDate: "2032-09-01", endDate: "2033-08-31" } }, jp.as.partnerRegistrar);
    expect(wholeYear.errors).toBeUndefined();
    // An institution's terms do not overlap, by a day or more (another institution's may): CONFLICT naming startDate.
    for (const [startDate, endDate] of [[current.start, current.end], [day(-10), day(20)], [current.end, day(60)], ["2033-08-31", "2034-01-20"]]) {
      const r = await api().run(TERM, { input: { ...term(jp.ids.partner, "overlapping"), academicYear: academicYearOf(startDate), startDate, endDate } }, jp.as.partnerRegistrar);
      expect(r.errors?.[0].extensions, `${startDate} ${endDate}`).toMatchObject({ code: "CONFLICT", field: "input.startDate" });
    }
    const between = await api().run(TERM, { input: { ...term(jp.ids.partner, "between"), academicYear: academicYearOf(day(46)), startDate: day(46), endDate: day(74) } }, jp.as.partnerRegistrar);
    expect(between.errors).toBeUndefined();
    // A term is created before it ends: one that ended yesterday (or long ago) is BAD_USER_INPUT naming endDate.
    for (const [startDate, endDate] of [[day(-150), day(-1)], ["2024-07-01", "2025-06-30"]]) {
      const r = await api().run(TERM, { input: { ...term(jp.ids.partner, "over"), academicYear: academicYearOf(startDate), startDate, endDate } }, jp.as.partnerRegistrar);
      expect(r.errors?.[0].extensions, `${startDate} ${endDate}`).toMatchObject({ code: "BAD_USER_INPUT", field: "input.endDate" });
    }
    const hostTerm = (await api().run(TERM, { input: term(jp.ids.host, name) }, jp.as.hostAdmin)).data.createAcademicTerm.term.id;
    const partnerTerm = own.data.createAcademicTerm.term.id;

    const units = (await api().run(`query($c: ID!) { cohort(id: $c) { curriculum { units { id code } } } }`, { c: jp.ids.cohort })).data.cohort.curriculum.units;
    const chn = units.find((u: any) => u.code === "CHN101").id; // taught by the partner
    const OFFER = `mutation($input: CreateOfferingInput!) { createOffering(input: $input) { offering { unit { code } term { name } cohort { id } } } }`;
    const wrongTerm = await api().run(OFFER, { input: { unitId: chn, cohortId: jp.ids.cohort, termId: hostTerm } }, jp.as.hostAdmin);
    expect(wrongTerm.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.termId" });
    const v2unit = (await api().run(`query($p: ID!) { program(id: $p) { curricula { units { id } } } }`, { p: jp.ids.program })).data.program.curricula[1].units[0].id;
    const wrongVersion = await api().run(OFFER, { input: { unitId: v2unit, cohortId: jp.ids.cohort, termId: hostTerm } }, jp.as.hostAdmin);
    expect(wrongVersion.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.unitId" });
    const notHost = await api().run(OFFER, { input: { unitId: chn, cohortId: jp.ids.cohort, termId: partnerTerm } }, jp.as.partnerRegistrar);
    expect(notHost.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const ok = await api().run(OFFER, { input: { unitId: chn, cohortId: jp.ids.cohort, termId: partnerTerm } }, jp.as.hostAdmin);
    expect(ok.data.createOffering.offering).toEqual({ unit: { code: "CHN101" }, term: { name }, cohort: { id: jp.ids.cohort } });
    const twice = await api().run(OFFER, { input: { unitId: chn, cohortId: jp.ids.cohort, termId: partnerTerm } }, jp.as.hostAdmin);
    expect(twice.errors?.[0].extensions?.code).toBe("CONFLICT");
    // Offerings fall in the cohort's span (intake 2026, five years: 2026-27 to 2030-31) and not before the unit's
    // year of study (a year-2 unit from 2027-28; a later year is a resit session).
    // Terms of those years, inserted as the factories do (some have ended, one overlaps the term under way).
    const yearTerm = async (n: string, y: number) => {
      const [t] = await api().database.db.insert(academicTerms).values({ institutionId: jp.partner, name: n, academicYear: y, startDate: `${y}-09-01`, endDate: `${y + 1}-01-20` }).returning({ id: academicTerms.id });
      return toGlobalId("AcademicTerm", t.id);
    };
    const [t2025, t2026, t2027, t2030, t2031] = [await yearTerm("y2025", 2025), await yearTerm("y2026", 2026), await yearTerm("y2027", 2027), await yearTerm("y2030", 2030), await yearTerm("y2031", 2031)];
    const chn2 = units.find((u: any) => u.code === "CHN201").id;
    const offer = (unitId: string, termId: string) => api().run(OFFER, { input: { unitId, cohortId: jp.ids.cohort, termId } }, jp.as.hostAdmin);
    for (const [unitId, termId, ok] of [
      [chn, t2025, false], // before the intake
      [chn2, t2025, false],
      [chn2, t2026, false], // a year-2 unit in year 1's academic year
      [chn2, t2027, true],
      [chn, t2030, true], // a resit in the cohort's last year
      [chn2, t2031, false], // after it
    ] as const) {
      const r = await offer(unitId, termId);
      if (ok) expect(r.errors, `${unitId} ${termId}`).toBeUndefined();
      else expect(r.errors?.[0].extensions, `${unitId} ${termId}`).toMatchObject({ code: "BAD_USER_INPUT", field: "input.termId" });
    }
    // Once an academic year: CHN101 is offered in the partner's term under way; another term of that year (one the
    // factories insert, or the 2026 one) does not take it again: CONFLICT naming unitId, with the term it is in.
    const [sameYear] = await api().database.db.insert(academicTerms).values({ institutionId: jp.partner, name: "same year", academicYear: current.academicYear, startDate: current.start, endDate: current.end }).returning({ id: academicTerms.id });
    for (const termId of [toGlobalId("AcademicTerm", sameYear.id), ...(current.academicYear === 2026 ? [t2026] : [])]) {
      const r = await offer(chn, termId);
      expect(r.errors?.[0].extensions, termId).toMatchObject({ code: "CONFLICT", field: "input.unitId" });
      expect(r.errors?.[0].message).toContain(name);
    }

    const CLOSE = `mutation($input: CloseAcademicTermInput!) { closeAcademicTerm(input: $input) { term { closedAt } } }`;
    expect((await api().run(CLOSE, { input: { termId: partnerTerm } }, jp.as.hostAdmin)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    // A term under way (ends in 45 days) or not started is not closed: nothing reopens a term.
    const early = await api().run(CLOSE, { input: { termId: partnerTerm } }, jp.as.partnerRegistrar);
    expect(early.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.termId" });
    expect(early.errors?.[0].message).toContain(current.end);
    // An ended term (inserted as the factories do: createAcademicTerm takes no term that has ended).
    const [endedRow] = await api().database.db.insert(academicTerms).values({ institutionId: jp.partner, name: "ended", academicYear: past.academicYear, startDate: past.start, endDate: past.end }).returning({ id: academicTerms.id });
    const ended = toGlobalId("AcademicTerm", endedRow.id);
    const closed = await api().run(CLOSE, { input: { termId: ended } }, jp.as.partnerRegistrar);
    expect(closed.data.closeAcademicTerm.term.closedAt).not.toBeNull();
    expect((await api().run(CLOSE, { input: { termId: ended } }, jp.as.partnerRegistrar)).errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.termId" });
  });
});

// createOffering's once-a-year rule, kept by the database too (migration 0022: the offering holds its term's
// academic year, held to it by a foreign key, under a unique key on unit, cohort and year).
describeEachEngine("a unit is offered to a cohort once an academic year, in the database", {}, (api) => {
  let jp: JointProgram;
  let ed: Education;
  let Y: number;
  let extraTerm: number;
  beforeAll(async () => {
    const db = api().database.db;
    jp = await buildJointProgram(db);
    const e = await enrollAtPartner(db, jp);
    ed = await buildEducation(db, jp, e.id); // TEACH1 offered to the cohort in the teacher's term of Y
    Y = ed.calendar.academicYear;
    // A second term of the teacher's in Y (inserted as the factories do: it overlaps the first).
    const [t] = await db.insert(academicTerms).values({ institutionId: ed.teacher, name: "second of the year", academicYear: Y, startDate: ed.calendar.current.start, endDate: ed.calendar.current.end }).returning({ id: academicTerms.id });
    extraTerm = t.id;
  });

  const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

  it("refuses a second offering of the year from any writer, and an offering whose year is not its term's; a term's year carries its offerings", async () => {
    const db = api().database.db;
    const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(offerings).where(and(eq(offerings.unitId, ed.units.teacher), eq(offerings.cohortId, jp.cohortId))))[0].n;
    const before = await count();
    // Past the API: TEACH1 again in Y, in the other term of Y. The key refuses it; mapped, it is createOffering's answer.
    const twice = await refusal(db.insert(offerings).values({ unitId: ed.units.teacher, termId: extraTerm, cohortId: jp.cohortId, academicYear: Y }));
    expect(sqlState(twice)).toBe("23505");
    expect(mapDbError(twice)).toMatchObject({ extensions: { code: "CONFLICT", field: "input.unitId" } });
    // A year that is not its term's (so that the key would not see it): refused by the foreign key.
    expect(sqlState(await refusal(db.insert(offerings).values({ unitId: ed.units.teacher, termId: extraTerm, cohortId: jp.cohortId, academicYear: Y + 1 })))).toBe("23503");
    expect(await count()).toBe(before);
    // A term of a later year takes it (a resit offering); moved to another year, its offering moves with it, and not into Y.
    const [later] = await db.insert(academicTerms).values({ institutionId: ed.teacher, name: "later", academicYear: Y + 2, startDate: `${Y + 2}-09-01`, endDate: `${Y + 3}-01-20` }).returning({ id: academicTerms.id });
    const [o] = await db.insert(offerings).values({ unitId: ed.units.teacher, termId: later.id, cohortId: jp.cohortId, academicYear: Y + 2 }).returning({ id: offerings.id });
    await db.update(academicTerms).set({ academicYear: Y + 3 }).where(eq(academicTerms.id, later.id));
    expect((await db.select({ y: offerings.academicYear }).from(offerings).where(eq(offerings.id, o.id)))[0].y).toBe(Y + 3);
    expect(sqlState(await refusal(db.update(academicTerms).set({ academicYear: Y }).where(eq(academicTerms.id, later.id))))).toBe("23505");
    expect(await count()).toBe(before + 1);
  });

  it("two createOffering calls at once for one unit, cohort and year: one offering, the other CONFLICT naming input.unitId, nothing else written", async () => {
    const db = api().database.db;
    const OFFER = `mutation($input: CreateOfferingInput!) { createOffering(input: $input) { offering { id } } }`;
    for (let round = 0; round < 4; round++) {
      const [unit] = await db
        .insert(courseUnits)
        .values({ curriculumId: ed.curriculumId, code: `RACE${round}`, titleEn: "Race", yearOfStudy: 1, term: 1, ectsCredits: 5, creditHours: 10, compulsory: false, language: "ru", teachingInstitutionId: ed.teacher, gradeScaleId: ed.scales.uz5 })
        .returning({ id: courseUnits.id });
      const unitId = toGlobalId("CourseUnit", unit.id);
      // The same term for both, or each its own term of the year.
      const terms = round % 2 ? [ed.terms.teacher, extraTerm] : [extraTerm, extraTerm];
      const answers = await Promise.all(terms.map((t) => api().run(OFFER, { input: { unitId, cohortId: jp.ids.cohort, termId: toGlobalId("AcademicTerm", t) } }, jp.as.hostAdmin)));
      const won = answers.filter((a) => !a.errors);
      const lost = answers.filter((a) => a.errors);
      expect(won, `round ${round}`).toHaveLength(1);
      expect(lost[0].errors?.[0].extensions, `round ${round}`).toMatchObject({ code: "CONFLICT", field: "input.unitId" });
      const rows = await db.select({ id: offerings.id }).from(offerings).where(eq(offerings.unitId, unit.id));
      expect(rows.map((r) => toGlobalId("Offering", r.id))).toEqual([won[0].data.createOffering.offering.id]);
      const audited = await db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.action, "offering.create"), sql`${auditLog.after}->>'unitId' = ${String(unit.id)}`));
      expect(audited).toHaveLength(1);
    }
  });
});
