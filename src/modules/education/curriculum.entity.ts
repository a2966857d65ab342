import { eq } from "drizzle-orm";
import { ID, Int } from "type-graphql";
import { entity, extend, list, one, rootAll } from "../../engine/entity.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { localizedNamesField } from "../../shared/localized.field.js";
import { Institution } from "../institutions/institution.type.js";
import { Cohort, Program } from "../programs/program.type.js";
import { academicTerms, courseUnits, curricula, offerings, yearCreditRules } from "./curriculum.table.js";
import { AcademicTerm, CourseUnit, Curriculum, GradeScale, Offering, YearCreditRule } from "./curriculum.type.js";
import { gradeScales } from "./grade-scale.table.js";

// Grade scales, curricula, course units, terms and offerings: public facts (no scope). Results, which are
// personal data, are declared in result.entity.ts under their scope.

const byId = (type: () => unknown, what: string) => ({
  kind: "byId" as const,
  arg: "id",
  meta: { type, nullable: true, description: `One ${what} by id; null when there is none.`, args: { id: { type: () => ID, description: "Global id." } } },
});

entity({
  name: "GradeScale",
  type: () => GradeScale,
  table: gradeScales,
  key: "id",
  node: true,
  roots: { gradeScales: rootAll<typeof gradeScales>((t) => [t.code], { type: () => [GradeScale], description: "Every grading scale, by code." }) },
});

entity({
  name: "Curriculum",
  type: () => Curriculum,
  table: curricula,
  key: "id",
  node: true,
  fields: {
    program: one("Program", "programId", { type: () => Program, description: "The program." }),
    hostScale: one("GradeScale", "hostScaleId", { type: () => GradeScale, description: "The host's scale, which transcripts convert results to." }),
    units: list<typeof courseUnits>("CourseUnit", {
      via: "curriculumId",
      orderBy: (t) => [t.yearOfStudy, t.term, t.code, t.id],
      where: (t, args) => (args.yearOfStudy != null ? eq(t.yearOfStudy, args.yearOfStudy as number) : undefined),
      meta: {
        type: () => [CourseUnit],
        description: "Its units, by year, term and code.",
        args: { yearOfStudy: { type: () => Int, nullable: true, description: "Only the units of this year of study." } },
      },
    }),
  },
  roots: { curriculum: byId(() => Curriculum, "curriculum version") },
});

// Read under its curriculum version only (a composite key).
entity({ name: "YearCreditRule", type: () => YearCreditRule, table: yearCreditRules, node: false });

extend("Curriculum", {
  yearRules: list<typeof yearCreditRules>("YearCreditRule", {
    via: "curriculumId",
    parentKey: "id",
    orderBy: (t) => [t.yearOfStudy],
    meta: { type: () => [YearCreditRule], description: "Years whose credit rule differs from the version's, by year." },
  }),
});

entity({
  name: "CourseUnit",
  type: () => CourseUnit,
  table: courseUnits,
  key: "id",
  node: true,
  fields: {
    names: localizedNamesField("titleEn", "Titles in every language held, English first."),
    curriculum: one("Curriculum", "curriculumId", { type: () => Curriculum, description: "The curriculum version." }),
    teachingInstitution: one("Institution", "teachingInstitutionId", { type: () => Institution, description: "Who teaches and grades it: the host or a partner of the joint program." }),
    gradeScale: one("GradeScale", "gradeScaleId", { type: () => GradeScale, description: "The scale the teaching institution grades it in." }),
  },
});

entity({
  name: "AcademicTerm",
  type: () => AcademicTerm,
  table: academicTerms,
  key: "id",
  node: true,
  fields: { institution: one("Institution", "institutionId", { type: () => Institution, description: "The institution." }) },
  roots: {
    academicTerms: rootAll<typeof academicTerms>(
      (t) => [t.startDate, t.id],
      {
        type: () => [AcademicTerm],
        description: "An institution's academic terms, by start date.",
        args: { institutionId: { type: () => ID, description: "The institution." } },
      },
      (t, args, path) => eq(t.institutionId, fromGlobalId(args.institutionId as string, "Institution", `${path}.institutionId`)),
    ),
  },
});

entity({
  name: "Offering",
  type: () => Offering,
  table: offerings,
  key: "id",
  node: true,
  fields: {
    unit: one("CourseUnit", "unitId", { type: () => CourseUnit, description: "The unit." }),
    term: one("AcademicTerm", "termId", { type: () => AcademicTerm, description: "The term." }),
    cohort: one("Cohort", "cohortId", { type: () => Cohort, description: "The cohort." }),
  },
});

extend("Program", {
  curricula: list<typeof curricula>("Curriculum", {
    via: "programId",
    orderBy: (t) => [t.version],
    meta: { type: () => [Curriculum], description: "Every version of its curriculum, oldest first." },
  }),
});

extend("Cohort", {
  curriculum: one("Curriculum", "curriculumId", {
    type: () => Curriculum,
    nullable: true,
    description: "The curriculum version it follows: the one in force at its intake (null when the program had none).",
  }),
  offerings: list<typeof offerings>("Offering", {
    via: "cohortId",
    orderBy: (t) => [t.termId, t.unitId, t.id],
    meta: { type: () => [Offering], description: "Units offered to it, by term." },
  }),
});
