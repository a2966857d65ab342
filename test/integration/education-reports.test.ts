import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { academicTerms, cohorts, courseResults, enrollments, institutions, offerings, recognitions, students } from "../../src/db/schema.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { academicYearLabel } from "../../src/modules/education/academic-year.rules.js";
import { buildEducation, type Education } from "../factories/education.js";
import { buildJointProgram, studentRow, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine } from "../helpers/engines.js";

const UNIT_RESULTS = `query($p: ID!) { unitResults(filter: { programId: $p }) { unit { code } cohort { intakeYear } term { name } students passed failed passRate grades { grade students } suppressed } }`;
const STANDING = `query($c: ID!, $risk: Boolean) { creditStanding(cohortId: $c, yearOfStudy: 1, onlyAtRisk: $risk) { yearOfStudy students atRisk suppressed rows { creditsEarned creditsShort missingUnits atRisk enrollment { id } } } }`;
const RECOGNISED = `query($f: RecognisedCreditFilter) { recognisedCredits(filter: $f) { partner { id } academicYear students units recognitions credits suppressed } }`;

// A joint program with two cohorts (of the academic year under way, Y, and the next): the Y cohort's host unit (HOST1, percent) sat by 8 students (6 pass,
// one at a resit), its teaching institution's unit (TEACH1, 2–5) by 10 (5 pass); the Y + 1 cohort's HOST1 by 3. Every student's home is the
// partner except e9's (TEACH1 failed), the outsider's: the outsider's staff read one of the cohort's students, the partner's all but one.
describeEachEngine("education reports", {}, (api) => {
  let jp: JointProgram;
  let ed: Education;
  let cohort2: number;
  let Y: number;
  const e: number[] = [];
  const c2: number[] = [];

  beforeAll(async () => {
    const db = api().database.db;
    jp = await buildJointProgram(db);
    const enrol = async (cohortId: number, home = jp.partner) => {
      const [s] = await db.insert(students).values({ ...studentRow(), homeInstitutionId: home }).returning({ id: students.id });
      const [x] = await db.insert(enrollments).values({ studentId: s.id, cohortId, status: "ENROLLED" }).returning({ id: enrollments.id });
      return x.id;
    };
    e.push(await enrol(jp.cohortId));
    ed = await buildEducation(db, jp, e[0]); // e0: HOST1 75, TEACH1 4 (factory)
    for (let i = 1; i <= 9; i++) e.push(await enrol(jp.cohortId, i === 9 ? jp.outsider : jp.partner));
    // The factory's cohort is of the current academic year (Y); this one of the next.
    Y = ed.calendar.academicYear;
    const [c] = await db.insert(cohorts).values({ programId: jp.programId, intakeYear: Y + 1, name: `${Y + 1}`, capacity: 10, startDate: `${Y + 1}-09-01`, expectedGraduation: `${Y + 6}-07-01`, curriculumId: ed.curriculumId }).returning({ id: cohorts.id });
    cohort2 = c.id;
    for (let i = 0; i < 3; i++) c2.push(await enrol(cohort2));
    const [o2] = await db.insert(offerings).values({ unitId: ed.units.host, termId: ed.terms.host, cohortId: cohort2, academicYear: Y }).returning({ id: offerings.id });
    const [t27] = await db.insert(academicTerms).values({ institutionId: ed.teacher, name: `${academicYearLabel(Y + 1)} autumn`, academicYear: Y + 1, startDate: `${Y + 1}-09-01`, endDate: `${Y + 2}-01-20` }).returning({ id: academicTerms.id });
    const [o3] = await db.insert(offerings).values({ unitId: ed.units.teacher, termId: t27.id, cohortId: cohort2, academicYear: Y + 1 }).returning({ id: offerings.id });

    const row = (enrollmentId: number, offeringId: number, unit: "host" | "teacher", grade: string, attempt = 1) => {
      const passed = unit === "host" ? Number(grade) >= 60 : Number(grade) >= 3;
      return { enrollmentId, offeringId, unitId: ed.units[unit], attempt, grade, passed, creditsEarned: passed ? 10 : 0, assessedOn: ed.assessedOn.result, enteredBy: "test" };
    };
    const host = (i: number, grade: string, attempt = 1) => row(e[i], ed.offerings.host, "host", grade, attempt);
    const teach = (i: number, grade: string) => row(e[i], ed.offerings.teacher, "teacher", grade);
    const results = await db
      .insert(courseResults)
      .values([
        host(1, "95"), host(2, "91"), host(3, "82"), host(4, "64"), host(5, "40"), host(6, "55"), host(6, "70", 2), host(7, "30"),
        teach(1, "4"), teach(2, "4"), teach(3, "4"), teach(4, "4"), teach(5, "2"), teach(6, "2"), teach(7, "2"), teach(8, "2"), teach(9, "2"),
        row(c2[0], o2.id, "host", "80"), row(c2[1], o2.id, "host", "50"), row(c2[2], o2.id, "host", "66"),
        row(c2[0], o3.id, "teacher", "5"),
      ])
      .returning({ id: courseResults.id, enrollmentId: courseResults.enrollmentId, unitId: courseResults.unitId, passed: courseResults.passed });
    // The host recognised TEACH1 for the five who passed it in Y (e0 with the factory's result) and one in Y + 1.
    const passedTeach = results.filter((r) => r.unitId === ed.units.teacher && r.passed);
    await db.insert(recognitions).values(
      [{ id: ed.resultId, enrollmentId: e[0] }, ...passedTeach].map((r) => ({ enrollmentId: r.enrollmentId, unitId: ed.units.teacher, resultId: r.id, status: "RECOGNISED" as const, convertedGrade: "78", creditsRecognised: 10, decidedBy: "test" })),
    );
  });

  const reader = () => jp.as.hostAdmin;
  const teacherAdmin = (): Viewer => ({ subject: "rep-teacher", role: "INSTITUTION_ADMIN", institutionId: ed.teacher });

  it("pass rate and grade distribution per unit, cohort and term: exact for a caller who may read the results", async () => {
    const r = await api().run(UNIT_RESULTS, { p: jp.ids.program }, reader());
    expect(r.errors).toBeUndefined();
    const rows = r.data.unitResults;
    const of = (code: string, year: number) => rows.find((x: any) => x.unit.code === code && x.cohort.intakeYear === year);
    expect(rows).toHaveLength(4);
    expect(of("HOST1", Y)).toEqual({
      unit: { code: "HOST1" }, cohort: { intakeYear: Y }, term: { name: ed.termName }, students: 8, passed: 6, failed: 2, passRate: 0.75, suppressed: false,
      // the resit's 70 counts, not the first sitting's 55
      grades: [{ grade: "30–40", students: 1 }, { grade: "40–50", students: 1 }, { grade: "60–70", students: 1 }, { grade: "70–80", students: 2 }, { grade: "80–90", students: 1 }, { grade: "90–100", students: 2 }],
    });
    expect(of("TEACH1", Y)).toMatchObject({ students: 10, passed: 5, failed: 5, passRate: 0.5, grades: [{ grade: "2", students: 5 }, { grade: "4", students: 5 }] });
    expect(of("HOST1", Y + 1)).toMatchObject({ students: 3, passed: 2, failed: 1, suppressed: false });
    expect(of("TEACH1", Y + 1)).toMatchObject({ students: 1, passed: 1 });
    // The teaching institution reads the results of its own units: those rows exact; the host's unit's rows are the
    // public ones (over all students, small counts withheld), never a smaller or missing row.
    const t = await api().run(UNIT_RESULTS, { p: jp.ids.program }, teacherAdmin());
    expect(t.data.unitResults.map((x: any) => [x.unit.code, x.cohort.intakeYear, x.students, x.passed, x.suppressed])).toEqual(
      rows.map((x: any) => [x.unit.code, x.cohort.intakeYear, ...(x.unit.code === "TEACH1" ? [x.students, x.passed, false] : x.cohort.intakeYear === Y ? [8, null, true] : [null, null, true])]),
    );
  });

  it("a signed-in caller who may read none or only some of the results gets the public figures over all students, never fewer or none", async () => {
    const anon = (await api().run(UNIT_RESULTS, { p: jp.ids.program }, null)).data.unitResults;
    expect(anon).toHaveLength(4);
    // An admin of an institution with no student here, and the outsider (one of TEACH1's ten, e9): the anonymous answer.
    const [none] = await api().database.db.insert(institutions).values({ slug: `none-${Date.now()}`, kind: "UNIVERSITY", countryCode: "KZ", nameEn: "Unrelated University" }).returning({ id: institutions.id });
    for (const v of [{ subject: "none-admin", role: "INSTITUTION_ADMIN", institutionId: none.id } as Viewer, jp.as.outsiderAdmin, jp.as.outsiderRegistrar]) {
      const r = await api().run(UNIT_RESULTS, { p: jp.ids.program }, v);
      expect(r.errors, v.subject).toBeUndefined();
      expect(r.data.unitResults, v.subject).toEqual(anon);
    }
    // The partner's registrar reads 9 of TEACH1's 10: the public row (not 9); HOST1's 8 are all its students': exact.
    const p = (await api().run(UNIT_RESULTS, { p: jp.ids.program }, jp.as.partnerRegistrar)).data.unitResults;
    const of = (rows: any[], code: string, year: number) => rows.find((x: any) => x.unit.code === code && x.cohort.intakeYear === year);
    expect(of(p, "TEACH1", Y)).toEqual(of(anon, "TEACH1", Y));
    expect(of(p, "HOST1", Y)).toMatchObject({ students: 8, passed: 6, failed: 2, suppressed: false });
    // Credit standing: the outsider reads e9 only; the counts are the public ones (11, 6 at risk), its one row beside them.
    for (const v of [jp.as.outsiderAdmin, jp.as.outsiderRegistrar]) {
      const s = (await api().run(STANDING, { c: jp.ids.cohort }, v)).data.creditStanding;
      expect(s, v.subject).toMatchObject({ students: 11, atRisk: 6, suppressed: false });
      expect(s.rows.map((x: any) => [x.enrollment.id, x.atRisk]), v.subject).toEqual([[toGlobalId("Enrollment", e[9]), true]]);
    }
    const noneStanding = (await api().run(STANDING, { c: jp.ids.cohort }, { subject: "none-admin", role: "INSTITUTION_ADMIN", institutionId: none.id })).data.creditStanding;
    expect(noneStanding).toEqual({ yearOfStudy: 1, students: 11, atRisk: 6, suppressed: false, rows: [] });
    // Recognised credits: the public rows for a caller that reads none; narrowed by program, a row it may not read whole is withheld.
    const pub = (await api().run(RECOGNISED, { f: { yearFrom: Y, yearTo: Y + 1 } }, null)).data.recognisedCredits;
    expect((await api().run(RECOGNISED, { f: { yearFrom: Y, yearTo: Y + 1 } }, { subject: "none-admin", role: "INSTITUTION_ADMIN", institutionId: none.id })).data.recognisedCredits).toEqual(pub);
    const narrowed = await api().run(RECOGNISED, { f: { programId: jp.ids.program } }, jp.as.outsiderAdmin);
    expect(narrowed.data.recognisedCredits.filter((x: any) => x.partner.id === ed.ids.teacher)).toEqual([
      { partner: { id: ed.ids.teacher }, academicYear: Y, students: null, units: null, recognitions: null, credits: null, suppressed: true },
      { partner: { id: ed.ids.teacher }, academicYear: Y + 1, students: null, units: null, recognitions: null, credits: null, suppressed: true },
    ]);
  });

  it("withholds small groups, and what a total would give back, from callers who may not read the results", async () => {
    for (const v of [null, jp.as.researchOffice, jp.as.coordinator, jp.as.outsiderAdmin]) {
      const r = await api().run(UNIT_RESULTS, { p: jp.ids.program }, v);
      expect(r.errors).toBeUndefined();
      const of = (code: string, year: number) => r.data.unitResults.find((x: any) => x.unit.code === code && x.cohort.intakeYear === year);
      // 10 students, 5 and 5, two grades of 5: nothing small.
      expect(of("TEACH1", Y)).toMatchObject({ students: 10, passed: 5, failed: 5, passRate: 0.5, grades: [{ grade: "2", students: 5 }, { grade: "4", students: 5 }], suppressed: false });
      // 8 students but 2 failed and bands of 1 or 2: the split and the distribution withheld, the total shown.
      expect(of("HOST1", Y)).toMatchObject({ students: 8, passed: null, failed: null, passRate: null, grades: null, suppressed: true });
      expect(of("HOST1", Y + 1)).toMatchObject({ students: null, passed: null, grades: null, suppressed: true });
    }
  });

  it("credits per student against the year's rule: rows for those who may read the students, counts for anyone else", async () => {
    const c = jp.ids.cohort;
    const r = await api().run(STANDING, { c }, reader());
    expect(r.errors).toBeUndefined();
    const s = r.data.creditStanding;
    // 10 with results and the factory's fresh student, who has none
    expect(s).toMatchObject({ yearOfStudy: 1, students: 11, atRisk: 6, suppressed: false });
    const byId = Object.fromEntries(s.rows.map((x: any) => [x.enrollment.id, x]));
    expect(byId[toGlobalId("Enrollment", e[0])]).toMatchObject({ creditsEarned: 20, creditsShort: 0, missingUnits: [], atRisk: false });
    expect(byId[toGlobalId("Enrollment", e[6])]).toMatchObject({ creditsEarned: 10, creditsShort: 10, missingUnits: ["TEACH1"], atRisk: true });
    expect(byId[toGlobalId("Enrollment", e[8])]).toMatchObject({ creditsEarned: 0, creditsShort: 20, missingUnits: ["HOST1", "TEACH1"], atRisk: true });
    // The partner's registrar reads 10 of the 11 (not e9): the counts over all, its own rows at risk (5; e9 is the sixth).
    const risky = await api().run(STANDING, { c, risk: true }, jp.as.partnerRegistrar);
    expect(risky.data.creditStanding).toMatchObject({ students: 11, atRisk: 6 });
    expect(risky.data.creditStanding.rows.map((x: any) => x.atRisk)).toEqual([true, true, true, true, true]);
    // Anyone else: counts (11, 6 at risk and 5 not: shown), no rows; the Y + 1 cohort's 3 are withheld.
    const anon = await api().run(STANDING, { c }, null);
    expect(anon.data.creditStanding).toEqual({ yearOfStudy: 1, students: 11, atRisk: 6, suppressed: false, rows: null });
    const small = await api().run(STANDING, { c: toGlobalId("Cohort", cohort2) }, jp.as.coordinator);
    expect(small.data.creditStanding).toEqual({ yearOfStudy: 1, students: null, atRisk: null, suppressed: true, rows: null });
    expect((await api().run(STANDING, { c: toGlobalId("Cohort", cohort2) }, reader())).data.creditStanding).toMatchObject({ students: 3, atRisk: 2 }); // one passed both units
    const narrowing = await api().run(STANDING, { c, risk: true }, null);
    expect(narrowing.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", field: "onlyAtRisk" });
    // A year of study of the five-year program: its last is asked (no one in it yet); none past it, nor below 1, for anyone.
    const YEAR = `query($c: ID!, $y: Int) { creditStanding(cohortId: $c, yearOfStudy: $y) { yearOfStudy students suppressed } }`;
    const fifth = await api().run(YEAR, { c, y: 5 }, reader());
    expect(fifth.data.creditStanding).toEqual({ yearOfStudy: 5, students: 0, suppressed: false });
    for (const [y, v] of [[6, reader()], [6, null], [10, reader()], [0, reader()], [-1, null]] as const) {
      const bad = await api().run(YEAR, { c, y }, v);
      expect(bad.errors?.[0].extensions, `${y}`).toMatchObject({ code: "BAD_USER_INPUT", field: "yearOfStudy" });
      if (y === 6) expect(bad.errors?.[0].message).toContain("1 to 5");
    }
  });

  it("credit standing: the public seatsTaken less the students counted never gives back a small group (those on leave)", async () => {
    const db = api().database.db;
    const c = jp.ids.cohort;
    const [before] = await db.select({ seats: cohorts.seatsTaken }).from(cohorts).where(eq(cohorts.id, jp.cohortId));
    const seats = (n: number) => db.update(cohorts).set({ seatsTaken: n }).where(eq(cohorts.id, jp.cohortId));
    try {
      // 11 ENROLLED counted; 2 more seats taken (on leave): 13 - 11 would tell anyone that 2 are on leave.
      await seats(13);
      expect((await api().run(STANDING, { c }, null)).data.creditStanding).toEqual({ yearOfStudy: 1, students: null, atRisk: null, suppressed: true, rows: null });
      // Those who may read the students still get them all.
      expect((await api().run(STANDING, { c }, reader())).data.creditStanding).toMatchObject({ students: 11, atRisk: 6, suppressed: false });
      // A difference of 5 or more (or none) withholds nothing.
      for (const n of [11, 16]) {
        await seats(n);
        expect((await api().run(STANDING, { c }, null)).data.creditStanding).toMatchObject({ students: 11, atRisk: 6, suppressed: false });
      }
    } finally {
      await seats(before.seats);
    }
  });

  it("recognised credits per partner and year, small groups withheld from callers who may not read them", async () => {
    const mine = { partnerId: ed.ids.teacher, programId: jp.ids.program };
    const r = await api().run(RECOGNISED, { f: mine }, reader());
    expect(r.errors).toBeUndefined();
    // One unit (TEACH1) recognised for five students: one unit, five recognitions.
    expect(r.data.recognisedCredits).toEqual([
      { partner: { id: ed.ids.teacher }, academicYear: Y, students: 5, units: 1, recognitions: 5, credits: 50, suppressed: false },
      { partner: { id: ed.ids.teacher }, academicYear: Y + 1, students: 1, units: 1, recognitions: 1, credits: 10, suppressed: false },
    ]);
    const anon = await api().run(RECOGNISED, { f: { yearFrom: Y, yearTo: Y + 1 } }, null);
    const rows = anon.data.recognisedCredits.filter((x: any) => x.partner.id === ed.ids.teacher);
    expect(rows).toEqual([
      { partner: { id: ed.ids.teacher }, academicYear: Y, students: 5, units: 1, recognitions: 5, credits: 50, suppressed: false },
      { partner: { id: ed.ids.teacher }, academicYear: Y + 1, students: null, units: null, recognitions: null, credits: null, suppressed: true },
    ]);
    const narrowing = await api().run(RECOGNISED, { f: mine }, jp.as.researchOffice);
    expect(narrowing.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", field: "filter.partnerId" });
    const [row] = await api().database.db.select({ n: recognitions.id }).from(recognitions).where(eq(recognitions.enrollmentId, e[0]));
    expect(row).toBeDefined();
  });
});
