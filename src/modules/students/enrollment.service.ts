import { sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import { checkText } from "../../shared/args.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { lastly, runMutation } from "../../shared/mutation.js";
import { auditInsertOf, auditValues } from "../audit/audit.service.js";
import { execPrebuilt, prebuilt } from "../../shared/prebuilt-sql.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize, stableColumns } from "../auth/require-access.js";
import type { TransitionEnrollmentInput } from "./registration.input.js";
import { canTransition } from "./enrollment.rules.js";
import type { EnrollmentStatusValue } from "./student.table.js";
import { enrollments, enrollmentStatusChanges } from "./student.table.js";

/** The status change, its history row and its audit row (auditInsertOf), built once. */
const moveStatement = prebuilt<"id" | "to" | "from" | "actor" | "reason" | "requestId" | "subject" | "role" | "rows">((p) => sql`
  with moved as (update ${enrollments} set status = ${p.to}::enrollment_status, status_changed_at = now() where id = ${p.id} returning id),
  history as (
    insert into ${enrollmentStatusChanges} (enrollment_id, from_status, to_status, changed_at, actor, reason)
    select id, ${p.from}::enrollment_status, ${p.to}::enrollment_status, now(), ${p.actor}::text, ${p.reason}::text from moved)
  ${auditInsertOf(p)}`);

/** What a move reads of the enrollment it locks (a constant: its locking statement is rendered once). */
const moving = stableColumns({
  status: enrollments.status,
  held: sql<boolean>`(select s.held_for_review from students s where s.id = enrollments.student_id)`,
});

/**
 * Moves an enrollment along the lifecycle. The enrollment row is locked (FOR UPDATE) so two moves of one
 * enrollment cannot both start from the same status; seats are counted by the database trigger, whose
 * CHECK refuses a move that would overfill the cohort (CAPACITY_REACHED).
 * Host institution admins make every move; a partner registrar may only withdraw its own students. A
 * nomination of a provisional student (held for an identity review) may only be rejected or withdrawn.
 */
export async function transitionEnrollment(ctx: Context, input: TransitionEnrollmentInput) {
  const v = requireRole(ctx, rolesOf(Permission.EnrollmentWithdraw));
  const id = fromGlobalId(input.enrollmentId, "Enrollment", "input.enrollmentId");
  const to = input.to as EnrollmentStatusValue;
  const permission = to === "WITHDRAWN" ? Permission.EnrollmentWithdraw : Permission.EnrollmentMove;
  const reason = input.reason == null ? null : checkText(input.reason, "input.reason", 1000, 0);
  return runMutation(ctx, {
    operation: "transitionEnrollment",
    input,
    run: async (tx) => {
      const [row] = await lockAndAuthorize(tx, ctx, permission, [id], { field: "input.enrollmentId", given: input.enrollmentId }, moving);
      // A nomination held for an identity review (registration.service.ts) may only leave: a platform admin's
      // review merges it into the existing student (who may then be admitted) or rejects it.
      if (row.held && to !== "REJECTED" && to !== "WITHDRAWN")
        throw new AppError(ErrorCode.INVALID_TRANSITION, `This nomination is on hold for a platform admin's review: it cannot move to ${to} yet`, {
          field: "input.to",
          from: row.status,
          to,
        });
      // Graduation has its own rule (eligibility, or an override with a reason) and record: graduateStudent.
      if (to === "GRADUATED" && canTransition(row.status, to))
        throw new AppError(ErrorCode.INVALID_TRANSITION, "An enrollment graduates through graduateStudent (eligible, or an override with a reason), not transitionEnrollment", {
          field: "input.to",
          from: row.status,
          to,
        });
      if (!canTransition(row.status, to))
        throw new AppError(ErrorCode.INVALID_TRANSITION, `An enrollment cannot move from ${row.status} to ${to}`, {
          field: "input.to",
          from: row.status,
          to,
        });
      // The change, its history row (both stamped with the transaction's time) and its audit row: one statement.
      const audit = auditValues(ctx, { action: "enrollment.transition", entityType: "Enrollment", entityId: id, before: { status: row.status }, after: { status: to, reason } })!;
      await lastly(tx, execPrebuilt(tx, moveStatement, { id, to, from: row.status, actor: v.subject, reason, ...audit }));
      return { enrollmentId: id };
    },
  });
}
