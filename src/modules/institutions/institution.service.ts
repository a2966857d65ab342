import { and, asc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Context } from "../../context.js";
import { badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { likePattern } from "../../shared/localized.type.js";
import { paginate, type Ordering, type PageArgs } from "../../shared/pagination.js";
import { countries } from "./country.table.js";
import { institutionFigures, institutions } from "./institution.table.js";
import type { InstitutionFigureFilter, InstitutionFilter } from "./institution.input.js";
import type { CountryRow, FigureRow, InstitutionRow } from "./institution.loaders.js";
import { sources } from "./source.table.js";

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

export function institutionWhere(filter: InstitutionFilter | undefined | null, path = "filter"): SQL | undefined {
  if (!filter) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (filter.countryCode) conds.push(eq(institutions.countryCode, filter.countryCode));
  if (filter.kinds?.length) conds.push(inArray(institutions.kind, filter.kinds as InstitutionRow["kind"][]));
  if (filter.parentId != null)
    conds.push(eq(institutions.parentId, fromGlobalId(filter.parentId, "Institution", `${path}.parentId`)));
  if (filter.centralAsia != null)
    conds.push(
      sql`${institutions.countryCode} ${filter.centralAsia ? sql`in` : sql`not in`} (select ${countries.code} from ${countries} where ${countries.centralAsia})`,
    );
  if (filter.internationalDepartment != null)
    conds.push(eq(institutions.internationalDepartment, filter.internationalDepartment));
  if (filter.search != null) conds.push(nameSearch(filter.search, `${path}.search`, institutions.nameEn, institutions.names));
  return and(...conds);
}

export function listInstitutions(ctx: Context, args: PageArgs, filter?: InstitutionFilter | null) {
  return paginate(ctx.db, { table: institutions, ordering: institutionOrdering, where: institutionWhere(filter), args });
}

export function listFigures(ctx: Context, args: PageArgs, filter?: InstitutionFigureFilter | null) {
  const conds: (SQL | undefined)[] = [];
  if (filter?.institutionId)
    conds.push(eq(institutionFigures.institutionId, fromGlobalId(filter.institutionId, "Institution", "filter.institutionId")));
  if (filter?.regionCode) conds.push(eq(institutionFigures.regionCode, filter.regionCode));
  if (filter?.metrics?.length) conds.push(inArray(institutionFigures.metric, filter.metrics as FigureRow["metric"][]));
  return paginate(ctx.db, { table: institutionFigures, ordering: figureOrdering, where: and(...conds), args });
}

/** Countries are few (a dozen): a plain ordered list. */
export function listCountries(ctx: Context, centralAsia?: boolean | null): Promise<CountryRow[]> {
  return ctx.db
    .select()
    .from(countries)
    .where(centralAsia == null ? undefined : eq(countries.centralAsia, centralAsia))
    .orderBy(asc(countries.code));
}

export function listSources(ctx: Context) {
  return ctx.db.select().from(sources).orderBy(asc(sources.id));
}
