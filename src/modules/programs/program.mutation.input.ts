import { LocalDateResolver, NonNegativeIntResolver } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ProgramLevel } from "./program.type.js";

@InputType("CreateProgramInput", { description: "A new program hosted by an institution. The host and partners must be parties to the program's agreement under its terms in force on the program's start (1 January of launchYear)." })
export class CreateProgramInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => String, { description: "Unique short code: 3–60 letters, digits and hyphens." })
  code!: string;

  @Field(() => String, { description: "English title, 1–300 characters." })
  titleEn!: string;

  @Field(() => ID, { description: "The host institution." })
  hostInstitutionId!: string;

  @Field(() => ID, { nullable: true, description: "The agreement behind it; needed when there are partners." })
  agreementId?: string | null;

  @Field(() => [ID], { nullable: true, description: "Partner institutions of a joint program." })
  partnerIds?: string[] | null;

  @Field(() => ProgramLevel, { description: "Level." })
  level!: string;

  @Field(() => String, { description: "ISCED-F 2013 field, four digits." })
  iscedField!: string;

  @Field(() => Int, { description: "Length in years, 1–10." })
  lengthYears!: number;

  @Field(() => [String], { description: "Teaching languages, ISO 639-1 codes (one or more)." })
  teachingLanguages!: string[];

  @Field(() => Int, { description: "Year of the first intake." })
  launchYear!: number;

  @Field(() => String, { nullable: true, description: "Short description, up to 5,000 characters." })
  description?: string | null;
}

@InputType("UpdateProgramInput", { description: "Changes to a program; fields left out stay as they are." })
export class UpdateProgramInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The program." })
  programId!: string;

  @Field(() => String, { nullable: true, description: "New English title." })
  titleEn?: string | null;

  @Field(() => String, { nullable: true, description: "New description." })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: "New teaching languages." })
  teachingLanguages?: string[] | null;

  @Field(() => ID, { nullable: true, description: "New agreement." })
  agreementId?: string | null;

  @Field(() => [ID], { nullable: true, description: "Replaces the partner institutions." })
  partnerIds?: string[] | null;
}

@InputType("CreateCohortInput", { description: "A new intake of a program." })
export class CreateCohortInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The program." })
  programId!: string;

  @Field(() => Int, { description: "Intake year (one cohort per program and year)." })
  intakeYear!: number;

  @Field(() => String, { description: "Name, e.g. \"TCM 2026\"." })
  name!: string;

  @Field(() => NonNegativeIntResolver, { description: "Most students ENROLLED or ON_LEAVE at once." })
  capacity!: number;

  @Field(() => LocalDateResolver, {
    description: "First day of studies. Of a joint program, its host and partners must be parties to its agreement under the terms in force that day.",
  })
  startDate!: string;

  @Field(() => LocalDateResolver, { description: "Expected graduation, after the start." })
  expectedGraduation!: string;
}

@InputType("UpdateCohortInput", { description: "Changes to a cohort; fields left out stay as they are." })
export class UpdateCohortInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The cohort." })
  cohortId!: string;

  @Field(() => String, { nullable: true, description: "New name." })
  name?: string | null;

  @Field(() => NonNegativeIntResolver, { nullable: true, description: "New capacity; not below the seats taken." })
  capacity?: number | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "New expected graduation." })
  expectedGraduation?: string | null;
}

@ObjectType("ProgramPayload", { description: "The changed program." })
export class ProgramPayload {
  programId!: number;
}
