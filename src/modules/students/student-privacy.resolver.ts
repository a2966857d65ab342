import { JSONResolver } from "graphql-scalars";
import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context.js";
import { MutationInput, PayloadMutation } from "../../shared/payload.js";
import { StudentPayload } from "./student-correction.input.js";
import { EraseStudentInput, SetStudentLegalHoldInput } from "./student-privacy.input.js";
import { eraseStudent, exportStudent, setStudentLegalHold } from "./student-privacy.service.js";

@Resolver(() => StudentPayload)
export class StudentPrivacyResolver {
  @Query(() => JSONResolver, {
    description: "Everything the API holds about one student as one JSON document: the record, enrollments with their history, course results, recognitions and progression decisions, corrections, identity reviews and the audit trail (platform admins; subject access). Each export is itself recorded in the audit trail, as student.export: who, when and how many records of each kind, none of their values.",
  })
  studentDataExport(@Arg("studentId", () => ID, { description: "The student." }) studentId: string, @Ctx() ctx: Context) {
    return exportStudent(ctx, studentId);
  }

  @PayloadMutation(() => StudentPayload, { description: "Sets or lifts a legal hold on a student's personal data (platform admins)." })
  setStudentLegalHold(@MutationInput(() => SetStudentLegalHoldInput) input: SetStudentLegalHoldInput, @Ctx() ctx: Context) {
    return setStudentLegalHold(ctx, input);
  }

  @PayloadMutation(() => StudentPayload, { description: "Erases a student's personal data on request, keeping enrollments and figures (platform admins; refused under a legal hold and while a pending identity review links the student to another record of the same person)." })
  eraseStudent(@MutationInput(() => EraseStudentInput) input: EraseStudentInput, @Ctx() ctx: Context) {
    return eraseStudent(ctx, input);
  }
}

export const studentPrivacyResolvers = [StudentPrivacyResolver] as const;
