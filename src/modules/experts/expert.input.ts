import { CountryCodeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, Int } from "type-graphql";
import { DispatchPurpose, DispatchStatus } from "./expert.type.js";

@InputType("ExpertFilter", { description: "Filters on experts; all given ones must hold." })
export class ExpertFilter {
  @Field(() => ID, { nullable: true, description: "Whose home institution is this one." })
  homeInstitutionId?: string | null;

  @Field(() => String, { nullable: true, description: "Of exactly this specialty." })
  specialty?: string | null;

  @Field(() => String, { nullable: true, description: "Part of the name, family name first or given names first (case-insensitive), 1–100 characters." })
  search?: string | null;

  @Field(() => CountryCodeResolver, {
    nullable: true,
    description: "Sent on a dispatch (not cancelled) to this country; with dispatchYearFrom/To, on one dispatch that meets both.",
  })
  dispatchedToCountry?: string | null;

  @Field(() => Int, { nullable: true, description: "Sent on a dispatch (not cancelled) starting in or after this year." })
  dispatchYearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Sent on a dispatch (not cancelled) starting in or before this year." })
  dispatchYearTo?: number | null;
}

@InputType("DispatchFilter", { description: "Filters on dispatches; all given ones must hold." })
export class DispatchFilter {
  @Field(() => CountryCodeResolver, { nullable: true, description: "To a host institution in this country." })
  countryCode?: string | null;

  @Field(() => ID, { nullable: true, description: "Hosted by this institution." })
  hostInstitutionId?: string | null;

  @Field(() => ID, { nullable: true, description: "Sent by this institution." })
  sendingInstitutionId?: string | null;

  @Field(() => ID, { nullable: true, description: "With this expert on the team." })
  expertId?: string | null;

  @Field(() => [DispatchPurpose], { nullable: true, description: "For at least one of these purposes." })
  purposes?: string[] | null;

  @Field(() => [DispatchStatus], { nullable: true, description: "In one of these statuses." })
  statuses?: string[] | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Starting on or after this date." })
  startFrom?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Starting on or before this date." })
  startTo?: string | null;

  @Field(() => Int, { nullable: true, description: "Starting in this year." })
  year?: number | null;
}
