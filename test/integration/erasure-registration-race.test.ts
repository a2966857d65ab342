import { and, eq, or, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { students } from "../../src/db/schema.js";
import { identityReviews } from "../../src/modules/students/identity-review.table.js";
import { fromGlobalId } from "../../src/shared/global-id.js";
import { buildJointProgram, studentRow, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine, PLATFORM_ADMIN } from "../helpers/engines.js";

// Outside finding S2, the race: a registration of a person another institution already has (held for an identity
// review against that record) and an erasure of that record, at the same time. Erasure is refused while a pending
// review links the record; a review is opened against a record that is not erased. Each test stops one of the two
// at a chosen statement (a row lock held by a transaction of the test) while the other runs, in the order that
// broke the rule before both took the existing student's row lock first.

const REGISTER = `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { existingStudent student { id } enrollment { id status } } }`;
const ERASE = `mutation($input: EraseStudentInput!) { eraseStudent(input: $input) { student { id erasedAt } } }`;
const CORRECT = `mutation($input: CorrectStudentInput!) { correctStudent(input: $input) { student { id } } }`;

describeEachEngine("erasure and registration racing", { engines: ["postgres"] }, (api) => {
  let jp: JointProgram; // the person's home institution: its registrar registers them first
  let other: JointProgram; // another program, whose partner registers the same person
  const db = () => api().database.db;
  const rowsOf = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as T[];

  /** Backends of this database waiting for a lock. */
  const waiting = async () =>
    Number(rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`))[0].n);
  /** Resolves once `n` backends wait for a lock, or `settled` settles (what went through instead), within 10 s. */
  async function until(n: number, settled?: Promise<unknown>) {
    let done = false;
    settled?.then(() => (done = true), () => (done = true));
    for (let i = 0; i < 200 && !done; i++) {
      if ((await waiting()) >= n) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  /** A transaction of the test holding a row lock until `release()`. */
  async function holdLock(statement: ReturnType<typeof sql>) {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockedYet = new Promise<void>((r) => (locked = r));
    const done = db().transaction(async (tx) => {
      await tx.execute(statement);
      locked();
      await gate;
    });
    await lockedYet;
    return { release: async () => (release(), await done) };
  }
  async function registeredAtHome() {
    const person = studentRow();
    const r = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: person } }, jp.as.partnerRegistrar);
    expect(r.errors).toBeUndefined();
    return { person, existing: fromGlobalId(r.data.registerStudent.student.id, "Student", "s"), existingId: r.data.registerStudent.student.id as string };
  }
  const reviewsOf = (id: number) =>
    db().select({ status: identityReviews.status, held: identityReviews.heldStudentId, existing: identityReviews.existingStudentId }).from(identityReviews)
      .where(or(eq(identityReviews.existingStudentId, id), eq(identityReviews.heldStudentId, id)));
  const erasedAt = async (id: number) => (await db().select({ at: students.erasedAt }).from(students).where(eq(students.id, id)))[0].at;

  beforeAll(async () => {
    jp = await buildJointProgram(db());
    other = await buildJointProgram(db());
  });

  it("an erasure arriving after the registration's look-up waits for it, then is CONFLICT on the review it opened", async () => {
    const { person, existing, existingId } = await registeredAtHome();
    // The registration stops at its insert (the nomination's cohort is locked), after its look-up found the person.
    const cohort = await holdLock(sql`select id from cohorts where id = ${other.cohortId} for update`);
    const registration = api().run(REGISTER, { input: { cohortId: other.ids.cohort, student: person } }, other.as.partnerRegistrar);
    await until(1, registration);
    // The erasure now: it must wait for the registration (which holds the student it found), not go through.
    const erasure = api().run(ERASE, { input: { studentId: existingId, reason: "the student's request" } }, PLATFORM_ADMIN);
    await until(2, erasure);
    await cohort.release();
    const [r, e] = await Promise.all([registration, erasure]);
    expect(r.errors).toBeUndefined();
    expect(r.data.registerStudent.existingStudent).toBe(false); // held, answered as a new person
    expect(e.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.studentId", identityReviews: [expect.any(String)] });
    expect(await erasedAt(existing)).toBeNull();
    expect(await reviewsOf(existing)).toEqual([{ status: "PENDING", held: fromGlobalId(r.data.registerStudent.student.id, "Student", "s"), existing }]);
  });

  it("a registration arriving during an erasure waits for it, and then registers the person afresh: no review of an erased record", async () => {
    const { person, existing, existingId } = await registeredAtHome();
    // A correction, so that the erasure has a history row to empty: it stops there (that row is locked), holding its student.
    expect((await api().run(CORRECT, { input: { studentId: existingId, email: `renewed-${existing}@example.org`, reason: "new address" } })).errors).toBeUndefined();
    const history = await holdLock(sql`select id from student_corrections where student_id = ${existing} for update`);
    const erasure = api().run(ERASE, { input: { studentId: existingId, reason: "the student's request" } }, PLATFORM_ADMIN);
    await until(1, erasure);
    const registration = api().run(REGISTER, { input: { cohortId: other.ids.cohort, student: person } }, other.as.partnerRegistrar);
    await until(2, registration);
    await history.release();
    const [e, r] = await Promise.all([erasure, registration]);
    expect(e.errors).toBeUndefined();
    expect(r.errors).toBeUndefined();
    expect(await erasedAt(existing)).not.toBeNull();
    // The erased record is nobody's match any more: no review links it, and the new student is confirmed (not held).
    expect(await reviewsOf(existing)).toEqual([]);
    const created = fromGlobalId(r.data.registerStudent.student.id, "Student", "s");
    const [row] = await db().select({ held: students.heldForReview, home: students.homeInstitutionId }).from(students).where(eq(students.id, created));
    expect(row).toEqual({ held: false, home: other.partner });
    expect(await db().select({ id: identityReviews.id }).from(identityReviews).where(and(eq(identityReviews.heldStudentId, created)))).toEqual([]);
  });
});
