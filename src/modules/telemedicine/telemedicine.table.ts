import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, unique } from "drizzle-orm/pg-core";
import { datePrecision } from "../../db/enums.table.js";
import { agreements } from "../agreements/agreement.table.js";
import { institutions } from "../institutions/institution.table.js";

/** A cross-border telemedicine connection between a Xinjiang hospital and a hospital abroad. */
export const telemedicineLinks = pgTable(
  "telemedicine_links",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    xinjiangHospitalId: integer()
      .notNull()
      .references(() => institutions.id),
    partnerHospitalId: integer()
      .notNull()
      .references(() => institutions.id),
    since: date(),
    sincePrecision: datePrecision(),
    agreementId: integer().references(() => agreements.id),
    /** The last day of the link; null while it runs (a link is ended, never deleted). */
    endedOn: date(),
  },
  (t) => [
    unique().on(t.xinjiangHospitalId, t.partnerHospitalId),
    index().on(t.partnerHospitalId),
    index().on(t.agreementId),
    check("telemedicine_distinct_ends", sql`${t.xinjiangHospitalId} <> ${t.partnerHospitalId}`),
    check("telemedicine_ended_after_since", sql`${t.endedOn} IS NULL OR ${t.since} IS NULL OR ${t.endedOn} >= ${t.since}`),
  ],
);

export type TelemedicineLinkRow = typeof telemedicineLinks.$inferSelect;
