import { DateTimeResolver, LocalDateResolver, NonNegativeIntResolver } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";
import { Connection } from "../../shared/connection.type.js";
import { graphqlEnum } from "../../shared/enum.js";
import { Node } from "../../shared/node.type.js";
import { PartyRole } from "./agreement.type.js";

export const AgreementVersionStatus = graphqlEnum(["PROPOSED", "IN_FORCE", "SUPERSEDED"] as const, "AgreementVersionStatus", "Where a version of an agreement's terms stands.", {
  IN_FORCE: "Approved by every party: the agreement's current terms.",
  PROPOSED: "Waiting for the approval of every party; the version in force (if any) stays in force meanwhile.",
  SUPERSEDED: "Replaced: by a later version that came into force, or, while still proposed, by a later proposal.",
});

@ObjectType("AgreementVersion", {
  implements: Node,
  description:
    "One version of an agreement's terms (parties and roles, focus areas, places per year, validity, summary). A version never changes; an amendment is a new version, in force once every party has approved it.",
})
export class AgreementVersion extends Node {
  agreementId!: number;
  proposedByInstitutionId!: number | null;
  content!: unknown;

  @Field(() => Int, { description: "1 for the first version, then 2, 3, … in the order proposed." })
  number!: number;

  @Field(() => String, {
    description: "SHA-256 (hex) of canonicalContent. An approval names it, so a party approves exactly the terms it read.",
  })
  contentHash!: string;

  @Field(() => DateTimeResolver, { description: "When it was proposed." })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: "When the last party's approval brought it into force; null while proposed (or superseded unapproved)." })
  inForceFrom!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "When a later version replaced it; null while proposed or in force." })
  supersededAt!: Date | null;
}

export const AgreementVersionConnection = Connection(AgreementVersion, "AgreementVersion");

@ObjectType("AgreementVersionParty", { description: "A party to a version of an agreement, with its role." })
export class AgreementVersionParty {
  institutionId!: number;

  @Field(() => PartyRole, { description: "Its role under this version." })
  role!: string;
}

@ObjectType("AgreementVersionApproval", {
  implements: Node,
  description: "A party's approval of one version, naming the content hash it approved. A withdrawn approval stays listed with its withdrawal.",
})
export class AgreementVersionApproval extends Node {
  versionId!: number;
  institutionId!: number;

  @Field(() => String, { description: "The content hash approved (the version's contentHash)." })
  contentHash!: string;

  @Field(() => DateTimeResolver, { description: "When it was given." })
  approvedAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: "When it was withdrawn; null while it stands." })
  withdrawnAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Why it was withdrawn." })
  withdrawalReason!: string | null;
}

// The content's scalar terms, read from the version's content by the read engine (agreement.entity.ts).
export const versionTermFields = {
  placesPerYear: { type: () => NonNegativeIntResolver, description: "Student places per year under this version; null when it sets none." },
  validFrom: { type: () => LocalDateResolver, description: "First day of validity under this version." },
  validUntil: { type: () => LocalDateResolver, description: "Last day of validity under this version; null when open-ended." },
  summary: { type: () => String, description: "What the agreement covers, under this version." },
} as const;
