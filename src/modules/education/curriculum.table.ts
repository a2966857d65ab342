import { sql } from "drizzle-orm";
import { boolean, char, check, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { institutions } from "../institutions/institution.table.js";
import { cohorts, programs } from "../programs/program.table.js";
import { gradeScales } from "./grade-scale.table.js";

/**
 * One version of a program's curriculum, in force for the cohorts whose intake year is at or after
 * `validFromIntake` (until a later version). A version is never changed once a cohort follows it: a change
 * is a new version (curriculum.service.ts).
 */
export const curricula = pgTable(
  "curricula",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    programId: integer()
      .notNull()
      .references(() => programs.id),
    version: integer().notNull(),
    validFromIntake: integer().notNull(),
    note: text(),
    /** The host's scale: transcripts show every result converted to it. */
    hostScaleId: integer()
      .notNull()
      .references(() => gradeScales.id),
    /** ECTS credits a student needs to move on from each year of study, index 0 = year 1 (the program's credit rule). */
    creditsPerYear: numeric({ precision: 5, scale: 1, mode: "number" }).notNull().default(60),
    /** Whether every compulsory unit of the year must be passed to move on. */
    compulsoryRequired: boolean().notNull().default(true),
    illustrative: boolean().notNull().default(false),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.programId, t.version),
    unique().on(t.programId, t.validFromIntake),
    check("curricula_version", sql`${t.version} >= 1`),
    check("curricula_credits", sql`${t.creditsPerYear} >= 0`),
  ],
);

/**
 * The credit rule of one year of study of a curriculum version, where it differs from the version's
 * (curricula.creditsPerYear, compulsoryRequired): ECTS credits of that year's units needed to move on, and
 * whether every compulsory unit of the year must be passed. Graduation needs the sum over every year.
 */
export const yearCreditRules = pgTable(
  "year_credit_rules",
  {
    curriculumId: integer()
      .notNull()
      .references(() => curricula.id),
    yearOfStudy: integer().notNull(),
    creditsRequired: numeric({ precision: 5, scale: 1, mode: "number" }).notNull(),
    compulsoryRequired: boolean().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.curriculumId, t.yearOfStudy] }),
    check("year_credit_rules_year", sql`${t.yearOfStudy} between 1 and 10`),
    check("year_credit_rules_credits", sql`${t.creditsRequired} >= 0`),
  ],
);

/** A course unit of one curriculum version. */
export const courseUnits = pgTable(
  "course_units",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    curriculumId: integer()
      .notNull()
      .references(() => curricula.id),
    code: text().notNull(),
    titleEn: text().notNull(),
    names: jsonb().$type<Record<string, string>>().notNull().default({}),
    yearOfStudy: integer().notNull(),
    /** 1 or 2: the autumn or spring term of the year. */
    term: integer().notNull(),
    ectsCredits: numeric({ precision: 4, scale: 1, mode: "number" }).notNull(),
    /** Credit hours in the host's own system. */
    creditHours: integer().notNull(),
    compulsory: boolean().notNull(),
    /** ISO 639-1 */
    language: char({ length: 2 }).notNull(),
    /** The host or a partner of the joint program. */
    teachingInstitutionId: integer()
      .notNull()
      .references(() => institutions.id),
    /** The scale the teaching institution grades the unit in. */
    gradeScaleId: integer()
      .notNull()
      .references(() => gradeScales.id),
  },
  (t) => [
    unique().on(t.curriculumId, t.code),
    /** A code is one whatever its case: "TCM101" and "tcm101" are not two units of a version. */
    uniqueIndex("course_units_code_ci").on(t.curriculumId, sql`lower(${t.code})`),
    index().on(t.teachingInstitutionId),
    check("course_units_year", sql`${t.yearOfStudy} between 1 and 10`),
    check("course_units_term", sql`${t.term} in (1, 2)`),
    check("course_units_credits", sql`${t.ectsCredits} > 0 and ${t.creditHours} >= 0`),
  ],
);

/** An academic term of one institution. Closed: results are changed only by a correction with a reason. */
export const academicTerms = pgTable(
  "academic_terms",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    /** e.g. "2024-25 autumn" */
    name: text().notNull(),
    /** The first calendar year of the academic year (2024 for 2024-25). */
    academicYear: integer().notNull(),
    startDate: date().notNull(),
    endDate: date().notNull(),
    closedAt: timestamp({ withTimezone: true }),
    closedBy: text(),
  },
  (t) => [
    unique().on(t.institutionId, t.name),
    /** A name is one whatever its case. */
    uniqueIndex("academic_terms_name_ci").on(t.institutionId, sql`lower(${t.name})`),
    /** What an offering's (term, academic year) refers to: its year is its term's. */
    unique("academic_terms_id_year").on(t.id, t.academicYear),
    check("academic_terms_dates", sql`${t.endDate} > ${t.startDate}`),
  ],
);

/**
 * A unit offered to a cohort in a term (of the unit's teaching institution), once an academic year: its resits
 * that year sit in the offering's resit session, a later year's in that year's offering.
 */
export const offerings = pgTable(
  "offerings",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => courseUnits.id),
    termId: integer()
      .notNull()
      .references(() => academicTerms.id),
    cohortId: integer()
      .notNull()
      .references(() => cohorts.id),
    /** The term's academic year, kept here for the once-a-year key; the foreign key below holds it to the term's. */
    academicYear: integer().notNull(),
  },
  (t) => [
    unique("offerings_once_a_year").on(t.unitId, t.cohortId, t.academicYear),
    foreignKey({ name: "offerings_term_year_fk", columns: [t.termId, t.academicYear], foreignColumns: [academicTerms.id, academicTerms.academicYear] }).onUpdate("cascade"),
    index().on(t.cohortId),
    index().on(t.termId),
  ],
);

export type CurriculumRow = typeof curricula.$inferSelect;
export type CourseUnitRow = typeof courseUnits.$inferSelect;
export type AcademicTermRow = typeof academicTerms.$inferSelect;
export type OfferingRow = typeof offerings.$inferSelect;
