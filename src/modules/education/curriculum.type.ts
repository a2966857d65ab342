import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { graphqlEnum } from "../../shared/enum.js";
import { Node } from "../../shared/node.type.js";
import { gradeScaleKind } from "./grade-scale.table.js";

export const GradeScaleKind = graphqlEnum(gradeScaleKind.enumValues, "GradeScaleKind", "NUMERIC: a range of numbers; ORDERED: named grades, lowest first.", {
  NUMERIC: "Grades are numbers in a range, with a pass mark.",
  ORDERED: "Grades are named, listed from lowest to highest.",
});

@ObjectType("GradeScale", { implements: Node, description: "A grading scale, as data. Public." })
export class GradeScale extends Node {
  @Field(() => String, { description: "Short code, e.g. PCT-100, UZ-5, ECTS, PASS-FAIL." })
  code!: string;

  @Field(() => String, { description: "Name." })
  name!: string;

  @Field(() => GradeScaleKind, { description: "Numeric range or ordered grades." })
  kind!: string;

  @Field(() => [String], { description: "ORDERED: the grades, lowest first; empty for NUMERIC." })
  grades!: string[];

  @Field(() => Float, { nullable: true, description: "NUMERIC: lowest value." })
  minValue!: number | null;

  @Field(() => Float, { nullable: true, description: "NUMERIC: highest value." })
  maxValue!: number | null;

  @Field(() => String, { description: "The lowest passing grade." })
  passMark!: string;
}

@ObjectType("YearCreditRule", { description: "The credit rule of one year of study where it differs from the version's creditsPerYear and compulsoryRequired." })
export class YearCreditRule {
  @Field(() => Int, { description: "The year of study." })
  yearOfStudy!: number;

  @Field(() => Float, { description: "ECTS credits of the year's units needed to move on." })
  creditsRequired!: number;

  @Field(() => Boolean, { description: "Whether every compulsory unit of the year must be passed." })
  compulsoryRequired!: boolean;
}

@ObjectType("Curriculum", {
  implements: Node,
  description: "One version of a program's curriculum. Cohorts follow the version in force at their intake; a change is a new version. Public.",
})
export class Curriculum extends Node {
  programId!: number;

  @Field(() => Int, { description: "Version number, from 1." })
  version!: number;

  @Field(() => Int, { description: "In force for intakes from this year (until a later version)." })
  validFromIntake!: number;

  @Field(() => String, { nullable: true, description: "What changed." })
  note!: string | null;

  @Field(() => Float, { description: "The credit rule: ECTS credits of each year of study a student needs to move on." })
  creditsPerYear!: number;

  @Field(() => Boolean, { description: "The credit rule: every compulsory unit of the year must be passed to move on." })
  compulsoryRequired!: boolean;

  @Field(() => Boolean, { description: "True for invented (illustrative) seed data." })
  illustrative!: boolean;

  @Field(() => DateTimeResolver, { description: "When the version was made." })
  createdAt!: Date;
}

@ObjectType("CourseUnit", { implements: Node, description: "A course unit of one curriculum version. Public." })
export class CourseUnit extends Node {
  curriculumId!: number;
  teachingInstitutionId!: number;
  gradeScaleId!: number;

  @Field(() => String, { description: "Code, unique in its curriculum version." })
  code!: string;

  @Field(() => String, { description: "English title." })
  titleEn!: string;

  @Field(() => Int, { description: "Year of study, from 1." })
  yearOfStudy!: number;

  @Field(() => Int, { description: "Term of the year: 1 (autumn) or 2 (spring)." })
  term!: number;

  @Field(() => Float, { description: "ECTS credits." })
  ectsCredits!: number;

  @Field(() => Int, { description: "Credit hours in the host's own system." })
  creditHours!: number;

  @Field(() => Boolean, { description: "Compulsory (else elective)." })
  compulsory!: boolean;

  @Field(() => String, { description: "Language of instruction (ISO 639-1)." })
  language!: string;
}

@ObjectType("AcademicTerm", { implements: Node, description: "An academic term of one institution. Public." })
export class AcademicTerm extends Node {
  institutionId!: number;

  @Field(() => String, { description: "Name, e.g. \"2024-25 autumn\"." })
  name!: string;

  @Field(() => Int, { description: "First calendar year of the academic year (2024 for 2024-25)." })
  academicYear!: number;

  @Field(() => LocalDateResolver, { description: "First day." })
  startDate!: string;

  @Field(() => LocalDateResolver, { description: "Last day." })
  endDate!: string;

  @Field(() => DateTimeResolver, { nullable: true, description: "When results were closed; after that only a correction with a reason changes a result." })
  closedAt!: Date | null;
}

@ObjectType("Offering", { implements: Node, description: "A unit offered to a cohort in a term of its teaching institution. Public." })
export class Offering extends Node {
  unitId!: number;
  termId!: number;
  cohortId!: number;
}
