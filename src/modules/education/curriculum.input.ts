import { LocalDateResolver } from "graphql-scalars";
import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";

const KEY = "Retrying with the same key returns the first result and writes nothing more.";

@InputType("CourseUnitInput", { description: "A course unit of a new curriculum version." })
export class CourseUnitInput {
  @Field(() => String, { description: "Code, unique in the version whatever its case (TCM101 and tcm101 are one): 2–20 letters, digits and hyphens, spaces around it dropped." })
  code!: string;

  @Field(() => String, { description: "English title." })
  titleEn!: string;

  @Field(() => String, { nullable: true, description: "Chinese title." })
  titleZh?: string | null;

  @Field(() => String, { nullable: true, description: "Russian title." })
  titleRu?: string | null;

  @Field(() => Int, { description: "Year of study, 1 to the program's length." })
  yearOfStudy!: number;

  @Field(() => Int, { description: "Term of the year: 1 or 2." })
  term!: number;

  @Field(() => Float, { description: "ECTS credits, more than 0, in steps of 0.5." })
  ectsCredits!: number;

  @Field(() => Int, { description: "Credit hours in the host's own system." })
  creditHours!: number;

  @Field(() => Boolean, { description: "Compulsory (else elective)." })
  compulsory!: boolean;

  @Field(() => String, { description: "Language of instruction (ISO 639-1)." })
  language!: string;

  @Field(() => ID, { description: "The teaching institution: the program's host or one of its partners." })
  teachingInstitutionId!: string;

  @Field(() => ID, { description: "The scale the teaching institution grades it in." })
  gradeScaleId!: string;
}

@InputType("YearCreditRuleInput", { description: "The credit rule of one year of study, where it differs from the version's." })
export class YearCreditRuleInput {
  @Field(() => Int, { description: "The year of study, 1 to the program's length." })
  yearOfStudy!: number;

  @Field(() => Float, { description: "ECTS credits of the year's units needed to move on: 0 to 200, in steps of 0.5." })
  creditsRequired!: number;

  @Field(() => Boolean, { nullable: true, description: "Every compulsory unit of the year must be passed (default: the version's compulsoryRequired)." })
  compulsoryRequired?: boolean | null;
}

@InputType("CreateCurriculumVersionInput", {
  description: "A new version of a program's curriculum, in force for intakes from validFromIntake. Cohorts that already follow a version keep it.",
})
export class CreateCurriculumVersionInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The program." })
  programId!: string;

  @Field(() => Int, { description: "First intake year it applies to: after every cohort that already follows a version." })
  validFromIntake!: number;

  @Field(() => ID, { description: "The host's scale, which transcripts convert results to." })
  hostScaleId!: string;

  @Field(() => Float, { nullable: true, description: "Credit rule: ECTS credits per year of study needed to move on (default 60)." })
  creditsPerYear?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Credit rule: every compulsory unit of the year must be passed (default true)." })
  compulsoryRequired?: boolean | null;

  @Field(() => [YearCreditRuleInput], { nullable: true, description: "Credit rules of single years that differ from creditsPerYear and compulsoryRequired (each year at most once)." })
  yearRules?: YearCreditRuleInput[] | null;

  @Field(() => String, { nullable: true, description: "What changed." })
  note?: string | null;

  @Field(() => [CourseUnitInput], { description: "Its units (1–300)." })
  units!: CourseUnitInput[];
}

@InputType("CreateAcademicTermInput", { description: "An academic term of an institution." })
export class CreateAcademicTermInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The institution." })
  institutionId!: string;

  @Field(() => String, { description: "Name, unique for the institution whatever its case, e.g. \"2026-27 spring\" (spaces around it dropped, runs of spaces inside made one)." })
  name!: string;

  @Field(() => Int, { description: "First calendar year of the academic year (1 July to 30 June) the term starts in: 2026 for a term starting 2026-09-01 or 2027-02-20." })
  academicYear!: number;

  @Field(() => LocalDateResolver, { description: "First day." })
  startDate!: string;

  @Field(() => LocalDateResolver, { description: "Last day, after the first and before the first's day a year later (a term lasts at most twelve months)." })
  endDate!: string;
}

@InputType("CloseAcademicTermInput", { description: "Closes a term's results." })
export class CloseAcademicTermInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The term." })
  termId!: string;
}

@InputType("CreateOfferingInput", { description: "Offers a unit of a cohort's curriculum to the cohort in a term of the unit's teaching institution." })
export class CreateOfferingInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The unit, of the curriculum version the cohort follows." })
  unitId!: string;

  @Field(() => ID, { description: "The cohort." })
  cohortId!: string;

  @Field(() => ID, { description: "A term of the unit's teaching institution, of an academic year from the one the unit's year of study is taught in (intake + year − 1) to the cohort's last (intake + the program's length − 1)." })
  termId!: string;
}

@ObjectType("CurriculumPayload", { description: "The new curriculum version." })
export class CurriculumPayload {
  curriculumId!: number;
}

@ObjectType("AcademicTermPayload", { description: "The term after the change." })
export class AcademicTermPayload {
  termId!: number;
}

@ObjectType("OfferingPayload", { description: "The new offering." })
export class OfferingPayload {
  offeringId!: number;
}
