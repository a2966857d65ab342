import { CountryCodeResolver } from "graphql-scalars";
import { Field, ID, InputType } from "type-graphql";
import { FigureMetric, InstitutionKind } from "./institution.type.js";

@InputType("InstitutionFilter", { description: "Filters on institutions; all given ones must hold." })
export class InstitutionFilter {
  @Field(() => CountryCodeResolver, { nullable: true, description: "In this country." })
  countryCode?: string | null;

  @Field(() => [InstitutionKind], { nullable: true, description: "Of one of these kinds." })
  kinds?: string[] | null;

  @Field(() => ID, { nullable: true, description: "Branches, hospitals or centres of this institution." })
  parentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "In (true) or outside (false) Central Asia." })
  centralAsia?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Runs (or not) an international medical service department." })
  internationalDepartment?: boolean | null;

  @Field(() => String, { nullable: true, description: "Part of a name in any language (case-insensitive), 1–100 characters." })
  search?: string | null;
}

@InputType("InstitutionFigureFilter", { description: "Filters on institution figures." })
export class InstitutionFigureFilter {
  @Field(() => ID, { nullable: true, description: "Figures of this institution." })
  institutionId?: string | null;

  @Field(() => String, { nullable: true, description: "Figures of this region (ISO 3166-2, e.g. CN-XJ)." })
  regionCode?: string | null;

  @Field(() => [FigureMetric], { nullable: true, description: "Of these metrics." })
  metrics?: string[] | null;
}
