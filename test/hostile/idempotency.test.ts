import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_JWT_SECRET } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { cohorts, enrollments, enrollmentStatusChanges, idempotencyKeys, institutions, programPartners, students } from "../../src/db/schema.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { mintToken } from "../../src/modules/auth/auth.service.js";
import { identityReviews } from "../../src/modules/students/identity-review.table.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildJointProgram, studentRow, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine, type RunResult } from "../helpers/engines.js";
import { createTestDatabase, postgresStatus } from "../helpers/postgres.js";
import { postGraphQL, startServerProcess, type ServerProcess } from "../helpers/server-process.js";

// Issue 11, points 7–9: concurrent copies of one idempotent request all get the first answer; a key belongs to
// its caller (subject, role and institution) and a replayed payload never shows more than the caller may see;
// a registration's answer does not depend on whether another institution knows the passport.

const REGISTER = /* GraphQL */ `
  mutation($input: RegisterStudentInput!) {
    registerStudent(input: $input) {
      existingStudent
      student { id familyName givenNames familyNameLatin nationality passportNumber homeInstitution { id nameEn } }
      enrollment { id status cohort { id } history { fromStatus toStatus reason } }
    }
  }
`;
const BULK = /* GraphQL */ `
  mutation($input: RegisterStudentsInput!) {
    registerStudents(input: $input) {
      written accepted rejected
      results { row existingStudent error { code field message } student { id familyNameLatin nationality passportNumber } enrollment { id status } }
    }
  }
`;
const MOVE = /* GraphQL */ `
  mutation($input: TransitionEnrollmentInput!) { transitionEnrollment(input: $input) { enrollment { id status history { fromStatus toStatus reason } } } }
`;
const ADVANCE = /* GraphQL */ `
  mutation($input: AdvanceCohortYearInput!) { advanceCohortYear(input: $input) { cohort { id currentYearOfStudy } } }
`;

/** What a client sees of an answer: data and errors (message, code, field), not the statement count. */
const answer = (r: RunResult<unknown>) => ({ data: r.data, errors: r.errors?.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions })) });

/** Ids (global ids, database ids) replaced by a placeholder: what is left must not depend on which row was written. */
function withoutIds(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v), (k, x) => (k === "id" || k === "entityId" || k === "studentId" || k === "enrollmentId" ? "<id>" : x));
}

