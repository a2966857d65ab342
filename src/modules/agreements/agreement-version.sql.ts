import { sql, type SQL } from "drizzle-orm";
import { alias, QueryBuilder, type PgColumn } from "drizzle-orm/pg-core";
import { agreementFocusAreas, agreementParties, agreementVersions, agreements } from "./agreement.table.js";

// When a version is in force, and the terms that govern an agreement on a day. Versions come into force one
// after another, each superseding the one before, so the version in force at an instant is the one that came
// into force last before it. "On a day" is at the end of that day (UTC): a version approved during the day is
// the one in force on it. Every read of an agreement's terms for a day (lists, reports, party checks) goes
// through `agreementTermsOn`; the agreement's own columns, parties and focus areas are the terms in force now.
// Aliases inside these fragments are prefixed `terms_` so that a caller's `agreements.id` still binds outside.

type Ref = SQL | PgColumn;

/** The end of a day (a date, UTC) as a timestamp. */
const endOf = (day: SQL) => sql`((${day})::date + 1)::timestamp at time zone 'UTC'`;

/** A condition on a version row (`v`, under any alias): it was in force on `day`. */
export const inForceOn = (v: { inForceFrom: PgColumn; supersededAt: PgColumn }, day: SQL): SQL =>
  sql`(${v.inForceFrom} < ${endOf(day)} and (${v.supersededAt} is null or ${v.supersededAt} >= ${endOf(day)}))`;

const inForce = alias(agreementVersions, "terms_f");

/** Agreement `agreementId` had a version in force on `day` (every party had approved it by the end of the day). */
export const hasVersionInForceOn = (agreementId: Ref, day: SQL): SQL =>
  sql`exists (select 1 from ${agreementVersions} ${sql.identifier("terms_f")} where ${inForce.agreementId} = ${agreementId} and ${inForceOn(inForce, day)})`;

/**
 * A column (`content`, `id`) of the version that governs agreement `agreementId` on `day`: the version in force on
 * that day; for a day before its first version came into force, that first version (no version is in force on such
 * a day, but its terms are the ones a thing of that day is held to); null when no version of it has come into force.
 */
const governing = (column: "content" | "id", agreementId: Ref, day: SQL): SQL =>
  sql`(select terms_v.${sql.raw(column)} from ${agreementVersions} terms_v where terms_v.agreement_id = ${agreementId} and terms_v.in_force_from is not null
    order by terms_v.in_force_from < ${endOf(day)} desc, case when terms_v.in_force_from < ${endOf(day)} then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1)`;

/** The content of the version that governs agreement `agreementId` on `day` (see `governing`). */
export const termsOn = (agreementId: Ref, day: SQL): SQL => governing("content", agreementId, day);

/**
 * A condition on a version row (`v`, under any alias): it is the version whose terms govern its agreement on `day`,
 * the one `agreementTermsOn` reads (Agreement.termsOn(date:)): termsOn's version; while no version has come into
 * force, version 1, whose terms are the agreement's own (proposed).
 */
export const governsOn = (v: { id: PgColumn; agreementId: PgColumn }, day: SQL): SQL =>
  sql`${v.id} = coalesce(${governing("id", v.agreementId, day)}, (select terms_one.id from ${agreementVersions} terms_one where terms_one.agreement_id = ${v.agreementId} and terms_one.number = 1))`;

/**
 * The agreement's own terms (its columns, parties and focus areas: the version in force now, or version 1's
 * while none is; agreement.table.ts) in a version's content shape (agreement-version.content.ts).
 */
export const ownTerms = (agreementId: Ref): SQL =>
  sql`(select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from ${agreementParties} terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from ${agreementFocusAreas} terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from ${agreements} terms_a where terms_a.id = ${agreementId})`;

/**
 * The terms (jsonb, a version's content shape) that govern agreement `agreementId` on `day`, for programs,
 * quotas, party checks and reports: termsOn's version, or where no version has come into force, the
 * agreement's own (version 1's terms, proposed).
 */
