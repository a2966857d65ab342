import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import type { Context } from "../../context.js";
import { readRow } from "../../engine/run.js";
import { Cohort } from "../programs/program.type.js";
import { transitionEnrollment } from "./enrollment.service.js";
import {
  CohortPayload,
  EnrollmentPayload,
  RegisterStudentInput,
  RegisterStudentPayload,
  RegisterStudentsInput,
  RegisterStudentsPayload,
  RegistrationResult,
  TransitionEnrollmentInput,
} from "./registration.input.js";
import { payloadObject } from "./registration.payload.js";
import { registerStudent, registerStudents } from "./registration.service.js";
import { Enrollment, Student } from "./student.type.js";

@Resolver()
export class RegistrationResolver {
  @PayloadMutation(() => RegisterStudentPayload, {
    description: "A partner registrar nominates one of its students into a cohort of a joint program its institution is a partner of.",
  })
  registerStudent(@MutationInput(() => RegisterStudentInput) input: RegisterStudentInput, @Ctx() ctx: Context) {
    return registerStudent(ctx, input);
  }

  @PayloadMutation(() => RegisterStudentsPayload, {
    description: "Bulk nomination: up to 1,000 students as a list or CSV. All or nothing: every row is checked before anything is written.",
  })
  registerStudents(@MutationInput(() => RegisterStudentsInput) input: RegisterStudentsInput, @Ctx() ctx: Context) {
    return registerStudents(ctx, input);
  }

  @PayloadMutation(() => EnrollmentPayload, { description: "Moves an enrollment to another status (admit, reject, enroll, leave, return, graduate, withdraw)." })
  transitionEnrollment(@MutationInput(() => TransitionEnrollmentInput) input: TransitionEnrollmentInput, @Ctx() ctx: Context) {
    return transitionEnrollment(ctx, input);
  }
}

// Payloads carry ids (what idempotent retries replay); the objects are read like student(id:) and enrollment(id:),
// under the types' scopes and policies, so a payload never shows the current caller more than a read would
// (FORBIDDEN at the field otherwise): all of a request's payload objects in one statement (registration.payload.ts).
// The student's id, when known, keeps a registration's student and nomination on one row of that statement.
const visibleEnrollment = (ctx: Context, info: GraphQLResolveInfo, id: number, studentId = 0) => payloadObject(ctx, info, "enrollment", studentId, id);
const visibleStudent = (ctx: Context, info: GraphQLResolveInfo, studentId: number, enrollmentId: number) => payloadObject(ctx, info, "student", studentId, enrollmentId);

@Resolver(() => RegisterStudentPayload)
export class RegisterStudentPayloadResolver {
  @PayloadField(() => Student, { description: "The student." })
  student(@Root() p: RegisterStudentPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return visibleStudent(ctx, info, p.studentId, p.enrollmentId);
  }

  @PayloadField(() => Enrollment, { description: "The nomination (status NOMINATED)." })
  enrollment(@Root() p: RegisterStudentPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return visibleEnrollment(ctx, info, p.enrollmentId, p.studentId);
  }
}

@Resolver(() => RegistrationResult)
export class RegistrationResultResolver {
  @FieldResolver(() => Student, { nullable: true, description: "The student, when the row was written." })
  student(@Root() r: RegistrationResult, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return r.studentId == null || r.enrollmentId == null ? null : visibleStudent(ctx, info, r.studentId, r.enrollmentId);
  }

  @FieldResolver(() => Enrollment, { nullable: true, description: "The nomination, when the row was written." })
  enrollment(@Root() r: RegistrationResult, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return r.enrollmentId == null ? null : visibleEnrollment(ctx, info, r.enrollmentId, r.studentId ?? 0);
  }
}

@Resolver(() => EnrollmentPayload)
export class EnrollmentPayloadResolver {
  @PayloadField(() => Enrollment, { description: "The enrollment after the change." })
  enrollment(@Root() p: EnrollmentPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return visibleEnrollment(ctx, info, p.enrollmentId);
  }
}

@Resolver(() => CohortPayload)
export class CohortPayloadResolver {
  @PayloadField(() => Cohort, { description: "The cohort after the change." })
  cohort(@Root() p: CohortPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return readRow("Cohort", p.cohortId, ctx, info);
  }
}

export const registrationResolvers = [
  RegistrationResolver,
  RegisterStudentPayloadResolver,
  RegistrationResultResolver,
  EnrollmentPayloadResolver,
  CohortPayloadResolver,
] as const;
