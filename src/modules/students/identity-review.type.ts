import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Connection } from "../../shared/connection.type.js";
import { graphqlEnum } from "../../shared/enum.js";
import { Node } from "../../shared/node.type.js";
import { identityReviewStatus } from "./identity-review.table.js";

export const IdentityReviewStatus = graphqlEnum(
  identityReviewStatus.enumValues,
  "IdentityReviewStatus",
  "PENDING until a platform admin decides; MERGED (the nomination moved to the existing student) or REJECTED.", { MERGED: "Decided: the nomination moved to the existing student.", PENDING: "Waiting for a platform admin's decision.", REJECTED: "Decided: the nomination was rejected." });

export const IdentityReviewDecision = graphqlEnum(
  ["MERGE", "REJECT"] as const,
  "IdentityReviewDecision",
  "MERGE: the same person; the nomination moves to the existing student. REJECT: the nomination is rejected.", { MERGE: "The same person: the nomination moves to the existing student.", REJECT: "Not accepted: the nomination is rejected and the student stays provisional." });

@ObjectType("IdentityReview", {
  implements: Node,
  description:
    "A nomination held because another home institution had already registered a student with the same nationality and passport number. The registrar was answered as for a new person; a platform admin merges or rejects. Platform admins only.",
})
export class IdentityReview extends Node {
  enrollmentId!: number;
  heldStudentId!: number | null;
  existingStudentId!: number;
  requestedByInstitutionId!: number | null;

  @Field(() => IdentityReviewStatus, { description: "PENDING, MERGED or REJECTED." })
  status!: string;

  @Field(() => String, { description: "Subject of the account that registered the held nomination." })
  requestedBy!: string;

  @Field(() => String, { nullable: true, description: "The registering request (x-request-id)." })
  requestId!: string | null;

  @Field(() => DateTimeResolver, { description: "When the nomination was registered." })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: "When a platform admin decided." })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Subject of the platform admin who decided." })
  resolvedBy!: string | null;

  @Field(() => String, { nullable: true, description: "The platform admin's note." })
  note!: string | null;
}

export const IdentityReviewConnection = Connection(IdentityReview, "IdentityReview");

@InputType("IdentityReviewFilter", { description: "Filters on identity reviews." })
export class IdentityReviewFilter {
  @Field(() => [IdentityReviewStatus], { nullable: true, description: "In one of these statuses (all when not given)." })
  statuses?: string[] | null;
}

@InputType("ResolveIdentityReviewInput", { description: "A platform admin's decision on a held nomination." })
export class ResolveIdentityReviewInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The review (PENDING)." })
  reviewId!: string;

  @Field(() => IdentityReviewDecision, { description: "MERGE into the existing student, or REJECT the nomination." })
  decision!: string;

  @Field(() => String, { nullable: true, description: "Why, up to 1,000 characters (kept on the review; a rejection's reason in the enrollment history)." })
  note?: string | null;
}

@ObjectType("IdentityReviewPayload", { description: "The review after the decision." })
export class IdentityReviewPayload {
  reviewId!: number;
}
