import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { institutions } from "../institutions/institution.table.js";
import { enrollments, students } from "./student.table.js";

export const identityReviewStatus = pgEnum("identity_review_status", ["PENDING", "MERGED", "REJECTED"]);

/**
 * A nomination held for a platform admin's review: a home institution registered a person (nationality and
 * passport number) whom another home institution has already registered. The registrar was answered as for a
 * new person (so it learns nothing of the other institution's data); the nomination's student is provisional
 * (students.held_for_review) until a platform admin merges the nomination into the existing student or rejects it.
 */
export const identityReviews = pgTable(
  "identity_reviews",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    /** The held nomination; after a merge it belongs to the existing student. */
    enrollmentId: integer()
      .notNull()
      .references(() => enrollments.id),
    /** The provisional student; null once merged (the provisional student is then deleted). */
    heldStudentId: integer().references(() => students.id, { onDelete: "set null" }),
    /** The student of the other home institution with the same nationality and passport number. */
    existingStudentId: integer()
      .notNull()
      .references(() => students.id),
    status: identityReviewStatus().notNull().default("PENDING"),
    /** Subject and institution of the registrar, and the request (x-request-id). */
    requestedBy: text().notNull(),
    requestedByInstitutionId: integer().references(() => institutions.id),
    requestId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: text(),
    note: text(),
  },
  (t) => [uniqueIndex().on(t.enrollmentId), index().on(t.status, t.id), index().on(t.heldStudentId), index().on(t.existingStudentId)],
);
