import { sql } from "drizzle-orm";
import { boolean, char, check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { countries } from "../institutions/country.table.js";
import { institutions } from "../institutions/institution.table.js";

/** Academic and clinical staff: sent on dispatches, and principal investigators or participants of lab projects. */
export const experts = pgTable(
  "experts",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull().unique(),
    familyName: text().notNull(),
    givenNames: text().notNull(),
    specialty: text().notNull(),
    homeInstitutionId: integer()
      .notNull()
      .references(() => institutions.id),
    illustrative: boolean().notNull().default(false),
    /** Set instead of deleting: past dispatches and projects keep their team. */
    deactivatedOn: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.homeInstitutionId), index().on(t.specialty), index().on(t.familyName, t.givenNames, t.id)],
);

export const dispatchStatus = pgEnum("dispatch_status", ["PLANNED", "IN_PROGRESS", "COMPLETED", "CANCELLED"]);
export const dispatchPurpose = pgEnum("dispatch_purpose", [
  "COMPLEX_CASE_DIAGNOSIS",
  "HEALTH_EDUCATION",
  "TECHNICAL_TRAINING",
  "RESEARCH_COLLABORATION",
  "SURGICAL_SUPPORT",
]);

export const dispatches = pgTable(
  "dispatches",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull().unique(),
    title: text().notNull(),
    sendingInstitutionId: integer()
      .notNull()
      .references(() => institutions.id),
    hostInstitutionId: integer()
      .notNull()
      .references(() => institutions.id),
    /** Country of the host institution, kept here because reports group by it. */
    countryCode: char({ length: 2 })
      .notNull()
      .references(() => countries.code),
    startDate: date().notNull(),
    endDate: date().notNull(),
    status: dispatchStatus().notNull().default("PLANNED"),
    casesSeen: integer(),
    peopleTrained: integer(),
    outcomeNotes: text(),
    illustrative: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.sendingInstitutionId),
    index().on(t.hostInstitutionId),
    index().on(t.countryCode),
    index().on(t.status),
    index().on(t.startDate, t.id),
    check("dispatches_dates_order", sql`${t.endDate} >= ${t.startDate}`),
    check("dispatches_outcome_nonneg", sql`coalesce(${t.casesSeen}, 0) >= 0 AND coalesce(${t.peopleTrained}, 0) >= 0`),
  ],
);

export const dispatchRole = pgEnum("dispatch_role", ["LEAD", "MEMBER"]);

export const dispatchMembers = pgTable(
  "dispatch_members",
  {
    dispatchId: integer()
      .notNull()
      .references(() => dispatches.id, { onDelete: "cascade" }),
    expertId: integer()
      .notNull()
      .references(() => experts.id),
    role: dispatchRole().notNull().default("MEMBER"),
    // Copied from the dispatch by a trigger (never written by the application): the exclusion constraint
    // that keeps an expert off two overlapping dispatches needs them on this row.
    startsOn: date().notNull().default("1970-01-01"),
    endsOn: date().notNull().default("1970-01-01"),
    active: boolean().notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.dispatchId, t.expertId] }), index().on(t.expertId)],
);

export const dispatchPurposes = pgTable(
  "dispatch_purposes",
  {
    dispatchId: integer()
      .notNull()
      .references(() => dispatches.id, { onDelete: "cascade" }),
    purpose: dispatchPurpose().notNull(),
  },
  (t) => [primaryKey({ columns: [t.dispatchId, t.purpose] }), index().on(t.purpose)],
);

export type ExpertRow = typeof experts.$inferSelect;
export type DispatchRow = typeof dispatches.$inferSelect;
export type DispatchMemberRow = typeof dispatchMembers.$inferSelect;
