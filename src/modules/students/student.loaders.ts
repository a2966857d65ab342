import type { Context } from "../../context.js";
import { enrollments, enrollmentStatusChanges, students } from "./student.table.js";

export type StudentRow = typeof students.$inferSelect;
export type EnrollmentRow = typeof enrollments.$inferSelect;
export type StatusChangeRow = typeof enrollmentStatusChanges.$inferSelect;
export type EnrollmentStatusValue = EnrollmentRow["status"];

// Rows for other modules' resolvers (a payload's student); the engine reads these types itself (student.entity.ts).
export const studentById = (ctx: Context) => ctx.loaders.byKey<StudentRow>("student", students, students.id, (r) => r.id);
export const enrollmentById = (ctx: Context) =>
  ctx.loaders.byKey<EnrollmentRow>("enrollment", enrollments, enrollments.id, (r) => r.id);
