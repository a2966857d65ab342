import { and, eq, like, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { students } from "../../src/db/schema.js";
import { auditLog } from "../../src/modules/audit/audit.table.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { fromGlobalId } from "../../src/shared/global-id.js";
import { buildJointProgram, studentRow, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine, PLATFORM_ADMIN } from "../helpers/engines.js";

// Outside findings on the data-subject rights and the same-person rule: what an erasure, a legal hold, an identity
// review's merge and a correction leave readable, and to whom.

const REGISTER = `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { student { id } enrollment { id status } } }`;
const ERASE = `mutation($input: EraseStudentInput!) { eraseStudent(input: $input) { student { id familyNameLatin passportNumber erasedAt } } }`;
const HOLD = `mutation($input: SetStudentLegalHoldInput!) { setStudentLegalHold(input: $input) { student { id } } }`;
const CORRECT = `mutation($input: CorrectStudentInput!) { correctStudent(input: $input) { student { id passportNumber } } }`;
const REVIEWS = `{ identityReviews(filter: { statuses: [PENDING] }, last: 50) { nodes { id enrollment { id } heldStudent { id } existingStudent { id } } } }`;
const RESOLVE = `mutation($input: ResolveIdentityReviewInput!) { resolveIdentityReview(input: $input) { review { status heldStudent { id } enrollment { status student { id } } } } }`;

type Result = { data?: any; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
const err = (r: Result) => r.errors?.[0];

describeEachEngine("student privacy: links between records", {}, (api) => {
  let jp: JointProgram; // the person's first home institution (its partner) and host
  let other: JointProgram; // another program, whose partner registers the same person: held for review
  const db = () => api().database.db;
  const rowsOf = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as T[];
  /** Every table's rows as text, for "no erased value anywhere". */
  async function anywhere(values: string[]) {
    const found: string[] = [];
    for (const t of ["students", "student_corrections", "audit_log", "identity_reviews", "enrollment_status_changes", "idempotency_keys"]) {
      const text = String(rowsOf<{ all: string }>(await db().execute(sql.raw(`select coalesce(string_agg(x::text, ' '), '') as all from ${t} x`)))[0].all);
      for (const v of values) if (text.includes(v)) found.push(`${t}: ${v}`);
    }
    return found;
  }
  /** The person registered by jp's partner, then by other's partner (held, with a pending review). */
  async function registeredTwice(over: Record<string, unknown> = {}) {
    const person = studentRow(over);
    const a = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: person } }, jp.as.partnerRegistrar);
    expect(a.errors).toBeUndefined();
    const b = await api().run(REGISTER, { input: { cohortId: other.ids.cohort, student: person } }, other.as.partnerRegistrar);
    expect(b.errors).toBeUndefined();
    const review = ((await api().run(REVIEWS)).data.identityReviews.nodes as any[]).find((n) => n.enrollment.id === b.data.registerStudent.enrollment.id);
    expect(review).toMatchObject({ heldStudent: { id: b.data.registerStudent.student.id }, existingStudent: { id: a.data.registerStudent.student.id } });
    return { person, existing: a.data.registerStudent.student.id as string, existingEnrollment: a.data.registerStudent.enrollment.id as string, held: b.data.registerStudent.student.id as string, heldEnrollment: b.data.registerStudent.enrollment.id as string, review: review.id as string };
  }

  beforeAll(async () => {
    jp = await buildJointProgram(db());
    other = await buildJointProgram(db());
  });

  it("S2: erasure is CONFLICT while a pending identity review links another record of the person; after the decision it erases", async () => {
    const { person, existing, held, review } = await registeredTwice({ familyNameLatin: "Nazarova", givenNamesLatin: "Dilnoza", dateOfBirth: "2004-06-21" });
    for (const studentId of [existing, held]) {
      const r = await api().run(ERASE, { input: { studentId, reason: "the student's request" } }, PLATFORM_ADMIN);
      expect(err(r)?.extensions).toMatchObject({ code: "CONFLICT", field: "input.studentId", identityReviews: [review] });
      expect(err(r)?.message).toMatch(/pending identity review links another record of this person: resolve it first/);
    }
    // Nothing was erased: both records as they were.
    const rows = await db().select({ id: students.id, erasedAt: students.erasedAt, passportNumber: students.passportNumber }).from(students).where(eq(students.passportNumber, person.passportNumber));
    expect(rows.map((r) => r.erasedAt)).toEqual([null, null]);

    // MERGE: the held record is gone; the erasure of the one record left leaves no value anywhere.
    expect(err(await api().run(RESOLVE, { input: { reviewId: review, decision: "MERGE" } }))).toBeUndefined();
    const done = await api().run(ERASE, { input: { studentId: existing, reason: "the student's request" } }, PLATFORM_ADMIN);
    expect(done.errors).toBeUndefined();
    expect(done.data.eraseStudent.student).toMatchObject({ passportNumber: null });
    expect(await anywhere([person.passportNumber, person.email, person.dateOfBirth])).toEqual([]);
  });

  it("S2: after a REJECT each record is its institution's own: the other record is erased by its own id", async () => {
    const { person, existing, held, review } = await registeredTwice();
    expect(err(await api().run(RESOLVE, { input: { reviewId: review, decision: "REJECT", note: "not the same person" } }))).toBeUndefined();
    expect((await api().run(ERASE, { input: { studentId: existing, reason: "request" } })).errors).toBeUndefined();
    // The held record is the other institution's: still its registrar's to read, until it is erased too.
    const read = await api().run(`query($id: ID!) { student(id: $id) { passportNumber } }`, { id: held }, other.as.partnerRegistrar);
    expect(read.data.student).toEqual({ passportNumber: person.passportNumber });
    expect((await api().run(ERASE, { input: { studentId: held, reason: "request" } })).errors).toBeUndefined();
    expect(await anywhere([person.passportNumber, person.email])).toEqual([]);
  });

  it("S5: a legal hold and an erasure's reason stay with platform admins; the home and host staff get the erasure's fact", async () => {
    const person = studentRow();
    const reg = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: person } }, jp.as.partnerRegistrar);
    const studentId = reg.data.registerStudent.student.id as string;
    const secret = (what: string) => `${what} ${Math.random().toString(36).slice(2)}`;
    const [held, lifted, why] = [secret("litigation"), secret("closed"), secret("request")];
    expect((await api().run(HOLD, { input: { studentId, hold: true, reason: held } })).errors).toBeUndefined();
    expect((await api().run(HOLD, { input: { studentId, hold: false, reason: lifted } })).errors).toBeUndefined();
    expect((await api().run(ERASE, { input: { studentId, reason: why } })).errors).toBeUndefined();

    const id = fromGlobalId(studentId, "Student", "id");
    const rows = await db()
      .select({ action: auditLog.action, after: auditLog.after, visibleTo: auditLog.visibleTo, actorInstitutionId: auditLog.actorInstitutionId })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "Student"), eq(auditLog.entityId, id), like(auditLog.action, "student.%")))
      .orderBy(auditLog.id);
    expect(rows).toEqual([
      { action: "student.register", after: expect.anything(), visibleTo: expect.anything(), actorInstitutionId: jp.partner },
      { action: "student.legalHold.set", after: { reason: held }, visibleTo: [], actorInstitutionId: null },
      { action: "student.legalHold.lift", after: { reason: lifted }, visibleTo: [], actorInstitutionId: null },
      // The fact: the student's rule (home and host staff, who must erase their copies too), no reason.
      { action: "student.erase", after: { fields: ["familyName", "givenNames", "familyNameLatin", "givenNamesLatin", "dateOfBirth", "passportNumber", "email"] }, visibleTo: [jp.partner, jp.host], actorInstitutionId: null },
      { action: "student.erase.reason", after: { reason: why }, visibleTo: [], actorInstitutionId: null },
    ]);

    // Through the feed (webhooks read the same rows under the same scope): the home and host staff see the erasure,
    // no hold and no reason; platform admins see all three. The feed shows a change once older transactions of the
    // shared server have ended: wait for it.
    const FEED = `query($after: String) { changes(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { entityId action data } } }`;
    const mine = async (as?: typeof PLATFORM_ADMIN) => {
      const all: any[] = [];
      for (let after: string | null = null; ; ) {
        const r: { data?: any; errors?: readonly unknown[] } = await api().run(FEED, { after }, as);
        expect(r.errors).toBeUndefined();
        all.push(...r.data.changes.nodes.filter((n: any) => n.entityId === studentId));
        if (!r.data.changes.pageInfo.hasNextPage) return all;
        after = r.data.changes.pageInfo.endCursor;
      }
    };
    for (let i = 0; i < 100 && !(await mine()).some((n) => n.action === "student.erase.reason"); i++) await new Promise((r) => setTimeout(r, 100));
    expect((await mine()).map((n) => n.action)).toEqual(["student.register", "student.legalHold.set", "student.legalHold.lift", "student.erase", "student.erase.reason"]);
    for (const who of [jp.as.hostAdmin, jp.as.partnerRegistrar]) {
      const seen = await mine(who);
      expect(seen.map((n) => n.action).filter((a) => a !== "student.register")).toEqual(["student.erase"]);
      for (const v of [held, lifted, why]) expect(JSON.stringify(seen).includes(v)).toBe(false);
    }
    // Nor in an institution's auditLog (its staff's changes only) or the erasure's refusal of another caller.
    for (const who of [jp.as.hostAdmin, { ...jp.as.hostAdmin, institutionId: jp.partner }]) {
      const log = JSON.stringify((await api().run(`{ auditLog(last: 100) { nodes { action after } } }`, {}, who)).data);
      for (const v of [held, lifted, why]) expect(log.includes(v)).toBe(false);
    }
  });

  it("S6: after erasure a key that carried the student's data answers CONFLICT whatever it sends, and runs nothing again", async () => {
    const key = (k: string) => `${k}-${Math.random().toString(36).slice(2)}`;
    const person = studentRow();
    const bystander = studentRow();
    const [kReg, kFix, kBulk, kOther, kHeld] = ["reg", "fix", "bulk", "other", "held"].map(key);
    const register = (k: string, student: Record<string, unknown>, as = jp.as.partnerRegistrar, cohort = jp.ids.cohort) =>
      api().run(REGISTER, { input: { idempotencyKey: k, cohortId: cohort, student } }, as);
    const reg = await register(kReg, person);
    expect(reg.errors).toBeUndefined();
    const studentId = reg.data.registerStudent.student.id;
    expect((await register(kReg, person)).data.registerStudent.student.id).toBe(studentId); // a replay, before
    const fix = { idempotencyKey: kFix, studentId, email: `new.${Date.now()}@example.org`, reason: "new address" };
    expect((await api().run(CORRECT, { input: fix }, jp.as.partnerRegistrar)).errors).toBeUndefined();
    expect((await register(kOther, bystander)).errors).toBeUndefined();
    // The same person registered by another institution (held), its nomination merged into the student.
    const held = await register(kHeld, person, other.as.partnerRegistrar, other.ids.cohort);
    expect(held.errors).toBeUndefined();
    const review = ((await api().run(REVIEWS)).data.identityReviews.nodes as any[]).find((n) => n.enrollment.id === held.data.registerStudent.enrollment.id);
    expect((await api().run(RESOLVE, { input: { reviewId: review.id, decision: "MERGE" } })).errors).toBeUndefined();
    const BULK = `mutation($input: RegisterStudentsInput!) { registerStudents(input: $input) { written results { student { id } } } }`;
    const third = await buildJointProgram(db());
    const bulkInput = { idempotencyKey: kBulk, cohortId: third.ids.cohort, homeInstitutionId: jp.ids.partner, students: [person] };
    const bulk = await api().run(BULK, { input: bulkInput }, PLATFORM_ADMIN);
    expect(bulk.data.registerStudents).toMatchObject({ written: true, results: [{ student: { id: studentId } }] });

    expect((await api().run(ERASE, { input: { studentId, reason: "request" } })).errors).toBeUndefined();
    const conflict = (r: Result) => {
      expect(err(r)?.extensions).toMatchObject({ code: "CONFLICT", field: "input.idempotencyKey" });
      return err(r)!.message;
    };
    // The same input and a guess answer alike: nothing tells which was the erased value.
    const answers = [
      conflict(await register(kReg, person)),
      conflict(await register(kReg, { ...person, dateOfBirth: "2001-01-01" })),
      conflict(await api().run(CORRECT, { input: fix }, jp.as.partnerRegistrar)),
      conflict(await api().run(CORRECT, { input: { ...fix, email: "guess@example.org" } }, jp.as.partnerRegistrar)),
      conflict(await register(kHeld, person, other.as.partnerRegistrar, other.ids.cohort)),
      conflict(await api().run(BULK, { input: bulkInput }, PLATFORM_ADMIN)),
    ];
    expect(new Set(answers).size).toBe(1);
    // Nothing registered again; another student's key still answers its first answer.
    expect(await db().select({ id: students.id }).from(students).where(eq(students.passportNumber, person.passportNumber))).toEqual([]);
    expect((await register(kOther, bystander)).errors).toBeUndefined();
  });

  it("S6: a refusal stored under a key (no record written, none named) is voided by the erasure of the person it carried", async () => {
    const key = (k: string) => `${k}-${Math.random().toString(36).slice(2)}`;
    const person = studentRow();
    const bystander = studentRow();
    const [kAgain, kBulk, kOutsider, kFix, kBystander, kBystanderBulk] = ["again", "bulk", "outsider", "fix", "bystander", "bystander-bulk"].map(key);
    const register = (k: string, student: Record<string, unknown>, as = jp.as.partnerRegistrar) =>
      api().run(REGISTER, { input: { idempotencyKey: k, cohortId: jp.ids.cohort, student } }, as);
    const BULK = `mutation($input: RegisterStudentsInput!) { registerStudents(input: $input) { written rejected results { row error { code field } } } }`;
    const bulk = (k: string, rows: Record<string, unknown>[]) => api().run(BULK, { input: { idempotencyKey: k, cohortId: jp.ids.cohort, students: rows } }, jp.as.partnerRegistrar);
    const first = await register(key("first"), person);
    expect(first.errors).toBeUndefined();
    const studentId = first.data.registerStudent.student.id;
    expect((await register(key("bystander-first"), bystander)).errors).toBeUndefined();

    // Refused before any write, each stored under its key: the person again (already nominated; spaces and case of
    // the passport as a client may send them), a bulk request with a bad row beside the person, another
    // institution's registrar (not a partner), and a correction by that registrar (not the student's home).
    const again = { ...person, passportNumber: ` ${person.passportNumber.toLowerCase()}` };
    const badRow = { ...studentRow(), dateOfBirth: "1900-01-01" };
    const fix = { idempotencyKey: kFix, studentId, email: `guess.${Date.now()}@example.org`, reason: "new address" };
    const refusals = async () => [
      err(await register(kAgain, again))?.extensions,
      (await bulk(kBulk, [person, badRow])).data.registerStudents,
      err(await register(kOutsider, person, jp.as.outsiderRegistrar))?.extensions,
      err(await api().run(CORRECT, { input: fix }, jp.as.outsiderRegistrar))?.extensions,
    ];
    const bystanders = async () => [err(await register(kBystander, bystander))?.extensions, (await bulk(kBystanderBulk, [bystander, badRow])).data.registerStudents];
    const refused = await refusals();
    expect(refused).toEqual([
      expect.objectContaining({ code: "CONFLICT", field: "input.student.passportNumber" }),
      { written: false, rejected: 2, results: [{ row: 0, error: { code: "CONFLICT", field: "students[0].passportNumber" } }, { row: 1, error: { code: "BAD_USER_INPUT", field: "students[1].dateOfBirth" } }] },
      expect.objectContaining({ code: "FORBIDDEN", field: "input.cohortId" }),
      expect.objectContaining({ code: "FORBIDDEN", field: "input.studentId" }),
    ]);
    expect(await refusals()).toEqual(refused); // replays of the stored refusals, before
    const bystanderAnswers = await bystanders();
    expect(bystanderAnswers[0]).toMatchObject({ code: "CONFLICT" });

    expect((await api().run(ERASE, { input: { studentId, reason: "request" } })).errors).toBeUndefined();
    // Each refusal's key now answers CONFLICT to its own request as to any guess: nothing confirms the erased values.
    const conflicts = [
      err(await register(kAgain, again)),
      err(await register(kAgain, { ...again, passportNumber: "GUESS12345" })),
      err(await bulk(kBulk, [person, badRow])),
      err(await register(kOutsider, person, jp.as.outsiderRegistrar)),
      err(await api().run(CORRECT, { input: fix }, jp.as.outsiderRegistrar)),
    ];
    for (const c of conflicts) expect(c?.extensions).toMatchObject({ code: "CONFLICT", field: "input.idempotencyKey" });
    expect(new Set(conflicts.map((c) => c?.message)).size).toBe(1);
    // Another person's refusals still answer as first answered (the tags are never part of an answer).
    expect(await bystanders()).toEqual(bystanderAnswers);
    // The stored refusals keep no value of the person, only their tags beside the answer.
    expect(await anywhere([person.passportNumber, person.email as string])).toEqual([]);
  });

  it("M1: MERGE of a held student with corrections drops them with the provisional record; an erasure then clears its audit reasons", async () => {
    const { person, existing, held, review } = await registeredTwice();
    const why = `typo in ${person.familyNameLatin} ${Math.random().toString(36).slice(2)}`;
    const fixed = await api().run(CORRECT, { input: { studentId: held, familyNameLatin: "Karimoff", reason: why } }, other.as.partnerRegistrar);
    expect(fixed.errors).toBeUndefined();
    const r = await api().run(RESOLVE, { input: { reviewId: review, decision: "MERGE" } });
    expect(r.errors).toBeUndefined();
    expect(r.data.resolveIdentityReview.review).toMatchObject({ status: "MERGED", heldStudent: null, enrollment: { student: { id: existing } } });
    const heldId = fromGlobalId(held, "Student", "id");
    expect(await db().select({ id: students.id }).from(students).where(eq(students.id, heldId))).toEqual([]);
    expect(rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from student_corrections where student_id = ${heldId}`))[0].n).toBe(0);
    const [merge] = await db().select({ after: auditLog.after }).from(auditLog).where(and(eq(auditLog.action, "student.merge"), eq(auditLog.entityId, heldId)));
    expect(merge.after).toEqual({ mergedInto: fromGlobalId(existing, "Student", "id"), corrections: 1 });
    // The kept student's own history is its own: none of the provisional record's corrections.
    const kept = await api().run(`query($id: ID!) { student(id: $id) { familyNameLatin corrections { field } } }`, { id: existing });
    expect(kept.data.student).toEqual({ familyNameLatin: person.familyNameLatin, corrections: [] });
    // The provisional record's correction reason (free text) goes when the person is erased.
    expect((await api().run(ERASE, { input: { studentId: existing, reason: "request" } })).errors).toBeUndefined();
    expect(await anywhere([why])).toEqual([]);
  });

  it("S1: staff cannot probe passport numbers through correctStudent: one answer whatever the number; platform admins correct it", async () => {
    const known = studentRow(); // jp's partner's student
    expect((await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: known } }, jp.as.partnerRegistrar)).errors).toBeUndefined();
    const mine = await api().run(REGISTER, { input: { cohortId: other.ids.cohort, student: studentRow() } }, other.as.partnerRegistrar);
    const studentId = mine.data.registerStudent.student.id;
    const answers: unknown[] = [];
    for (const who of [other.as.partnerRegistrar, other.as.hostAdmin])
      for (const passportNumber of [known.passportNumber, `FU${Date.now() % 1e7}`]) {
        const r = await api().run(CORRECT, { input: { studentId, passportNumber, reason: "renewed" } }, who);
        expect(err(r)?.extensions).toMatchObject({ code: "FORBIDDEN", field: "input.passportNumber" });
        answers.push({ message: err(r)?.message, extensions: err(r)?.extensions, data: r.data });
      }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    // Other fields stay theirs to correct; a platform admin, who sees every student, learns of the collision.
    expect((await api().run(CORRECT, { input: { studentId, givenNamesLatin: "Alisher-Bek", reason: "spelling" } }, other.as.partnerRegistrar)).errors).toBeUndefined();
    expect(err(await api().run(CORRECT, { input: { studentId, passportNumber: known.passportNumber, reason: "renewed" } }))?.extensions).toMatchObject({ code: "CONFLICT", field: "input.passportNumber" });
    const fresh = `FV${Date.now() % 1e7}`;
    expect((await api().run(CORRECT, { input: { studentId, passportNumber: fresh, reason: "renewed" } })).data.correctStudent.student.passportNumber).toBe(fresh);
  });

  it("M8: a MERGE is noticed in the change feed (and so by webhooks) by the nominating institution, the host and the existing student's home; by nobody else", async () => {
    const FEED = `query($after: String) { changes(after: $after, first: 100) { nodes { action entityType entityId } } }`;
    const head = await api().run(`{ changes(last: 1) { pageInfo { endCursor } } }`);
    const after = head.data.changes.pageInfo.endCursor as string;
    const { existing, held, heldEnrollment, review } = await registeredTwice();
    expect(err(await api().run(RESOLVE, { input: { reviewId: review, decision: "MERGE" } }))).toBeUndefined();
    // Only this merge's notices: an earlier test's can settle after \`head\` was read (the feed waits for every older
    // transaction of the server, and other test files share it), so they may still appear after the cursor.
    const ours = new Set([existing, held, heldEnrollment, review]);
    const seen = async (who?: Viewer | null) => ((await api().run(FEED, { after }, who)).data.changes.nodes as { action: string; entityType: string; entityId: string }[]).filter((n) => /merge|identityReview/.test(n.action) && ours.has(n.entityId));
    for (let i = 0; i < 120 && (await seen()).length < 4; i++) await new Promise((r) => setTimeout(r, 250));
    // Platform admins see the review too.
    expect((await seen()).map((n) => n.action).sort()).toEqual(["enrollment.merge", "identityReview.merge", "identityReview.open", "student.merge"]);
    const notice = [
      { action: "enrollment.merge", entityType: "Enrollment", entityId: heldEnrollment },
      { action: "student.merge", entityType: "Student", entityId: held },
    ];
    const nominatingAdmin = { subject: "nominating-admin", role: "INSTITUTION_ADMIN" as const, institutionId: other.partner }; // whose webhook endpoints get the feed's view
    for (const who of [other.as.partnerRegistrar, nominatingAdmin, other.as.hostAdmin, jp.as.partnerRegistrar]) expect(await seen(who)).toEqual(notice);
    // Institutions the merge did not touch: the existing student's other host, outsiders, roles that read no student.
    for (const who of [jp.as.hostAdmin, other.as.outsiderAdmin, jp.as.outsiderRegistrar, other.as.researchOffice, undefined]) expect(await seen(who ?? null)).toEqual([]);
    expect(existing).not.toBe(held);
  });

  it("M11: a host's hold ends too when the student is withdrawn while still nominated; withdrawn after admission, the host keeps it", async () => {
    const READ = `query($id: ID!) { student(id: $id) { familyNameLatin passportNumber } }`;
    const MOVE = `mutation($input: TransitionEnrollmentInput!) { transitionEnrollment(input: $input) { enrollment { status } } }`;
    const move = async (enrollmentId: string, to: string, as = jp.as.hostAdmin) => expect((await api().run(MOVE, { input: { enrollmentId, to, reason: "r" } }, as)).errors).toBeUndefined();
    const register = async () => (await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: studentRow() } }, jp.as.partnerRegistrar)).data.registerStudent;
    const early = await register(); // withdrawn by its home while nominated: never admitted
    const late = await register(); // admitted, then withdrawn: the host holds its record
    const stays = await register(); // nominated still
    await move(late.enrollment.id, "ADMITTED");
    await move(early.enrollment.id, "WITHDRAWN", jp.as.partnerRegistrar);
    await move(late.enrollment.id, "WITHDRAWN", jp.as.partnerRegistrar);
    const read = async (s: { student: { id: string } }) => api().run(READ, { id: s.student.id }, jp.as.hostAdmin);
    const gone = await read(early);
    expect(gone.data.student).toMatchObject({ passportNumber: null });
    expect(err(gone)?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(err(await api().run(CORRECT, { input: { studentId: early.student.id, email: "x@example.org", reason: "x" } }, jp.as.hostAdmin))?.extensions?.code).toBe("FORBIDDEN");
    for (const s of [late, stays]) {
      const r = await read(s);
      expect(r.errors).toBeUndefined();
      expect(r.data.student.passportNumber).not.toBeNull();
    }
    // The list reads the same rule: the host sees every one of them, the personal data of two.
    const LIST = `query($c: ID!) { cohort(id: $c) { enrollments(first: 100) { nodes { status student { id passportNumber } } } } }`;
    const listed = await api().run(LIST, { c: jp.ids.cohort }, jp.as.hostAdmin);
    const byId = new Map((listed.data.cohort.enrollments.nodes as { student: { id: string; passportNumber: string | null } }[]).map((n) => [n.student.id, n.student.passportNumber]));
    expect(byId.get(early.student.id)).toBeNull();
    expect(byId.get(late.student.id)).not.toBeNull();
    expect(byId.get(stays.student.id)).not.toBeNull();
    // The home institution keeps its own student's data.
    expect((await api().run(READ, { id: early.student.id }, jp.as.partnerRegistrar)).data.student.passportNumber).not.toBeNull();
  });

  it("M11: a host's hold on a student's personal data ends when it rejects the student's only nomination there", async () => {
    const reg = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: studentRow() } }, jp.as.partnerRegistrar);
    const { student, enrollment } = reg.data.registerStudent;
    const READ = `query($id: ID!) { student(id: $id) { familyNameLatin passportNumber } }`;
    expect((await api().run(READ, { id: student.id }, jp.as.hostAdmin)).data.student.passportNumber).not.toBeNull();
    const reject = `mutation($input: TransitionEnrollmentInput!) { transitionEnrollment(input: $input) { enrollment { status } } }`;
    expect((await api().run(reject, { input: { enrollmentId: enrollment.id, to: "REJECTED", reason: "not admitted" } }, jp.as.hostAdmin)).errors).toBeUndefined();
    // The host still sees its decision (the enrollment, the names), no longer the personal data, and may not correct it.
    const after = await api().run(READ, { id: student.id }, jp.as.hostAdmin);
    expect(after.data.student).toMatchObject({ familyNameLatin: "Karimov", passportNumber: null });
    expect(err(after)?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(err(await api().run(CORRECT, { input: { studentId: student.id, email: "x@example.org", reason: "x" } }, jp.as.hostAdmin))?.extensions?.code).toBe("FORBIDDEN");
    // The home institution keeps its own student's data.
    expect((await api().run(READ, { id: student.id }, jp.as.partnerRegistrar)).data.student.passportNumber).not.toBeNull();
  });

  it("M12: after a MERGE the nominating institution keeps its nomination (reads it, withdraws it while NOMINATED) and the student's names; not the personal data, nor the other home's records", async () => {
    const ENROLLMENT = `query($id: ID!) { enrollment(id: $id) { id status cohort { id } history { toStatus }
      student { id familyNameLatin givenNamesLatin passportNumber dateOfBirth email corrections { field } enrollments { id } } } }`;
    const MOVE = `mutation($input: TransitionEnrollmentInput!) { transitionEnrollment(input: $input) { enrollment { status } } }`;
    const LIST = `{ enrollments(first: 100) { nodes { id } } }`;
    const first = await registeredTwice({ familyNameLatin: "Yusupova", givenNamesLatin: "Malika" });
    const second = await registeredTwice();
    for (const m of [first, second]) expect(err(await api().run(RESOLVE, { input: { reviewId: m.review, decision: "MERGE" } }))).toBeUndefined();
    // The existing home corrects the person's names: the nominating institution reads the record's names as they are
    // (names: what every reader of a student sees), not the correction's history (personal data).
    expect(err(await api().run(CORRECT, { input: { studentId: first.existing, givenNamesLatin: "Malika-Bonu", reason: "as in the new passport" } }, jp.as.partnerRegistrar))).toBeUndefined();
    const nominatingRegistrar = other.as.partnerRegistrar;
    const nominatingAdmin: Viewer = { subject: "nominating-admin", role: "INSTITUTION_ADMIN", institutionId: other.partner };

    for (const who of [nominatingRegistrar, nominatingAdmin]) {
      const r = await api().run(ENROLLMENT, { id: first.heldEnrollment }, who);
      expect(r.data.enrollment).toMatchObject({
        id: first.heldEnrollment,
        status: "NOMINATED",
        cohort: { id: other.ids.cohort },
        history: [{ toStatus: "NOMINATED" }],
        student: { id: first.existing, familyNameLatin: "Yusupova", givenNamesLatin: "Malika-Bonu", passportNumber: null, dateOfBirth: null, email: null, corrections: [], enrollments: [{ id: first.heldEnrollment }] },
      });
      // Personal data stays with the home and the hosts: null, FORBIDDEN at each path.
      expect(new Set(r.errors?.map((e) => e.extensions?.code))).toEqual(new Set(["FORBIDDEN"]));
      expect(r.errors?.map((e) => e.path?.at(-1)).sort()).toEqual(["dateOfBirth", "email", "passportNumber"]);
      const listed = (await api().run(LIST, {}, who)).data.enrollments.nodes.map((n: { id: string }) => n.id);
      expect(listed).toContain(first.heldEnrollment);
      expect(listed).not.toContain(first.existingEnrollment);
      // The existing home's own nomination of the person is not the nominating institution's.
      expect(err(await api().run(ENROLLMENT, { id: first.existingEnrollment }, who))?.extensions?.code).toBe("FORBIDDEN");
      expect(err(await api().run(`query($id: ID!) { node(id: $id) { id } }`, { id: first.heldEnrollment }, who))).toBeUndefined();
    }
    expect(err(await api().run(CORRECT, { input: { studentId: first.existing, email: "n@example.org", reason: "x" } }, nominatingRegistrar))?.extensions?.code).toBe("FORBIDDEN");
    // Outsiders: neither the enrollment nor the student, nor the withdrawal.
    for (const who of [other.as.outsiderRegistrar, other.as.outsiderAdmin, jp.as.outsiderRegistrar, other.as.researchOffice]) {
      expect(err(await api().run(ENROLLMENT, { id: first.heldEnrollment }, who))?.extensions?.code).toBe("FORBIDDEN");
      expect(err(await api().run(`query($id: ID!) { student(id: $id) { id } }`, { id: first.existing }, who))?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(err(await api().run(MOVE, { input: { enrollmentId: first.heldEnrollment, to: "WITHDRAWN" } }, other.as.outsiderRegistrar))?.extensions).toMatchObject({ code: "FORBIDDEN", field: "input.enrollmentId" });

    // The nominating registrar withdraws its nomination while it is NOMINATED; once the host admitted it, only the
    // student's home (and the host) may.
    const head = (await api().run(`{ changes(last: 1) { pageInfo { endCursor } } }`)).data.changes.pageInfo.endCursor as string;
    const withdrawn = await api().run(MOVE, { input: { enrollmentId: first.heldEnrollment, to: "WITHDRAWN", reason: "the student declined" } }, nominatingRegistrar);
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data.transitionEnrollment.enrollment.status).toBe("WITHDRAWN");
    expect((await api().run(MOVE, { input: { enrollmentId: second.heldEnrollment, to: "ADMITTED" } }, other.as.hostAdmin)).errors).toBeUndefined();
    const late = await api().run(MOVE, { input: { enrollmentId: second.heldEnrollment, to: "WITHDRAWN" } }, nominatingRegistrar);
    expect(err(late)?.extensions).toMatchObject({ code: "FORBIDDEN", field: "input.enrollmentId" });
    expect((await api().run(ENROLLMENT, { id: second.heldEnrollment }, nominatingRegistrar)).data.enrollment.status).toBe("ADMITTED");
    // Its nomination's later changes reach its change feed (and so its webhooks); an outsider's feed gets none.
    const FEED = `query($after: String) { changes(after: $after, first: 100) { nodes { action entityId } } }`;
    const seen = async (who: Viewer) =>
      ((await api().run(FEED, { after: head }, who)).data.changes.nodes as { action: string; entityId: string }[]).filter((n) => n.action === "enrollment.transition" && [first.heldEnrollment, second.heldEnrollment].includes(n.entityId));
    for (let i = 0; i < 120 && (await seen(PLATFORM_ADMIN)).length < 2; i++) await new Promise((r) => setTimeout(r, 250));
    expect((await seen(nominatingRegistrar)).map((n) => n.entityId)).toEqual([first.heldEnrollment, second.heldEnrollment]);
    expect(await seen(other.as.outsiderAdmin)).toEqual([]);
  });
});