describeEachEngine("idempotency under concurrent copies", {}, (api) => {
  let jp: JointProgram;
  const db = () => api().database.db;

  beforeAll(async () => {
    jp = await buildJointProgram(api().database.db, 2);
  });

  async function nominate(): Promise<number> {
    const [s] = await db().insert(students).values({ ...studentRow(), homeInstitutionId: jp.partner }).returning({ id: students.id });
    const [e] = await db().insert(enrollments).values({ studentId: s.id, cohortId: jp.cohortId }).returning({ id: enrollments.id });
    return e.id;
  }

  it("registerStudent: 8 copies at once all answer the first answer; one student, one nomination", async () => {
    const row = studentRow();
    const input = { idempotencyKey: `reg-${row.passportNumber}`, cohortId: jp.ids.cohort, student: row };
    const all = await Promise.all(Array.from({ length: 8 }, () => api().run(REGISTER, { input }, jp.as.partnerRegistrar)));
    expect(all[0].errors).toBeUndefined();
    expect(all[0].data.registerStudent.existingStudent).toBe(false);
    for (const r of all) expect(answer(r)).toEqual(answer(all[0]));
    const written = await db().select({ id: students.id }).from(students).where(eq(students.passportNumber, row.passportNumber));
    expect(written).toHaveLength(1);
    const nominations = await db().select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.studentId, written[0].id));
    expect(nominations).toHaveLength(1);
    // A later retry gets the same answer too.
    expect(answer(await api().run(REGISTER, { input }, jp.as.partnerRegistrar))).toEqual(answer(all[0]));
  });

  it("transitionEnrollment: 8 copies at once all answer the first answer; one status change", async () => {
    const id = await nominate();
    const input = { idempotencyKey: `admit-${id}`, enrollmentId: toGlobalId("Enrollment", id), to: "ADMITTED", reason: "documents complete" };
    const all = await Promise.all(Array.from({ length: 8 }, () => api().run(MOVE, { input }, jp.as.hostAdmin)));
    expect(all[0].errors).toBeUndefined();
    expect(all[0].data.transitionEnrollment.enrollment.status).toBe("ADMITTED");
    for (const r of all) expect(answer(r)).toEqual(answer(all[0]));
    const changes = await db().select().from(enrollmentStatusChanges).where(and(eq(enrollmentStatusChanges.enrollmentId, id), eq(enrollmentStatusChanges.toStatus, "ADMITTED")));
    expect(changes).toHaveLength(1);
  });

  it("advanceCohortYear: 6 copies at once advance the cohort once", async () => {
    const [before] = await db().select({ year: cohorts.currentYearOfStudy }).from(cohorts).where(eq(cohorts.id, jp.cohortId));
    const input = { idempotencyKey: `advance-${jp.cohortId}-${before.year}`, cohortId: jp.ids.cohort };
    const all = await Promise.all(Array.from({ length: 6 }, () => api().run(ADVANCE, { input }, jp.as.hostAdmin)));
    expect(all[0].errors).toBeUndefined();
    for (const r of all) expect(answer(r)).toEqual(answer(all[0]));
    const [after] = await db().select({ year: cohorts.currentYearOfStudy }).from(cohorts).where(eq(cohorts.id, jp.cohortId));
    expect(after.year).toBe(before.year + 1);
  });

  it("a refused request is answered the same to every copy and every retry (domain errors are stored with the key)", async () => {
    // The cohort has 2 seats: fill them, then a third enrollment is CAPACITY_REACHED.
    for (const id of [await nominate(), await nominate()])
      for (const to of ["ADMITTED", "ENROLLED"])
        expect((await api().run(MOVE, { input: { enrollmentId: toGlobalId("Enrollment", id), to } }, jp.as.hostAdmin)).errors).toBeUndefined();
    const id = await nominate();
    expect((await api().run(MOVE, { input: { enrollmentId: toGlobalId("Enrollment", id), to: "ADMITTED" } }, jp.as.hostAdmin)).errors).toBeUndefined();
    const input = { idempotencyKey: `enroll-${id}`, enrollmentId: toGlobalId("Enrollment", id), to: "ENROLLED" };
    const all = await Promise.all(Array.from({ length: 5 }, () => api().run(MOVE, { input }, jp.as.hostAdmin)));
    expect(all[0].errors?.[0].extensions?.code).toBe("CAPACITY_REACHED");
    for (const r of all) expect(answer(r)).toEqual(answer(all[0]));
    // A seat frees up; the retry of the refused request still gets its first answer; a new key is a new request.
    await db().update(cohorts).set({ capacity: 3 }).where(eq(cohorts.id, jp.cohortId));
    expect(answer(await api().run(MOVE, { input }, jp.as.hostAdmin))).toEqual(answer(all[0]));
    const fresh = await api().run(MOVE, { input: { ...input, idempotencyKey: `enroll-${id}-again` } }, jp.as.hostAdmin);
    expect(fresh.errors).toBeUndefined();
    expect(fresh.data.transitionEnrollment.enrollment.status).toBe("ENROLLED");
    await db().update(cohorts).set({ capacity: 30 }).where(eq(cohorts.id, jp.cohortId));
  });

  it("a bulk registration refused row by row is stored too: copies agree, and the key then belongs to that request", async () => {
    const rows = [studentRow(), studentRow({ dateOfBirth: "2020-01-01" })];
    const input = { idempotencyKey: `bulk-${rows[0].passportNumber}`, cohortId: jp.ids.cohort, students: rows };
    const all = await Promise.all(Array.from({ length: 4 }, () => api().run(BULK, { input }, jp.as.partnerRegistrar)));
    expect(all[0].data.registerStudents).toMatchObject({ written: false, accepted: 1, rejected: 1 });
    for (const r of all) expect(answer(r)).toEqual(answer(all[0]));
    const corrected = await api().run(BULK, { input: { ...input, students: [rows[0]] } }, jp.as.partnerRegistrar);
    expect(corrected.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.idempotencyKey" });
  });

  it("an expired key (older than 24 hours) is a new request", async () => {
    const row = studentRow();
    const input = { idempotencyKey: `old-${row.passportNumber}`, cohortId: jp.ids.cohort, student: row };
    const first = await api().run(REGISTER, { input }, jp.as.partnerRegistrar);
    expect(first.errors).toBeUndefined();
    await db().update(idempotencyKeys).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(idempotencyKeys.key, input.idempotencyKey));
    const later = await api().run(REGISTER, { input }, jp.as.partnerRegistrar);
    // Run afresh: the student now exists at the caller's own institution and is already in the cohort.
    expect(later.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.student.passportNumber" });
  });
});

