import { fromGlobalId } from "../../src/shared/global-id.js";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { students } from "../../src/db/schema.js";
import { auditLog } from "../../src/modules/audit/audit.table.js";
import { buildWorld, type World } from "../factories/world.js";
import { studentRow } from "../factories/joint-program.js";
import { describeEachEngine, makeApi, PLATFORM_ADMIN } from "../helpers/engines.js";
import { createLogger } from "../../src/logger.js";
import { createApollo } from "../../src/server.js";
import { eq } from "drizzle-orm";

// Data-subject rights: the export holds everything about one student; erasure removes the values (also from the
// correction history and the audit trail's free text) and leaves every row and every figure; a legal hold stops it.

const FIGURES = `query($c: ID!) {
  studentCounts(groupBy: [NATIONALITY, STATUS, COHORT]) { nationality status cohortId students }
  cohort(id: $c) { seatsTaken enrollments(first: 100) { totalCount nodes { status history { toStatus } } } }
}`;

describeEachEngine("data-subject rights: export and erasure", {}, (api) => {
  let w: World;
  let person: ReturnType<typeof studentRow>;
  let studentId: string;
  const renewed = `FE${Date.now() % 1e7}`;
  const db = () => api().database.db;
  const err = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;

  beforeAll(async () => {
    w = await buildWorld(db());
    person = studentRow({ familyName: "Эргашева", givenNames: "Мадина", familyNameLatin: "Ergasheva", givenNamesLatin: "Madina", dateOfBirth: "2003-02-17", email: `madina.${Date.now()}@example.org` });
    const reg = await api().run(`mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { student { id } } }`, { input: { cohortId: w.jp.ids.cohort, student: person } }, w.jp.as.partnerRegistrar);
    studentId = reg.data.registerStudent.student.id;
    const fix = await api().run(`mutation($input: CorrectStudentInput!) { correctStudent(input: $input) { student { id } } }`, { input: { studentId, passportNumber: renewed, reason: `renewed, was ${person.passportNumber}` } }, PLATFORM_ADMIN);
    expect(fix.errors).toBeUndefined();
  });

  it("exports everything about one student as one JSON document, to platform admins only", async () => {
    const q = `query($id: ID!) { studentDataExport(studentId: $id) }`;
    const r = await api().run(q, { id: studentId }, PLATFORM_ADMIN);
    expect(r.errors).toBeUndefined();
    const doc = r.data.studentDataExport;
    expect(doc.student).toMatchObject({ id: studentId, familyNameLatin: "Ergasheva", passportNumber: renewed, email: person.email, dateOfBirth: person.dateOfBirth });
    expect(doc.enrollments).toHaveLength(1);
    expect(doc.enrollments[0].history.map((h: any) => h.toStatus)).toEqual(["NOMINATED"]);
    expect(doc.corrections).toMatchObject([{ field: "PASSPORT_NUMBER", oldValue: person.passportNumber, newValue: renewed }]);
    expect(doc.auditTrail.map((a: any) => a.action)).toEqual(["student.register", "enrollment.nominate", "student.correct"]);
    // Ids as the API gives them everywhere: global ids of the objects it serves, references included.
    expect(doc.student).toMatchObject({ homeInstitutionId: w.jp.ids.partner, registeredByInstitutionId: w.jp.ids.partner });
    const e = doc.enrollments[0];
    expect(e).toMatchObject({ studentId, cohortId: w.jp.ids.cohort, nominatedByInstitutionId: null });
    expect(fromGlobalId(e.id, "Enrollment", "id")).toBeGreaterThan(0);
    expect(e.history[0]).toMatchObject({ enrollmentId: e.id, toStatus: "NOMINATED" });
    expect(doc.corrections[0]).toMatchObject({ studentId, correctedByInstitutionId: null });
    expect(doc.auditTrail.map((a: any) => a.entityId)).toEqual([studentId, e.id, studentId]);
    expect(doc.auditTrail[1].after).toMatchObject({ studentId, cohortId: w.jp.ids.cohort });
    expect(doc.auditTrail[0].actorInstitutionId).toBe(w.jp.ids.partner);
    expect(typeof doc.enrollments[0].createdAt).toBe("string");
    for (const who of [w.jp.as.hostAdmin, w.jp.as.partnerRegistrar]) expect(err(await api().run(q, { id: studentId }, who))?.code).toBe("FORBIDDEN");
    expect(err(await api().run(q, { id: studentId }, null))?.code).toBe("UNAUTHENTICATED");
  });

  it("records each export in the audit trail (who, whose, when; none of the values), for platform admins to read", async () => {
    const q = `query($id: ID!) { studentDataExport(studentId: $id) }`;
    const LOG = `query($f: AuditFilter) { auditLog(last: 10, filter: $f) { nodes { at actorSubject actorRole action entityType entityId after } } }`;
    const filter = { f: { action: "student.export", entityId: studentId } };
    const before = (await api().run(LOG, filter, PLATFORM_ADMIN)).data.auditLog.nodes.length;
    const started = Date.now();
    const r = await api().run(q, { id: studentId }, PLATFORM_ADMIN);
    expect(r.errors).toBeUndefined();
    const log = await api().run(LOG, filter, PLATFORM_ADMIN);
    expect(log.errors).toBeUndefined();
    const entries = log.data.auditLog.nodes;
    expect(entries).toHaveLength(before + 1);
    const entry = entries.at(-1);
    expect(entry).toMatchObject({ actorSubject: PLATFORM_ADMIN.subject, actorRole: "PLATFORM_ADMIN", action: "student.export", entityType: "Student", entityId: studentId });
    expect(new Date(entry.at).getTime()).toBeGreaterThanOrEqual(started - 5_000);
    const doc = r.data.studentDataExport;
    expect(entry.after).toEqual({ enrollments: doc.enrollments.length, corrections: doc.corrections.length, identityReviews: doc.identityReviews.length, auditEntries: doc.auditTrail.length });
    for (const v of [person.familyName, person.familyNameLatin, person.dateOfBirth, person.email, renewed, person.passportNumber]) expect(JSON.stringify(entry).includes(v), `the record holds ${v}`).toBe(false);
    // The student's next export lists it in the student's trail; the record is no institution's (their admins' auditLog
    // lists their own staff's changes) and in the change feed for platform admins only.
    const again = await api().run(q, { id: studentId }, PLATFORM_ADMIN);
    expect(again.data.studentDataExport.auditTrail.at(-1)).toMatchObject({ action: "student.export", entityType: "Student", actorRole: "PLATFORM_ADMIN" });
    const theirs = await api().run(LOG, filter, w.jp.as.hostAdmin);
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data.auditLog.nodes).toEqual([]);
    const [row] = await db().select().from(auditLog).where(eq(auditLog.action, "student.export")).orderBy(auditLog.id).limit(1);
    expect(row).toMatchObject({ actorInstitutionId: null, visibleTo: [] });
    // A refused export (no such student, wrong role) is not recorded.
    const count = async () => (await api().run(LOG, { f: { action: "student.export" } }, PLATFORM_ADMIN)).data.auditLog.nodes.length;
    const n = await count();
    expect(err(await api().run(q, { id: "U3R1ZGVudDoyMTQ3NDgzNjQ3" }, PLATFORM_ADMIN))?.code).toBe("NOT_FOUND");
    expect(err(await api().run(q, { id: studentId }, w.jp.as.hostAdmin))?.code).toBe("FORBIDDEN");
    expect(await count()).toBe(n);
  });

  it("erasure is refused under a legal hold; once lifted, it removes every value and leaves every figure", async () => {
    const before = await api().run(FIGURES, { c: w.jp.ids.cohort }, PLATFORM_ADMIN);
    expect(before.errors).toBeUndefined();
    const HOLD = `mutation($input: SetStudentLegalHoldInput!) { setStudentLegalHold(input: $input) { student { id } } }`;
    const ERASE = `mutation($input: EraseStudentInput!) { eraseStudent(input: $input) { student { familyNameLatin givenNamesLatin dateOfBirth passportNumber email erasedAt corrections { oldValue newValue reason } } } }`;
    expect((await api().run(HOLD, { input: { studentId, hold: true, reason: "court order 12/2026" } }, PLATFORM_ADMIN)).errors).toBeUndefined();
    expect(err(await api().run(ERASE, { input: { studentId, reason: "request of 1 December" } }, PLATFORM_ADMIN))).toMatchObject({ code: "CONFLICT", field: "input.studentId", legalHold: true });
    expect(err(await api().run(ERASE, { input: { studentId, reason: "request" } }, w.jp.as.partnerRegistrar))?.code).toBe("FORBIDDEN");
    expect((await api().run(HOLD, { input: { studentId, hold: false, reason: "proceedings closed" } }, PLATFORM_ADMIN)).errors).toBeUndefined();

    const r = await api().run(ERASE, { input: { studentId, reason: "request of 1 December" } }, PLATFORM_ADMIN);
    expect(r.errors).toBeUndefined();
    const s = r.data.eraseStudent.student;
    expect(s).toMatchObject({ givenNamesLatin: "-", dateOfBirth: null, passportNumber: null, email: null, corrections: [{ oldValue: null, newValue: null, reason: "erased" }] });
    expect(s.familyNameLatin).toBe(`Erased ${studentId}`);
    expect(s.erasedAt).not.toBeNull();
    expect(err(await api().run(ERASE, { input: { studentId, reason: "again" } }, PLATFORM_ADMIN))?.code).toBe("CONFLICT");

    // Figures unchanged: the counts by nationality, status and cohort, seats, enrollments and their history.
    expect(await api().run(FIGURES, { c: w.jp.ids.cohort }, PLATFORM_ADMIN)).toEqual(before);

    // No erased value anywhere: any table's rows (as text), the audit trail, the change feed, the export.
    const erased = [person.familyName, person.givenNames, person.familyNameLatin, person.givenNamesLatin, person.dateOfBirth, person.passportNumber, renewed, person.email];
    const tables = ["students", "student_corrections", "audit_log", "enrollments", "enrollment_status_changes", "identity_reviews", "idempotency_keys"];
    for (const t of tables) {
      const res = (await db().execute(sql.raw(`select coalesce(string_agg(x::text, ' '), '') as all from ${t} x`))) as unknown;
      const text = String((Array.isArray(res) ? res : (res as { rows: { all: string }[] }).rows)[0].all);
      for (const v of erased) expect(text.includes(v), `${t} still holds ${v}`).toBe(false);
    }
    const feed = JSON.stringify(await api().run(`{ changes(first: 100) { nodes { action data } } }`, {}, PLATFORM_ADMIN));
    for (const v of erased) expect(feed.includes(v), `the change feed holds ${v}`).toBe(false);
    // The fact of the erasure stays (read from the table: the feed shows a change only once older transactions of
    // the shared server have ended, so it may lag here).
    const facts = (await db().execute(sql`select count(*)::int as n from audit_log where action = 'student.erase'`)) as unknown;
    expect(Number((Array.isArray(facts) ? facts : (facts as { rows: { n: number }[] }).rows)[0].n)).toBe(1);
    const doc = JSON.stringify((await api().run(`query($id: ID!) { studentDataExport(studentId: $id) }`, { id: studentId }, PLATFORM_ADMIN)).data);
    for (const v of erased) expect(doc.includes(v), `the export holds ${v}`).toBe(false);
    // Registration no longer knows the person: a new registration under the old number is a new student.
    const [row] = await db().select().from(students).where(eq(students.familyNameLatin, `Erased ${studentId}`));
    expect(row.passportNumber).toBeNull();
  });

  it("logs hold none of the values, at debug level, through registration, correction, export, a refused and a done erasure", async () => {
    const lines: string[] = [];
    const log = createLogger({ write: (x: string) => void lines.push(x) }, "debug");
    const apollo = await createApollo(api().database, log);
    await apollo.start();
    const p = studentRow({ familyName: "Юлдашева", givenNames: "Нилуфар", familyNameLatin: "Yuldasheva", givenNamesLatin: "Nilufar", dateOfBirth: "2002-09-08", email: `nilufar.${Date.now()}@example.org` });
    const next = `FN${Date.now() % 1e7}`;
    try {
      const logged = makeApi(api().engine, api().database, apollo);
      const reg = await logged.run(`mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { student { id } } }`, { input: { cohortId: w.jp.ids.cohort, student: p } }, w.jp.as.partnerRegistrar);
      const id = reg.data.registerStudent.student.id;
      expect((await logged.run(`mutation($input: CorrectStudentInput!) { correctStudent(input: $input) { student { passportNumber } } }`, { input: { studentId: id, passportNumber: next, reason: "renewed" } }, PLATFORM_ADMIN)).errors).toBeUndefined();
      expect((await logged.run(`query($id: ID!) { studentDataExport(studentId: $id) }`, { id }, PLATFORM_ADMIN)).errors).toBeUndefined();
      await logged.run(`mutation($input: SetStudentLegalHoldInput!) { setStudentLegalHold(input: $input) { student { id } } }`, { input: { studentId: id, hold: true, reason: "court order" } }, PLATFORM_ADMIN);
      expect((await logged.run(`mutation($input: EraseStudentInput!) { eraseStudent(input: $input) { student { id } } }`, { input: { studentId: id, reason: "request" } }, PLATFORM_ADMIN)).errors).toBeDefined();
      await logged.run(`mutation($input: SetStudentLegalHoldInput!) { setStudentLegalHold(input: $input) { student { id } } }`, { input: { studentId: id, hold: false, reason: "closed" } }, PLATFORM_ADMIN);
      expect((await logged.run(`mutation($input: EraseStudentInput!) { eraseStudent(input: $input) { student { id } } }`, { input: { studentId: id, reason: "request" } }, PLATFORM_ADMIN)).errors).toBeUndefined();
    } finally {
      await apollo.stop();
    }
    log.flush();
    const text = lines.join("");
    expect(text.length).toBeGreaterThan(0);
    for (const v of [p.familyName, p.givenNames, p.familyNameLatin, p.givenNamesLatin, p.dateOfBirth, p.passportNumber, next, p.email]) expect(text.includes(v), `the log holds ${v}`).toBe(false);
  });
});
