import { DateTimeResolver, LocalDateResolver, NonNegativeIntResolver } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { focusArea } from "../../db/enums.table.js";
import { Connection } from "../../shared/connection.type.js";
import { graphqlEnum } from "../../shared/enum.js";
import { Node } from "../../shared/node.type.js";
import { DatePrecision } from "../institutions/institution.type.js";
import { agreementStatus, partyRole } from "./agreement.table.js";

export const FocusArea = graphqlEnum(focusArea.enumValues, "FocusArea", "A field of cooperation.", { ACADEMIC_EXCHANGE: "Exchange of students, teachers and scholars.", BIOLOGICS: "Research on and production of biologics.", DISEASE_PREVENTION: "Prevention and treatment of diseases common in the region.", JOINT_EDUCATION: "Programs of study run together.", JOINT_RESEARCH: "Research done together.", NATURAL_MEDICINES: "Research on natural medicines.", TCM: "Traditional Chinese Medicine.", TECHNICAL_EXCHANGE: "Exchange of medical techniques and training.", TELEMEDICINE: "Remote consultation between hospitals." });
export const AgreementStatus = graphqlEnum(agreementStatus.enumValues, "AgreementStatus", "Status of an agreement.", { ACTIVE: "Signed and in force.", DRAFT: "Being negotiated; not signed yet.", EXPIRED: "Its validity has ended.", TERMINATED: "Ended by the parties before its validity ran out." });
export const PartyRole = graphqlEnum(partyRole.enumValues, "PartyRole", "The role of an institution in an agreement.", { HOST: "Hosts the activity (such as a program).", LEAD: "Leads the cooperation.", MEMBER: "A member (such as of a joint lab).", PARTNER: "A partner (such as in a joint program).", SIGNATORY: "Signed the agreement." });

@ObjectType("Agreement", {
  implements: Node,
  description: "A cooperation agreement between two or more institutions.",
})
export class Agreement extends Node {
  sourceId!: number | null;

  @Field(() => String, { description: "Stable short code, unique." })
  code!: string;

  @Field(() => String, { description: "Title." })
  title!: string;

  @Field(() => String, { nullable: true, description: "What the agreement covers." })
  summary!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Signing date (see signedOnPrecision)." })
  signedOn!: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "How much of signedOn the source gives." })
  signedOnPrecision!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "First day of validity." })
  validFrom!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Last day of validity, under the terms in force now; null when open-ended." })
  validUntil!: string | null;

  @Field(() => AgreementStatus, { description: "Status." })
  status!: string;

  @Field(() => NonNegativeIntResolver, { nullable: true, description: "Student places per year, where the agreement sets them, under the terms in force now." })
  placesPerYear!: number | null;

  @Field(() => Boolean, { description: "True when the sources imply rather than describe this agreement." })
  illustrative!: boolean;

  @Field(() => DateTimeResolver, { description: "When the record was created." })
  createdAt!: Date;
}

@ObjectType("AgreementParty", { description: "An institution that is party to an agreement, with its role." })
export class AgreementParty {
  agreementId!: number;
  institutionId!: number;

  @Field(() => PartyRole, { description: "Its role." })
  role!: string;
}

export const AgreementConnection = Connection(Agreement, "Agreement");
