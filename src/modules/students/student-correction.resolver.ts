import { Ctx, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import { CorrectStudentInput, StudentPayload } from "./student-correction.input.js";
import { correctStudent } from "./student-correction.service.js";
import { studentById } from "./student.loaders.js";
import { Student } from "./student.type.js";

@Resolver(() => StudentPayload)
export class StudentCorrectionResolver {
  @PayloadMutation(() => StudentPayload, {
    description: "Corrects a student's names, date of birth, passport number or email, with a reason (registrars of the home institution, admins of a host institution).",
  })
  correctStudent(@MutationInput(() => CorrectStudentInput) input: CorrectStudentInput, @Ctx() ctx: Context) {
    return correctStudent(ctx, input);
  }

  @PayloadField(() => Student, { description: "The student after the correction." })
  student(@Root() p: StudentPayload, @Ctx() ctx: Context) {
    return studentById(ctx).load(p.studentId);
  }
}

export const studentCorrectionResolvers = [StudentCorrectionResolver] as const;
