import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agreementParties, agreements, courseUnits, enrollments, gradeConversions, institutions, students } from "../../src/db/schema.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildEducation, type Education } from "../factories/education.js";
import { buildJointProgram, studentRow, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine } from "../helpers/engines.js";

const DECIDE = `mutation($input: DecideRecognitionInput!) { decideRecognition(input: $input) { recognition { status convertedGrade creditsRecognised reason unit { code } result { grade } conversion { id } } } }`;

describeEachEngine("recognition", {}, (api) => {
  let jp: JointProgram;
  let ed: Education;
  let e: string;
  let foreignUnit: string;
  let sharedUnit: string;

  beforeAll(async () => {
    const db = api().database.db;
    jp = await buildJointProgram(db);
    const [s] = await db.insert(students).values({ ...studentRow(), homeInstitutionId: jp.partner }).returning({ id: students.id });
    const [en] = await db.insert(enrollments).values({ studentId: s.id, cohortId: jp.cohortId, status: "ENROLLED" }).returning({ id: enrollments.id });
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
    sharedUnit = toGlobalId("CourseUnit", ux.id);
    foreignUnit = toGlobalId("CourseUnit", uy.id);
    await db.execute(sql`insert into course_results (enrollment_id, offering_id, unit_id, attempt, grade, passed, credits_earned, assessed_on, entered_by)
      values (${en.id}, ${ed.offerings.teacher}, ${ux.id}, 1, '5', true, 5, '2026-06-01', 'test'), (${en.id}, ${ed.offerings.teacher}, ${uy.id}, 1, '5', true, 5, '2026-06-01', 'test')`);
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
});
