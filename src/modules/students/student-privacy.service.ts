import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import { checkText } from "../../shared/args.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import { fromGlobalId, toGlobalId } from "../../shared/global-id.js";
import { feedData } from "../changes/change.data.js";
import { DATA_TAGS, dataTag, runMutation, type Tx } from "../../shared/mutation.js";
import { auditLog, idempotencyKeys } from "../audit/audit.table.js";
import { courseResults, progressionDecisions, recognitions } from "../education/result.table.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { identityReviews } from "./identity-review.table.js";
import type { EraseStudentInput, SetStudentLegalHoldInput } from "./student-privacy.input.js";
import { studentCorrections } from "./student-correction.table.js";
import { enrollments, enrollmentStatusChanges, students } from "./student.table.js";

// Data-subject rights: export (subject access) and erasure, platform admins only. Erasure keeps every row
// (enrollments, their history, reviews, audit rows) so that figures stay as they were; it removes the values.

async function lockStudent(ctx: Context, tx: Parameters<Parameters<Context["db"]["transaction"]>[0]>[0], id: number, given: string) {
  const [s] = await tx.select().from(students).where(eq(students.id, id)).for("update");
  if (!s) throw new AppError(ErrorCode.NOT_FOUND, `Student ${given} was not found`, { id: given, field: "input.studentId" });
  return s;
}

/**
 * Everything the API holds about one student, as one JSON document (subject access). The export is itself
 * recorded (student.export: who, when, how many of each kind of record, none of their values), in the same
 * transaction as its reads, so no export is handed out without its record; platform admins only see it, as
 * only they export.
 */
export async function exportStudent(ctx: Context, studentId: string): Promise<unknown> {
  requireRole(ctx, []);
  const id = fromGlobalId(studentId, "Student", "studentId");
  return ctx.db.transaction(async (tx) => {
    const doc = await readStudent(tx, id, studentId);
    await audit(tx, ctx, {
      action: "student.export",
      entityType: "Student",
      entityId: id,
      after: { enrollments: doc.enrollments.length, corrections: doc.corrections.length, identityReviews: doc.identityReviews.length, auditEntries: doc.auditTrail.length },
      private: true,
    });
    return doc;
  });
}

/**
 * A row as the export shows it: every id of an object the API serves as a global id, as everywhere else in the API
 * (its own id when `type` is such an object, and references: studentId, cohortId, homeInstitutionId, …, by the
 * change feed's rule); the ids of rows that are no such object (a status change, a correction) stay numbers.
 * Dates as JSON writes them.
 */
const withGlobalIds = (type: string | null, row: object) => feedData(type ?? "", JSON.parse(JSON.stringify(row))) as Record<string, unknown>;

async function readStudent(db: Tx, id: number, studentId: string) {
  const [s] = await db.select().from(students).where(eq(students.id, id));
  if (!s) throw new AppError(ErrorCode.NOT_FOUND, `Student ${studentId} was not found`, { id: studentId, field: "studentId" });
  const { searchText: _search, ...student } = s as typeof s & { searchText?: unknown };
  const rows = await db.select().from(enrollments).where(eq(enrollments.studentId, id)).orderBy(enrollments.id);
  const history = rows.length ? await db.select().from(enrollmentStatusChanges).where(inArray(enrollmentStatusChanges.enrollmentId, rows.map((e) => e.id))).orderBy(enrollmentStatusChanges.id) : [];
  const byEnrollment = <T extends { enrollmentId: number }>(list: T[], e: number) => list.filter((x) => x.enrollmentId === e);
  const ids = rows.map((e) => e.id);
  const [results, recognised, decisions] = ids.length
    ? await Promise.all([
        db.select().from(courseResults).where(inArray(courseResults.enrollmentId, ids)).orderBy(courseResults.id),
        db.select().from(recognitions).where(inArray(recognitions.enrollmentId, ids)).orderBy(recognitions.id),
        db.select().from(progressionDecisions).where(inArray(progressionDecisions.enrollmentId, ids)).orderBy(progressionDecisions.id),
      ])
    : [[], [], []];
  const corrections = await db.select().from(studentCorrections).where(eq(studentCorrections.studentId, id)).orderBy(studentCorrections.id);
  const reviews = await db.select().from(identityReviews).where(or(eq(identityReviews.heldStudentId, id), eq(identityReviews.existingStudentId, id))).orderBy(identityReviews.id);
  const enrollmentIds = rows.map((e) => e.id);
  const trail = await db
    .select({ at: auditLog.at, action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, actorRole: auditLog.actorRole, actorInstitutionId: auditLog.actorInstitutionId, after: auditLog.after })
    .from(auditLog)
    .where(or(and(eq(auditLog.entityType, "Student"), eq(auditLog.entityId, id)), enrollmentIds.length ? and(eq(auditLog.entityType, "Enrollment"), inArray(auditLog.entityId, enrollmentIds)) : sql`false`))
    .orderBy(auditLog.id);
  return {
    exportedAt: new Date().toISOString(),
    student: withGlobalIds("Student", student),
    enrollments: rows.map((e) => ({
      ...withGlobalIds("Enrollment", e),
      history: byEnrollment(history, e.id).map((h) => withGlobalIds(null, h)),
      results: byEnrollment(results, e.id).map((r) => withGlobalIds("CourseResult", r)),
      recognitions: byEnrollment(recognised, e.id).map((r) => withGlobalIds("Recognition", r)),
      progressionDecisions: byEnrollment(decisions, e.id).map((d) => withGlobalIds("ProgressionDecision", d)),
    })),
    corrections: corrections.map((c) => withGlobalIds(null, c)),
    identityReviews: reviews.map((r) => withGlobalIds("IdentityReview", r)),
    auditTrail: trail.map(({ entityId, after, ...a }) => ({ ...withGlobalIds(null, a), entityId: entityId == null ? null : toGlobalId(a.entityType, entityId), after: feedData(a.entityType, after) })),
  };
}

