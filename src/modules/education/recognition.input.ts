import { Field, ID, InputType, ObjectType } from "type-graphql";
import { graphqlEnum } from "../../shared/enum.js";

export const RecognitionDecision = graphqlEnum(["RECOGNISE", "REFUSE"] as const, "RecognitionDecision", "Recognise a unit taken at a partner, or refuse it with a reason.", {
  RECOGNISE: "Recognise the unit, with its grade converted to the host's scale.",
  REFUSE: "Refuse the unit; a reason is required.",
});

@InputType("DecideRecognitionInput", { description: "The host's decision on a unit a student took at a partner." })
export class DecideRecognitionInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The student's enrollment in a program of the host." })
  enrollmentId!: string;

  @Field(() => ID, { description: "The unit, of the curriculum the student's cohort follows, taught by a partner." })
  unitId!: string;

  @Field(() => RecognitionDecision, { description: "Recognise (the last passed attempt, with its grade converted) or refuse." })
  decision!: "RECOGNISE" | "REFUSE";

  @Field(() => String, { nullable: true, description: "Why: needed to refuse (3 to 1,000 characters; invisible ones such as a zero-width space do not count), optional otherwise." })
  reason?: string | null;
}

@ObjectType("RecognitionPayload", { description: "The decision." })
export class RecognitionPayload {
  recognitionId!: number;
}
