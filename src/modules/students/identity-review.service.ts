import { aliasedTable, and, eq, sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import { AppError, ErrorCode, badInput, notFound } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { runMutation } from "../../shared/mutation.js";
import { audit, type AuditEntry } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { cohorts, programs } from "../programs/program.table.js";
import { identityReviews } from "./identity-review.table.js";
import type { ResolveIdentityReviewInput } from "./identity-review.type.js";
import { studentCorrections } from "./student-correction.table.js";
import { enrollments, enrollmentStatusChanges, students } from "./student.table.js";

export type IdentityReviewRow = typeof identityReviews.$inferSelect;

/** Platform admins only: the reviews tell which passports are known to which institutions. */
const ADMINS_ONLY = [] as const;

const heldStudents = aliasedTable(students, "held");
const existingStudents = aliasedTable(students, "existing");

/** A review for the mutation's payload (a plain row; the engine reads its fields). */
export async function loadIdentityReview(ctx: Context, id: number) {
  requireRole(ctx, ADMINS_ONLY);
  return ctx.loaders.byKey<IdentityReviewRow>("identityReview", identityReviews, identityReviews.id, (r) => r.id).load(id);
}

/**
 * A platform admin's decision on a held nomination (PENDING reviews only; another decision is CONFLICT).
 * MERGE: the nomination (status and history kept) moves to the existing student; the provisional student
 * is deleted once it has no nomination left, with its correction history. Refused (CONFLICT) when the
 * existing student is already in the cohort: reject instead. REJECT: a NOMINATED or ADMITTED nomination becomes REJECTED (history reason: the
 * note); the provisional student stays provisional. Audited in the same transaction; the review's own rows
 * are seen by platform admins only. A MERGE's rows (enrollment.merge, student.merge) are the notice to the
 * institutions whose records it joined, and to them only: the nominating institution (the provisional
 * student's home), the host of the nomination's program and the existing student's home. Computed here,
 * before the update: the enrollment's own rule, read after it, would name the existing student's home and
 * the host and leave out the nominating institution, whose nomination it was.
 */
export async function resolveIdentityReview(ctx: Context, input: ResolveIdentityReviewInput) {
  const v = requireRole(ctx, ADMINS_ONLY);
  const id = fromGlobalId(input.reviewId, "IdentityReview", "input.reviewId");
  const merge = input.decision === "MERGE";
  if (!merge && input.decision !== "REJECT") throw badInput("input.decision", "must be MERGE or REJECT");
  const note = input.note?.trim() || null;
  if (note != null && note.length > 1000) throw badInput("input.note", "at most 1,000 characters");
  return runMutation(ctx, {
    operation: "resolveIdentityReview",
    input,
    run: async (tx) => {
      const [row] = await tx
        .select({
          status: identityReviews.status,
          enrollmentId: identityReviews.enrollmentId,
          heldStudentId: identityReviews.heldStudentId,
          existingStudentId: identityReviews.existingStudentId,
          studentId: enrollments.studentId,
          cohortId: enrollments.cohortId,
          enrollmentStatus: enrollments.status,
          heldHome: heldStudents.homeInstitutionId,
          existingHome: existingStudents.homeInstitutionId,
          host: programs.hostInstitutionId,
        })
        .from(identityReviews)
        .innerJoin(enrollments, eq(enrollments.id, identityReviews.enrollmentId))
        .innerJoin(heldStudents, eq(heldStudents.id, enrollments.studentId))
        .innerJoin(existingStudents, eq(existingStudents.id, identityReviews.existingStudentId))
        .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
        .innerJoin(programs, eq(programs.id, cohorts.programId))
        .where(eq(identityReviews.id, id))
        .for("update", { of: [identityReviews, enrollments] });
      if (!row) throw notFound("IdentityReview", input.reviewId);
      if (row.status !== "PENDING")
        throw new AppError(ErrorCode.CONFLICT, `This review was already decided (${row.status})`, { field: "input.reviewId" });
      const entries: AuditEntry[] = [];
      if (merge) {
        const [dup] = await tx
          .select({ id: enrollments.id })
          .from(enrollments)
          .where(and(eq(enrollments.studentId, row.existingStudentId), eq(enrollments.cohortId, row.cohortId)));
        if (dup)
          throw new AppError(ErrorCode.CONFLICT, "The existing student is already nominated into this cohort: reject this nomination instead", {
            field: "input.decision",
          });
        // The nominating institution keeps its nomination (student.scope.ts): the held student's home, whose
        // registrar registered it, now that the enrollment names another home's student.
        await tx.update(enrollments).set({ studentId: row.existingStudentId, nominatedByInstitutionId: row.heldHome }).where(eq(enrollments.id, row.enrollmentId));
        const visibleTo = [...new Set([row.heldHome, row.host, row.existingHome])].sort((a, b) => a - b);
        entries.push({ action: "enrollment.merge", entityType: "Enrollment", entityId: row.enrollmentId, before: { studentId: row.studentId }, after: { studentId: row.existingStudentId }, visibleTo });
        if (row.heldStudentId != null) {
          const [leaving] = await tx
            .select({ id: students.id })
            .from(students)
            .where(
              and(
                eq(students.id, row.heldStudentId),
                eq(students.heldForReview, true),
                sql`not exists (select 1 from ${enrollments} where ${enrollments.studentId} = ${row.heldStudentId})`,
              ),
            )
            .for("update");
          if (leaving) {
            // The provisional record's corrections go with it: they are the history of its values, which the merge
            // drops too (the kept student keeps its own), so carried over they would tell of changes the kept
            // record never had. The audit trail keeps that they happened (student.correct) and how many went.
            const dropped = await tx.delete(studentCorrections).where(eq(studentCorrections.studentId, leaving.id)).returning({ id: studentCorrections.id });
            await tx.delete(students).where(eq(students.id, leaving.id));
            entries.push({ action: "student.merge", entityType: "Student", entityId: leaving.id, after: { mergedInto: row.existingStudentId, corrections: dropped.length }, visibleTo });
          }
        }
      } else if (row.enrollmentStatus === "NOMINATED" || row.enrollmentStatus === "ADMITTED") {
        const reason = note ?? "rejected after a platform admin's review";
        const now = new Date();
        await tx.update(enrollments).set({ status: "REJECTED", statusChangedAt: now }).where(eq(enrollments.id, row.enrollmentId));
        await tx.insert(enrollmentStatusChanges).values({ enrollmentId: row.enrollmentId, fromStatus: row.enrollmentStatus, toStatus: "REJECTED", changedAt: now, actor: v.subject, reason });
        entries.push({ action: "enrollment.transition", entityType: "Enrollment", entityId: row.enrollmentId, before: { status: row.enrollmentStatus }, after: { status: "REJECTED", reason } });
      }
      const status = merge ? "MERGED" : "REJECTED";
      await tx.update(identityReviews).set({ status, resolvedAt: sql`now()`, resolvedBy: v.subject, note }).where(eq(identityReviews.id, id));
      entries.push({ action: merge ? "identityReview.merge" : "identityReview.reject", entityType: "IdentityReview", entityId: id, before: { status: "PENDING" }, after: { status, note } });
      await audit(tx, ctx, entries);
      return { reviewId: id };
    },
  });
}
