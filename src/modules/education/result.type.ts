import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { Connection } from "../../shared/connection.type.js";
import { Node } from "../../shared/node.type.js";

const PERSONAL = "Personal data: staff of the student's home and host institutions, and of the teaching institution for its own units.";

@ObjectType("CourseResult", { implements: Node, description: `One attempt of a student at an offered unit (1: first sitting, 2…: resits). ${PERSONAL}` })
export class CourseResult extends Node {
  enrollmentId!: number;
  offeringId!: number;
  unitId!: number;

  @Field(() => Int, { description: "1 for the first sitting, 2 and more for resits." })
  attempt!: number;

  @Field(() => String, { description: "The grade in the unit's scale (the teaching institution's)." })
  grade!: string;

  @Field(() => Boolean, { description: "Whether the grade passes (at or above the scale's pass mark)." })
  passed!: boolean;

  @Field(() => Float, { description: "ECTS credits earned: the unit's credits when passed, else 0." })
  creditsEarned!: number;

  @Field(() => LocalDateResolver, { description: "When the student was assessed." })
  assessedOn!: string;

  @Field(() => String, {
    nullable: true,
    description: "Who entered it (the subject of the account): for staff of the institution that entered it and platform admins; others get null and a FORBIDDEN error.",
  })
  enteredBy!: string | null;

  @Field(() => DateTimeResolver, { description: "When it was entered." })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: "When it was last corrected; null when never." })
  correctedAt!: Date | null;
}

@ObjectType("ResultCorrection", { description: "A correction of a result: old and new grade and assessment day (equal when that one was not corrected), who and why." })
export class ResultCorrection {
  @Field(() => String, { description: "The grade before." })
  oldGrade!: string;

  @Field(() => String, { description: "The grade after (the same when only the day was corrected)." })
  newGrade!: string;

  @Field(() => LocalDateResolver, { description: "The assessment day before." })
  oldAssessedOn!: string;

  @Field(() => LocalDateResolver, { description: "The assessment day after (the same when only the grade was corrected)." })
  newAssessedOn!: string;

  @Field(() => String, { description: "Why." })
  reason!: string;

  @Field(() => String, {
    nullable: true,
    description: "Who (the subject of the account): for staff of the institution that entered the result and platform admins; others get null and a FORBIDDEN error.",
  })
  correctedBy!: string | null;

  @Field(() => DateTimeResolver, { description: "When." })
  correctedAt!: Date;
}

export const CourseResultConnection = Connection(CourseResult, "CourseResult");
