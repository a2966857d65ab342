import { and, gte, ilike, inArray, lte, sql, type SQL } from "drizzle-orm";
import { checkRange } from "../../shared/args.js";
import { badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { likePattern } from "../../shared/localized.type.js";
import type { Ordering } from "../../shared/pagination.js";
import { institutions } from "../institutions/institution.table.js";
import type { AgreementFilter } from "./agreement.input.js";
import type { AgreementRow } from "./agreement.loaders.js";
import { agreementFocusAreas, agreementParties, agreements } from "./agreement.table.js";

/** Agreements are listed by id: the order they were recorded in. */
export const agreementOrdering: Ordering<AgreementRow> = {
  name: "agreement.id",
  columns: [agreements.id],
  key: (r) => [r.id],
};

export function agreementWhere(t: typeof agreements, f: AgreementFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.statuses?.length) conds.push(inArray(t.status, f.statuses as AgreementRow["status"][]));
  if (f.focusAreas?.length)
    conds.push(
      inArray(
        t.id,
        sql`(select ${agreementFocusAreas.agreementId} from ${agreementFocusAreas} where ${inArray(agreementFocusAreas.area, f.focusAreas as never[])})`,
      ),
    );
  if (f.institutionId != null) {
    const id = fromGlobalId(f.institutionId, "Institution", `${path}.institutionId`);
    conds.push(inArray(t.id, sql`(select ${agreementParties.agreementId} from ${agreementParties} where ${agreementParties.institutionId} = ${id})`));
  }
  if (f.countryCode != null)
    conds.push(
      inArray(
        t.id,
        sql`(select ${agreementParties.agreementId} from ${agreementParties} join ${institutions} on ${institutions.id} = ${agreementParties.institutionId} where ${institutions.countryCode} = ${f.countryCode})`,
      ),
    );
  checkRange(f.signedFrom, f.signedTo, `${path}.signedTo`);
  if (f.signedFrom != null) conds.push(gte(t.signedOn, f.signedFrom));
  if (f.signedTo != null) conds.push(lte(t.signedOn, f.signedTo));
  if (f.validUntilBefore != null) conds.push(lte(t.validUntil, f.validUntilBefore));
  if (f.search != null) {
    const q = f.search.trim();
    if (q.length < 1 || q.length > 100) throw badInput(`${path}.search`, "must be 1 to 100 characters");
    conds.push(ilike(t.title, likePattern(q)));
  }
  return and(...conds);
}