describeEachEngine("idempotency keys belong to their caller; replays obey the caller's access", {}, (api) => {
  let jp: JointProgram;
  let secondPartner: number;
  const db = () => api().database.db;

  beforeAll(async () => {
    jp = await buildJointProgram(api().database.db);
    const [p2] = await db()
      .insert(institutions)
      .values({ slug: `idem-second-${Math.random().toString(36).slice(2, 8)}`, kind: "UNIVERSITY", countryCode: "KZ", nameEn: "Second Partner Academy" })
      .returning({ id: institutions.id });
    secondPartner = p2.id;
    await db().insert(programPartners).values({ programId: jp.programId, institutionId: secondPartner });
  });

  it("the same subject at another institution does not get the first caller's answer", async () => {
    const shared = "sso|same-subject";
    const atPartner: Viewer = { subject: shared, role: "PARTNER_REGISTRAR", institutionId: jp.partner };
    const atOutsider: Viewer = { subject: shared, role: "PARTNER_REGISTRAR", institutionId: jp.outsider };
    const atSecond: Viewer = { subject: shared, role: "PARTNER_REGISTRAR", institutionId: secondPartner };
    const row = studentRow({ familyName: "Секретова", familyNameLatin: "Sekretova" });
    const input = { idempotencyKey: "cross-institution-1", cohortId: jp.ids.cohort, student: row };

    const first = await api().run(REGISTER, { input }, atPartner);
    expect(first.errors).toBeUndefined();

    // Another institution that is not a partner of the program: a new request under its own rules.
    const outsider = await api().run(REGISTER, { input }, atOutsider);
    expect(outsider.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(outsider.data?.registerStudent ?? null).toBeNull();
    expect(JSON.stringify(outsider)).not.toContain("Sekretova");
    expect(JSON.stringify(outsider)).not.toContain(row.passportNumber);

    // A partner institution: its own registration (and, as the person is another home's student, held for review).
    const second = await api().run(REGISTER, { input }, atSecond);
    expect(second.errors).toBeUndefined();
    expect(second.data.registerStudent.student.id).not.toBe(first.data.registerStudent.student.id);
    expect(second.data.registerStudent.student.homeInstitution.id).toBe(toGlobalId("Institution", secondPartner));
    expect(withoutIds(second.data)).toEqual(withoutIds({ ...first.data, registerStudent: { ...first.data.registerStudent, student: { ...first.data.registerStudent.student, homeInstitution: { id: "", nameEn: "Second Partner Academy" } } } }));

    // The first caller's replay is still its own answer.
    expect(answer(await api().run(REGISTER, { input }, atPartner))).toEqual(answer(first));
    const keys = await db().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, "cross-institution-1"));
    // Three keys, one per caller scope (the outsider's FORBIDDEN is its own request's stored answer).
    expect(keys.map((k) => k.actorScope).sort()).toEqual([`PARTNER_REGISTRAR/${jp.outsider}`, `PARTNER_REGISTRAR/${jp.partner}`, `PARTNER_REGISTRAR/${secondPartner}`].sort());
  });

  it("a replayed payload shows only what the caller may see now", async () => {
    // The second partner registers a person the first partner has; a platform admin merges the held nomination
    // into the existing student. The second partner's replay then shows the nomination, which it keeps (README:
    // merged nominations), but not the student it named, merged away: the answer is read as the caller may now.
    const row = studentRow();
    const original = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: row } }, jp.as.partnerRegistrar);
    expect(original.errors).toBeUndefined();
    const other = await buildJointProgram(db());
    await db().insert(programPartners).values({ programId: other.programId, institutionId: secondPartner });
    const registrar: Viewer = { subject: "second-registrar", role: "PARTNER_REGISTRAR", institutionId: secondPartner };
    const input = { idempotencyKey: "merge-then-replay", cohortId: other.ids.cohort, student: row };
    const first = await api().run(REGISTER, { input }, registrar);
    expect(first.errors).toBeUndefined();
    const [review] = await db().select().from(identityReviews).where(eq(identityReviews.enrollmentId, Number(Buffer.from(first.data.registerStudent.enrollment.id, "base64url").toString().split(":")[1])));
    const merged = await api().run(
      `mutation($input: ResolveIdentityReviewInput!) { resolveIdentityReview(input: $input) { review { status } } }`,
      { input: { reviewId: toGlobalId("IdentityReview", review.id), decision: "MERGE" } },
    );
    expect(merged.errors).toBeUndefined();
    const replay = await api().run(REGISTER, { input }, registrar);
    // Payloads are nullable (README Decisions): the student is null, FORBIDDEN at its path; the nomination is read.
    expect(replay.data?.registerStudent?.student ?? null).toBeNull();
    expect(replay.data?.registerStudent?.enrollment).toMatchObject({ id: first.data.registerStudent.enrollment.id, status: "NOMINATED" });
    expect(replay.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(replay.errors?.[0].path).toEqual(["registerStudent", "student"]);
    expect(JSON.stringify(replay)).not.toContain(row.passportNumber);
    // The same for transitions: an enrollment the caller cannot see is FORBIDDEN (here an outsider's withdrawal).
    const outsider: Viewer = { subject: "outsider-registrar", role: "PARTNER_REGISTRAR", institutionId: jp.outsider };
    const move = await api().run(MOVE, { input: { idempotencyKey: "withdraw-merged", enrollmentId: first.data.registerStudent.enrollment.id, to: "WITHDRAWN" } }, outsider);
    expect(move.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describeEachEngine("registration is not an existence oracle", {}, (api) => {
  let jp: JointProgram;
  let other: JointProgram;
  const db = () => api().database.db;
  const header = "family_name,given_names,family_name_latin,given_names_latin,date_of_birth,nationality,email,passport_number";
  const line = (s: Omit<ReturnType<typeof studentRow>, "email">) => [s.familyName, s.givenNames, s.familyNameLatin, s.givenNamesLatin, s.dateOfBirth, s.nationality, "", s.passportNumber].join(",");
  const FEED = `query($after: String) { changes(first: 50, after: $after) { pageInfo { endCursor } nodes { action entityType enrollmentStatus data } } }`;
  // A change shows in the feed once every older transaction on the server has ended (other suites' too): wait
  // for the rows expected (at most 20 s), then read once more, so a surplus row would show too.
  const feedAfter = async (after: string | null, rows: number) => {
    for (const until = Date.now() + 20_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100)))
      if ((await api().run(FEED, { after }, jp.as.partnerRegistrar)).data.changes.nodes.length >= rows) break;
    return (await api().run(FEED, { after }, jp.as.partnerRegistrar)).data.changes;
  };

  beforeAll(async () => {
    jp = await buildJointProgram(api().database.db);
    other = await buildJointProgram(api().database.db);
  });

  it("a CSV row with another institution's student's passport is answered as an unused passport is", async () => {
    // The other program's partner has registered this person.
    const known = studentRow();
    expect((await api().run(REGISTER, { input: { cohortId: other.ids.cohort, student: known } }, other.as.partnerRegistrar)).errors).toBeUndefined();
    const unused = studentRow();
    const same = (s: ReturnType<typeof studentRow>) => ({ ...known, email: null, passportNumber: s.passportNumber });

    const feedStart = (await api().run(FEED, {}, jp.as.partnerRegistrar)).data.changes.pageInfo.endCursor;
    const a = await api().run(BULK, { input: { cohortId: jp.ids.cohort, csv: `${header}\n${line(same(known))}` } }, jp.as.partnerRegistrar);
    const feedMid = await feedAfter(feedStart, 2);
    const b = await api().run(BULK, { input: { cohortId: jp.ids.cohort, csv: `${header}\n${line(same(unused))}` } }, jp.as.partnerRegistrar);
    const feedEnd = await feedAfter(feedMid.pageInfo.endCursor, 2);

    expect(a.errors).toBeUndefined();
    expect(a.data.registerStudents).toMatchObject({ written: true, accepted: 1, rejected: 0 });
    const passportless = (r: RunResult<any>) => withoutIds(JSON.parse(JSON.stringify(r.data).replaceAll(known.passportNumber, "<p>").replaceAll(unused.passportNumber, "<p>")));
    expect(passportless(a)).toEqual(passportless(b));
    // Not even the number of SQL statements (the x-sql-statements header) tells them apart.
    expect(a.statements).toBe(b.statements);
    // Nor the caller's change feed, nor its institution's audit trail.
    expect(feedMid.nodes).toHaveLength(2); // student.register, enrollment.nominate
    expect(withoutIds(feedMid.nodes)).toEqual(withoutIds(feedEnd.nodes));
    const trail = await api().run(`{ auditLog(last: 10) { nodes { action entityType } } }`, {}, { ...jp.as.hostAdmin, institutionId: jp.partner });
    expect(trail.errors).toBeUndefined();
    expect(trail.data.auditLog.nodes.map((n: any) => n.action)).not.toContain("identityReview.open");
    // Nor what the registrar reads afterwards.
    const read = async (r: RunResult<any>) =>
      (await api().run(`query($id: ID!) { student(id: $id) { familyNameLatin nationality dateOfBirth email homeInstitution { id } enrollments { status history { toStatus reason } } } }`, { id: r.data.registerStudents.results[0].student.id }, jp.as.partnerRegistrar)).data;
    expect(await read(a)).toEqual(await read(b));

    // One confirmed student per person; the held nomination waits for a platform admin.
    const rows = await db().select({ home: students.homeInstitutionId, held: students.heldForReview }).from(students).where(eq(students.passportNumber, known.passportNumber));
    expect(rows.sort((x, y) => Number(x.held) - Number(y.held))).toEqual([{ home: other.partner, held: false }, { home: jp.partner, held: true }]);
    const reviews = await api().run(`{ identityReviews(filter: { statuses: [PENDING] }, last: 5) { nodes { status existingStudent { homeInstitution { id } } heldStudent { homeInstitution { id } } } } }`);
    expect(reviews.data.identityReviews.nodes).toContainEqual({ status: "PENDING", existingStudent: { homeInstitution: { id: other.ids.partner } }, heldStudent: { homeInstitution: { id: jp.ids.partner } } });
  });

  it("registerStudent (one row): the same answer for a known and an unused passport", async () => {
    const known = studentRow();
    expect((await api().run(REGISTER, { input: { cohortId: other.ids.cohort, student: known } }, other.as.partnerRegistrar)).errors).toBeUndefined();
    const unused = studentRow();
    const a = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: { ...known, email: null } } }, jp.as.partnerRegistrar);
    const b = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: { ...known, email: null, passportNumber: unused.passportNumber } } }, jp.as.partnerRegistrar);
    expect(a.errors).toBeUndefined();
    const scrub = (r: RunResult<any>) => withoutIds(JSON.parse(JSON.stringify(r.data).replaceAll(known.passportNumber, "<p>").replaceAll(unused.passportNumber, "<p>")));
    expect(scrub(a)).toEqual(scrub(b));
    expect(a.statements).toBe(b.statements);
    // Registering either again into another cohort reuses the caller's own student, the same way for both.
    const third = await buildJointProgram(db());
    await db().insert(programPartners).values({ programId: third.programId, institutionId: jp.partner });
    const a2 = await api().run(REGISTER, { input: { cohortId: third.ids.cohort, student: { ...known, email: null } } }, jp.as.partnerRegistrar);
    const b2 = await api().run(REGISTER, { input: { cohortId: third.ids.cohort, student: { ...known, email: null, passportNumber: unused.passportNumber } } }, jp.as.partnerRegistrar);
    expect(a2.data.registerStudent.existingStudent).toBe(true);
    expect(scrub(a2)).toEqual(scrub(b2));
    expect(a2.statements).toBe(b2.statements);
  });
});

