import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
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
    /**
     * The version in force. The columns above that are terms (summary, validity, places per year) and the
     * agreement's parties and focus areas hold that version's content, written in the transaction that brings it
     * into force (agreement-version.service.ts); while no version is in force yet they hold version 1's.
     */
    currentVersionId: integer().references((): AnyPgColumn => agreementVersions.id),
    sourceId: integer().references(() => sources.id),
    illustrative: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.status),
    // A code is unique whatever its case ("XMU-TCM-2024" and "xmu-tcm-2024" would be one agreement told twice).
    uniqueIndex("agreements_code_ci").on(sql`lower(${t.code})`),
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

/**
 * The versions of an agreement's terms. A version's content (parties and roles, focus areas, places per year,
 * validity, summary) never changes once written: the database refuses an UPDATE of it
 * (agreement_versions_immutable). `contentHash` is the SHA-256 (hex) of `content::text`, PostgreSQL's jsonb
 * rendering (keys sorted, one canonical spacing), set by the database on insert. A version comes into force
 * (`inForceFrom`) when every party has a standing approval of it; it is superseded when a later version comes
 * into force, or, still proposed, when another amendment is proposed.
 */
export const agreementVersions = pgTable(
  "agreement_versions",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    agreementId: integer()
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    number: integer().notNull(),
    content: jsonb().notNull(),
    contentHash: text().notNull(),
    /** The institution that proposed it (null for a version recorded from existing data). */
    proposedByInstitutionId: integer().references(() => institutions.id),
    proposedBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    inForceFrom: timestamp({ withTimezone: true }),
    supersededAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique().on(t.agreementId, t.number),
    index().on(t.agreementId, t.inForceFrom),
    check("agreement_versions_number_positive", sql`${t.number} >= 1`),
  ],
);

/** A party's approval of one version, naming the content hash it approved; a withdrawn approval keeps its row. */
export const agreementVersionApprovals = pgTable(
  "agreement_version_approvals",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    versionId: integer()
      .notNull()
      .references(() => agreementVersions.id, { onDelete: "cascade" }),
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    contentHash: text().notNull(),
    approvedBy: text().notNull(),
    approvedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnBy: text(),
    withdrawalReason: text(),
  },
  (t) => [
    index().on(t.versionId, t.institutionId),
    // One standing approval per party and version.
    uniqueIndex("agreement_version_approvals_standing").on(t.versionId, t.institutionId).where(sql`${t.withdrawnAt} IS NULL`),
    check("agreement_version_approvals_withdrawal", sql`(${t.withdrawnAt} IS NULL) = (${t.withdrawnBy} IS NULL)`),
  ],
);
