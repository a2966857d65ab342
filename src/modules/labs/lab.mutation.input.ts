import { LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { LocalizedNameInput } from "../../shared/localized.type.js";
import { FocusArea } from "../agreements/agreement.type.js";
import { LabMemberRole } from "./lab.type.js";

const KEY = "Retrying with the same key returns the first result and writes nothing more.";

@InputType("JointLabMemberInput", { description: "A member institution of a joint lab, with its role." })
export class JointLabMemberInput {
  @Field(() => ID, { description: "The institution (active; not the lead)." })
  institutionId!: string;

  @Field(() => LabMemberRole, { nullable: true, description: "Its role (default MEMBER)." })
  role?: string | null;
}

@InputType("CreateJointLabInput", { description: "A new joint lab, led by an institution (its research office or admins)." })
export class CreateJointLabInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => String, { description: "English name, 1–300 characters." })
  nameEn!: string;

  @Field(() => [LocalizedNameInput], { nullable: true, description: "Names in other languages and scripts." })
  names?: LocalizedNameInput[] | null;

  @Field(() => ID, { description: "The lead institution (active)." })
  leadInstitutionId!: string;

  @Field(() => [JointLabMemberInput], { nullable: true, description: "Member institutions with their roles." })
  members?: JointLabMemberInput[] | null;

  @Field(() => [FocusArea], { description: "Focus areas, one or more." })
  focusAreas!: string[];

  @Field(() => ID, { nullable: true, description: "The founding agreement; the lead must be a party to it under its terms in force on establishedOn (today when not given)." })
  agreementId?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Founding date." })
  establishedOn?: string | null;

  @Field(() => String, { nullable: true, description: "What the lab works on, up to 5,000 characters." })
  description?: string | null;
}

@InputType("UpdateJointLabInput", { description: "Changes to a joint lab; fields left out stay as they are. The lead stays." })
export class UpdateJointLabInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The lab." })
  jointLabId!: string;

  @Field(() => String, { nullable: true, description: "New English name." })
  nameEn?: string | null;

  @Field(() => [LocalizedNameInput], { nullable: true, description: "Replaces the names in other languages." })
  names?: LocalizedNameInput[] | null;

  @Field(() => [JointLabMemberInput], { nullable: true, description: "Replaces the member institutions." })
  members?: JointLabMemberInput[] | null;

  @Field(() => [FocusArea], { nullable: true, description: "Replaces the focus areas (one or more)." })
  focusAreas?: string[] | null;

  @Field(() => String, { nullable: true, description: "New description." })
  description?: string | null;
}

@ObjectType("JointLabPayload", { description: "The changed joint lab." })
export class JointLabPayload {
  jointLabId!: number;
}
