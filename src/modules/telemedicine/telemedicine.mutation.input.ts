import { LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";

const KEY = "Retrying with the same key returns the first result and writes nothing more.";

@InputType("CreateTelemedicineLinkInput", { description: "A new telemedicine link between a hospital in China and a hospital abroad (admins of either hospital)." })
export class CreateTelemedicineLinkInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The hospital in Xinjiang (an active institution in CN)." })
  xinjiangHospitalId!: string;

  @Field(() => ID, { description: "The partner hospital abroad (an active institution outside CN)." })
  partnerHospitalId!: string;

  @Field(() => LocalDateResolver, { description: "First day of the link; both hospitals must be parties to agreementId, if given, under its terms in force that day." })
  since!: string;

  @Field(() => ID, { nullable: true, description: "The agreement behind it; both hospitals must be parties." })
  agreementId?: string | null;
}

@InputType("EndTelemedicineLinkInput", { description: "Ends a telemedicine link on a date; the link stays on record." })
export class EndTelemedicineLinkInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The link." })
  linkId!: string;

  @Field(() => LocalDateResolver, { description: "The link's last day, not before its first." })
  endedOn!: string;
}

@ObjectType("TelemedicineLinkPayload", { description: "The changed telemedicine link." })
export class TelemedicineLinkPayload {
  linkId!: number;
}
