import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
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
import { enrollmentById, studentById } from "./student.loaders.js";
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

// Payloads carry ids (what idempotent retries replay); objects are loaded, and access-checked, as in reads.
@Resolver(() => RegisterStudentPayload)
export class RegisterStudentPayloadResolver {
  @FieldResolver(() => Student, { description: "The student." })
  student(@Root() p: RegisterStudentPayload, @Ctx() ctx: Context) {
    return studentById(ctx).load(p.studentId);
  }

  @FieldResolver(() => Enrollment, { description: "The nomination (status NOMINATED)." })
  enrollment(@Root() p: RegisterStudentPayload, @Ctx() ctx: Context) {
    return enrollmentById(ctx).load(p.enrollmentId);
  }
}

@Resolver(() => RegistrationResult)
export class RegistrationResultResolver {
  @FieldResolver(() => Student, { nullable: true, description: "The student, when the row was written." })
  student(@Root() r: RegistrationResult, @Ctx() ctx: Context) {
    return r.studentId == null ? null : studentById(ctx).load(r.studentId);
  }

  @FieldResolver(() => Enrollment, { nullable: true, description: "The nomination, when the row was written." })
  enrollment(@Root() r: RegistrationResult, @Ctx() ctx: Context) {
    return r.enrollmentId == null ? null : enrollmentById(ctx).load(r.enrollmentId);
  }
}

@Resolver(() => EnrollmentPayload)
export class EnrollmentPayloadResolver {
  @FieldResolver(() => Enrollment, { description: "The enrollment after the change." })
  enrollment(@Root() p: EnrollmentPayload, @Ctx() ctx: Context) {
    return enrollmentById(ctx).load(p.enrollmentId);
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
