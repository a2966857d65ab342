import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { and, sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import { anyOf, selectRows } from "../../db/rows.js";
import { enrollmentScope, forbidden } from "../auth/access.js";
import { cohortById } from "../programs/program.loaders.js";
import { Cohort } from "../programs/program.type.js";
import { advanceCohortYear, transitionEnrollment } from "./enrollment.service.js";
import {
  AdvanceCohortYearInput,
  CohortPayload,
  EnrollmentPayload,
  RegisterStudentInput,
  RegisterStudentPayload,
  RegisterStudentsInput,
  RegisterStudentsPayload,
  RegistrationResult,
  TransitionEnrollmentInput,
} from "./registration.input.js";
import { registerStudent, registerStudents } from "./registration.service.js";
import type { EnrollmentRow, StudentRow } from "./student.loaders.js";
import { enrollments, students } from "./student.table.js";
import { Enrollment, Student } from "./student.type.js";

@Resolver()
export class RegistrationResolver {
  @Mutation(() => RegisterStudentPayload, {
    description: "A partner registrar nominates one of its students into a cohort of a joint program its institution is a partner of.",
  })
  registerStudent(@Arg("input", () => RegisterStudentInput) input: RegisterStudentInput, @Ctx() ctx: Context) {
    return registerStudent(ctx, input);
  }

  @Mutation(() => RegisterStudentsPayload, {
    description: "Bulk nomination: up to 1,000 students as a list or CSV. All or nothing: every row is checked before anything is written.",
  })
  registerStudents(@Arg("input", () => RegisterStudentsInput) input: RegisterStudentsInput, @Ctx() ctx: Context) {
    return registerStudents(ctx, input);
  }

  @Mutation(() => EnrollmentPayload, { description: "Moves an enrollment to another status (admit, reject, enroll, leave, return, graduate, withdraw)." })
  transitionEnrollment(@Arg("input", () => TransitionEnrollmentInput) input: TransitionEnrollmentInput, @Ctx() ctx: Context) {
    return transitionEnrollment(ctx, input);
  }

  @Mutation(() => CohortPayload, { description: "Moves a cohort on to its next year of study." })
  advanceCohortYear(@Arg("input", () => AdvanceCohortYearInput) input: AdvanceCohortYearInput, @Ctx() ctx: Context) {
    return advanceCohortYear(ctx, input);
  }
}

// Payloads carry ids (what idempotent retries replay); the objects are read under the caller's enrollment
// scope, the rule of enrollment(id) and node(id), so a payload never shows the current caller more than a read
// would (FORBIDDEN at the field otherwise). The scoped read replaces the plain loader read: no extra statement.
// One rule serves both fields: whoever may see the nomination may see its student (the enrollment scope is
// the student scope narrowed to the cohort).
function scopedEnrollments(ctx: Context) {
  return ctx.loaders.get<number, EnrollmentRow | null>("payload:enrollment", async (ids) => {
    const scope = enrollmentScope(ctx.viewer, "probe");
    if (scope === false) return ids.map(() => null);
    const rows = await selectRows<EnrollmentRow>(ctx.db, enrollments, sql`where ${and(anyOf(enrollments.id, ids), scope)}`);
    const m = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => m.get(id) ?? null);
  });
}

/** Keys "studentId:enrollmentId": the student, when the caller may see that nomination. */
function scopedStudents(ctx: Context) {
  return ctx.loaders.get<string, StudentRow | null>("payload:student", async (keys) => {
    const scope = enrollmentScope(ctx.viewer, "probe");
    if (scope === false) return keys.map(() => null);
    const pairs = keys.map((k) => k.split(":").map(Number) as [number, number]);
    const rows = await selectRows<StudentRow>(
      ctx.db,
      students,
      sql`where ${students.id} in (select ${enrollments.studentId} from ${enrollments} where ${and(anyOf(enrollments.id, pairs.map((p) => p[1])), scope)})`,
    );
    const m = new Map(rows.map((r) => [r.id, r]));
    return pairs.map(([sid]) => m.get(sid) ?? null);
  });
}

const notVisible = () => forbidden("This nomination is not one your institution may see");

async function visibleEnrollment(ctx: Context, id: number): Promise<EnrollmentRow> {
  const row = await scopedEnrollments(ctx).load(id);
  if (!row) throw notVisible();
  return row;
}

async function visibleStudent(ctx: Context, studentId: number, enrollmentId: number): Promise<StudentRow> {
  const row = await scopedStudents(ctx).load(`${studentId}:${enrollmentId}`);
  if (!row) throw notVisible();
  return row;
}

@Resolver(() => RegisterStudentPayload)
export class RegisterStudentPayloadResolver {
  @FieldResolver(() => Student, { description: "The student." })
  student(@Root() p: RegisterStudentPayload, @Ctx() ctx: Context) {
    return visibleStudent(ctx, p.studentId, p.enrollmentId);
  }

  @FieldResolver(() => Enrollment, { description: "The nomination (status NOMINATED)." })
  enrollment(@Root() p: RegisterStudentPayload, @Ctx() ctx: Context) {
    return visibleEnrollment(ctx, p.enrollmentId);
  }
}

@Resolver(() => RegistrationResult)
export class RegistrationResultResolver {
  @FieldResolver(() => Student, { nullable: true, description: "The student, when the row was written." })
  student(@Root() r: RegistrationResult, @Ctx() ctx: Context) {
    return r.studentId == null || r.enrollmentId == null ? null : visibleStudent(ctx, r.studentId, r.enrollmentId);
  }

  @FieldResolver(() => Enrollment, { nullable: true, description: "The nomination, when the row was written." })
  enrollment(@Root() r: RegistrationResult, @Ctx() ctx: Context) {
    return r.enrollmentId == null ? null : visibleEnrollment(ctx, r.enrollmentId);
  }
}

@Resolver(() => EnrollmentPayload)
export class EnrollmentPayloadResolver {
  @FieldResolver(() => Enrollment, { description: "The enrollment after the change." })
  enrollment(@Root() p: EnrollmentPayload, @Ctx() ctx: Context) {
    return visibleEnrollment(ctx, p.enrollmentId);
  }
}

@Resolver(() => CohortPayload)
export class CohortPayloadResolver {
  @FieldResolver(() => Cohort, { description: "The cohort after the change." })
  cohort(@Root() p: CohortPayload, @Ctx() ctx: Context) {
    return cohortById(ctx).load(p.cohortId);
  }
}

export const registrationResolvers = [
  RegistrationResolver,
  RegisterStudentPayloadResolver,
  RegistrationResultResolver,
  EnrollmentPayloadResolver,
  CohortPayloadResolver,
] as const;
