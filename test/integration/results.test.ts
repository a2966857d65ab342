import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog, cohorts, courseResults, courseUnits, offerings, recognitions, resultCorrections } from "../../src/db/schema.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { decodeGlobalId, toGlobalId } from "../../src/shared/global-id.js";
import { buildEducation, day, type Education } from "../factories/education.js";
import { buildJointProgram, enrollAtPartner, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine, PLATFORM_ADMIN } from "../helpers/engines.js";

const RECORD = `mutation($input: RecordResultInput!) { recordResult(input: $input) { result { id attempt grade passed creditsEarned unit { code } enteredByInstitution { id } } } }`;
const RECORD_MANY = `mutation($input: RecordResultsInput!) { recordResults(input: $input) { written accepted rejected results { row unchanged error { code field message } result { id attempt grade passed } } } }`;
const CORRECT = `mutation($input: CorrectResultInput!) { correctResult(input: $input) { result { grade passed creditsEarned correctedAt corrections { oldGrade newGrade reason correctedBy } } } }`;
const CORRECT_DAY = `mutation($input: CorrectResultInput!) { correctResult(input: $input) { result { attempt grade assessedOn corrections { oldGrade newGrade oldAssessedOn newAssessedOn reason } } } }`;

const fromId = (id: string) => Number(decodeGlobalId(id, "id").id);

// Days of the term under way, before today (the factory's terms are relative to today).
const D1 = day(-20);
const D2 = day(-19);
const D3 = day(-7);

