import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { agreementVersions, agreements } from "./agreement.table.js";

// When a version is in force. Versions come into force one after another, each superseding the one before,
// so the version in force at an instant is the one that came into force last before it. "On a day" is at
// the end of that day (UTC): a version approved during the day is the one in force on it.

/** The end of a day (a date, UTC) as a timestamp. */
const endOf = (day: SQL) => sql`((${day})::date + 1)::timestamp at time zone 'UTC'`;

/** A condition on a version row (`v`, under any alias): it was in force on `day`. */
export const inForceOn = (v: typeof agreementVersions, day: SQL): SQL =>
  sql`(${v.inForceFrom} < ${endOf(day)} and (${v.supersededAt} is null or ${v.supersededAt} >= ${endOf(day)}))`;

/**
 * The terms (a version's content, jsonb) that govern agreement `agreementId` on `day`, for programs, quotas
 * and reports: the version in force on that day; for a day before its first version came into force, that
 * first version; null when no version of it has come into force (then the agreement's own columns, which
 * hold version 1's terms, are what there is: see `placesPerYearOn`).
 */
export const termsOn = (agreementId: SQL | PgColumn, day: SQL): SQL =>
  sql`(select v.content from ${agreementVersions} v where v.agreement_id = ${agreementId} and v.in_force_from is not null
    order by v.in_force_from < ${endOf(day)} desc, case when v.in_force_from < ${endOf(day)} then v.in_force_from end desc nulls last, v.in_force_from
    limit 1)`;

/** Student places per year that agreement `agreementId` sets on `day` (see termsOn); an int or null. */
export const placesPerYearOn = (agreementId: SQL | PgColumn, day: SQL): SQL<number | null> =>
  sql<number | null>`(select case when x.terms is null then a.places_per_year else (x.terms->>'placesPerYear')::int end
    from ${agreements} a, lateral (select ${termsOn(sql`a.id`, day)} as terms) x where a.id = ${agreementId})`;
