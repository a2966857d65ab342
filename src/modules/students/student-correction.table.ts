import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { institutions } from "../institutions/institution.table.js";
import { students } from "./student.table.js";

export const personalField = pgEnum("personal_field", [
  "FAMILY_NAME",
  "GIVEN_NAMES",
  "FAMILY_NAME_LATIN",
  "GIVEN_NAMES_LATIN",
  "DATE_OF_BIRTH",
  "PASSPORT_NUMBER",
  "EMAIL",
]);

/**
 * The history of a student's personal data: one row per corrected field, with the value it replaced (a
 * renewed passport keeps the old number here). Holds personal data, so it is read under the personal-data
 * rule and never copied into the audit trail, which records only which fields changed and why.
 */
export const studentCorrections = pgTable(
  "student_corrections",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    studentId: integer()
      .notNull()
      .references(() => students.id),
    field: personalField().notNull(),
    oldValue: text(),
    newValue: text(),
    reason: text().notNull(),
    correctedBy: text().notNull(),
    correctedByInstitutionId: integer().references(() => institutions.id),
    correctedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // Former passport numbers, for the registration's same-person look-up.
  (t) => [index().on(t.studentId, t.id), index("student_corrections_former_passport").on(t.oldValue).where(sql`${t.field} = 'PASSPORT_NUMBER'`)],
);

export type StudentCorrectionRow = typeof studentCorrections.$inferSelect;
