import { Field, ID, InputType, Int } from "type-graphql";

@InputType("UnitResultFilter", { description: "Which offerings (a unit taught to a cohort in a term) the unit results report lists; all given conditions must hold." })
export class UnitResultFilter {
  @Field(() => ID, { nullable: true, description: "Units of cohorts of this program." })
  programId?: string | null;

  @Field(() => ID, { nullable: true, description: "This cohort's offerings." })
  cohortId?: string | null;

  @Field(() => ID, { nullable: true, description: "Offerings of this unit." })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: "Offerings in this academic term." })
  termId?: string | null;

  @Field(() => Int, { nullable: true, description: "Offerings in terms of this academic year (its first calendar year)." })
  academicYear?: number | null;

  @Field(() => ID, { nullable: true, description: "Units taught by this institution." })
  teachingInstitutionId?: string | null;
}

@InputType("RecognisedCreditFilter", { description: "Which recognitions the recognised credits report counts; all given conditions must hold." })
export class RecognisedCreditFilter {
  @Field(() => Int, { nullable: true, description: "Academic year from (inclusive), of the term the result was earned in." })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Academic year to (inclusive)." })
  yearTo?: number | null;

  @Field(() => ID, { nullable: true, description: "Units taught by this partner (callers who may read results only)." })
  partnerId?: string | null;

  @Field(() => ID, { nullable: true, description: "Students of cohorts of this program (callers who may read results only)." })
  programId?: string | null;
}
