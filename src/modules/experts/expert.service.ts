import { and, eq, gte, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { checkRange, checkYear } from "../../shared/args.js";
import { badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { likePattern } from "../../shared/localized.type.js";
import type { Ordering } from "../../shared/pagination.js";
import type { DispatchFilter, ExpertFilter } from "./expert.input.js";
import { dispatches, dispatchMembers, dispatchPurposes, experts, type DispatchRow, type ExpertRow } from "./expert.table.js";

/** Experts are listed by family name, given names, then id. */
export const expertOrdering: Ordering<ExpertRow> = {
  name: "expert.name",
  columns: [experts.familyName, experts.givenNames, experts.id],
  key: (r) => [r.familyName, r.givenNames, r.id],
};

/** Dispatches are listed by start date, then id. */
export const dispatchOrdering: Ordering<DispatchRow> = {
  name: "dispatch.start",
  columns: [dispatches.startDate, dispatches.id],
  key: (r) => [r.startDate, r.id],
};

/** Dispatches that did (or will) take place: every status but CANCELLED. */
const notCancelled = ne(dispatches.status, "CANCELLED");

export function expertWhere(t: typeof experts, f: ExpertFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.homeInstitutionId != null)
    conds.push(eq(t.homeInstitutionId, fromGlobalId(f.homeInstitutionId, "Institution", `${path}.homeInstitutionId`)));
  if (f.specialty != null) {
    const s = f.specialty.trim();
    if (s.length < 1 || s.length > 100) throw badInput(`${path}.specialty`, "must be 1 to 100 characters");
    conds.push(eq(t.specialty, s));
  }
  if (f.search != null) {
    const q = f.search.trim();
    if (q.length < 1 || q.length > 100) throw badInput(`${path}.search`, "must be 1 to 100 characters");
    const p = likePattern(q);
    conds.push(
      or(
        sql`(${t.familyName} || ' ' || ${t.givenNames}) ilike ${p}`,
        sql`(${t.givenNames} || ' ' || ${t.familyName}) ilike ${p}`,
      ),
    );
  }
  const from = checkYear(f.dispatchYearFrom, `${path}.dispatchYearFrom`);
  const to = checkYear(f.dispatchYearTo, `${path}.dispatchYearTo`);
  checkRange(from, to, `${path}.dispatchYearTo`);
  if (f.dispatchedToCountry != null || from != null || to != null) {
    // One dispatch must meet the country and the years together.
    const on = and(
      notCancelled,
      f.dispatchedToCountry != null ? eq(dispatches.countryCode, f.dispatchedToCountry) : undefined,
      from != null ? gte(dispatches.startDate, `${from}-01-01`) : undefined,
      to != null ? lte(dispatches.startDate, `${to}-12-31`) : undefined,
    );
    conds.push(
      inArray(
        t.id,
        sql`(select ${dispatchMembers.expertId} from ${dispatchMembers} join ${dispatches} on ${dispatches.id} = ${dispatchMembers.dispatchId} where ${on})`,
      ),
    );
  }
  return and(...conds);
}

export function dispatchWhere(t: typeof dispatches, f: DispatchFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.countryCode != null) conds.push(eq(t.countryCode, f.countryCode));
  if (f.hostInstitutionId != null)
    conds.push(eq(t.hostInstitutionId, fromGlobalId(f.hostInstitutionId, "Institution", `${path}.hostInstitutionId`)));
  if (f.sendingInstitutionId != null)
    conds.push(eq(t.sendingInstitutionId, fromGlobalId(f.sendingInstitutionId, "Institution", `${path}.sendingInstitutionId`)));
  if (f.expertId != null) {
    const id = fromGlobalId(f.expertId, "Expert", `${path}.expertId`);
    conds.push(inArray(t.id, sql`(select ${dispatchMembers.dispatchId} from ${dispatchMembers} where ${dispatchMembers.expertId} = ${id})`));
  }
  if (f.purposes?.length)
    conds.push(
      inArray(
        t.id,
        sql`(select ${dispatchPurposes.dispatchId} from ${dispatchPurposes} where ${inArray(dispatchPurposes.purpose, f.purposes as never[])})`,
      ),
    );
  if (f.statuses?.length) conds.push(inArray(t.status, f.statuses as DispatchRow["status"][]));
  checkRange(f.startFrom, f.startTo, `${path}.startTo`);
  if (f.startFrom != null) conds.push(gte(t.startDate, f.startFrom));
  if (f.startTo != null) conds.push(lte(t.startDate, f.startTo));
  const year = checkYear(f.year, `${path}.year`);
  if (year != null) conds.push(gte(t.startDate, `${year}-01-01`), lte(t.startDate, `${year}-12-31`));
  return and(...conds);
}

