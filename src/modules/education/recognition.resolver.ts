import type { GraphQLResolveInfo } from "graphql";
import { Ctx, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { readRow } from "../../engine/run.js";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import { DecideRecognitionInput, RecognitionPayload } from "./recognition.input.js";
import { decideRecognition } from "./recognition.service.js";
import { Recognition } from "./recognition.type.js";

@Resolver(() => RecognitionPayload)
export class RecognitionResolver {
  @PayloadMutation(() => RecognitionPayload, {
    description: "Recognises a unit a student took at a partner, with the grade converted to the host's scale, or refuses it with a reason (admins of the host).",
  })
  decideRecognition(@MutationInput(() => DecideRecognitionInput) input: DecideRecognitionInput, @Ctx() ctx: Context) {
    return decideRecognition(ctx, input);
  }

  @PayloadField(() => Recognition, { description: "The decision." })
  recognition(@Root() p: RecognitionPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return readRow("Recognition", p.recognitionId, ctx, info);
  }
}

export const recognitionResolvers = [RecognitionResolver] as const;
