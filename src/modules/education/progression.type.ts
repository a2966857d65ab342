import { DateTimeResolver } from "graphql-scalars";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { graphqlEnum } from "../../shared/enum.js";
import { Node } from "../../shared/node.type.js";
import { progressionKind } from "./result.table.js";

export const ProgressionKind = graphqlEnum(progressionKind.enumValues, "ProgressionKind", "What a progression or graduation decision decided.", {
  ADVANCED: "Met the year's credit rule and moved on to the next year.",
  HELD_BACK: "Did not meet the year's credit rule and stays in the year (creditsShort and missingUnits say what is lacking).",
  OVERRIDE_ADVANCED: "Moved on by an admin's override, with a reason, although the rule was not met.",
  GRADUATED: "Eligible (every compulsory unit passed, every year's credits reached) and graduated.",
  OVERRIDE_GRADUATED: "Graduated by an admin's override, with a reason, although not eligible.",
  NOT_ELIGIBLE: "Measured for graduation with the cohort and not eligible (creditsShort and missingUnits say what is lacking).",
});

@ObjectType("ProgressionDecision", {
  implements: Node,
  description:
    "A decision on a student's progression to the next year or graduation: the standing measured against the credit rule, who decided, why. Personal data: staff of the student's home and host institutions.",
})
export class ProgressionDecision extends Node {
  enrollmentId!: number;

  @Field(() => ProgressionKind, { description: "What was decided." })
  kind!: string;

  @Field(() => Int, { description: "The year of study measured (progression) or the student's year when graduating." })
  fromYear!: number;

  @Field(() => Float, { description: "ECTS credits earned: of the year's units (progression) or of the whole curriculum (graduation); recognitions count." })
  creditsEarned!: number;

  @Field(() => Float, { description: "ECTS credits the rule asks for: the year's (progression) or every year's (graduation)." })
  creditsRequired!: number;

  @Field(() => [String], { description: "Codes of the compulsory units not passed that the rule asks for." })
  missingUnits!: string[];

  @Field(() => String, { nullable: true, description: "Why: an override's reason (required), or a note." })
  reason!: string | null;

  @Field(() => String, { description: "Who decided (the subject of the account)." })
  decidedBy!: string;

  @Field(() => DateTimeResolver, { description: "When." })
  decidedAt!: Date;
}
