import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, numeric, pgEnum, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { institutions } from "../institutions/institution.table.js";
import { enrollments } from "../students/student.table.js";
import { courseUnits, offerings } from "./curriculum.table.js";
import { gradeConversions } from "./grade-scale.table.js";

/**
 * One attempt of an enrolled student at an offered unit (1: first sitting, 2…: resits), with the grade in the
 * unit's scale. `passed` and `creditsEarned` follow from the grade and the unit (result.service.ts). A
 * correction changes grade, passed and credits and records the old and new values in result_corrections.
 */
export const courseResults = pgTable(
  "course_results",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    enrollmentId: integer()
      .notNull()
      .references(() => enrollments.id),
    offeringId: integer()
      .notNull()
      .references(() => offerings.id),
    /** The offering's unit, kept here so that attempts are numbered per unit across offerings (a resit in a later term). */
    unitId: integer()
      .notNull()
      .references(() => courseUnits.id),
    attempt: integer().notNull(),
    grade: text().notNull(),
    passed: boolean().notNull(),
    creditsEarned: numeric({ precision: 4, scale: 1, mode: "number" }).notNull(),
    assessedOn: date().notNull(),
    enteredBy: text().notNull(),
    enteredByInstitutionId: integer().references(() => institutions.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    correctedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique().on(t.enrollmentId, t.unitId, t.attempt),
    index().on(t.offeringId),
    check("course_results_attempt", sql`${t.attempt} between 1 and 10`),
    check("course_results_credits", sql`${t.creditsEarned} >= 0 and (${t.passed} or ${t.creditsEarned} = 0)`),
  ],
);

/** A correction of a result (its grade, its day or both): never an overwrite without a trace. Old and new are both kept, equal when unchanged. */
export const resultCorrections = pgTable(
  "result_corrections",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    resultId: integer()
      .notNull()
      .references(() => courseResults.id),
    oldGrade: text().notNull(),
    newGrade: text().notNull(),
    oldAssessedOn: date().notNull(),
    newAssessedOn: date().notNull(),
    reason: text().notNull(),
    correctedBy: text().notNull(),
    correctedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.resultId)],
);

export const recognitionStatus = pgEnum("recognition_status", ["RECOGNISED", "REFUSED"]);

/**
 * The host's decision on credits earned at a partner: recognised with the converted grade (through the
 * conversion table that allowed it), or refused with a reason. One decision per enrollment and unit.
 */
export const recognitions = pgTable(
  "recognitions",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    enrollmentId: integer()
      .notNull()
      .references(() => enrollments.id),
    unitId: integer()
      .notNull()
      .references(() => courseUnits.id),
    /** The passing result recognised (null for a refusal without one). */
    resultId: integer().references(() => courseResults.id),
    status: recognitionStatus().notNull(),
    conversionId: integer().references(() => gradeConversions.id),
    convertedGrade: text(),
    creditsRecognised: numeric({ precision: 4, scale: 1, mode: "number" }).notNull().default(0),
    reason: text(),
    decidedBy: text().notNull(),
    decidedByInstitutionId: integer().references(() => institutions.id),
    decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.enrollmentId, t.unitId),
    index().on(t.unitId),
    check(
      "recognitions_shape",
      sql`(${t.status} = 'RECOGNISED' and ${t.resultId} is not null and ${t.convertedGrade} is not null) or (${t.status} = 'REFUSED' and ${t.reason} is not null and ${t.creditsRecognised} = 0)`,
    ),
  ],
);

export const progressionKind = pgEnum("progression_kind", ["ADVANCED", "HELD_BACK", "OVERRIDE_ADVANCED", "GRADUATED", "OVERRIDE_GRADUATED", "NOT_ELIGIBLE"]);

/** Each decision on a student's progression or graduation: what was met, what was lacking, who decided, why. */
export const progressionDecisions = pgTable(
  "progression_decisions",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    enrollmentId: integer()
      .notNull()
      .references(() => enrollments.id),
    kind: progressionKind().notNull(),
    /** The year of study completed (progression) or the last year (graduation). */
    fromYear: integer().notNull(),
    creditsEarned: numeric({ precision: 6, scale: 1, mode: "number" }).notNull(),
    creditsRequired: numeric({ precision: 6, scale: 1, mode: "number" }).notNull(),
    /** Codes of compulsory units not passed. */
    missingUnits: text().array().notNull().default(sql`'{}'::text[]`),
    reason: text(),
    /** A joint degree's awarding institutions. */
    awardingInstitutionIds: integer().array(),
    decidedBy: text().notNull(),
    decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.enrollmentId),
    check("progression_awarding", sql`(${t.kind} in ('GRADUATED', 'OVERRIDE_GRADUATED')) = (${t.awardingInstitutionIds} is not null)`),
    check("progression_override_reason", sql`${t.kind} not in ('OVERRIDE_ADVANCED', 'OVERRIDE_GRADUATED') or ${t.reason} is not null`),
  ],
);

/** A transcript issued as a document: its code confirms that it was issued, when, for whom (never its content). */
export const transcriptIssues = pgTable(
  "transcript_issues",
  {
    code: text().primaryKey(),
    enrollmentId: integer()
      .notNull()
      .references(() => enrollments.id),
    issuedBy: text().notNull(),
    issuedByInstitutionId: integer().references(() => institutions.id),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** SHA-256 of the content the document shows: a reprint with other content gets another code. */
    contentHash: text().notNull(),
  },
  (t) => [index().on(t.enrollmentId)],
);

export type CourseResultRow = typeof courseResults.$inferSelect;
export type RecognitionRow = typeof recognitions.$inferSelect;
export type ProgressionDecisionRow = typeof progressionDecisions.$inferSelect;
