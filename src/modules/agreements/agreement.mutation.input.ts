import { LocalDateResolver, NonNegativeIntResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { DatePrecision } from "../institutions/institution.type.js";
import { AgreementStatus, FocusArea, PartyRole } from "./agreement.type.js";

@InputType("AgreementPartyInput", { description: "An institution that is party to an agreement, with its role." })
export class AgreementPartyInput {
  @Field(() => ID, { description: "The institution." })
  institutionId!: string;

  @Field(() => PartyRole, { description: "Its role." })
  role!: string;
}

@InputType("CreateAgreementInput", { description: "A new agreement. An institution admin must list its own institution as a party." })
export class CreateAgreementInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => String, { description: "Unique short code: 3–60 letters, digits and hyphens." })
  code!: string;

  @Field(() => String, { description: "Title, 1–300 characters." })
  title!: string;

  @Field(() => String, { nullable: true, description: "What it covers, up to 5,000 characters." })
  summary?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Signing date." })
  signedOn?: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "How much of signedOn is known (default DAY when signedOn is given)." })
  signedOnPrecision?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "First day of validity." })
  validFrom?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Last day of validity." })
  validUntil?: string | null;

  @Field(() => AgreementStatus, { nullable: true, description: "DRAFT, the only status a new agreement takes: it is ACTIVE once every party has approved version 1." })
  status?: string | null;

  @Field(() => NonNegativeIntResolver, { nullable: true, description: "Student places per year, where agreed." })
  placesPerYear?: number | null;

  @Field(() => [AgreementPartyInput], { description: "Two or more distinct parties." })
  parties!: AgreementPartyInput[];

  @Field(() => [FocusArea], { description: "One or more focus areas." })
  focusAreas!: string[];
}

@InputType("UpdateAgreementInput", {
  description: "Changes to an agreement; fields left out stay as they are. Title and status change in place; the terms (summary, validity, places, focus areas) only through a new version approved by every party.",
})
export class UpdateAgreementInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The agreement." })
  agreementId!: string;

  @Field(() => String, { nullable: true, description: "New title." })
  title?: string | null;

  @Field(() => String, { nullable: true, deprecationReason: "Use proposeAgreementAmendment instead. Removal after 2027-06-30.", description: "A new summary: opens an amendment (a new version, in force once every party approves it), as proposeAgreementAmendment does." })
  summary?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, deprecationReason: "Use proposeAgreementAmendment instead. Removal after 2027-06-30.", description: "A new last day of validity: opens an amendment, as proposeAgreementAmendment does." })
  validUntil?: string | null;

  @Field(() => AgreementStatus, { nullable: true, description: "New status." })
  status?: string | null;

  @Field(() => NonNegativeIntResolver, { nullable: true, deprecationReason: "Use proposeAgreementAmendment instead. Removal after 2027-06-30.", description: "New places per year: opens an amendment, as proposeAgreementAmendment does." })
  placesPerYear?: number | null;

  @Field(() => [FocusArea], { nullable: true, deprecationReason: "Use proposeAgreementAmendment instead. Removal after 2027-06-30.", description: "New focus areas (one or more): opens an amendment, as proposeAgreementAmendment does." })
  focusAreas?: string[] | null;
}

@ObjectType("AgreementPayload", { description: "The changed agreement." })
export class AgreementPayload {
  agreementId!: number;
}
