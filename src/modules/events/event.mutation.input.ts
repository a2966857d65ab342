import { CountryCodeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { DatePrecision } from "../institutions/institution.type.js";
import { EventKind } from "./event.type.js";

const KEY = "Retrying with the same key returns the first result and writes nothing more.";

@InputType("CreateCooperationEventInput", { description: "A new cooperation event. An institution admin must list its own institution among those involved." })
export class CreateCooperationEventInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => EventKind, { description: "What kind of event it is." })
  kind!: string;

  @Field(() => String, { description: "Title, 1–300 characters." })
  title!: string;

  @Field(() => String, { nullable: true, description: "What happened, up to 5,000 characters." })
  description?: string | null;

  @Field(() => LocalDateResolver, { description: "When it happened (see occurredOnPrecision)." })
  occurredOn!: string;

  @Field(() => DatePrecision, { nullable: true, description: "How much of occurredOn is known (default DAY)." })
  occurredOnPrecision?: string | null;

  @Field(() => [ID], { description: "Institutions involved (one or more, except for platform admins)." })
  institutionIds!: string[];

  @Field(() => [CountryCodeResolver], { nullable: true, description: "Countries involved." })
  countryCodes?: string[] | null;
}

@InputType("UpdateCooperationEventInput", { description: "Changes to a cooperation event; fields left out stay as they are." })
export class UpdateCooperationEventInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The event." })
  eventId!: string;

  @Field(() => EventKind, { nullable: true, description: "New kind." })
  kind?: string | null;

  @Field(() => String, { nullable: true, description: "New title." })
  title?: string | null;

  @Field(() => String, { nullable: true, description: "New description." })
  description?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "New date." })
  occurredOn?: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "New precision of the date." })
  occurredOnPrecision?: string | null;

  @Field(() => [ID], { nullable: true, description: "Replaces the institutions involved (an institution admin must keep its own)." })
  institutionIds?: string[] | null;

  @Field(() => [CountryCodeResolver], { nullable: true, description: "Replaces the countries involved." })
  countryCodes?: string[] | null;
}

@ObjectType("CooperationEventPayload", { description: "The changed cooperation event." })
export class CooperationEventPayload {
  eventId!: number;
}
