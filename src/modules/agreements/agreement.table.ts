import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { datePrecision, focusArea } from "../../db/enums.table.js";
import { institutions } from "../institutions/institution.table.js";
import { sources } from "../institutions/source.table.js";

export const agreementStatus = pgEnum("agreement_status", ["DRAFT", "ACTIVE", "EXPIRED", "TERMINATED"]);
export const partyRole = pgEnum("party_role", ["HOST", "PARTNER", "SIGNATORY", "LEAD", "MEMBER"]);

export const agreements = pgTable(
  "agreements",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull().unique(),
    title: text().notNull(),
    summary: text(),
    signedOn: date(),
    signedOnPrecision: datePrecision(),
    validFrom: date(),
    validUntil: date(),
    status: agreementStatus().notNull().default("ACTIVE"),
    /** Student places per year, where the agreement sets them. */
    placesPerYear: integer(),
    sourceId: integer().references(() => sources.id),
    illustrative: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.status),
    index().on(t.signedOn, t.id),
    index().on(t.validUntil),
    index().on(t.sourceId),
    check("agreements_validity_order", sql`${t.validUntil} IS NULL OR ${t.validFrom} IS NULL OR ${t.validUntil} >= ${t.validFrom}`),
    check("agreements_places_nonneg", sql`${t.placesPerYear} IS NULL OR ${t.placesPerYear} >= 0`),
    check("agreements_signed_precision", sql`(${t.signedOn} IS NULL) = (${t.signedOnPrecision} IS NULL)`),
  ],
);

export const agreementParties = pgTable(
  "agreement_parties",
  {
    agreementId: integer()
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    role: partyRole().notNull(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.institutionId] }), index().on(t.institutionId)],
);

export const agreementFocusAreas = pgTable(
  "agreement_focus_areas",
  {
    agreementId: integer()
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    area: focusArea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.area] }), index().on(t.area)],
);
