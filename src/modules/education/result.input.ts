import { LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { RowError } from "../students/registration.input.js";
import { RESIT_DAYS_AFTER_TERM } from "./result.validate.js";

const KEY = "Retrying with the same key returns the first result and writes nothing more.";

@InputType("CourseResultFilter", { description: "Filters on results; all given ones must hold." })
export class CourseResultFilter {
  @Field(() => ID, { nullable: true, description: "Of this enrollment." })
  enrollmentId?: string | null;

  @Field(() => ID, { nullable: true, description: "Of this offering." })
  offeringId?: string | null;

  @Field(() => ID, { nullable: true, description: "Of this unit." })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: "Of this cohort's offerings." })
  cohortId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Passed (true) or failed (false)." })
  passed?: boolean | null;
}

@InputType("ResultEntry", { description: "One result to record." })
export class ResultEntry {
  @Field(() => ID, { description: "The student's enrollment in the offering's cohort." })
  enrollmentId!: string;

  @Field(() => Int, { nullable: true, description: "1 for the first sitting (default), 2 and more for resits after a failed attempt." })
  attempt?: number | null;

  @Field(() => String, { description: "The grade in the unit's scale." })
  grade!: string;

  @Field(() => LocalDateResolver, { description: `When the student was assessed: not in the future, not before the cohort's start, from the offering's term's start to ${RESIT_DAYS_AFTER_TERM} days after its end (a resit session); a resit after the attempt before it.` })
  assessedOn!: string;
}

@InputType("RecordResultsInput", {
  description: "Results of one offering, as a list or CSV (at most 1,000). All or nothing: every row is checked before anything is written.",
})
export class RecordResultsInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The offering (unit, term, cohort)." })
  offeringId!: string;

  @Field(() => [ResultEntry], { nullable: true, description: "The results, as a list." })
  results?: ResultEntry[] | null;

  @Field(() => String, { nullable: true, description: "The results as CSV with a header row: enrollment_id,attempt,grade,assessed_on (attempt may be empty: 1)." })
  csv?: string | null;
}

@InputType("RecordResultInput", { description: "One result of an offering." })
export class RecordResultInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The offering." })
  offeringId!: string;

  @Field(() => ResultEntry, { description: "The result." })
  result!: ResultEntry;
}

@InputType("CorrectResultInput", { description: "Corrects a result's grade, its assessment day or both, with a reason; allowed after the term is closed." })
export class CorrectResultInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The result." })
  resultId!: string;

  @Field(() => String, { nullable: true, description: "The right grade, in the unit's scale (left out: the grade stays)." })
  grade?: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: `The right assessment day (left out: the day stays), checked as on entry: not in the future, not before the cohort's start, in the offering's term or its ${RESIT_DAYS_AFTER_TERM}-day resit session, after the attempt before it and before the attempt after it.`,
  })
  assessedOn?: string | null;

  @Field(() => String, { description: "Why, 3 to 1,000 characters (invisible ones such as a zero-width space do not count; kept in the result's corrections and the audit trail)." })
  reason!: string;
}

@ObjectType("ResultRowOutcome", { description: "The outcome of one row." })
export class ResultRowOutcome {
  @Field(() => Int, { nullable: true, description: "Row number, from 0 (for CSV: data rows after the header)." })
  row!: number;

  resultId!: number | null;

  @Field(() => Boolean, { nullable: true, description: "True when the same result was already recorded: nothing was written for the row." })
  unchanged!: boolean;

  @Field(() => RowError, { nullable: true, description: "Why the row was refused; null when it was accepted." })
  error!: RowError | null;
}

@ObjectType("RecordResultsPayload", { description: "What a bulk entry did." })
export class RecordResultsPayload {
  @Field(() => Boolean, { nullable: true, description: "True when every row was accepted and new ones were written; false when nothing was written: a row was refused (see rejected), or every row was already recorded (each unchanged)." })
  written!: boolean;

  @Field(() => Int, { nullable: true, description: "Rows without an error." })
  accepted!: number;

  @Field(() => Int, { nullable: true, description: "Rows with an error." })
  rejected!: number;

  @Field(() => [ResultRowOutcome], { nullable: true, description: "One outcome per row, in input order." })
  results!: ResultRowOutcome[];
}

@ObjectType("CourseResultPayload", { description: "The result after the change." })
export class CourseResultPayload {
  resultId!: number;
}
