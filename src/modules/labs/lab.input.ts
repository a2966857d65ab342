import { CountryCodeResolver } from "graphql-scalars";
import { Field, ID, InputType } from "type-graphql";
import { FocusArea } from "../agreements/agreement.type.js";
import { ProjectStatus } from "./lab.type.js";

@InputType("JointLabFilter", { description: "Filters on joint labs; all given ones must hold." })
export class JointLabFilter {
  @Field(() => ID, { nullable: true, description: "Led by this institution or with it as a member." })
  institutionId?: string | null;

  @Field(() => CountryCodeResolver, { nullable: true, description: "With the lead or a member institution in this country." })
  countryCode?: string | null;

  @Field(() => [FocusArea], { nullable: true, description: "Working in at least one of these focus areas." })
  focusAreas?: string[] | null;

  @Field(() => String, { nullable: true, description: "Part of a name in any language (case-insensitive), 1–100 characters." })
  search?: string | null;
}

@InputType("LabProjectFilter", { description: "Filters on lab projects; all given ones must hold." })
export class LabProjectFilter {
  @Field(() => ID, { nullable: true, description: "Of this joint lab." })
  labId?: string | null;

  @Field(() => [ProjectStatus], { nullable: true, description: "In one of these statuses." })
  statuses?: string[] | null;

  @Field(() => ID, { nullable: true, description: "Led by this expert as principal investigator." })
  principalInvestigatorId?: string | null;

  @Field(() => ID, { nullable: true, description: "Of a lab led by this institution or with it as a member." })
  institutionId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "With (true) or without (false) an open milestone due before today (UTC).",
  })
  hasOverdueMilestones?: boolean | null;
}
