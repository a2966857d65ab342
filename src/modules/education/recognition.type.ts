import { DateTimeResolver } from "graphql-scalars";
import { Field, Float, ObjectType } from "type-graphql";
import { graphqlEnum } from "../../shared/enum.js";
import { Node } from "../../shared/node.type.js";
import { recognitionStatus } from "./result.table.js";

export const RecognitionStatus = graphqlEnum(recognitionStatus.enumValues, "RecognitionStatus", "RECOGNISED with the converted grade, or REFUSED with a reason.", {
  RECOGNISED: "Recognised, with the grade converted to the host's scale.",
  REFUSED: "Refused, with a reason.",
});

@ObjectType("ConversionRow", { description: "One row of a conversion table: a grade (or a range of numbers) of the source scale to a grade of the target scale." })
export class ConversionRow {
  @Field(() => String, { nullable: true, description: "A grade of the source scale (ordered scales)." })
  from!: string | null;

  @Field(() => Float, { nullable: true, description: "Lowest value of the range (numeric scales)." })
  min!: number | null;

  @Field(() => Float, { nullable: true, description: "Highest value of the range (numeric scales)." })
  max!: number | null;

  @Field(() => String, { description: "The grade in the target scale." })
  to!: string;
}

@ObjectType("GradeConversion", { implements: Node, description: "A conversion table between two scales, belonging to an agreement or a program. Public." })
export class GradeConversion extends Node {
  fromScaleId!: number;
  toScaleId!: number;
  agreementId!: number | null;
  programId!: number | null;

  @Field(() => Boolean, { description: "True for invented (illustrative) seed data." })
  illustrative!: boolean;
}

@ObjectType("Recognition", {
  implements: Node,
  description: "The host's decision on a unit taken at a partner: recognised with the converted grade, or refused with a reason. Personal data, read like results.",
})
export class Recognition extends Node {
  enrollmentId!: number;
  unitId!: number;
  resultId!: number | null;
  conversionId!: number | null;

  @Field(() => RecognitionStatus, { description: "Recognised or refused." })
  status!: string;

  @Field(() => String, { nullable: true, description: "The grade converted to the host's scale (recognised)." })
  convertedGrade!: string | null;

  @Field(() => Float, { description: "ECTS credits recognised (0 when refused)." })
  creditsRecognised!: number;

  @Field(() => String, { nullable: true, description: "Why (a refusal's reason, or a note)." })
  reason!: string | null;

  @Field(() => String, { description: "Who decided (the subject of the account)." })
  decidedBy!: string;

  @Field(() => DateTimeResolver, { description: "When." })
  decidedAt!: Date;
}
