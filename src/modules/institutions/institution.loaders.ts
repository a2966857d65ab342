import type { Context } from "../../context.js";
import { countries, type CountryRow } from "./country.table.js";
import { institutions, type InstitutionRow } from "./institution.table.js";
import { sources, type SourceRow } from "./source.table.js";

export type { CountryRow } from "./country.table.js";
export type { FigureRow, IdentifierRow, InstitutionRow } from "./institution.table.js";
export type { SourceRow } from "./source.table.js";

// Rows for other modules' resolvers; the engine reads these types itself (institution.entity.ts).
export const institutionById = (ctx: Context) =>
  ctx.loaders.byKey<InstitutionRow>("institution", institutions, institutions.id, (r) => r.id);

export const countryByCode = (ctx: Context) =>
  ctx.loaders.byKey<CountryRow, string>("country", countries, countries.code, (r) => r.code);

export const sourceById = (ctx: Context) => ctx.loaders.byKey<SourceRow>("source", sources, sources.id, (r) => r.id);
