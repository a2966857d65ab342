import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { datePrecision } from "../../db/enums.table.js";
import { countries } from "./country.table.js";
import { sources } from "./source.table.js";

export const institutionKind = pgEnum("institution_kind", [
  "UNIVERSITY",
  "BRANCH_CAMPUS",
  "HOSPITAL",
  "RESEARCH_CENTRE",
  "TCM_CENTRE",
  "MEDICAL_CENTRE",
]);

export const institutions = pgTable(
  "institutions",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    slug: text().notNull().unique(),
    kind: institutionKind().notNull(),
    /** Branch campus -> its university; hospital -> the university it is affiliated to; lab -> its host. */
    parentId: integer().references((): AnyPgColumn => institutions.id),
    countryCode: char({ length: 2 })
      .notNull()
      .references(() => countries.code),
    city: text(),
    nameEn: text().notNull(),
    names: jsonb().$type<Record<string, string>>().notNull().default({}),
    website: text(),
    foundedOn: date(),
    foundedOnPrecision: datePrecision(),
    /** Runs a department for international patients (foreign-language guides, dedicated beds). */
    internationalDepartment: boolean().notNull().default(false),
    /** Not named in the sources: a stand-in so that the records add up to the sources' totals. */
    illustrative: boolean().notNull().default(false),
    /** Set instead of deleting: programs, agreements and people keep pointing at it. */
    deactivatedOn: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.parentId),
    index().on(t.countryCode),
    index().on(t.kind),
    index().on(t.nameEn, t.id),
    check("institutions_branch_has_parent", sql`${t.kind} <> 'BRANCH_CAMPUS' OR ${t.parentId} IS NOT NULL`),
    check("institutions_not_own_parent", sql`${t.parentId} IS NULL OR ${t.parentId} <> ${t.id}`),
  ],
);

export const identifierScheme = pgEnum("identifier_scheme", ["ROR", "SCHAC", "WIKIDATA", "ISNI", "NATIONAL"]);

export const institutionIdentifiers = pgTable(
  "institution_identifiers",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    institutionId: integer()
      .notNull()
      .references(() => institutions.id, { onDelete: "cascade" }),
    scheme: identifierScheme().notNull(),
    value: text().notNull(),
  },
  (t) => [unique().on(t.scheme, t.value), unique().on(t.institutionId, t.scheme)],
);

export const figureMetric = pgEnum("figure_metric", [
  "INTERNATIONAL_PATIENTS_TREATED",
  "INTERNATIONAL_BEDS",
  "INTERNATIONAL_DEPARTMENTS",
  "TELEMEDICINE_PARTNER_HOSPITALS",
  "CENTRAL_ASIAN_STUDENTS_PER_YEAR",
  "EXPERTS_DISPATCHED",
]);

export const figureQualifier = pgEnum("figure_qualifier", ["EXACT", "AT_LEAST", "ABOUT"]);

/**
 * A dated figure the sources give only as a total. It belongs to an institution or, when the
 * source speaks of the whole region, to a region (ISO 3166-2, e.g. CN-XJ).
 */
export const institutionFigures = pgTable(
  "institution_figures",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    institutionId: integer().references(() => institutions.id, { onDelete: "cascade" }),
    regionCode: text(),
    metric: figureMetric().notNull(),
    value: bigint({ mode: "number" }).notNull(),
    /** "more than 25,000" is stored as 25000 with AT_LEAST */
    qualifier: figureQualifier().notNull().default("EXACT"),
    asOf: date().notNull(),
    asOfPrecision: datePrecision().notNull().default("DAY"),
    sourceId: integer()
      .notNull()
      .references(() => sources.id),
    note: text(),
  },
  (t) => [
    index().on(t.institutionId),
    index().on(t.sourceId),
    index().on(t.metric, t.asOf),
    index().on(t.regionCode),
    check("figures_owner", sql`(${t.institutionId} IS NULL) <> (${t.regionCode} IS NULL)`),
    check("figures_value_nonneg", sql`${t.value} >= 0`),
  ],
);

export type InstitutionRow = typeof institutions.$inferSelect;
export type FigureRow = typeof institutionFigures.$inferSelect;
export type IdentifierRow = typeof institutionIdentifiers.$inferSelect;
