import { Field, ID, InputType } from "type-graphql";

const KEY = "Retrying with the same key returns the first result and writes nothing more.";

@InputType("SetStudentLegalHoldInput", { description: "Sets or lifts a legal hold on a student's personal data (platform admins). While it is set, erasure is refused." })
export class SetStudentLegalHoldInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The student." })
  studentId!: string;

  @Field(() => Boolean, { description: "True sets the hold, false lifts it." })
  hold!: boolean;

  @Field(() => String, { description: "Why, 1–500 characters (e.g. the proceedings it serves)." })
  reason!: string;
}

@InputType("EraseStudentInput", {
  description: "Erases a student's personal data on request (platform admins): names become a pseudonym; date of birth, passport number and email are removed, also from the correction history. Enrollments, their history and every figure stay.",
})
export class EraseStudentInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The student." })
  studentId!: string;

  @Field(() => String, { description: "The request it answers, 1–500 characters (kept in the audit trail: do not repeat personal data here)." })
  reason!: string;
}
