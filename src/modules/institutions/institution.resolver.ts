import { CountryCodeResolver } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { LocalizedName, localizedNames } from "../../shared/localized.type.js";
import { NodeResolver, registerNode } from "../../shared/node.type.js";
import { InstitutionFigureFilter, InstitutionFilter } from "./institution.input.js";
import {
  childInstitutions,
  countryByCode,
  figureById,
  figuresOf,
  identifiersOf,
  institutionById,
  sourceById,
  type CountryRow,
  type FigureRow,
  type InstitutionRow,
} from "./institution.loaders.js";
import { listCountries, listFigures, listInstitutions, listSources } from "./institution.service.js";
import {
  Country,
  Institution,
  InstitutionConnection,
  InstitutionFigure,
  InstitutionFigureConnection,
  InstitutionIdentifier,
  Source,
} from "./institution.type.js";

registerNode("Institution", (ctx, id) => institutionById(ctx).load(id as number));
registerNode("Country", (ctx, code) => countryByCode(ctx).load(code as string));
registerNode("Source", (ctx, id) => sourceById(ctx).load(id as number));
registerNode("InstitutionFigure", (ctx, id) => figureById(ctx).load(id as number));

@Resolver(() => Institution)
export class InstitutionResolver extends NodeResolver(Institution, "Institution") {
  @Query(() => InstitutionConnection, { description: "Institutions, by English name then id." })
  institutions(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => InstitutionFilter, { nullable: true }) filter: InstitutionFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listInstitutions(ctx, page, filter);
  }

  @Query(() => Institution, { nullable: true, description: "One institution by id; null when there is none." })
  institution(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: Context) {
    return institutionById(ctx).load(fromGlobalId(id, "Institution", "id"));
  }

  @FieldResolver(() => [LocalizedName], { description: "Names in every language held, English first." })
  names(@Root() row: InstitutionRow): LocalizedName[] {
    return localizedNames(row.nameEn, row.names);
  }

  @FieldResolver(() => Country, { description: "Its country." })
  country(@Root() row: InstitutionRow, @Ctx() ctx: Context) {
    return countryByCode(ctx).load(row.countryCode);
  }

  @FieldResolver(() => Institution, {
    nullable: true,
    description: "The university of a branch campus or an affiliated hospital; the host of a centre.",
  })
  parent(@Root() row: InstitutionRow, @Ctx() ctx: Context) {
    return row.parentId == null ? null : institutionById(ctx).load(row.parentId);
  }

  @FieldResolver(() => [Institution], { description: "Its branches, affiliated hospitals and centres." })
  children(@Root() row: InstitutionRow, @Ctx() ctx: Context) {
    return childInstitutions(ctx).load(row.id);
  }

  @FieldResolver(() => [InstitutionIdentifier], { description: "Identifiers in external registers." })
  identifiers(@Root() row: InstitutionRow, @Ctx() ctx: Context) {
    return identifiersOf(ctx).load(row.id);
  }

  @FieldResolver(() => [InstitutionFigure], { description: "Dated figures of this institution, oldest first." })
  figures(@Root() row: InstitutionRow, @Ctx() ctx: Context) {
    return figuresOf(ctx).load(row.id);
  }
}

@Resolver(() => Country)
export class CountryResolver extends NodeResolver(Country, "Country", (r: CountryRow) => r.code) {
  @Query(() => [Country], { description: "Countries, by code. A short list: no paging." })
  countries(
    @Arg("centralAsia", () => Boolean, { nullable: true, description: "Only (or all but) the Central Asian nations." })
    centralAsia: boolean | null,
    @Ctx() ctx: Context,
  ) {
    return listCountries(ctx, centralAsia);
  }

  @Query(() => Country, { nullable: true, description: "One country by ISO code." })
  country(@Arg("code", () => CountryCodeResolver, { description: "ISO 3166-1 alpha-2 code." }) code: string, @Ctx() ctx: Context) {
    return countryByCode(ctx).load(code);
  }

  @FieldResolver(() => [LocalizedName], { description: "Names in every language held, English first." })
  names(@Root() row: CountryRow): LocalizedName[] {
    return localizedNames(row.nameEn, row.names);
  }
}

@Resolver(() => Source)
export class SourceResolver extends NodeResolver(Source, "Source") {
  @Query(() => [Source], { description: "The documents facts were taken from. A short list: no paging." })
  sources(@Ctx() ctx: Context) {
    return listSources(ctx);
  }
}

@Resolver(() => InstitutionFigure)
export class InstitutionFigureResolver extends NodeResolver(InstitutionFigure, "InstitutionFigure") {
  @Query(() => InstitutionFigureConnection, { description: "Dated figures, by date then id." })
  institutionFigures(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => InstitutionFigureFilter, { nullable: true }) filter: InstitutionFigureFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listFigures(ctx, page, filter);
  }

  @FieldResolver(() => Institution, { nullable: true, description: "The institution, when the figure is not of a region." })
  institution(@Root() row: FigureRow, @Ctx() ctx: Context) {
    return row.institutionId == null ? null : institutionById(ctx).load(row.institutionId);
  }

  @FieldResolver(() => Source, { description: "Where the figure comes from." })
  source(@Root() row: FigureRow, @Ctx() ctx: Context) {
    return sourceById(ctx).load(row.sourceId);
  }
}

export const institutionResolvers = [InstitutionResolver, CountryResolver, SourceResolver, InstitutionFigureResolver] as const;
