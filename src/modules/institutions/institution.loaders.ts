import type { Context } from "../../context.js";
import { countries } from "./country.table.js";
import { institutionFigures, institutionIdentifiers, institutions } from "./institution.table.js";
import { sources } from "./source.table.js";

export type InstitutionRow = typeof institutions.$inferSelect;
export type CountryRow = typeof countries.$inferSelect;
export type SourceRow = typeof sources.$inferSelect;
export type FigureRow = typeof institutionFigures.$inferSelect;
export type IdentifierRow = typeof institutionIdentifiers.$inferSelect;

export const institutionById = (ctx: Context) =>
  ctx.loaders.byKey<InstitutionRow>("institution", institutions, institutions.id, (r) => r.id);

export const countryByCode = (ctx: Context) =>
  ctx.loaders.byKey<CountryRow, string>("country", countries, countries.code, (r) => r.code);

export const sourceById = (ctx: Context) => ctx.loaders.byKey<SourceRow>("source", sources, sources.id, (r) => r.id);

export const figureById = (ctx: Context) =>
  ctx.loaders.byKey<FigureRow>("figure", institutionFigures, institutionFigures.id, (r) => r.id);

export const childInstitutions = (ctx: Context) =>
  ctx.loaders.listBy<InstitutionRow>("institutionChildren", institutions, institutions.parentId, (r) => r.parentId!, [
    institutions.nameEn,
    institutions.id,
  ]);

export const identifiersOf = (ctx: Context) =>
  ctx.loaders.listBy<IdentifierRow>(
    "institutionIdentifiers",
    institutionIdentifiers,
    institutionIdentifiers.institutionId,
    (r) => r.institutionId,
    [institutionIdentifiers.scheme],
  );

export const figuresOf = (ctx: Context) =>
  ctx.loaders.listBy<FigureRow>(
    "institutionFigures",
    institutionFigures,
    institutionFigures.institutionId,
    (r) => r.institutionId!,
    [institutionFigures.asOf, institutionFigures.id],
  );
