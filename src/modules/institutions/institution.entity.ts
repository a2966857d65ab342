import { eq } from "drizzle-orm";
import { CountryCodeResolver } from "graphql-scalars";
import { ID } from "type-graphql";
import { entity, list, one, rootAll, rootConnection } from "../../engine/entity.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { localizedNamesField } from "../../shared/localized.field.js";
import { countries } from "./country.table.js";
import { InstitutionFigureFilter, InstitutionFilter } from "./institution.input.js";
import { figureOrdering, figureWhere, institutionOrdering, institutionWhere } from "./institution.service.js";
import { institutionFigures, institutionIdentifiers, institutions } from "./institution.table.js";
import { Country, Institution, InstitutionConnection, InstitutionFigure, InstitutionFigureConnection, InstitutionIdentifier, Source } from "./institution.type.js";
import { sources } from "./source.table.js";

// Institutions, countries, sources and dated figures: reference data, readable by anyone (no scope).

const names = (what: string) =>
  localizedNamesField("nameEn", `Names in every language held, English first.${what}`);

entity({
  name: "Institution",
  type: () => Institution,
  table: institutions,
  key: "id",
  node: true,
  fields: {
    names: names(""),
    country: one("Country", "countryCode", { type: () => Country, description: "Its country." }),
    parent: one("Institution", "parentId", {
      type: () => Institution,
      nullable: true,
      description: "The university of a branch campus or an affiliated hospital; the host of a centre.",
    }),
    children: list<typeof institutions>("Institution", {
      via: "parentId",
      orderBy: (t) => [t.nameEn, t.id],
      meta: { type: () => [Institution], description: "Its branches, affiliated hospitals and centres." },
    }),
    identifiers: list<typeof institutionIdentifiers>("InstitutionIdentifier", {
      via: "institutionId",
      orderBy: (t) => [t.scheme, t.id],
      meta: { type: () => [InstitutionIdentifier], description: "Identifiers in external registers." },
    }),
    figures: list<typeof institutionFigures>("InstitutionFigure", {
      via: "institutionId",
      orderBy: (t) => [t.asOf, t.id],
      meta: { type: () => [InstitutionFigure], description: "Dated figures of this institution, oldest first." },
    }),
  },
  roots: {
    institutions: rootConnection<typeof institutions>(
      institutionOrdering,
      {
        type: () => InstitutionConnection,
        description: "Institutions, by English name then id.",
        argsType: () => PageArgsType,
        args: { filter: { type: () => InstitutionFilter, nullable: true, description: "Which institutions: every condition given must hold; none given, every institution." } },
      },
      (t, args, path) => institutionWhere(t, args.filter as InstitutionFilter | null, path ? `${path}.filter` : "filter"),
    ),
    institution: { kind: "byId", arg: "id", meta: { type: () => Institution, nullable: true, description: "One institution by id; null when there is none.", args: { id: { type: () => ID, description: "Global id." } } } },
  },
});

entity({ name: "InstitutionIdentifier", type: () => InstitutionIdentifier, table: institutionIdentifiers, key: "id", node: false });

entity({
  name: "Country",
  type: () => Country,
  table: countries,
  key: "code",
  node: true,
  fields: { names: names("") },
  roots: {
    countries: rootAll<typeof countries>(
      (t) => [t.code],
      {
        type: () => [Country],
        description: "Countries, by code. A short list: no paging.",
        args: { centralAsia: { type: () => Boolean, nullable: true, description: "Only (or all but) the Central Asian nations." } },
      },
      (t, args) => (args.centralAsia == null ? undefined : eq(t.centralAsia, args.centralAsia as boolean)),
    ),
    country: {
      kind: "byId",
      arg: "code",
      global: false,
      meta: { type: () => Country, nullable: true, description: "One country by ISO code.", args: { code: { type: () => CountryCodeResolver, description: "ISO 3166-1 alpha-2 code." } } },
    },
  },
});

entity({
  name: "Source",
  type: () => Source,
  table: sources,
  key: "id",
  node: true,
  roots: { sources: rootAll<typeof sources>((t) => [t.id], { type: () => [Source], description: "The documents facts were taken from. A short list: no paging." }) },
});

entity({
  name: "InstitutionFigure",
  type: () => InstitutionFigure,
  table: institutionFigures,
  key: "id",
  node: true,
  fields: {
    institution: one("Institution", "institutionId", { type: () => Institution, nullable: true, description: "The institution, when the figure is not of a region." }),
    source: one("Source", "sourceId", { type: () => Source, description: "Where the figure comes from." }),
  },
  roots: {
    institutionFigures: rootConnection<typeof institutionFigures>(
      figureOrdering,
      {
        type: () => InstitutionFigureConnection,
        description: "Dated figures, by date then id.",
        argsType: () => PageArgsType,
        args: { filter: { type: () => InstitutionFigureFilter, nullable: true, description: "Which figures: every condition given must hold; none given, every figure." } },
      },
      (t, args) => figureWhere(t, args.filter as InstitutionFigureFilter | null),
    ),
  },
});