describeEachEngine("course results", {}, (api) => {
  let jp: JointProgram;
  let ed: Education;
  let e: string[]; // three ENROLLED students of the partner
  let other: string; // an enrollment of another cohort
  let teacher: Viewer;
  let teacherAdmin: Viewer;
  const count = async () => Number((await api().database.db.select({ n: sql<number>`count(*)::int` }).from(courseResults).where(eq(courseResults.offeringId, ed.offerings.teacher)))[0].n);

  beforeAll(async () => {
    const db = api().database.db;
    jp = await buildJointProgram(db);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const en = await enrollAtPartner(db, jp);
      ids.push(en.id);
    }
    // buildEducation records attempt 1 of the first student at the teacher's unit (grade 4).
    ed = await buildEducation(db, jp, ids[0]);
    e = ids.map((id) => toGlobalId("Enrollment", id));
    const jp2 = await buildJointProgram(db);
    other = toGlobalId("Enrollment", (await enrollAtPartner(db, jp2)).id);
    teacher = { subject: "teacher-registrar", role: "PARTNER_REGISTRAR", institutionId: ed.teacher };
    teacherAdmin = { subject: "teacher-admin", role: "INSTITUTION_ADMIN", institutionId: ed.teacher };
  });

  it("the teaching institution's staff enter a result in the unit's scale; passed and credits follow from it", async () => {
    const r = await api().run(RECORD, { input: { offeringId: ed.ids.offeringTeacher, result: { enrollmentId: e[1], grade: "5", assessedOn: D1 } } }, teacher);
    expect(r.errors).toBeUndefined();
    expect(r.data.recordResult.result).toMatchObject({ attempt: 1, grade: "5", passed: true, creditsEarned: 10, unit: { code: "TEACH1" }, enteredByInstitution: { id: ed.ids.teacher } });
    const bad = await api().run(RECORD, { input: { offeringId: ed.ids.offeringTeacher, result: { enrollmentId: e[2], grade: "87", assessedOn: D1 } } }, teacher);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.result.grade" });
    expect(bad.errors?.[0].message).toMatch(/one of 2, 3, 4, 5/);
    // Not the host's unit, not another institution's staff, not anonymous.
    const hostUnit = await api().run(RECORD, { input: { offeringId: ed.ids.offeringHost, result: { enrollmentId: e[2], grade: "70", assessedOn: D1 } } }, teacher);
    expect(hostUnit.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", field: "input.offeringId" });
    for (const v of [jp.as.hostAdmin, jp.as.partnerRegistrar, jp.as.outsiderAdmin, { ...teacher, role: "RESEARCH_OFFICE" } as Viewer]) {
      const x = await api().run(RECORD, { input: { offeringId: ed.ids.offeringTeacher, result: { enrollmentId: e[2], grade: "4", assessedOn: D1 } } }, v);
      expect(x.errors?.[0].extensions?.code, v.subject).toBe("FORBIDDEN");
    }
    const anon = await api().run(RECORD, { input: { offeringId: ed.ids.offeringTeacher, result: { enrollmentId: e[2], grade: "4", assessedOn: D1 } } }, null);
    expect(anon.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const host = await api().run(RECORD, { input: { offeringId: ed.ids.offeringHost, result: { enrollmentId: e[2], grade: "58.5", assessedOn: D2 } } }, jp.as.hostAdmin);
    expect(host.data.recordResult.result).toMatchObject({ grade: "58.5", passed: false, creditsEarned: 0 });
    // The host teaches this unit: the change's audience is the home and the host, each once.
    const [rec] = await api().database.db.select({ to: auditLog.visibleTo }).from(auditLog).where(and(eq(auditLog.action, "result.record"), eq(auditLog.entityId, fromId(host.data.recordResult.result.id))));
    expect(rec.to).toEqual([jp.host, jp.partner].sort((a, b) => a - b));
  });

  it("bulk CSV: every row checked first, each refusal named; all or nothing; the same rows again write nothing", async () => {
    const before = await count();
    const bad = [
      "enrollment_id,attempt,grade,assessed_on",
      `${e[2]},1,2,${D1}`, // fine
      `${e[2]},1,3,${D1}`, // the same attempt twice
      `${e[1]},2,3,${D3}`, // a resit after a pass
      `${e[0]},3,3,${D3}`, // attempt 2 missing
      `${other},1,4,${D1}`, // another cohort's student
      `${e[1]},1,4,${D1}`, // attempt 1 is recorded as 5
      `${e[2]},2,6,${D1}`, // not a grade of the scale
      `${e[2]},2,4,2026-13-01`, // not a date
      `RW5yb2xsbWVudA,1,4,${D1}`, // not an id
      `${e[2]},2,4,2999-01-01`, // in the future
    ].join("\n");
    const r = await api().run(RECORD_MANY, { input: { offeringId: ed.ids.offeringTeacher, csv: bad } }, teacher);
    expect(r.errors).toBeUndefined();
    const out = r.data.recordResults;
    expect(out).toMatchObject({ written: false, accepted: 1, rejected: 9 });
    expect(out.results.map((x: any) => x.error && [x.error.code, x.error.field])).toEqual([
      null,
      ["CONFLICT", "csv[1].attempt"],
      ["CONFLICT", "csv[2].attempt"],
      ["BAD_USER_INPUT", "csv[3].attempt"],
      ["BAD_USER_INPUT", "csv[4].enrollment_id"],
      ["CONFLICT", "csv[5].grade"],
      ["BAD_USER_INPUT", "csv[6].grade"],
      ["BAD_USER_INPUT", "csv[7].assessed_on"],
      ["BAD_USER_INPUT", "csv[8].enrollment_id"],
      ["BAD_USER_INPUT", "csv[9].assessed_on"],
    ]);
    expect(await count()).toBe(before);

    // A fail and its resit in one request, and a row already recorded (unchanged).
    const good = ["enrollment_id,attempt,grade,assessed_on", `${e[2]},1,2,${D1}`, `${e[2]},2,3,${D3}`, `${e[1]},,5,${D1}`].join("\n");
    const ok = await api().run(RECORD_MANY, { input: { offeringId: ed.ids.offeringTeacher, csv: good, idempotencyKey: "results-1" } }, teacher);
    expect(ok.data.recordResults).toMatchObject({ written: true, accepted: 3, rejected: 0 });
    expect(ok.data.recordResults.results.map((x: any) => [x.unchanged, x.result.attempt, x.result.grade, x.result.passed])).toEqual([
      [false, 1, "2", false],
      [false, 2, "3", true],
      [true, 1, "5", true],
    ]);
    expect(await count()).toBe(before + 2);
    // Each written result audited once, for the feeds of the student's home, the host and the teaching institution.
    const written = ok.data.recordResults.results.filter((x: any) => !x.unchanged).map((x: any) => fromId(x.result.id));
    const audits = await api().database.db.select({ id: auditLog.entityId, to: auditLog.visibleTo, after: auditLog.after }).from(auditLog).where(and(eq(auditLog.action, "result.record"), inArray(auditLog.entityId, written)));
    expect(audits.map((a) => a.id).sort()).toEqual([...written].sort());
    for (const a of audits) expect(a.to).toEqual([jp.host, jp.partner, ed.teacher].sort((x, y) => x - y));
    expect(audits.map((a) => a.after).sort((x: any, y: any) => x.attempt - y.attempt)).toMatchObject([
      { attempt: 1, grade: "2", passed: false, creditsEarned: 0, assessedOn: D1 },
      { attempt: 2, grade: "3", passed: true, creditsEarned: 10, assessedOn: D3 },
    ]);
    // The same key: the first answer, nothing written; the same rows without a key: all unchanged.
    const replay = await api().run(RECORD_MANY, { input: { offeringId: ed.ids.offeringTeacher, csv: good, idempotencyKey: "results-1" } }, teacher);
    expect(replay.data.recordResults.results.map((x: any) => x.unchanged)).toEqual([false, false, true]);
    const again = await api().run(RECORD_MANY, { input: { offeringId: ed.ids.offeringTeacher, csv: good } }, teacher);
    expect(again.data.recordResults.results.map((x: any) => x.unchanged)).toEqual([true, true, true]);
    // Every row already recorded: accepted, and nothing written.
    expect(again.data.recordResults).toMatchObject({ written: false, accepted: 3, rejected: 0 });
    expect(await count()).toBe(before + 2);
    // A recorded attempt (e[1]'s first: 5 on D1) given otherwise: CONFLICT naming the field that differs (the grade when both do).
    const differing = await api().run(RECORD_MANY, {
      input: { offeringId: ed.ids.offeringTeacher, results: [
        { enrollmentId: e[1], attempt: 1, grade: "5", assessedOn: D2 },
        { enrollmentId: e[2], attempt: 1, grade: "3", assessedOn: D1 },
        { enrollmentId: e[2], attempt: 2, grade: "4", assessedOn: D2 },
      ] },
    }, teacher);
    expect(differing.data.recordResults.results.map((x: any) => x.error && [x.error.code, x.error.field])).toEqual([
      ["CONFLICT", "results[0].assessedOn"],
      ["CONFLICT", "results[1].grade"],
      ["CONFLICT", "results[2].grade"],
    ]);
    const oneDay = await api().run(RECORD, { input: { offeringId: ed.ids.offeringTeacher, result: { enrollmentId: e[1], grade: "5", assessedOn: D2 } } }, teacher);
    expect(oneDay.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.result.assessedOn" });
    expect(await count()).toBe(before + 2);
    const header = await api().run(RECORD_MANY, { input: { offeringId: ed.ids.offeringTeacher, csv: "student,grade\nx,1" } }, teacher);
    expect(header.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.csv" });
  });

  it("results are visible to the home, the host and the teaching institution (its own units), never to others", async () => {
    const Q = `query($e: ID!) { enrollment(id: $e) { results { grade unit { code } } } }`;
    const list = `{ courseResults(first: 50) { totalCount nodes { grade unit { code } } } }`;
    const host = await api().run(Q, { e: e[2] }, jp.as.hostAdmin);
    expect(host.data.enrollment.results.map((r: any) => r.unit.code)).toEqual(["HOST1", "TEACH1", "TEACH1"].slice(host.data.enrollment.results.length === 2 ? 1 : 0));
    const home = await api().run(Q, { e: e[2] }, jp.as.partnerRegistrar);
    expect(home.data.enrollment.results).toEqual(host.data.enrollment.results);
    // The teacher cannot read the enrollment, but reads its own unit's results (not the host's unit's).
    const t = await api().run(list, {}, teacher);
    expect(new Set(t.data.courseResults.nodes.map((r: any) => r.unit.code))).toEqual(new Set(["TEACH1"]));
    const tr = await api().run(`query($o: ID!) { node(id: $o) { ... on Offering { results { grade enrollment { id } } } } }`, { o: ed.ids.offeringHost }, teacher);
    expect(tr.data.node.results).toEqual([]);
    const own = await api().run(`query($o: ID!) { node(id: $o) { ... on Offering { results { grade enrollment { id } } } } }`, { o: ed.ids.offeringTeacher }, teacher);
    expect(own.data.node.results.length).toBeGreaterThan(0);
    expect(own.data.node.results.every((r: any) => r.enrollment === null)).toBe(true); // not the teacher's to read
    for (const v of [jp.as.outsiderAdmin, jp.as.outsiderRegistrar]) {
      const x = await api().run(list, {}, v);
      expect(x.data.courseResults.totalCount, v.subject).toBe(0);
      const y = await api().run(`query($id: ID!) { courseResult(id: $id) { grade } }`, { id: ed.ids.result }, v);
      expect(y.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    }
    for (const v of [jp.as.researchOffice, jp.as.coordinator]) expect((await api().run(list, {}, v)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await api().run(list, {}, null)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await api().run(`query($id: ID!) { node(id: $id) { id } }`, { id: ed.ids.result }, null)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("who entered a result is shown to staff of the institution that entered it and to platform admins only", async () => {
    const Q = `query($id: ID!) { courseResult(id: $id) { enteredBy enteredByInstitution { id } } }`;
    // The teacher's staff entered ed.result: its own staff and platform admins see who; the host and the home do not.
    for (const v of [teacher, teacherAdmin, PLATFORM_ADMIN]) {
      const r = await api().run(Q, { id: ed.ids.result }, v);
      expect(r.errors, v.subject).toBeUndefined();
      expect(r.data.courseResult, v.subject).toEqual({ enteredBy: "factory", enteredByInstitution: { id: ed.ids.teacher } });
    }
    for (const v of [jp.as.hostAdmin, jp.as.partnerRegistrar]) {
      const r = await api().run(Q, { id: ed.ids.result }, v);
      expect(r.data.courseResult, v.subject).toEqual({ enteredBy: null, enteredByInstitution: { id: ed.ids.teacher } });
      expect(r.errors?.[0], v.subject).toMatchObject({ path: ["courseResult", "enteredBy"], extensions: { code: "FORBIDDEN" } });
    }
    // The host entered its own unit's result: its admin sees who, the home's registrar does not.
    expect((await api().run(Q, { id: ed.ids.hostResult }, jp.as.hostAdmin)).data.courseResult.enteredBy).toBe("factory");
    expect((await api().run(Q, { id: ed.ids.hostResult }, jp.as.partnerRegistrar)).data.courseResult.enteredBy).toBeNull();
    // Every path, the same rule: the home reads its student's results with none of the entering accounts.
    const list = await api().run(`query($e: ID!) { enrollment(id: $e) { results { enteredBy } } }`, { e: e[0] }, jp.as.partnerRegistrar);
    expect(list.data.enrollment.results.length).toBeGreaterThan(0);
    expect(list.data.enrollment.results.every((r: any) => r.enteredBy === null)).toBe(true);
    const own = await api().run(`{ courseResults(first: 50) { nodes { enteredBy enteredByInstitution { id } } } }`, {}, teacher);
    expect(own.errors).toBeUndefined();
    expect(own.data.courseResults.nodes.every((r: any) => r.enteredBy !== null && r.enteredByInstitution.id === ed.ids.teacher)).toBe(true);
  });

  it("a result's day is in its offering's term or the resit session after it (120 days), never before the term or in the future", async () => {
    const db = api().database.db;
    // The spring term may be of the current term's academic year, in which TEACH1 is offered already (once a
    // year): another unit of the teacher's is offered in it.
    const [teach2] = await db
      .insert(courseUnits)
      .values({ curriculumId: ed.curriculumId, code: "TEACH2", titleEn: "TEACH2 unit", yearOfStudy: 1, term: 2, ectsCredits: 5, creditHours: 10, compulsory: false, language: "ru", teachingInstitutionId: ed.teacher, gradeScaleId: ed.scales.uz5 })
      .returning({ id: courseUnits.id });
    const [spring, past] = await db
      .insert(offerings)
      .values([
        { unitId: teach2.id, termId: ed.terms.teacherSpring, cohortId: jp.cohortId, academicYear: ed.calendar.future.academicYear },
        { unitId: ed.units.teacher, termId: ed.terms.teacherPast, cohortId: jp.cohortId, academicYear: ed.calendar.past.academicYear },
      ])
      .returning({ id: offerings.id });
    const fresh = ed.ids.freshEnrollment;
    const before = await count();
    const { current, future, past: ended } = ed.calendar;
    // The day before the teacher's current term starts, and long before.
    for (const d of ["2001-01-01", day(-91)]) {
      const r = await api().run(RECORD, { input: { offeringId: ed.ids.offeringTeacher, result: { enrollmentId: fresh, grade: "4", assessedOn: d } } }, teacher);
      expect(r.errors?.[0].extensions, d).toMatchObject({ code: "BAD_USER_INPUT", field: "input.result.assessedOn" });
      expect(r.errors?.[0].message, d).toContain(current.start);
    }
    // The spring term has not started (in 75 days): today is before it.
    const early = await api().run(RECORD, { input: { offeringId: toGlobalId("Offering", spring.id), result: { enrollmentId: fresh, grade: "4", assessedOn: day(0) } } }, teacher);
    expect(early.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.result.assessedOn" });
    expect(early.errors?.[0].message).toContain(future.start);
    expect(await count()).toBe(before);
    // The ended term (300 to 160 days ago): a fail at its end and a resit up to 120 days after (40 days ago); not the day before it, not 121 days after.
    expect([ended.start, ended.end]).toEqual([day(-300), day(-160)]);
    const pastId = toGlobalId("Offering", past.id);
    const csv = (rows: string[]) => ["enrollment_id,attempt,grade,assessed_on", ...rows].join("\n");
    // The ended term is before the cohort's start (the factory's cohort starts with the current term): no result
    // is dated before the cohort exists, whatever the offering's term.
    const beforeCohort = await api().run(RECORD_MANY, { input: { offeringId: pastId, csv: csv([`${fresh},1,2,${day(-160)}`]) } }, teacher);
    expect(beforeCohort.data.recordResults.results[0].error).toMatchObject({ code: "BAD_USER_INPUT", field: "csv[0].assessed_on" });
    expect(beforeCohort.data.recordResults.results[0].error.message).toContain(`cohort's start (${current.start})`);
    // From here the cohort starts with the ended term (its academic year's intake).
    await db.update(cohorts).set({ startDate: ended.start, intakeYear: ended.academicYear }).where(eq(cohorts.id, jp.cohortId));
    const bad = await api().run(RECORD_MANY, { input: { offeringId: pastId, csv: csv([`${fresh},1,2,${day(-301)}`, `${fresh},2,3,${day(-39)}`]) } }, teacher);
    expect(bad.data.recordResults).toMatchObject({ written: false, rejected: 2 });
    expect(bad.data.recordResults.results.map((x: any) => [x.error.code, x.error.field])).toEqual([["BAD_USER_INPUT", "csv[0].assessed_on"], ["BAD_USER_INPUT", "csv[1].assessed_on"]]);
    // Attempts are in date order: a resit dated before (or on) the failed sitting it follows is refused, in the same
    // request and against the one recorded.
    const backwards = await api().run(RECORD_MANY, { input: { offeringId: pastId, csv: csv([`${fresh},1,2,${day(-160)}`, `${fresh},2,3,${day(-170)}`]) } }, teacher);
    expect(backwards.data.recordResults).toMatchObject({ written: false, accepted: 1, rejected: 1 });
    expect(backwards.data.recordResults.results[1].error).toMatchObject({ code: "BAD_USER_INPUT", field: "csv[1].assessed_on" });
    expect(backwards.data.recordResults.results[1].error.message).toContain(`attempt 1's day (${day(-160)})`);
    const first = await api().run(RECORD_MANY, { input: { offeringId: pastId, csv: csv([`${fresh},1,2,${day(-160)}`]) } }, teacher);
    expect(first.data.recordResults).toMatchObject({ written: true, accepted: 1 });
    for (const d of [day(-200), day(-160)]) {
      const r = await api().run(RECORD, { input: { offeringId: pastId, result: { enrollmentId: fresh, attempt: 2, grade: "3", assessedOn: d } } }, teacher);
      expect(r.errors?.[0].extensions, d).toMatchObject({ code: "BAD_USER_INPUT", field: "input.result.assessedOn" });
    }
    const ok = await api().run(RECORD_MANY, { input: { offeringId: pastId, csv: csv([`${fresh},1,2,${day(-160)}`, `${fresh},2,3,${day(-40)}`]) } }, teacher);
    expect(ok.data.recordResults).toMatchObject({ written: true, accepted: 2, rejected: 0 });
    expect(ok.data.recordResults.results.map((x: any) => x.unchanged)).toEqual([true, false]);
    const list = await api().run(RECORD_MANY, { input: { offeringId: pastId, results: [{ enrollmentId: e[0], attempt: 2, grade: "3", assessedOn: day(-301) }] } }, teacher);
    expect(list.data.recordResults.results[0].error).toMatchObject({ code: "BAD_USER_INPUT", field: "results[0].assessedOn" });
  });

  it("a term is closed from its end date on; a closed term takes no new result; a correction with a reason changes one and keeps the old value", async () => {
    const CLOSE = `mutation($input: CloseAcademicTermInput!) { closeAcademicTerm(input: $input) { term { closedAt } } }`;
    // Neither a term under way (ends in 45 days) nor one not started (in 75 days): nothing would reopen them.
    for (const termId of [ed.ids.termTeacher, ed.ids.termTeacherSpring]) {
      const early = await api().run(CLOSE, { input: { termId } }, teacherAdmin);
      expect(early.errors?.[0].extensions, termId).toMatchObject({ code: "CONFLICT", field: "input.termId" });
    }
    expect((await api().run(CLOSE, { input: { termId: ed.ids.termTeacher } }, teacherAdmin)).errors?.[0].message).toContain(ed.calendar.current.end);
    const close = await api().run(CLOSE, { input: { termId: ed.ids.termTeacherPast } }, teacherAdmin);
    expect(close.errors).toBeUndefined();
    expect(close.data.closeAcademicTerm.term.closedAt).not.toBeNull();
    const pastOffering = toGlobalId("Offering", (await api().database.db.select({ id: offerings.id }).from(offerings).where(eq(offerings.termId, ed.terms.teacherPast)))[0].id);
    const late = await api().run(RECORD, { input: { offeringId: pastOffering, result: { enrollmentId: e[0], attempt: 2, grade: "4", assessedOn: day(-170) } } }, teacher);
    expect(late.errors?.[0].extensions).toMatchObject({ code: "TERM_CLOSED", field: "input.offeringId" });
    const noReason = await api().run(CORRECT, { input: { resultId: ed.ids.result, grade: "2", reason: "" } }, teacher);
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
    // Invisible characters are no reason (zero-width spaces, a word joiner): fewer than three that show.
    for (const reason of ["\u200b\u200b\u200b", "ok\u2060\u200b", " \ufeff\u200b x "]) {
      const invisible = await api().run(CORRECT, { input: { resultId: ed.ids.result, grade: "2", reason } }, teacher);
      expect(invisible.errors?.[0].extensions, JSON.stringify(reason)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
    }
    const notTeacher = await api().run(CORRECT, { input: { resultId: ed.ids.result, grade: "2", reason: "Marking error" } }, jp.as.hostAdmin);
    expect(notTeacher.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const fixed = await api().run(CORRECT, { input: { resultId: ed.ids.result, grade: "2", reason: "Marking error in question 3" } }, teacher);
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data.correctResult.result).toMatchObject({
      grade: "2", passed: false, creditsEarned: 0,
      corrections: [{ oldGrade: "4", newGrade: "2", reason: "Marking error in question 3", correctedBy: "teacher-registrar" }],
    });
    // Who corrected it, like who entered it: for the entering institution's staff; the host's admin reads the
    // correction without the account (null, FORBIDDEN at its path).
    const seen = await api().run(`query($id: ID!) { courseResult(id: $id) { corrections { newGrade correctedBy } } }`, { id: ed.ids.result }, jp.as.hostAdmin);
    expect(seen.data.courseResult.corrections).toEqual([{ newGrade: "2", correctedBy: null }]);
    expect(seen.errors?.[0]).toMatchObject({ path: ["courseResult", "corrections", 0, "correctedBy"], extensions: { code: "FORBIDDEN" } });
    const same = await api().run(CORRECT, { input: { resultId: ed.ids.result, grade: "2", reason: "again" } }, teacher);
    expect(same.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.grade" });
    // The audit trail holds who, the old and the new value and why.
    const audit = await api().run(`query($id: ID!) { auditLog(filter: { entityId: $id }) { nodes { action actorSubject before after } } }`, { id: ed.ids.result });
    expect(audit.data.auditLog.nodes).toEqual([
      { action: "result.correct", actorSubject: "teacher-registrar", before: { grade: "4", passed: true, creditsEarned: 10 }, after: { grade: "2", passed: false, creditsEarned: 0, reason: "Marking error in question 3" } },
    ]);
    // The change is for the feeds of the home, the host and the teacher only (the feed's rows wait for every older
    // transaction of the cluster, so the row's audience is read, not the feed, which other runs can hold back).
    const [row] = await api().database.db.select({ to: auditLog.visibleTo }).from(auditLog).where(and(eq(auditLog.entityType, "CourseResult"), eq(auditLog.entityId, ed.resultId)));
    expect([...row.to!].sort()).toEqual([jp.partner, jp.host, ed.teacher].sort());
    const feed = async (v: Viewer) => (await api().run(`{ changes(first: 100) { nodes { action entityId } } }`, {}, v)).data.changes.nodes.filter((n: any) => n.entityId === ed.ids.result).length;
    expect(await feed(jp.as.outsiderAdmin)).toBe(0);
  });

  it("a correction may change a result's day: checked as on entry, kept in the corrections and the audit trail; a recognition stays", async () => {
    const db = api().database.db;
    // ed.result: e0's attempt 1 at TEACH1, corrected above to a fail (2), assessed 30 days ago in the term under way.
    const start = ed.calendar.current.start;
    const r1 = ed.ids.result;
    const fix = (resultId: string, over: Record<string, unknown>) => api().run(CORRECT_DAY, { input: { resultId, reason: "Wrong exam date on the sheet", ...over } }, teacher);
    const refused: [Record<string, unknown>, string, string][] = [
      [{ assessedOn: day(3) }, "input.assessedOn", "today"], // the future
      [{ assessedOn: day(-91) }, "input.assessedOn", start], // before the offering's term
      [{ assessedOn: ed.assessedOn.result }, "input.assessedOn", "already recorded"],
      [{}, "input.grade", "assessedOn"], // nothing to correct
      [{ grade: "2" }, "input.grade", "already recorded"],
    ];
    for (const [over, field, text] of refused) {
      const r = await fix(r1, over);
      expect(r.errors?.[0].extensions, JSON.stringify(over)).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect(r.errors?.[0].message, JSON.stringify(over)).toContain(text);
    }
    // A resit (attempt 2, passed) 10 days ago, recognised by the host.
    const resit = await api().run(RECORD, { input: { offeringId: ed.ids.offeringTeacher, result: { enrollmentId: e[0], attempt: 2, grade: "4", assessedOn: day(-10) } } }, teacher);
    expect(resit.errors).toBeUndefined();
    const r2 = resit.data.recordResult.result.id;
    const [rec] = await db.insert(recognitions).values({ enrollmentId: fromId(e[0]), unitId: ed.units.teacher, resultId: fromId(r2), status: "RECOGNISED", convertedGrade: "78", creditsRecognised: 10, decidedBy: "test" }).returning({ id: recognitions.id });
    // Attempts stay in date order: attempt 1 not on or after attempt 2's day, attempt 2 not on or before attempt 1's.
    for (const [id, d, text] of [[r1, day(-10), `attempt 2's day (${day(-10)})`], [r1, day(-5), "attempt 2's day"], [r2, day(-30), `attempt 1's day (${ed.assessedOn.result})`], [r2, day(-31), "attempt 1's day"]] as const) {
      const r = await fix(id, { assessedOn: d });
      expect(r.errors?.[0].extensions, `${id} ${d}`).toMatchObject({ code: "BAD_USER_INPUT", field: "input.assessedOn" });
      expect(r.errors?.[0].message).toContain(text);
    }
    const before = (await db.select({ n: sql<number>`count(*)::int` }).from(resultCorrections))[0].n;
    // The day alone (the grade stays), then both at once.
    const moved = await fix(r1, { assessedOn: day(-25) });
    expect(moved.errors).toBeUndefined();
    expect(moved.data.correctResult.result).toMatchObject({ attempt: 1, grade: "2", assessedOn: day(-25) });
    expect(moved.data.correctResult.result.corrections).toEqual([
      { oldGrade: "4", newGrade: "2", oldAssessedOn: ed.assessedOn.result, newAssessedOn: ed.assessedOn.result, reason: "Marking error in question 3" },
      { oldGrade: "2", newGrade: "2", oldAssessedOn: ed.assessedOn.result, newAssessedOn: day(-25), reason: "Wrong exam date on the sheet" },
    ]);
    const both = await fix(r2, { assessedOn: day(-12) });
    expect(both.data.correctResult.result).toMatchObject({ attempt: 2, grade: "4", assessedOn: day(-12) });
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(resultCorrections))[0].n).toBe(before + 2);
    // The recognition rests on the grade, which a new day leaves as it was: it stays.
    expect(await db.select({ id: recognitions.id }).from(recognitions).where(eq(recognitions.id, rec.id))).toHaveLength(1);
    const audit = await api().run(`query($id: ID!) { auditLog(filter: { entityId: $id }) { nodes { action before after } } }`, { id: r1 });
    expect(audit.data.auditLog.nodes.find((n: any) => n.after.assessedOn)).toEqual({
      action: "result.correct",
      before: { grade: "2", passed: false, creditsEarned: 0, assessedOn: ed.assessedOn.result },
      after: { grade: "2", passed: false, creditsEarned: 0, assessedOn: day(-25), reason: "Wrong exam date on the sheet" },
    });
    // Only the teaching institution's staff correct it.
    expect((await api().run(CORRECT_DAY, { input: { resultId: r1, assessedOn: day(-24), reason: "Wrong exam date" } }, jp.as.hostAdmin)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