export const agreementTermsOn = (agreementId: Ref, day: SQL): SQL => sql`coalesce(${termsOn(agreementId, day)}, ${ownTerms(agreementId)})`;

/** Student places per year that agreement `agreementId` sets on `day`; an int or null. */
export const placesPerYearOn = (agreementId: Ref, day: SQL): SQL<number | null> => sql<number | null>`(${agreementTermsOn(agreementId, day)}->>'placesPerYear')::int`;

/** The last day of validity under the terms of `day`; null when open-ended. */
export const validUntilOn = (agreementId: Ref, day: SQL): SQL<string | null> => sql<string | null>`(${agreementTermsOn(agreementId, day)}->>'validUntil')::date`;

/** The institutions that are parties under the terms of `day`, by id (int[]). */
export const partyIdsOn = (agreementId: Ref, day: SQL): SQL<number[]> =>
  sql<number[]>`array(select (terms_e->>'institutionId')::int from jsonb_array_elements(${agreementTermsOn(agreementId, day)}->'parties') terms_e order by 1)`;

/** Institution `institutionId` is a party to agreement `agreementId` under the terms of `day`. */
export const isPartyOn = (agreementId: Ref, institutionId: SQL | number, day: SQL): SQL<boolean> =>
  sql<boolean>`(${agreementTermsOn(agreementId, day)}->'parties' @> jsonb_build_array(jsonb_build_object('institutionId', (${institutionId})::int)))`;

/**
 * In force on `day`: a version was in force on that day and its validity covers the day. (Status is the
 * agreement's now, not of that day.)
 */
export const inForceCondition = (agreementId: Ref, day: SQL): SQL => {
  const terms = agreementTermsOn(agreementId, day);
  // A terminated agreement is in force on no day from today on (the day it was terminated is not recorded).
  const ended = sql`((select ended_a.status from ${agreements} ended_a where ended_a.id = ${agreementId}) = 'TERMINATED' and (${day})::date >= current_date)`;
  return sql`(not ${ended} and ${hasVersionInForceOn(agreementId, day)} and coalesce((${terms}->>'validFrom')::date <= (${day})::date, true) and coalesce((${terms}->>'validUntil')::date >= (${day})::date, true))`;
};

const qb = new QueryBuilder();

/**
 * Every agreement's parties under the terms of `day`, as rows, for joins and `in (select …)` (agreement_parties
 * for a day). Column names carry the alias (`<as>_agreement_id`…): drizzle writes a subquery's columns
 * unqualified, and two such tables may be joined.
 */
export function partiesOnTable(day: SQL, as = "parties_on") {
  return qb
    .select({
      agreementId: sql<number>`terms_l.id`.as(`${as}_agreement_id`),
      institutionId: sql<number>`(terms_e->>'institutionId')::int`.as(`${as}_institution_id`),
      role: sql<string>`(terms_e->>'role')::party_role`.as(`${as}_role`),
    })
    .from(sql`${agreements} terms_l cross join lateral jsonb_array_elements(${agreementTermsOn(sql`terms_l.id`, day)}->'parties') terms_e`)
    .as(as);
}

/** Every agreement's focus areas under the terms of `day`, as rows (agreement_focus_areas for a day); see partiesOnTable. */
export function focusAreasOnTable(day: SQL, as = "focus_areas_on") {
  return qb
    .select({
      agreementId: sql<number>`terms_l.id`.as(`${as}_agreement_id`),
      // As the enum, so that groups come in its order, as agreement_focus_areas's do.
      area: sql<string>`terms_e.area::focus_area`.as(`${as}_area`),
    })
    .from(sql`${agreements} terms_l cross join lateral jsonb_array_elements_text(${agreementTermsOn(sql`terms_l.id`, day)}->'focusAreas') terms_e(area)`)
    .as(as);
}
