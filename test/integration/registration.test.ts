import { toGlobalId } from "../../src/shared/global-id.js";
import { cohorts } from "../../src/modules/programs/program.table.js";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { auditLog } from "../../src/modules/audit/audit.table.js";
import { fromGlobalId } from "../../src/shared/global-id.js";
import { expect, it } from "vitest";
import { enrollments, students as studentRows } from "../../src/db/schema.js";
import { buildJointProgram, studentRow, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine } from "../helpers/engines.js";

const REGISTER = /* GraphQL */ `
  mutation($input: RegisterStudentInput!) {
    registerStudent(input: $input) { existingStudent student { id familyNameLatin passportNumber } enrollment { id status history { toStatus actor } } }
  }
`;
const BULK = /* GraphQL */ `
  mutation($input: RegisterStudentsInput!) {
    registerStudents(input: $input) { written accepted rejected results { row existingStudent error { code field message } student { id } enrollment { status } } }
  }
`;
const COUNT = `query($c: ID!) { cohort(id: $c) { enrollments(first: 1) { totalCount } } }`;

describeEachEngine("registration", {}, (api) => {
  let jp: JointProgram;
  const count = async () => (await api().run(COUNT, { c: jp.ids.cohort })).data.cohort.enrollments.totalCount as number;

  it("registers one student as NOMINATED with history and audit, and refuses non-partners", async () => {
    jp = await buildJointProgram(api().database.db);
    const r = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: studentRow() } }, jp.as.partnerRegistrar);
    expect(r.errors).toBeUndefined();
    expect(r.data.registerStudent.enrollment.status).toBe("NOMINATED");
    expect(r.data.registerStudent.enrollment.history).toEqual([{ toStatus: "NOMINATED", actor: jp.as.partnerRegistrar.subject }]);
    expect(r.data.registerStudent.student.passportNumber).toMatch(/^FA/);

    const audit = await api().run(`{ auditLog(first: 5, filter: { action: "enrollment.nominate" }) { nodes { action actorSubject } } }`);
    expect(audit.errors).toBeUndefined();
    expect(audit.data.auditLog.nodes.some((n: any) => n.actorSubject === jp.as.partnerRegistrar.subject)).toBe(true);
    const hostAudit = await api().run(`{ auditLog(first: 5) { totalCount } }`, {}, jp.as.hostAdmin);
    expect(hostAudit.data.auditLog.totalCount).toBe(0); // the host's staff made none of these changes
    const denied = await api().run(`{ auditLog(first: 5) { totalCount } }`, {}, jp.as.partnerRegistrar);
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");

    const outsider = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: studentRow() } }, jp.as.outsiderRegistrar);
    expect(outsider.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const anon = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: studentRow() } }, null);
    expect(anon.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(await count()).toBe(1);
  });

  it("never makes a second student for the same person", async () => {
    const row = studentRow();
    const a = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: row } }, jp.as.partnerRegistrar);
    expect(a.errors).toBeUndefined();
    // Same person, spaces and case differ: the same nomination is a CONFLICT naming the field.
    const again = await api().run(
      REGISTER,
      { input: { cohortId: jp.ids.cohort, student: { ...row, passportNumber: ` ${row.passportNumber.toLowerCase()} ` } } },
      jp.as.partnerRegistrar,
    );
    expect(again.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.student.passportNumber" });
    // Another cohort of the same program: the existing student is reused (its enrollment elsewhere does not count).
    const [next] = await api()
      .database.db.insert(cohorts)
      .values({ programId: jp.programId, intakeYear: 2027, name: `${jp.programId} 2027`, capacity: 10, startDate: "2027-09-01", expectedGraduation: "2032-07-01" })
      .returning({ id: cohorts.id });
    const reuse = await api().run(REGISTER, { input: { cohortId: toGlobalId("Cohort", next.id), student: row } }, jp.as.partnerRegistrar);
    expect(reuse.errors).toBeUndefined();
    expect(reuse.data.registerStudent).toMatchObject({ existingStudent: true, student: { id: a.data.registerStudent.student.id } });
    const other = await buildJointProgram(api().database.db);
    const students = await api().run(`query($h: ID!) { students(filter: { homeInstitutionId: $h }) { totalCount } }`, { h: jp.ids.partner });
    expect(students.data.students.totalCount).toBe(2);
    // A registrar of another institution is answered as for a new person (nothing tells it the passport is known
    // elsewhere); its nomination is held for a platform admin's review and the person stays one confirmed student.
    const claim = await api().run(
      REGISTER,
      { input: { cohortId: other.ids.cohort, student: row } },
      other.as.partnerRegistrar,
    );
    expect(claim.errors).toBeUndefined();
    expect(claim.data.registerStudent).toMatchObject({ existingStudent: false, enrollment: { status: "NOMINATED" } });
    const same = await api().database.db
      .select({ held: studentRows.heldForReview })
      .from(studentRows)
      .where(eq(studentRows.passportNumber, row.passportNumber));
    expect(same.map((s) => s.held).sort()).toEqual([false, true]);
  });

  it("identity reviews: platform admins only; a held nomination waits, then is merged or rejected, audited", async () => {
    const db = api().database.db;
    const other = await buildJointProgram(db);
    const REVIEWS = `{ identityReviews(filter: { statuses: [PENDING] }, last: 20) { nodes { id status enrollment { id status } heldStudent { id homeInstitution { id } } existingStudent { id homeInstitution { id } } requestedBy requestedByInstitution { id } } } }`;
    const RESOLVE = `mutation($input: ResolveIdentityReviewInput!) { resolveIdentityReview(input: $input) { review { status resolvedBy note heldStudent { id } enrollment { status student { id } history { toStatus reason } } } } }`;
    const ADMIT = `mutation($input: TransitionEnrollmentInput!) { transitionEnrollment(input: $input) { enrollment { status } } }`;
    // X, Y and Z are the first partner's students; the other program's partner registers them too.
    const [x, y, z] = [studentRow(), studentRow(), studentRow()];
    for (const s of [x, y, z]) expect((await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: s } }, jp.as.partnerRegistrar)).errors).toBeUndefined();
    const [zStudent] = await db.select({ id: studentRows.id }).from(studentRows).where(eq(studentRows.passportNumber, z.passportNumber));
    await db.insert(enrollments).values({ studentId: zStudent.id, cohortId: other.cohortId }); // Z is already in the other cohort
    const held: Record<string, any> = {};
    for (const [name, s] of Object.entries({ x, y, z })) {
      const r = await api().run(REGISTER, { input: { cohortId: other.ids.cohort, student: s } }, other.as.partnerRegistrar);
      expect(r.errors).toBeUndefined();
      held[name] = r.data.registerStudent;
    }

    // Nobody but platform admins sees or decides reviews.
    for (const v of [other.as.partnerRegistrar, other.as.hostAdmin, jp.as.partnerRegistrar, { ...jp.as.hostAdmin, institutionId: other.partner }]) {
      expect((await api().run(REVIEWS, {}, v)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    }
    const pending = (await api().run(REVIEWS)).data.identityReviews.nodes as any[];
    const reviewOf = (name: string) => pending.find((n) => n.enrollment.id === held[name].enrollment.id);
    for (const name of ["x", "y", "z"])
      expect(reviewOf(name)).toMatchObject({
        status: "PENDING",
        heldStudent: { id: held[name].student.id, homeInstitution: { id: other.ids.partner } },
        existingStudent: { homeInstitution: { id: jp.ids.partner } },
        requestedBy: other.as.partnerRegistrar.subject,
        requestedByInstitution: { id: other.ids.partner },
      });
    const nodeAsPartner = await api().run(`query($id: ID!) { node(id: $id) { id } }`, { id: reviewOf("x").id }, other.as.partnerRegistrar);
    expect(nodeAsPartner.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const denied = await api().run(RESOLVE, { input: { reviewId: reviewOf("x").id, decision: "MERGE" } }, other.as.hostAdmin);
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await api().run(RESOLVE, { input: { reviewId: held.x.enrollment.id, decision: "MERGE" } })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reviewId" });
    expect((await api().run(RESOLVE, { input: { reviewId: reviewOf("x").id, decision: "MERGE", note: "n".repeat(1001) } })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.note" });

    // While held, the host cannot admit the nomination (it may reject it; the registrar may withdraw it).
    const early = await api().run(ADMIT, { input: { enrollmentId: held.x.enrollment.id, to: "ADMITTED" } }, other.as.hostAdmin);
    expect(early.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", field: "input.to" });

    // MERGE: the nomination moves to the existing student; the provisional student is gone.
    const merged = await api().run(RESOLVE, { input: { reviewId: reviewOf("x").id, decision: "MERGE", note: "same passport, same person" } });
    expect(merged.errors).toBeUndefined();
    expect(merged.data.resolveIdentityReview.review).toMatchObject({
      status: "MERGED",
      resolvedBy: "test-platform-admin",
      note: "same passport, same person",
      heldStudent: null,
      enrollment: { status: "NOMINATED", student: { id: reviewOf("x").existingStudent.id } },
    });
    expect(await db.select().from(studentRows).where(eq(studentRows.passportNumber, x.passportNumber))).toHaveLength(1);
    expect((await api().run(`query($id: ID!) { student(id: $id) { id } }`, { id: held.x.student.id })).data.student).toBeNull();
    const admitted = await api().run(ADMIT, { input: { enrollmentId: held.x.enrollment.id, to: "ADMITTED" } }, other.as.hostAdmin);
    expect(admitted.errors).toBeUndefined();
    const again = await api().run(RESOLVE, { input: { reviewId: reviewOf("x").id, decision: "REJECT" } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.reviewId" });

    // MERGE refused when the existing student is already in that cohort; REJECT instead.
    const dup = await api().run(RESOLVE, { input: { reviewId: reviewOf("z").id, decision: "MERGE" } });
    expect(dup.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.decision" });
    const rejectedZ = await api().run(RESOLVE, { input: { reviewId: reviewOf("z").id, decision: "REJECT" } });
    expect(rejectedZ.data.resolveIdentityReview.review.enrollment.history.at(-1)).toEqual({ toStatus: "REJECTED", reason: "rejected after a platform admin's review" });

    // REJECT: the nomination is rejected with the note as its reason; the provisional student stays provisional.
    const rejected = await api().run(RESOLVE, { input: { reviewId: reviewOf("y").id, decision: "REJECT", note: "passport belongs to another person" } });
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data.resolveIdentityReview.review).toMatchObject({
      status: "REJECTED",
      heldStudent: { id: held.y.student.id },
      enrollment: { status: "REJECTED", history: [{ toStatus: "NOMINATED" }, { toStatus: "REJECTED", reason: "passport belongs to another person" }] },
    });
    const yRows = await db.select({ held: studentRows.heldForReview }).from(studentRows).where(eq(studentRows.passportNumber, y.passportNumber));
    expect(yRows.map((r) => r.held).sort()).toEqual([false, true]);
    expect((await api().run(REVIEWS)).data.identityReviews.nodes.filter((n: any) => [held.x, held.y, held.z].some((h) => h.enrollment.id === n.enrollment.id))).toEqual([]);

    // Audited: the decisions for platform admins; the registrar's institution never sees the review's rows.
    const trail = await api().run(`{ auditLog(last: 50) { nodes { action actorSubject } } }`);
    const actions = trail.data.auditLog.nodes.map((n: any) => n.action);
    for (const a of ["identityReview.open", "identityReview.merge", "identityReview.reject", "enrollment.merge", "student.merge"]) expect(actions).toContain(a);
    const own = await api().run(`{ auditLog(last: 50) { nodes { action } } }`, {}, { ...other.as.hostAdmin, institutionId: other.partner });
    expect(own.data.auditLog.nodes.map((n: any) => n.action).filter((a: string) => a.startsWith("identityReview"))).toEqual([]);
    const feed = await api().run(`{ changes(last: 100) { nodes { entityType } } }`, {}, other.as.partnerRegistrar);
    expect(feed.errors).toBeUndefined();
    expect(feed.data.changes.nodes.map((n: any) => n.entityType)).not.toContain("IdentityReview");
  });

  it("a person registered by another institution while the check ran is held too, not a CONFLICT [postgres]", async () => {
    if (api().engine !== "postgres") return; // PGlite runs one transaction at a time: no such race
    const db = api().database.db;
    const other = await buildJointProgram(db);
    const row = studentRow();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((r) => (inserted = r));
    // Another institution's registration of the person, still uncommitted when ours checks and inserts.
    const theirs = db.transaction(async (tx) => {
      await tx.insert(studentRows).values({ ...row, homeInstitutionId: other.partner });
      inserted();
      await gate;
    });
    await insertedYet;
    const ours = api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: row } }, jp.as.partnerRegistrar);
    await new Promise((r) => setTimeout(r, 300)); // ours has checked and now waits on their row
    release();
    await theirs;
    const r = await ours;
    expect(r.errors).toBeUndefined();
    expect(r.data.registerStudent.existingStudent).toBe(false);
    const rows = await db.select({ home: studentRows.homeInstitutionId, held: studentRows.heldForReview }).from(studentRows).where(eq(studentRows.passportNumber, row.passportNumber));
    expect(rows.sort((a, b) => Number(a.held) - Number(b.held))).toEqual([{ home: other.partner, held: false }, { home: jp.partner, held: true }]);
  });

  it("writes the audit rows in the registration's statement: order, actor institution, values, who sees them", async () => {
    const db = api().database.db;
    const other = await buildJointProgram(db);
    const known = studentRow(); // the first partner's student, then registered by the other partner: held for review
    expect((await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: known } }, jp.as.partnerRegistrar)).errors).toBeUndefined();
    const [{ last }] = await db.select({ last: sql<number>`coalesce(max(${auditLog.id}), 0)` }).from(auditLog);
    const BULK_IDS = `mutation($input: RegisterStudentsInput!) { registerStudents(input: $input) { results { student { id } enrollment { id } } } }`;
    const r = await api().run(BULK_IDS, { input: { cohortId: other.ids.cohort, students: [studentRow({ nationality: "KZ" }), known] } }, other.as.partnerRegistrar);
    expect(r.errors).toBeUndefined();
    const [fresh, held] = r.data.registerStudents.results.map((x: any) => ({ student: fromGlobalId(x.student.id, "Student", "s"), enrollment: fromGlobalId(x.enrollment.id, "Enrollment", "e") }));
    const rows = await db
      .select({ action: auditLog.action, type: auditLog.entityType, id: auditLog.entityId, actor: auditLog.actorInstitutionId, role: auditLog.actorRole, after: auditLog.after, before: auditLog.before, visibleTo: auditLog.visibleTo })
      .from(auditLog)
      .where(gt(auditLog.id, Number(last)))
      .orderBy(asc(auditLog.id));
    const seen = [other.partner, other.host];
    const review = rows.at(-1)!.id;
    expect(rows).toEqual([
      { action: "student.register", type: "Student", id: fresh.student, actor: other.partner, role: "PARTNER_REGISTRAR", after: { nationality: "KZ", homeInstitutionId: other.partner }, before: null, visibleTo: seen },
      { action: "student.register", type: "Student", id: held.student, actor: other.partner, role: "PARTNER_REGISTRAR", after: { nationality: "UZ", homeInstitutionId: other.partner }, before: null, visibleTo: seen },
      { action: "enrollment.nominate", type: "Enrollment", id: fresh.enrollment, actor: other.partner, role: "PARTNER_REGISTRAR", after: { studentId: fresh.student, cohortId: other.cohortId, status: "NOMINATED" }, before: null, visibleTo: seen },
      { action: "enrollment.nominate", type: "Enrollment", id: held.enrollment, actor: other.partner, role: "PARTNER_REGISTRAR", after: { studentId: held.student, cohortId: other.cohortId, status: "NOMINATED" }, before: null, visibleTo: seen },
      // Private: no actor institution, visible to nobody in the feed.
      { action: "identityReview.open", type: "IdentityReview", id: review, actor: null, role: "PARTNER_REGISTRAR", after: { enrollmentId: held.enrollment, heldStudentId: held.student, existingStudentId: expect.any(Number), status: "PENDING" }, before: null, visibleTo: [] },
    ]);
    const [existing] = await db.select({ id: studentRows.id }).from(studentRows).where(eq(studentRows.passportNumber, known.passportNumber)).orderBy(asc(studentRows.id)).limit(1);
    expect(rows.at(-1)!.after).toMatchObject({ existingStudentId: existing.id });
    // A student of the host's own institution registered into its own program: seen by that one institution.
    const own = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, homeInstitutionId: jp.ids.host, student: studentRow() } });
    expect(own.errors).toBeUndefined();
    const [nominated] = await db.select({ actor: auditLog.actorInstitutionId, visibleTo: auditLog.visibleTo }).from(auditLog)
      .where(and(eq(auditLog.entityType, "Enrollment"), eq(auditLog.entityId, fromGlobalId(own.data.registerStudent.enrollment.id, "Enrollment", "e"))))
      .orderBy(asc(auditLog.id));
    expect(nominated).toEqual({ actor: null, visibleTo: [jp.host] });
  });

  it("replays an idempotent retry and refuses the key with other input", async () => {
    const row = studentRow();
    const input = { idempotencyKey: "retry-1", cohortId: jp.ids.cohort, student: row };
    const before = await count();
    const a = await api().run(REGISTER, { input }, jp.as.partnerRegistrar);
    const b = await api().run(REGISTER, { input }, jp.as.partnerRegistrar);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(b.data).toEqual(a.data);
    expect(await count()).toBe(before + 1);
    const c = await api().run(REGISTER, { input: { ...input, student: studentRow() } }, jp.as.partnerRegistrar);
    expect(c.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.idempotencyKey" });
  });

  it("bulk: checks every row first and writes nothing when one is bad", async () => {
    const before = await count();
    const rows = [studentRow(), studentRow({ dateOfBirth: "2020-01-01" }), studentRow({ familyNameLatin: "Кар" }), studentRow()];
    rows.push({ ...rows[0] }); // the same person twice in one request
    const r = await api().run(BULK, { input: { cohortId: jp.ids.cohort, students: rows } }, jp.as.partnerRegistrar);
    expect(r.errors).toBeUndefined();
    const out = r.data.registerStudents;
    expect(out).toMatchObject({ written: false, accepted: 2, rejected: 3 });
    expect(out.results.map((x: any) => x.error?.field ?? null)).toEqual([
      null,
      "students[1].dateOfBirth",
      "students[2].familyNameLatin",
      null,
      "students[4].passportNumber",
    ]);
    expect(out.results[4].error.code).toBe("CONFLICT");
    expect(await count()).toBe(before);

    const good = await api().run(BULK, { input: { cohortId: jp.ids.cohort, students: [studentRow(), studentRow(), studentRow()] } }, jp.as.partnerRegistrar);
    expect(good.data.registerStudents).toMatchObject({ written: true, accepted: 3, rejected: 0 });
    expect(good.data.registerStudents.results.every((x: any) => x.enrollment.status === "NOMINATED")).toBe(true);
    expect(await count()).toBe(before + 3);
  });

  it("refuses names with control or text-direction characters, and keeps names in every script", async () => {
    const before = await count();
    for (const [field, value] of [["familyName", "محمد\u202eevil"], ["givenNames", "Ali\u001b[31m"], ["familyName", "Two\nlines"]] as const) {
      const r = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: { ...studentRow(), [field]: value } } }, jp.as.partnerRegistrar);
      expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: `input.student.${field}` });
    }
    expect(await count()).toBe(before);
    // Uyghur and Persian (with its zero-width non-joiner) are names like any other.
    const ok = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: { ...studentRow(), familyName: "ئابدۇراخمان", givenNames: "بن\u200cعلی" } } }, jp.as.partnerRegistrar);
    expect(ok.errors).toBeUndefined();
    // Free text elsewhere (a reason) is held to the same rule.
    const move = await api().run(`mutation($input: TransitionEnrollmentInput!) { transitionEnrollment(input: $input) { enrollment { status } } }`, { input: { enrollmentId: ok.data.registerStudent.enrollment.id, to: "REJECTED", reason: "bell\u0007" } }, jp.as.hostAdmin);
    expect(move.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("bulk: parses CSV with csv-parse and names bad CSV rows and columns", async () => {
    const a = studentRow();
    const b = studentRow();
    const header = "family_name,given_names,family_name_latin,given_names_latin,date_of_birth,nationality,email,passport_number";
    const line = (s: any) => [s.familyName, s.givenNames, s.familyNameLatin, s.givenNamesLatin, s.dateOfBirth, s.nationality, s.email, s.passportNumber].join(",");
    const bad = await api().run(
      BULK,
      { input: { cohortId: jp.ids.cohort, csv: [header, line(a), line({ ...b, nationality: "XX", email: "" })].join("\n") } },
      jp.as.partnerRegistrar,
    );
    expect(bad.data.registerStudents.results[1].error).toMatchObject({ code: "BAD_USER_INPUT", field: "csv[1].nationality" });
    expect(bad.data.registerStudents.written).toBe(false);
    const ok = await api().run(BULK, { input: { cohortId: jp.ids.cohort, csv: `\uFEFF${header}\n${line(a)}\n\n${line({ ...b, email: "" })}\n` } }, jp.as.partnerRegistrar);
    expect(ok.data.registerStudents).toMatchObject({ written: true, accepted: 2 });
    const header2 = await api().run(BULK, { input: { cohortId: jp.ids.cohort, csv: `name,passport\nA,B` } }, jp.as.partnerRegistrar);
    expect(header2.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.csv" });
    const ragged = await api().run(BULK, { input: { cohortId: jp.ids.cohort, csv: `${header}\na,b,c` } }, jp.as.partnerRegistrar);
    expect(ragged.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.csv" });
    const both = await api().run(BULK, { input: { cohortId: jp.ids.cohort, csv: header, students: [] } }, jp.as.partnerRegistrar);
    expect(both.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.students" });
    const tooMany = await api().run(BULK, { input: { cohortId: jp.ids.cohort, students: Array.from({ length: 1001 }, () => studentRow()) } }, jp.as.partnerRegistrar);
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.students" });
  });
});