export async function setStudentLegalHold(ctx: Context, input: SetStudentLegalHoldInput) {
  requireRole(ctx, []);
  const id = fromGlobalId(input.studentId, "Student", "input.studentId");
  const reason = checkText(input.reason, "input.reason", 500);
  return runMutation(ctx, {
    operation: "setStudentLegalHold",
    input,
    run: async (tx) => {
      await lockStudent(ctx, tx, id, input.studentId);
      await tx.update(students).set({ legalHold: input.hold, legalHoldReason: input.hold ? reason : null }).where(eq(students.id, id));
      // Private (platform admins only, as identity reviews): a hold and its reason (proceedings, litigation) are
      // no institution's to read, and nothing an institution does depends on them (only platform admins erase).
      await audit(tx, ctx, { action: input.hold ? "student.legalHold.set" : "student.legalHold.lift", entityType: "Student", entityId: id, after: { reason }, private: true });
      return { studentId: id };
    },
  });
}

/** Mutations whose input carries a student's personal data, and whose stored answer names the student. */
const PERSONAL_INPUT = ["registerStudent", "registerStudents", "correctStudent"];
/** Stands for an erased request's fingerprint: never a SHA-256 in hex, so no request matches it again. */
const ERASED_REQUEST = "erased";

/**
 * Idempotency keys store a SHA-256 of each request (src/shared/mutation.ts). Replaying a key with guessed values
 * would confirm the erased ones (the same input answers as before, another is CONFLICT) for 24 hours, so the
 * fingerprints of the requests that carried this student's data (their answers name the student or a provisional
 * record merged into it, or, for a refusal, which names no record, its data tags name the record or the person) are
 * replaced: a replay of such a key is CONFLICT whatever it sends, and does not run again (which would register the
 * erased person anew). The answers hold ids (a refusal its message) only and stay.
 */
async function forgetRequests(tx: Tx, records: number[], tags: string[]) {
  const names = records.map((s) => sql`(${idempotencyKeys.response} @> ${JSON.stringify({ studentId: s })}::jsonb or ${idempotencyKeys.response} -> 'results' @> ${JSON.stringify([{ studentId: s }])}::jsonb)`);
  // A refusal stored under a key (a registration refused before any write, a correction refused) names no record: it
  // keeps the tags of the people and records its request carried (runMutation's dataOf).
  const refusals = sql`(${idempotencyKeys.response} -> ${sql.raw(`'${DATA_TAGS}'`)}) ?| array[${sql.join(tags.map((t) => sql`${t}`), sql`, `)}]::text[]`;
  await tx
    .update(idempotencyKeys)
    .set({ requestHash: ERASED_REQUEST })
    .where(and(inArray(idempotencyKeys.operation, PERSONAL_INPUT), or(...names, refusals)));
}

/**
 * The tags a refused request that carried this record's data was stored with: the record, and the person by its
 * nationality and each passport number it had (now, and before corrections). Read before the erasure empties them.
 */
