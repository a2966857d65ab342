import { and, inArray } from "drizzle-orm";
import { enrollmentScope } from "../auth/access.js";
import type { Context } from "../../context.js";
import type { ChildListSpec, PageArgs } from "../../shared/pagination.js";
import { enrollmentOrdering, scopeSql } from "./student.service.js";
import { enrollments, enrollmentStatusChanges, students } from "./student.table.js";

export type StudentRow = typeof students.$inferSelect;
export type EnrollmentRow = typeof enrollments.$inferSelect;
export type StatusChangeRow = typeof enrollmentStatusChanges.$inferSelect;
export type EnrollmentStatusValue = EnrollmentRow["status"];

export const studentById = (ctx: Context) => ctx.loaders.byKey<StudentRow>("student", students, students.id, (r) => r.id);
export const enrollmentById = (ctx: Context) =>
  ctx.loaders.byKey<EnrollmentRow>("enrollment", enrollments, enrollments.id, (r) => r.id);

/** A student's enrollments that the caller may see. */
export const enrollmentsOfStudent = (ctx: Context) =>
  ctx.loaders.listBy<EnrollmentRow>("studentEnrollments", enrollments, enrollments.studentId, (r) => r.studentId, [enrollments.id], scopeSql(enrollmentScope(ctx.viewer)));

export const historyOfEnrollment = (ctx: Context) =>
  ctx.loaders.listBy<StatusChangeRow>(
    "enrollmentHistory",
    enrollmentStatusChanges,
    enrollmentStatusChanges.enrollmentId,
    (r) => r.enrollmentId,
    [enrollmentStatusChanges.changedAt, enrollmentStatusChanges.id],
  );

/** Enrollments of a cohort that the caller may see: the list its loader and the one-statement planner read. */
export const enrollmentsOfCohortList = (ctx: Context, args: PageArgs, statuses: EnrollmentStatusValue[] | null | undefined): ChildListSpec<EnrollmentRow> => ({
  table: enrollments,
  ordering: enrollmentOrdering,
  parentColumn: enrollments.cohortId,
  // Filtered to what the caller may see: anonymous callers and other institutions get an empty list.
  where: and(statuses?.length ? inArray(enrollments.status, statuses) : undefined, scopeSql(enrollmentScope(ctx.viewer, "probe"))),
  args,
  path: "enrollments",
});

export const enrollmentsOfCohort = (ctx: Context, args: PageArgs, statuses: EnrollmentStatusValue[] | undefined) =>
  ctx.loaders.childPages<EnrollmentRow>("enrollmentsByCohort", enrollmentsOfCohortList(ctx, args, statuses), [args, statuses ?? null]);
