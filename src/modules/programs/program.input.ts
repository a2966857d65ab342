import { Field, ID, InputType, Int } from "type-graphql";
import { ProgramLevel } from "./program.type.js";

@InputType("ProgramFilter", { description: "Filters on programs; all given ones must hold." })
export class ProgramFilter {
  @Field(() => ID, { nullable: true, description: "Hosted by this institution." })
  hostInstitutionId?: string | null;

  @Field(() => ID, { nullable: true, description: "With this institution as a partner." })
  partnerInstitutionId?: string | null;

  @Field(() => [ProgramLevel], { nullable: true, description: "Of one of these levels." })
  levels?: string[] | null;

  @Field(() => String, { nullable: true, description: "In this ISCED-F field (four digits)." })
  iscedField?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Joint (with partners) or not." })
  joint?: boolean | null;

  @Field(() => Int, { nullable: true, description: "Launched in or after this year." })
  launchYearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Launched in or before this year." })
  launchYearTo?: number | null;

  @Field(() => String, { nullable: true, description: "Part of the title in any language (case-insensitive)." })
  search?: string | null;
}

@InputType("CohortFilter", { description: "Filters on cohorts; all given ones must hold." })
export class CohortFilter {
  @Field(() => ID, { nullable: true, description: "Of this program." })
  programId?: string | null;

  @Field(() => ID, { nullable: true, description: "Of programs hosted by this institution." })
  hostInstitutionId?: string | null;

  @Field(() => Int, { nullable: true, description: "Intake in or after this year." })
  intakeYearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Intake in or before this year." })
  intakeYearTo?: number | null;
}
