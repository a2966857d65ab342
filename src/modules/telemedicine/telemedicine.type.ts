import { LocalDateResolver } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { Connection } from "../../shared/connection.type.js";
import { Node } from "../../shared/node.type.js";
import { DatePrecision } from "../institutions/institution.type.js";

@ObjectType("TelemedicineLink", {
  implements: Node,
  description: "A cross-border telemedicine connection between a Xinjiang hospital and a partner hospital abroad.",
})
export class TelemedicineLink extends Node {
  xinjiangHospitalId!: number;
  partnerHospitalId!: number;
  agreementId!: number | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "When the link was set up (see sincePrecision), where known." })
  since!: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "How much of since the source gives." })
  sincePrecision!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "The link's last day; null while it runs." })
  endedOn!: string | null;
}

export const TelemedicineLinkConnection = Connection(TelemedicineLink, "TelemedicineLink");
