import { LocalDateResolver, NonNegativeIntResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { AgreementPartyInput } from "./agreement.mutation.input.js";
import { FocusArea } from "./agreement.type.js";

@InputType("ProposeAgreementAmendmentInput", {
  description: "New terms for an agreement, as a new version. Terms left out are those of the current terms; null clears an optional one (placesPerYear, validFrom, validUntil, summary). The version in force stays in force until every party of the new one approves it.",
})
export class ProposeAgreementAmendmentInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The agreement." })
  agreementId!: string;

  @Field(() => [AgreementPartyInput], { nullable: true, description: "The parties and roles under the new version: two or more distinct institutions." })
  parties?: AgreementPartyInput[] | null;

  @Field(() => [FocusArea], { nullable: true, description: "The focus areas (one or more)." })
  focusAreas?: string[] | null;

  @Field(() => NonNegativeIntResolver, { nullable: true, description: "Student places per year; null: no set number." })
  placesPerYear?: number | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "First day of validity; null: none set." })
  validFrom?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Last day of validity; null: open-ended." })
  validUntil?: string | null;

  @Field(() => String, { nullable: true, description: "What the agreement covers, up to 5,000 characters; null: none." })
  summary?: string | null;
}

@InputType("ApproveAgreementVersionInput", { description: "A party's approval of one version of an agreement, naming the content hash it read." })
export class ApproveAgreementVersionInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The version." })
  versionId!: string;

  @Field(() => String, { description: "The version's contentHash as read; a different hash (the terms read are not these) is CONFLICT." })
  contentHash!: string;

  @Field(() => ID, {
    nullable: true,
    description: "Platform admins only: the party whose approval (given on paper) they record. An institution admin approves for its own institution.",
  })
  institutionId?: string | null;
}

@InputType("WithdrawAgreementApprovalInput", { description: "Withdraws a party's approval of a version that is not in force yet." })
export class WithdrawAgreementApprovalInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The version." })
  versionId!: string;

  @Field(() => String, { description: "Why, 1–500 characters." })
  reason!: string;

  @Field(() => ID, { nullable: true, description: "Platform admins only: the party whose approval they withdraw. An institution admin withdraws its own institution's." })
  institutionId?: string | null;
}

@ObjectType("AgreementVersionPayload", { description: "The version after the change." })
export class AgreementVersionPayload {
  versionId!: number;
}
