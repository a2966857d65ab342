import { char, date, index, integer, pgEnum, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { datePrecision } from "../../db/enums.table.js";
import { countries } from "../institutions/country.table.js";
import { institutions } from "../institutions/institution.table.js";
import { sources } from "../institutions/source.table.js";

export const eventKind = pgEnum("event_kind", [
  "POLICY",
  "AGREEMENT_SIGNING",
  "PROGRAM_LAUNCH",
  "FIRST_PROCEDURE",
  "MINISTERIAL_MEETING",
  "CONSULTATION_DAY",
  "CENTRE_OPENING",
]);

/** A dated milestone of the cooperation. */
export const cooperationEvents = pgTable(
  "cooperation_events",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull().unique(),
    kind: eventKind().notNull(),
    title: text().notNull(),
    description: text(),
    occurredOn: date().notNull(),
    occurredOnPrecision: datePrecision().notNull().default("DAY"),
    sourceId: integer().references(() => sources.id),
  },
  (t) => [index().on(t.occurredOn, t.id), index().on(t.kind), index().on(t.sourceId)],
);

export const cooperationEventInstitutions = pgTable(
  "cooperation_event_institutions",
  {
    eventId: integer()
      .notNull()
      .references(() => cooperationEvents.id, { onDelete: "cascade" }),
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.institutionId] }), index().on(t.institutionId)],
);

export const cooperationEventCountries = pgTable(
  "cooperation_event_countries",
  {
    eventId: integer()
      .notNull()
      .references(() => cooperationEvents.id, { onDelete: "cascade" }),
    countryCode: char({ length: 2 })
      .notNull()
      .references(() => countries.code),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.countryCode] }), index().on(t.countryCode)],
);

export type CooperationEventRow = typeof cooperationEvents.$inferSelect;
