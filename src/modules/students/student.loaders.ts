import type { Context } from "../../context.js";
import { enrollments, students, type EnrollmentRow, type StudentRow } from "./student.table.js";

export type { EnrollmentRow, EnrollmentStatusValue, StatusChangeRow, StudentRow } from "./student.table.js";

// Rows for other modules' resolvers (a payload's student); the engine reads these types itself (student.entity.ts).
export const studentById = (ctx: Context) => ctx.loaders.byKey<StudentRow>("student", students, students.id, (r) => r.id);
export const enrollmentById = (ctx: Context) =>
  ctx.loaders.byKey<EnrollmentRow>("enrollment", enrollments, enrollments.id, (r) => r.id);
