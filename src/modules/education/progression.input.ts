import { Field, ID, InputType, Int, ObjectType } from "type-graphql";

const KEY = "Retrying with the same key returns the first result and writes nothing more.";

@InputType("AdvanceCohortInput", {
  description: "Measures a cohort's students in a year of study against the year's credit rule, once every term of the year has ended, and moves on those who meet it.",
})
export class AdvanceCohortInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The cohort." })
  cohortId!: string;

  @Field(() => Int, { description: "The year of study completed: 1 to the year before the program's last, at most the cohort's current year, every term of it ended." })
  yearOfStudy!: number;
}

@InputType("AdvanceCohortYearInput", { description: "Advances a cohort's current year of study: advanceCohort with the year the cohort is in." })
export class AdvanceCohortYearInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The cohort." })
  cohortId!: string;
}

@InputType("OverrideProgressionInput", { description: "Moves one held-back student on to the next year although the year's credit rule is not met." })
export class OverrideProgressionInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The student's ENROLLED enrollment, held back (HELD_BACK) in its year of study, before the program's last year." })
  enrollmentId!: string;

  @Field(() => String, { description: "Why (3 to 1,000 characters; invisible ones such as a zero-width space do not count)." })
  reason!: string;
}

@InputType("GraduateStudentInput", { description: "Graduates one student: eligible, or by an override with a reason." })
export class GraduateStudentInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The student's ENROLLED enrollment." })
  enrollmentId!: string;

  @Field(() => Boolean, { nullable: true, description: "Graduate although not eligible (default false): needs a reason. Waives the credit rule, not the final year: a student in an earlier year is refused." })
  override?: boolean | null;

  @Field(() => String, { nullable: true, description: "Why: required with override (3 to 1,000 characters; invisible ones such as a zero-width space do not count), a note otherwise." })
  reason?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: "The institutions awarding the degree: the program's host and some of its partners (a joint degree). Default: the host and every partner of the program.",
  })
  awardingInstitutionIds?: string[] | null;
}

@InputType("GraduateCohortInput", { description: "Graduates every eligible ENROLLED student of a cohort in the program's last year." })
export class GraduateCohortInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The cohort." })
  cohortId!: string;

  @Field(() => [ID], {
    nullable: true,
    description: "The institutions awarding the degree: the program's host and some of its partners (a joint degree). Default: the host and every partner of the program.",
  })
  awardingInstitutionIds?: string[] | null;
}

@ObjectType("AdvanceCohortPayload", { description: "Who moved on and who was held back, each with the standing measured." })
export class AdvanceCohortPayload {
  cohortId!: number;
  advanced!: number[];
  heldBack!: number[];
}

@ObjectType("ProgressionDecisionPayload", { description: "The decision on one student." })
export class ProgressionDecisionPayload {
  decisionId!: number;
}

@ObjectType("GraduateCohortPayload", { description: "Who graduated and who was not eligible, each with the standing measured." })
export class GraduateCohortPayload {
  cohortId!: number;
  graduated!: number[];
  notEligible!: number[];
}
