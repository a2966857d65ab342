import { CountryCodeResolver, DateTimeResolver, LocalDateResolver, URLResolver } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";
import { datePrecision } from "../../db/enums.table.js";
import { Connection } from "../../shared/connection.type.js";
import { graphqlEnum } from "../../shared/enum.js";
import { Node } from "../../shared/node.type.js";
import { figureMetric, figureQualifier, identifierScheme, institutionKind } from "./institution.table.js";

export const InstitutionKind = graphqlEnum(institutionKind.enumValues, "InstitutionKind", "What kind of body an institution is.", { BRANCH_CAMPUS: "A branch campus of a university (with its parent).", HOSPITAL: "A hospital, often affiliated to a university.", MEDICAL_CENTRE: "A medical centre.", RESEARCH_CENTRE: "A research centre or laboratory.", TCM_CENTRE: "A Traditional Chinese Medicine centre.", UNIVERSITY: "A university." });
export const DatePrecision = graphqlEnum(
  datePrecision.enumValues,
  "DatePrecision",
  "How much of a date the source gives: a day, a month (stored as its first day) or a year (stored as 1 January).", { DAY: "The source gives the exact day.", MONTH: "The source gives the month only; the date stored is its first day.", YEAR: "The source gives the year only; the date stored is 1 January." });
export const IdentifierScheme = graphqlEnum(identifierScheme.enumValues, "IdentifierScheme", "A register of institution identifiers.", { ISNI: "International Standard Name Identifier.", NATIONAL: "An identifier of a national register.", ROR: "Research Organization Registry id.", SCHAC: "SCHAC home organisation (the institution's internet domain).", WIKIDATA: "Wikidata item (Q…)." });
export const FigureMetric = graphqlEnum(figureMetric.enumValues, "FigureMetric", "What a dated figure counts.", { CENTRAL_ASIAN_STUDENTS_PER_YEAR: "Medical students from Central Asia welcomed per year.", EXPERTS_DISPATCHED: "Medical experts sent abroad.", INTERNATIONAL_BEDS: "Hospital beds dedicated to international patients.", INTERNATIONAL_DEPARTMENTS: "Hospitals with an international medical service department.", INTERNATIONAL_PATIENTS_TREATED: "International patients treated, cumulative.", TELEMEDICINE_PARTNER_HOSPITALS: "Hospitals abroad connected by telemedicine." });
export const FigureQualifier = graphqlEnum(figureQualifier.enumValues, "FigureQualifier", "Whether a figure is exact, a lower bound (\"more than\") or approximate.", { ABOUT: "Approximately this value.", AT_LEAST: "This value or more (the source says \"more than\").", EXACT: "Exactly this value." });

@ObjectType("Country", { implements: Node, description: "A country (ISO 3166-1)." })
export class Country extends Node {
  @Field(() => CountryCodeResolver, { description: "ISO 3166-1 alpha-2 code." })
  code!: string;

  @Field(() => String, { description: "English name." })
  nameEn!: string;

  names!: Record<string, string>;

  @Field(() => Boolean, { description: "One of the five Central Asian nations." })
  centralAsia!: boolean;
}

@ObjectType("Source", { implements: Node, description: "A document facts were taken from." })
export class Source extends Node {
  @Field(() => String, { description: "Stable short name." })
  slug!: string;

  @Field(() => String, { description: "Title of the document." })
  title!: string;

  @Field(() => String, { description: "Language of the document (BCP 47)." })
  language!: string;

  @Field(() => String, { nullable: true, description: "Who published it, where known." })
  publisher!: string | null;

  @Field(() => URLResolver, { nullable: true, description: "Where it can be read, where known." })
  url!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Publication date, where known." })
  publishedOn!: string | null;

  @Field(() => String, { nullable: true, description: "How the document is held in this project." })
  note!: string | null;
}

@ObjectType("InstitutionIdentifier", { description: "An identifier of an institution in an external register." })
export class InstitutionIdentifier {
  @Field(() => IdentifierScheme, { description: "The register." })
  scheme!: string;

  @Field(() => String, { description: "The identifier in that register." })
  value!: string;
}

@ObjectType("Institution", {
  implements: Node,
  description: "A university, branch campus, hospital, research centre, TCM centre or medical centre.",
})
export class Institution extends Node {
  @Field(() => String, { description: "Stable short name, unique." })
  slug!: string;

  @Field(() => InstitutionKind, { description: "What kind of institution it is." })
  kind!: string;

  @Field(() => String, { description: "English name." })
  nameEn!: string;

  names!: Record<string, string>;

  @Field(() => CountryCodeResolver, { description: "ISO 3166-1 alpha-2 code of its country." })
  countryCode!: string;

  parentId!: number | null;

  @Field(() => String, { nullable: true, description: "City, where known." })
  city!: string | null;

  @Field(() => URLResolver, { nullable: true, description: "Web site, where known." })
  website!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Founding date (see foundedOnPrecision)." })
  foundedOn!: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "How much of foundedOn the source gives." })
  foundedOnPrecision!: string | null;

  @Field(() => Boolean, {
    description: "Runs an international medical service department (foreign-language guides, dedicated beds).",
  })
  internationalDepartment!: boolean;

  @Field(() => Boolean, {
    description: "True when the sources do not name this institution and it stands in for one they count.",
  })
  illustrative!: boolean;

  @Field(() => LocalDateResolver, { nullable: true, description: "Inactive from this day (institutions are deactivated, never deleted); null while active." })
  deactivatedOn!: string | null;

  @Field(() => DateTimeResolver, { description: "When the record was created." })
  createdAt!: Date;
}

@ObjectType("InstitutionFigure", {
  implements: Node,
  description: "A dated figure the sources give as a total, with its source: of one institution or of a region.",
})
export class InstitutionFigure extends Node {
  institutionId!: number | null;
  sourceId!: number;

  @Field(() => String, { nullable: true, description: "ISO 3166-2 region code when the figure is of a region (CN-XJ: Xinjiang)." })
  regionCode!: string | null;

  @Field(() => FigureMetric, { description: "What is counted." })
  metric!: string;

  @Field(() => Int, { description: "The figure." })
  value!: number;

  @Field(() => FigureQualifier, { description: "Exact, a lower bound or approximate." })
  qualifier!: string;

  @Field(() => LocalDateResolver, { description: "Date the figure stands at (see asOfPrecision)." })
  asOf!: string;

  @Field(() => DatePrecision, { description: "How much of asOf the source gives." })
  asOfPrecision!: string;

  @Field(() => String, { nullable: true, description: "What the source says, in short." })
  note!: string | null;
}

export const InstitutionConnection = Connection(Institution, "Institution");
export const InstitutionFigureConnection = Connection(InstitutionFigure, "InstitutionFigure");
