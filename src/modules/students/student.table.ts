import { sql, type SQL } from "drizzle-orm";
import { boolean, char, check, date, index, integer, pgEnum, pgTable, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { countries } from "../institutions/country.table.js";
import { institutions } from "../institutions/institution.table.js";
import { cohorts } from "../programs/program.table.js";

export const students = pgTable(
  "students",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    /** As printed in the passport (may be Cyrillic) */
    familyName: text().notNull(),
    givenNames: text().notNull(),
    /** Latin transliteration used on documents of the host university */
    familyNameLatin: text().notNull(),
    givenNamesLatin: text().notNull(),
    /** Personal data; null only once erased */
    dateOfBirth: date(),
    nationality: char({ length: 2 })
      .notNull()
      .references(() => countries.code),
    /** Personal data */
    email: text(),
    /** Personal data; null only once erased */
    passportNumber: text(),
    homeInstitutionId: integer()
      .notNull()
      .references(() => institutions.id),
    /** The institution whose staff registered (nominated) the student */
    registeredByInstitutionId: integer().references(() => institutions.id),
    /** Subject of the account that registered the student */
    registeredBy: text(),
    illustrative: boolean().notNull().default(false),
    /**
     * Provisional: registered while another home institution has a student with the same nationality and
     * passport number; its nominations wait for a platform admin's identity review (identity_reviews).
     */
    heldForReview: boolean().notNull().default(false),
    /** A legal hold: while set, the personal data may not be erased. */
    legalHold: boolean().notNull().default(false),
    legalHoldReason: text(),
    /** When the personal data was erased on request (names pseudonymised, the rest removed). */
    erasedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Every name form, lower-cased, for the name search (a trigram index makes '%…%' an index scan). */
    searchText: text().generatedAlwaysAs(
      (): SQL => sql`lower(${students.familyNameLatin} || ' ' || ${students.givenNamesLatin} || ' ' || ${students.familyName} || ' ' || ${students.givenNames})`,
    ),
  },
  (t) => [
    index("students_search_trgm").using("gin", sql`${t.searchText} gin_trgm_ops`),
    // The same person is never a second (confirmed) student.
    uniqueIndex("students_nationality_passport").on(t.nationality, t.passportNumber).where(sql`not ${t.heldForReview}`),
    // The few provisional students, by person (registration looks a person up in both indexes).
    index("students_held_person").on(t.nationality, t.passportNumber).where(sql`${t.heldForReview}`),
    index().on(t.homeInstitutionId),
    index().on(t.registeredByInstitutionId),
    index().on(t.nationality),
    index().on(t.familyNameLatin, t.givenNamesLatin, t.id),
    check("students_dob_past", sql`${t.dateOfBirth} > '1900-01-01'`),
    // Erasure is the only way to lose the date of birth or the passport number.
    check("students_personal_until_erased", sql`${t.erasedAt} IS NOT NULL OR (${t.dateOfBirth} IS NOT NULL AND ${t.passportNumber} IS NOT NULL)`),
    check("students_legal_hold_reason", sql`NOT ${t.legalHold} OR ${t.legalHoldReason} IS NOT NULL`),
  ],
);

export const enrollmentStatus = pgEnum("enrollment_status", [
  "NOMINATED",
  "ADMITTED",
  "ENROLLED",
  "ON_LEAVE",
  "GRADUATED",
  "REJECTED",
  "WITHDRAWN",
]);

export const enrollments = pgTable(
  "enrollments",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    studentId: integer()
      .notNull()
      .references(() => students.id),
    cohortId: integer()
      .notNull()
      .references(() => cohorts.id),
    status: enrollmentStatus().notNull().default("NOMINATED"),
    statusChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * The student's own year of study once a progression decision set it apart from the cohort's (held back,
     * advanced, overridden: education/progression.service.ts); null: the cohort's current year.
     */
    yearOfStudy: integer(),
    /**
     * The institution that nominated the student, when it is not the student's home: set when an identity review
     * merged the nomination (registered by this institution's registrar) into another home institution's student.
     * Null: the student's home nominated. It keeps the nominating institution's part (student.scope.ts).
     */
    nominatedByInstitutionId: integer().references(() => institutions.id),
  },
  (t) => [
    unique().on(t.studentId, t.cohortId),
    // The few merged nominations, by nominating institution (the scopes' look-up).
    index().on(t.nominatedByInstitutionId).where(sql`${t.nominatedByInstitutionId} is not null`),
    check("enrollments_year_of_study", sql`${t.yearOfStudy} between 1 and 10`),
    index().on(t.cohortId, t.status),
    // a cohort's enrollments page (ordered by id): read in order, the page's rows only, not every row of the cohort sorted
    index().on(t.cohortId, t.id),
    index().on(t.status),
    // the changedFrom / changedBefore filters
    index().on(t.statusChangedAt),
  ],
);

export const enrollmentStatusChanges = pgTable(
  "enrollment_status_changes",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    enrollmentId: integer()
      .notNull()
      .references(() => enrollments.id, { onDelete: "cascade" }),
    fromStatus: enrollmentStatus(),
    toStatus: enrollmentStatus().notNull(),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Subject of the account that made the change */
    actor: text().notNull(),
    reason: text(),
  },
  (t) => [index().on(t.enrollmentId, t.changedAt), index().on(t.toStatus)],
);

export type StudentRow = typeof students.$inferSelect;
export type EnrollmentRow = typeof enrollments.$inferSelect;
export type StatusChangeRow = typeof enrollmentStatusChanges.$inferSelect;
export type EnrollmentStatusValue = EnrollmentRow["status"];
