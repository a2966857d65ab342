import { CountryCodeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType } from "type-graphql";
import { AgreementStatus, FocusArea } from "./agreement.type.js";

@InputType("AgreementFilter", { description: "Filters on agreements; all given ones must hold." })
export class AgreementFilter {
  @Field(() => [AgreementStatus], { nullable: true, description: "In one of these statuses." })
  statuses?: string[] | null;

  @Field(() => [FocusArea], { nullable: true, description: "Covering at least one of these focus areas." })
  focusAreas?: string[] | null;

  @Field(() => ID, { nullable: true, description: "With this institution as a party." })
  institutionId?: string | null;

  @Field(() => CountryCodeResolver, { nullable: true, description: "With a party in this country." })
  countryCode?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Signed on or after this date." })
  signedFrom?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Signed on or before this date." })
  signedTo?: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      "In force on this day (UTC): a version of its terms was in force at the end of the day (every party had approved it) and its validity covers the day. The conditions on terms (focusAreas, institutionId, countryCode, validUntilBefore) then read that version; without it they read the terms in force today. Status is the agreement's now: combine with statuses if needed.",
  })
  inForceOn?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Valid until this date or earlier (finds those expiring soon)." })
  validUntilBefore?: string | null;

  @Field(() => String, { nullable: true, description: "Part of the title (case-insensitive)." })
  search?: string | null;
}