// Across two server processes sharing one PostgreSQL database.
const pg = await postgresStatus();
const KEYS = 300;

(pg.available ? describe : describe.skip)("idempotent retries across two server processes [postgres]", () => {
  let database: Database;
  let drop: () => Promise<void>;
  let servers: ServerProcess[] = [];
  let jp: JointProgram;
  let toAdmit: number[];

  beforeAll(async () => {
    const created = await createTestDatabase("xmu_idem", "migrated");
    drop = created.drop;
    database = await openDatabase({ url: created.url, poolSize: 4 });
    jp = await buildJointProgram(database.db, 500);
    const rows = await database.db
      .insert(students)
      .values(Array.from({ length: KEYS / 3 }, () => ({ ...studentRow(), email: null, homeInstitutionId: jp.partner })))
      .returning({ id: students.id });
    toAdmit = (await database.db.insert(enrollments).values(rows.map((r) => ({ studentId: r.id, cohortId: jp.cohortId }))).returning({ id: enrollments.id })).map((e) => e.id);
    const env = { DATABASE_URL: created.url, SEED_ON_START: "false", JWT_SECRET: DEV_JWT_SECRET, DB_POOL_SIZE: "8" };
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.close();
    await drop?.();
  });

  it(`${KEYS} keys, each sent 2–3 times at once through both processes: every copy gets the same answer, nothing is written twice`, async () => {
    const cfg = { secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" };
    const registrar = `Bearer ${await mintToken(cfg, { subject: "idem-registrar", role: "PARTNER_REGISTRAR", institutionId: jp.partner })}`;
    const admin = `Bearer ${await mintToken(cfg, { subject: "idem-admin", role: "INSTITUTION_ADMIN", institutionId: jp.host })}`;
    const passports: string[] = [];
    const requests = Array.from({ length: KEYS }, (_, i) => {
      if (i % 3 === 0) {
        const e = toAdmit[i / 3];
        return { query: MOVE, auth: admin, variables: { input: { idempotencyKey: `p-admit-${e}`, enrollmentId: toGlobalId("Enrollment", e), to: "ADMITTED" } } };
      }
      const row = { ...studentRow(), email: null };
      passports.push(row.passportNumber);
      return { query: REGISTER, auth: registrar, variables: { input: { idempotencyKey: `p-reg-${row.passportNumber}`, cohortId: jp.ids.cohort, student: row } } };
    });
    const answers: { status: number; body: unknown }[][] = [];
    const WAVE = 25; // keys in flight at once (each with all its copies)
    for (let start = 0; start < requests.length; start += WAVE) {
      const wave = requests.slice(start, start + WAVE).map((req, k) => {
        const copies = 2 + ((start + k) % 2);
        return Promise.all(Array.from({ length: copies }, (_, c) => postGraphQL(servers[(start + k + c) % 2].url, req.query, req.variables, { authorization: req.auth })));
      });
      answers.push(...(await Promise.all(wave)));
    }
    let copies = 0;
    const failures: string[] = [];
    // What the client is answered: the status, data and errors (extensions.cost is the caller's budget at that moment).
    const seen = (r: { status: number; body: unknown }) => {
      const b = r.body as { data?: unknown; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
      return JSON.stringify({ status: r.status, data: b.data, errors: b.errors?.map((e) => [e.message, e.extensions?.code, e.extensions?.field]) });
    };
    for (const [i, copiesOfKey] of answers.entries()) {
      copies += copiesOfKey.length;
      const first = seen(copiesOfKey[0]);
      if ((copiesOfKey[0].body as { errors?: unknown }).errors) failures.push(`key ${i}: ${first.slice(0, 300)}`);
      for (const c of copiesOfKey) if (seen(c) !== first) failures.push(`key ${i}: ${seen(c).slice(0, 300)} != ${first.slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
    expect(copies).toBeGreaterThanOrEqual(KEYS * 2);

    const written = await database.db.select({ n: sql<number>`count(*)::int` }).from(students).where(inArray(students.passportNumber, passports));
    expect(written[0].n).toBe(passports.length);
    const nominated = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(enrollments)
      .innerJoin(students, eq(students.id, enrollments.studentId))
      .where(inArray(students.passportNumber, passports));
    expect(nominated[0].n).toBe(passports.length);
    const admitted = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(enrollmentStatusChanges)
      .where(and(inArray(enrollmentStatusChanges.enrollmentId, toAdmit), eq(enrollmentStatusChanges.toStatus, "ADMITTED")));
    expect(admitted[0].n).toBe(toAdmit.length);
    const keys = await database.db.select({ n: sql<number>`count(*)::int` }).from(idempotencyKeys).where(eq(idempotencyKeys.state, "done"));
    expect(keys[0].n).toBe(KEYS);
    for (const s of servers) expect(s.output()).not.toContain('"level":50');
  }, 180_000);
});
if (!pg.available) {
  if (process.env.REQUIRE_POSTGRES === "1")
    describe("idempotent retries across two server processes [postgres]", () => {
      it("needs PostgreSQL (REQUIRE_POSTGRES=1)", () => {
        throw new Error(`PostgreSQL is required: ${pg.reason}`);
      });
    });
  else console.warn(`[tests] idempotent retries across two server processes [postgres] skipped: ${pg.reason}`);
}
