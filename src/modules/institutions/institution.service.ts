import { and, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { likePattern } from "../../shared/localized.type.js";
import type { Ordering } from "../../shared/pagination.js";
import { countries } from "./country.table.js";
import { institutionFigures, institutions } from "./institution.table.js";
import type { InstitutionFigureFilter, InstitutionFilter } from "./institution.input.js";
import type { FigureRow, InstitutionRow } from "./institution.table.js";

/** Institutions are listed by English name, then id. */
export const institutionOrdering: Ordering<InstitutionRow> = {
  name: "institution.name",
  columns: [institutions.nameEn, institutions.id],
  key: (r) => [r.nameEn, r.id],
};

/** Figures are listed by date, then id. */
export const figureOrdering: Ordering<FigureRow> = {
  name: "figure.asOf",
  columns: [institutionFigures.asOf, institutionFigures.id],
  key: (r) => [r.asOf, r.id],
};

/** A name search over the English name and every other language's name. */
export function nameSearch(q: string, field: string, en: PgColumn, names: PgColumn): SQL {
  const text = q.trim();
  if (text.length < 1 || text.length > 100) throw badInput(field, "must be 1 to 100 characters");
  const p = likePattern(text);
  return or(ilike(en, p), sql`${names}::text ilike ${p}`)!;
}

export function institutionWhere(t: typeof institutions, filter: InstitutionFilter | undefined | null, path = "filter"): SQL | undefined {
  if (!filter) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (filter.countryCode) conds.push(eq(t.countryCode, filter.countryCode));
  if (filter.kinds?.length) conds.push(inArray(t.kind, filter.kinds as InstitutionRow["kind"][]));
  if (filter.parentId != null) conds.push(eq(t.parentId, fromGlobalId(filter.parentId, "Institution", `${path}.parentId`)));
  if (filter.centralAsia != null)
    conds.push(sql`${t.countryCode} ${filter.centralAsia ? sql`in` : sql`not in`} (select ${countries.code} from ${countries} where ${countries.centralAsia})`);
  if (filter.internationalDepartment != null) conds.push(eq(t.internationalDepartment, filter.internationalDepartment));
  if (filter.search != null) conds.push(nameSearch(filter.search, `${path}.search`, t.nameEn, t.names));
  return and(...conds);
}

export function figureWhere(t: typeof institutionFigures, filter: InstitutionFigureFilter | undefined | null, path = "filter"): SQL | undefined {
  if (!filter) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (filter.institutionId) conds.push(eq(t.institutionId, fromGlobalId(filter.institutionId, "Institution", `${path}.institutionId`)));
  if (filter.regionCode) conds.push(eq(t.regionCode, filter.regionCode));
  if (filter.metrics?.length) conds.push(inArray(t.metric, filter.metrics as FigureRow["metric"][]));
  return and(...conds);
}
