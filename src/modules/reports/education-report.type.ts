import { Field, Float, Int, ObjectType } from "type-graphql";

const WITHHELD = "null when withheld (see suppressed)";

@ObjectType("GradeCount", { description: "Students whose last attempt has this grade (a numeric scale: a tenth of its range, e.g. 60–70)." })
export class GradeCount {
  @Field(() => String, { description: "The grade, or the band of a numeric scale (lowest included, highest excluded except at the top)." })
  grade!: string;

  @Field(() => Int, { description: "Students." })
  students!: number;
}

@ObjectType("UnitResultCount", {
  description: "Pass rate and grade distribution of one unit offered to one cohort in one term, over each student's last attempt there.",
})
export class UnitResultCount {
  offeringDbId!: number;
  unitDbId!: number;
  cohortDbId!: number;
  termDbId!: number;

  @Field(() => Int, { nullable: true, description: `Students with a result; ${WITHHELD}.` })
  students!: number | null;

  @Field(() => Int, { nullable: true, description: `Students whose last attempt passed; ${WITHHELD}.` })
  passed!: number | null;

  @Field(() => Int, { nullable: true, description: `Students whose last attempt failed; ${WITHHELD}.` })
  failed!: number | null;

  @Field(() => Float, { nullable: true, description: `passed / students, 0 to 1; ${WITHHELD}.` })
  passRate!: number | null;

  @Field(() => [GradeCount], { nullable: true, description: `Students per grade, lowest first; ${WITHHELD}.` })
  grades!: GradeCount[] | null;

  @Field(() => Boolean, {
    description:
      "True when a figure is withheld: the caller may not read every result counted and a count (or a count that the total less the others gives back) is from 1 to 4.",
  })
  suppressed!: boolean;
}

@ObjectType("CreditStandingRow", { description: "One student's credits in a year of study against the year's credit rule." })
export class CreditStandingRow {
  enrollmentDbId!: number;

  @Field(() => Float, { description: "ECTS credits earned of the year's units (passed or recognised)." })
  creditsEarned!: number;

  @Field(() => Float, { description: "ECTS credits the year's rule asks for." })
  creditsRequired!: number;

  @Field(() => Float, { description: "ECTS credits lacking (0 when reached)." })
  creditsShort!: number;

  @Field(() => [String], { description: "Codes of the compulsory units of the year not passed, when the rule asks for them." })
  missingUnits!: string[];

  @Field(() => Boolean, { description: "True when the student does not meet the rule (would be held back)." })
  atRisk!: boolean;
}

@ObjectType("CreditStandingReport", { description: "A cohort's ENROLLED students in one year of study measured against the year's credit rule." })
export class CreditStandingReport {
  cohortDbId!: number;

  @Field(() => Int, { description: "The year of study measured." })
  yearOfStudy!: number;

  @Field(() => Int, { nullable: true, description: `Students measured; ${WITHHELD}.` })
  students!: number | null;

  @Field(() => Int, { nullable: true, description: `Students at risk; ${WITHHELD}.` })
  atRisk!: number | null;

  @Field(() => [CreditStandingRow], { nullable: true, description: "One row per student the caller may read, by enrollment (the counts are over all); null for callers who may read no enrollment." })
  rows!: CreditStandingRow[] | null;

  @Field(() => Boolean, { description: "True when a count is withheld: the caller may not read every student counted and a count (or the other share, or the cohort's seatsTaken less the students counted) is from 1 to 4." })
  suppressed!: boolean;
}

@ObjectType("RecognisedCreditCount", { description: "Credits the host recognised of one partner's units in one academic year." })
export class RecognisedCreditCount {
  partnerDbId!: number;

  @Field(() => Int, { description: "Academic year (its first calendar year) of the term the recognised results were earned in." })
  academicYear!: number;

  @Field(() => Int, { nullable: true, description: `Distinct students; ${WITHHELD}.` })
  students!: number | null;

  @Field(() => Int, { nullable: true, description: `Distinct units recognised (a unit recognised for several students counts once); ${WITHHELD}.` })
  units!: number | null;

  @Field(() => Int, { nullable: true, description: `Recognitions: one per student and unit recognised; ${WITHHELD}.` })
  recognitions!: number | null;

  @Field(() => Float, { nullable: true, description: `ECTS credits recognised; ${WITHHELD}.` })
  credits!: number | null;

  @Field(() => Boolean, { description: "True when the figures are withheld: the caller may not read every recognition counted and the students are from 1 to 4 (or the report is narrowed by program)." })
  suppressed!: boolean;
}