async function dataTagsOf(tx: Tx, s: { id: number; nationality: string | null; passportNumber: string | null }, records: number[]): Promise<string[]> {
  const former = await tx
    .select({ number: studentCorrections.oldValue })
    .from(studentCorrections)
    .where(and(inArray(studentCorrections.studentId, records), eq(studentCorrections.field, "PASSPORT_NUMBER")));
  const numbers = new Set([s.passportNumber, ...former.map((f) => f.number)].filter((n): n is string => !!n));
  const nationality = (s.nationality ?? "").trim();
  return [...records.map((r) => dataTag("student", r)), ...[...numbers].map((n) => dataTag("person", nationality, n))];
}

/** The fields an erasure empties or pseudonymises (named in its audit row, as a correction's are). */
const ERASED_FIELDS = ["familyName", "givenNames", "familyNameLatin", "givenNamesLatin", "dateOfBirth", "passportNumber", "email"];

/**
 * Erases a student's personal data: names become "Erased <id>", date of birth, passport and email are removed,
 * the correction history loses its values and reasons, and the audit rows of corrections (also of provisional
 * records merged into the student) lose their reasons (free text that could repeat a value). Refused while a legal hold is set, while a pending identity review links
 * the student to another record of the same person, and for an erased student.
 */
export async function eraseStudent(ctx: Context, input: EraseStudentInput) {
  requireRole(ctx, []);
  const id = fromGlobalId(input.studentId, "Student", "input.studentId");
  const reason = checkText(input.reason, "input.reason", 500);
  return runMutation(ctx, {
    operation: "eraseStudent",
    input,
    run: async (tx) => {
      const s = await lockStudent(ctx, tx, id, input.studentId);
      if (s.erasedAt) throw new AppError(ErrorCode.CONFLICT, "This student's personal data was erased already", { field: "input.studentId" });
      if (s.legalHold) throw new AppError(ErrorCode.CONFLICT, `A legal hold is set: ${s.legalHoldReason}`, { field: "input.studentId", legalHold: true });
      // A pending identity review links this record to another record of the same person (another home
      // institution's registration, held or existing). Erasing one side would leave the other readable and the
      // review undecidable; which institution's record the person's data stays in is the review's decision,
      // so it comes first (MERGE leaves one record to erase; after REJECT each record is its institution's own).
      const linked = await tx
        .select({ id: identityReviews.id })
        .from(identityReviews)
        .where(and(eq(identityReviews.status, "PENDING"), or(eq(identityReviews.heldStudentId, id), eq(identityReviews.existingStudentId, id))))
        .orderBy(identityReviews.id);
      if (linked.length)
        throw new AppError(ErrorCode.CONFLICT, "A pending identity review links another record of this person: resolve it first", {
          field: "input.studentId",
          identityReviews: linked.map((r) => toGlobalId("IdentityReview", r.id)),
        });
      // This record and the provisional records merged into it (their student.merge rows): requests and audit rows
      // about those carried the same person's data.
      const merged = await tx
        .select({ id: auditLog.entityId })
        .from(auditLog)
        .where(and(eq(auditLog.action, "student.merge"), eq(auditLog.entityType, "Student"), sql`${auditLog.after} ->> 'mergedInto' = ${String(id)}`));
      const records = [id, ...merged.map((m) => m.id!)];
      const tags = await dataTagsOf(tx, s, records);
      const pseudonym = `Erased ${toGlobalId("Student", id)}`;
      await tx
        .update(students)
        .set({ familyName: pseudonym, givenNames: "-", familyNameLatin: pseudonym, givenNamesLatin: "-", dateOfBirth: null, passportNumber: null, email: null, erasedAt: sql`now()` })
        .where(eq(students.id, id));
      await tx.update(studentCorrections).set({ oldValue: null, newValue: null, reason: "erased" }).where(eq(studentCorrections.studentId, id));
      await forgetRequests(tx, records, tags);
      await tx
        .update(auditLog)
        .set({ after: sql`${auditLog.after} - 'reason'`, before: sql`${auditLog.before} - 'reason'` })
        .where(and(eq(auditLog.entityType, "Student"), inArray(auditLog.entityId, records), eq(auditLog.action, "student.correct")));
      // The fact reaches the student's home and host staff (the student's rule), so that they erase their own
      // copies; the request's reason stays with platform admins, in a private row of its own.
      await audit(tx, ctx, [
        { action: "student.erase", entityType: "Student", entityId: id, after: { fields: ERASED_FIELDS } },
        { action: "student.erase.reason", entityType: "Student", entityId: id, after: { reason }, private: true },
      ]);
      return { studentId: id };
    },
  });
}
