import { CountryCodeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType } from "type-graphql";
import { EventKind } from "./event.type.js";

@InputType("CooperationEventFilter", { description: "Filters on cooperation events; all given ones must hold." })
export class CooperationEventFilter {
  @Field(() => [EventKind], { nullable: true, description: "Of one of these kinds." })
  kinds?: string[] | null;

  @Field(() => CountryCodeResolver, {
    nullable: true,
    description: "Involving this country: listed among its countries, or with one of its institutions in this country.",
  })
  countryCode?: string | null;

  @Field(() => ID, { nullable: true, description: "Involving this institution." })
  institutionId?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "On or after this date." })
  from?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "On or before this date." })
  to?: string | null;
}
