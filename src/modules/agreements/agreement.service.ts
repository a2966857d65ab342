import { and, eq, gte, ilike, inArray, lte, sql, type SQL } from "drizzle-orm";
import { checkDate, checkRange } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { likePattern } from "../../shared/localized.type.js";
import type { Ordering } from "../../shared/pagination.js";
import { institutions } from "../institutions/institution.table.js";
import type { AgreementFilter } from "./agreement.input.js";
import type { AgreementRow } from "./agreement.loaders.js";
import { TODAY } from "../../shared/today.js";
import type { Tx } from "../../shared/mutation.js";
import { agreementTermsOn, focusAreasOnTable, inForceCondition, partiesOnTable, partyIdsOn, validUntilOn } from "./agreement-version.sql.js";
import { agreements } from "./agreement.table.js";

/** Agreements are listed by id: the order they were recorded in. */
export const agreementOrdering: Ordering<AgreementRow> = {
  name: "agreement.id",
  columns: [agreements.id],
  key: (r) => [r.id],
};

/**
 * The day whose terms a read of agreements follows: the filter's inForceOn, else the report's day (`asOf`,
 * already checked), else today. A report reads the terms of one day, so inForceOn and asOf, both given, agree.
 */
export function termsDay(f: AgreementFilter | null | undefined, path = "filter", asOf?: string | null): SQL {
  const on = f?.inForceOn != null ? checkDate(f.inForceOn, `${path}.inForceOn`) : null;
  if (on != null && asOf != null && on !== asOf) throw badInput(`${path}.inForceOn`, `the report reads the terms in force on ${asOf} (asOf, today when not given): give that day or leave inForceOn out`);
  const day = on ?? asOf;
  return day != null ? sql`${day}::date` : TODAY;
}

/** The filter's conditions; those on terms read the terms in force on `day` (agreement-version.sql.ts). */
export function agreementWhere(t: typeof agreements, f: AgreementFilter | null | undefined, path = "filter", day = termsDay(f, path)): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.statuses?.length) conds.push(inArray(t.status, f.statuses as AgreementRow["status"][]));
  if (f.inForceOn != null) conds.push(inForceCondition(t.id, day));
  if (f.focusAreas?.length) {
    const areas = focusAreasOnTable(day);
    conds.push(inArray(t.id, sql`(select ${areas.agreementId} from ${areas} where ${inArray(areas.area, f.focusAreas)})`));
  }
  if (f.institutionId != null) {
    const id = fromGlobalId(f.institutionId, "Institution", `${path}.institutionId`);
    const parties = partiesOnTable(day);
    conds.push(inArray(t.id, sql`(select ${parties.agreementId} from ${parties} where ${parties.institutionId} = ${id})`));
  }
  if (f.countryCode != null) {
    const parties = partiesOnTable(day);
    conds.push(
      inArray(t.id, sql`(select ${parties.agreementId} from ${parties} join ${institutions} on ${eq(institutions.id, parties.institutionId)} where ${institutions.countryCode} = ${f.countryCode})`),
    );
  }
  checkRange(f.signedFrom, f.signedTo, `${path}.signedTo`);
  if (f.signedFrom != null) conds.push(gte(t.signedOn, f.signedFrom));
  if (f.signedTo != null) conds.push(lte(t.signedOn, f.signedTo));
  if (f.validUntilBefore != null) conds.push(lte(validUntilOn(t.id, day), f.validUntilBefore));
  if (f.search != null) {
    const q = f.search.trim();
    if (q.length < 1 || q.length > 100) throw badInput(`${path}.search`, "must be 1 to 100 characters");
    conds.push(ilike(t.title, likePattern(q)));
  }
  return and(...conds);
}

/** The date of the thing founded on an agreement: the field that holds it, and the days it covers (a program's year). */
export interface FoundedOn {
  field: string;
  first: string;
  last?: string;
}

/**
 * The institutions that are parties to agreement `id` under the terms in force on `day` (YYYY-MM-DD, checked):
 * the party checks of programs, cohorts, labs and telemedicine links, the one place the founding rules live.
 * Nothing is founded on an agreement not every party has approved (NOT_APPROVED, a DRAFT), ended for good
 * (TERMINATED), expired (EXPIRED), nor on a date its validity under those terms does not cover (OUTSIDE_VALIDITY,
 * naming `on.field`; `on` defaults to `day` itself under `field`). Null when there is no such agreement.
 */
export async function partiesOnDay(tx: Tx, id: number, day: string, field = "input.agreementId", on: FoundedOn = { field, first: day }): Promise<Set<number> | null> {
  const terms = agreementTermsOn(agreements.id, sql`${day}::date`);
  const [row] = await tx
    .select({
      ids: partyIdsOn(agreements.id, sql`${day}::date`),
      approved: sql<boolean>`${agreements.currentVersionId} is not null`,
      status: agreements.status,
      validity: sql<{ validFrom: string | null; validUntil: string | null }>`jsonb_build_object('validFrom', ${terms}->'validFrom', 'validUntil', ${terms}->'validUntil')`,
    })
    .from(agreements)
    .where(eq(agreements.id, id));
  if (!row) return null;
  // Nothing is built on terms not every party has approved (a DRAFT has none, whatever its versions say).
  if (!row.approved || row.status === "DRAFT") throw new AppError(ErrorCode.CONFLICT, "This agreement has no version every party has approved yet: nothing can be founded on it", { field, reason: "NOT_APPROVED" });
  if (row.status === "TERMINATED") throw new AppError(ErrorCode.CONFLICT, "This agreement was terminated: nothing new can be founded on it", { field, reason: "TERMINATED" });
  if (row.status === "EXPIRED") throw new AppError(ErrorCode.CONFLICT, "This agreement has expired: nothing new can be founded on it", { field, reason: "EXPIRED" });
  const { validFrom, validUntil } = typeof row.validity === "string" ? (JSON.parse(row.validity) as typeof row.validity) : row.validity;
  const last = on.last ?? on.first;
  if ((validUntil != null && on.first > validUntil) || (validFrom != null && last < validFrom))
    throw new AppError(ErrorCode.CONFLICT, `The agreement's terms are valid ${validFrom ? `from ${validFrom} ` : ""}${validUntil ? `until ${validUntil}` : "with no end"}: this date is outside them`, {
      field: on.field,
      reason: "OUTSIDE_VALIDITY",
      validFrom,
      validUntil,
    });
  return new Set((row.ids ?? []).map(Number));
}
