import { sql } from "drizzle-orm";
import { boolean, check, char, type AnyPgColumn, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import { agreements } from "../agreements/agreement.table.js";
import { institutions } from "../institutions/institution.table.js";
import { curricula } from "../education/curriculum.table.js";

export const programLevel = pgEnum("program_level", [
  "FOUNDATION",
  "BACHELOR",
  "MASTER",
  "DOCTORATE",
  "RESIDENCY",
  "NON_DEGREE",
]);

export const programs = pgTable(
  "programs",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull().unique(),
    titleEn: text().notNull(),
    names: jsonb().$type<Record<string, string>>().notNull().default({}),
    hostInstitutionId: integer()
      .notNull()
      .references(() => institutions.id),
    /** The agreement that founded it (joint programs). */
    agreementId: integer().references(() => agreements.id),
    level: programLevel().notNull(),
    /** ISCED-F 2013 detailed field, e.g. 0917 traditional and complementary medicine and therapy */
    iscedField: char({ length: 4 }).notNull(),
    lengthYears: integer().notNull(),
    /** ISO 639-1 codes */
    teachingLanguages: text().array().notNull().default(sql`'{}'::text[]`),
    launchYear: integer().notNull(),
    description: text(),
    illustrative: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.hostInstitutionId),
    index().on(t.agreementId),
    index().on(t.level),
    index().on(t.iscedField),
    index().on(t.launchYear),
    index().on(t.titleEn, t.id),
    check("programs_isced_digits", sql`${t.iscedField} ~ '^[0-9]{4}$'`),
    check("programs_length", sql`${t.lengthYears} BETWEEN 1 AND 10`),
    check("programs_launch_year", sql`${t.launchYear} BETWEEN 1900 AND 2100`),
  ],
);

export const programPartners = pgTable(
  "program_partners",
  {
    programId: integer()
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
  },
  (t) => [primaryKey({ columns: [t.programId, t.institutionId] }), index().on(t.institutionId)],
);

export const cohorts = pgTable(
  "cohorts",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    programId: integer()
      .notNull()
      .references(() => programs.id),
    intakeYear: integer().notNull(),
    name: text().notNull(),
    capacity: integer().notNull(),
    startDate: date().notNull(),
    expectedGraduation: date().notNull(),
    currentYearOfStudy: integer().notNull().default(1),
    /** The curriculum version the cohort follows: the one in force at its intake, set once (education/curriculum.service.ts). */
    curriculumId: integer().references((): AnyPgColumn => curricula.id),
    /** ENROLLED + ON_LEAVE, kept by a trigger on enrollments; the check below makes capacity a database rule. */
    seatsTaken: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.programId, t.intakeYear),
    index().on(t.intakeYear),
    check("cohorts_capacity_nonneg", sql`${t.capacity} >= 0`),
    check("cohorts_seats_within_capacity", sql`${t.seatsTaken} BETWEEN 0 AND ${t.capacity}`),
    check("cohorts_dates_order", sql`${t.expectedGraduation} > ${t.startDate}`),
    check("cohorts_year_of_study", sql`${t.currentYearOfStudy} BETWEEN 1 AND 10`),
  ],
);

export type ProgramRow = typeof programs.$inferSelect;
export type CohortRow = typeof cohorts.$inferSelect;
export type ProgramPartnerRow = typeof programPartners.$inferSelect;
