import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agreementParties, agreements, courseUnits, gradeConversions, institutions } from "../../src/db/schema.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildEducation, day, type Education } from "../factories/education.js";
import { buildJointProgram, enrollAtPartner, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine } from "../helpers/engines.js";

const DECIDE = `mutation($input: DecideRecognitionInput!) { decideRecognition(input: $input) { recognition { status convertedGrade creditsRecognised reason unit { code } result { grade } conversion { id } } } }`;
const DECIDE_ID = `mutation($input: DecideRecognitionInput!) { decideRecognition(input: $input) { recognition { id status convertedGrade creditsRecognised } } }`;
const CORRECT = `mutation($input: CorrectResultInput!) { correctResult(input: $input) { result { grade passed } } }`;

describeEachEngine("recognition", {}, (api) => {
  let jp: JointProgram;
  let ed: Education;
  let e: string;
  let foreignUnit: string;
  let sharedUnit: string;
  let sharedUnitId: number;

  beforeAll(async () => {
    const db = api().database.db;
    jp = await buildJointProgram(db);
    const en = await enrollAtPartner(db, jp);
    ed = await buildEducation(db, jp, en.id); // a passed result (4) at the teacher's unit
    e = toGlobalId("Enrollment", en.id);
    // Two units of the curriculum taught by institutions that are not partners of the program: one with an
    // agreement's conversion table shared with the host, one with none.
    const [x, y] = await db
      .insert(institutions)
      .values([
        { slug: `rx-${en.id}`, kind: "UNIVERSITY", countryCode: "KZ", nameEn: "Agreement University" },
        { slug: `ry-${en.id}`, kind: "UNIVERSITY", countryCode: "KZ", nameEn: "Stranger University" },
      ])
      .returning({ id: institutions.id });
    const [a] = await db.insert(agreements).values({ code: `RX-${en.id}`, title: "Credit recognition" }).returning({ id: agreements.id });
    await db.insert(agreementParties).values([
      { agreementId: a.id, institutionId: jp.host, role: "HOST" },
      { agreementId: a.id, institutionId: x.id, role: "PARTNER" },
    ]);
    await db.insert(gradeConversions).values({ fromScaleId: ed.scales.uz5, toScaleId: ed.scales.pct, agreementId: a.id, rows: [{ from: "5", to: "92" }, { from: "4", to: "80" }, { from: "3", to: "66" }] });
    const unit = (code: string, inst: number) => ({ curriculumId: ed.curriculumId, code, titleEn: code, yearOfStudy: 1, term: 2, ectsCredits: 5, creditHours: 10, compulsory: false, language: "ru", teachingInstitutionId: inst, gradeScaleId: ed.scales.uz5 });
    const [ux, uy] = await db.insert(courseUnits).values([unit("AGR1", x.id), unit("STR1", y.id)]).returning({ id: courseUnits.id });
    sharedUnitId = ux.id;
    sharedUnit = toGlobalId("CourseUnit", ux.id);
    foreignUnit = toGlobalId("CourseUnit", uy.id);
    await db.execute(sql`insert into course_results (enrollment_id, offering_id, unit_id, attempt, grade, passed, credits_earned, assessed_on, entered_by)
      values (${en.id}, ${ed.offerings.teacher}, ${ux.id}, 1, '5', true, 5, ${day(-30)}, 'test'), (${en.id}, ${ed.offerings.teacher}, ${uy.id}, 1, '5', true, 5, ${day(-30)}, 'test')`);
  });

  it("the host recognises a joint program partner's unit with the grade converted through the program's table", async () => {
    const r = await api().run(DECIDE, { input: { enrollmentId: e, unitId: ed.ids.unitTeacher, decision: "RECOGNISE" } }, jp.as.hostAdmin);
    expect(r.errors).toBeUndefined();
    expect(r.data.decideRecognition.recognition).toMatchObject({ status: "RECOGNISED", convertedGrade: "78", creditsRecognised: 10, unit: { code: "TEACH1" }, result: { grade: "4" } });
    const twice = await api().run(DECIDE, { input: { enrollmentId: e, unitId: ed.ids.unitTeacher, decision: "RECOGNISE" } }, jp.as.hostAdmin);
    expect(twice.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.unitId" });
    // Read back on the enrollment, by those who read results.
    const q = `query($e: ID!) { enrollment(id: $e) { recognitions { status convertedGrade unit { code } } } }`;
    expect((await api().run(q, { e }, jp.as.partnerRegistrar)).data.enrollment.recognitions).toEqual([{ status: "RECOGNISED", convertedGrade: "78", unit: { code: "TEACH1" } }]);
    const anon = await api().run(`{ gradeConversions { rows { from to } fromScale { kind } } }`, {}, null);
    expect(anon.data.gradeConversions.length).toBeGreaterThan(0);
  });

  it("recognition follows the agreement: a shared agreement's table covers a unit; without one it is refused", async () => {
    const ok = await api().run(DECIDE, { input: { enrollmentId: e, unitId: sharedUnit, decision: "RECOGNISE" } }, jp.as.hostAdmin);
    expect(ok.data.decideRecognition.recognition).toMatchObject({ status: "RECOGNISED", convertedGrade: "92", creditsRecognised: 5 });
    const none = await api().run(DECIDE, { input: { enrollmentId: e, unitId: foreignUnit, decision: "RECOGNISE" } }, jp.as.hostAdmin);
    expect(none.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.unitId" });
    const hostUnit = await api().run(DECIDE, { input: { enrollmentId: e, unitId: ed.ids.unitHost, decision: "RECOGNISE" } }, jp.as.hostAdmin);
    expect(hostUnit.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.unitId" });
  });

  it("a refusal needs a reason; only the host's admins decide", async () => {
    const db = api().database.db;
    const [u] = await db.insert(courseUnits).values({ curriculumId: ed.curriculumId, code: "TEACH2", titleEn: "T2", yearOfStudy: 1, term: 2, ectsCredits: 5, creditHours: 10, compulsory: true, language: "ru", teachingInstitutionId: ed.teacher, gradeScaleId: ed.scales.uz5 }).returning({ id: courseUnits.id });
    const unitId = toGlobalId("CourseUnit", u.id);
    const noReason = await api().run(DECIDE, { input: { enrollmentId: e, unitId, decision: "REFUSE" } }, jp.as.hostAdmin);
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
    const invisible = await api().run(DECIDE, { input: { enrollmentId: e, unitId, decision: "REFUSE", reason: "\u200b\u200b\u200b" } }, jp.as.hostAdmin);
    expect(invisible.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
    const noResult = await api().run(DECIDE, { input: { enrollmentId: e, unitId, decision: "RECOGNISE" } }, jp.as.hostAdmin);
    expect(noResult.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.unitId" });
    for (const v of [jp.as.partnerRegistrar, jp.as.outsiderAdmin, { subject: "t", role: "INSTITUTION_ADMIN" as const, institutionId: ed.teacher }]) {
      const x = await api().run(DECIDE, { input: { enrollmentId: e, unitId, decision: "REFUSE", reason: "Content does not match" } }, v);
      expect(x.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    }
    const refused = await api().run(DECIDE, { input: { enrollmentId: e, unitId, decision: "REFUSE", reason: "Content does not match the host's unit" } }, jp.as.hostAdmin);
    expect(refused.data.decideRecognition.recognition).toMatchObject({ status: "REFUSED", convertedGrade: null, creditsRecognised: 0, reason: "Content does not match the host's unit" });
    const anon = await api().run(DECIDE, { input: { enrollmentId: e, unitId, decision: "REFUSE", reason: "x" } }, null);
    expect(anon.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("a correction of a recognised result withdraws the recognition (audited with the correction's reason): the host decides again; other recognitions stand", async () => {
    const db = api().database.db;
    const fresh = ed.ids.freshEnrollment;
    // The fresh student passes the teacher's unit with a 5 and the shared agreement's unit with a 3; both recognised.
    const [r5] = await db.execute(sql`insert into course_results (enrollment_id, offering_id, unit_id, attempt, grade, passed, credits_earned, assessed_on, entered_by)
      values (${ed.freshEnrollment}, ${ed.offerings.teacher}, ${ed.units.teacher}, 1, '5', true, 10, ${day(-12)}, 'test'), (${ed.freshEnrollment}, ${ed.offerings.teacher}, ${sharedUnitId}, 1, '3', true, 5, ${day(-11)}, 'test')
      returning id`).then((x: any) => (Array.isArray(x) ? x : x.rows));
    const teach = await api().run(DECIDE_ID, { input: { enrollmentId: fresh, unitId: ed.ids.unitTeacher, decision: "RECOGNISE" } }, jp.as.hostAdmin);
    expect(teach.data.decideRecognition.recognition).toMatchObject({ status: "RECOGNISED", convertedGrade: "90", creditsRecognised: 10 });
    const shared = await api().run(DECIDE_ID, { input: { enrollmentId: fresh, unitId: sharedUnit, decision: "RECOGNISE" } }, jp.as.hostAdmin);
    expect(shared.data.decideRecognition.recognition).toMatchObject({ status: "RECOGNISED", convertedGrade: "66", creditsRecognised: 5 });
    const READ = `query($e: ID!) { transcript(enrollmentId: $e) { totals { creditsRecognised } } enrollment(id: $e) { recognitions { status convertedGrade creditsRecognised unit { code } result { passed } } } }`;
    expect((await api().run(READ, { e: fresh }, jp.as.hostAdmin)).data.transcript.totals.creditsRecognised).toBe(15);

    // The teaching institution's registrar corrects the 5 to a fail.
    const registrar = { subject: "teach-registrar", role: "PARTNER_REGISTRAR" as const, institutionId: ed.teacher };
    const fixed = await api().run(CORRECT, { input: { resultId: toGlobalId("CourseResult", Number(r5.id)), grade: "2", reason: "Exam script of another student" } }, registrar);
    expect(fixed.errors).toBeUndefined();
    const after = (await api().run(READ, { e: fresh }, jp.as.hostAdmin)).data;
    expect(after.enrollment.recognitions).toEqual([{ status: "RECOGNISED", convertedGrade: "66", creditsRecognised: 5, unit: { code: "AGR1" }, result: { passed: true } }]);
    expect(after.transcript.totals.creditsRecognised).toBe(5);
    const trail = await api().run(`query($id: ID!) { auditLog(filter: { entityId: $id }) { nodes { action before after } } }`, { id: teach.data.decideRecognition.recognition.id });
    expect(trail.data.auditLog.nodes.map((n: any) => n.action)).toEqual(["recognition.recognise", "recognition.revoke"]);
    expect(trail.data.auditLog.nodes[1]).toMatchObject({ before: { status: "RECOGNISED", convertedGrade: "90", creditsRecognised: 10 }, after: { reason: "Exam script of another student" } });
    // Undecided again: nothing passed to recognise; the host may refuse it.
    const again = await api().run(DECIDE_ID, { input: { enrollmentId: fresh, unitId: ed.ids.unitTeacher, decision: "RECOGNISE" } }, jp.as.hostAdmin);
    expect(again.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.unitId" });

    // A correction that keeps a pass (4 → 5) withdraws the recognition too (its converted grade was 78); the host recognises the new grade.
    const before = (await api().run(READ, { e }, jp.as.hostAdmin)).data.enrollment.recognitions.filter((r: any) => r.unit.code === "TEACH1");
    expect(before).toMatchObject([{ status: "RECOGNISED", convertedGrade: "78" }]);
    expect((await api().run(CORRECT, { input: { resultId: ed.ids.result, grade: "5", reason: "Re-marked on appeal" } }, registrar)).errors).toBeUndefined();
    expect((await api().run(READ, { e }, jp.as.hostAdmin)).data.enrollment.recognitions.filter((r: any) => r.unit.code === "TEACH1")).toEqual([]);
    const redecided = await api().run(DECIDE_ID, { input: { enrollmentId: e, unitId: ed.ids.unitTeacher, decision: "RECOGNISE" } }, jp.as.hostAdmin);
    expect(redecided.data.decideRecognition.recognition).toMatchObject({ status: "RECOGNISED", convertedGrade: "90", creditsRecognised: 10 });
  });
});
