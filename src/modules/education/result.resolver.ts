import type { GraphQLResolveInfo } from "graphql";
import { Ctx, Info, Resolver, Root } from "type-graphql";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import type { Context } from "../../context.js";
import { readRow } from "../../engine/run.js";
import { forbidden } from "../auth/access.js";
import { CorrectResultInput, CourseResultPayload, RecordResultInput, RecordResultsInput, RecordResultsPayload, ResultRowOutcome } from "./result.input.js";
import { correctResult, recordResult, recordResults } from "./result.service.js";
import { CourseResult } from "./result.type.js";

@Resolver()
export class ResultMutationResolver {
  @PayloadMutation(() => RecordResultsPayload, {
    description: "Records results of an offering (admins and registrars of the teaching institution), as a list or CSV, up to 1,000. All or nothing; the same rows again write nothing.",
  })
  recordResults(@MutationInput(() => RecordResultsInput) input: RecordResultsInput, @Ctx() ctx: Context) {
    return recordResults(ctx, input);
  }

  @PayloadMutation(() => CourseResultPayload, { description: "Records one result of an offering (admins and registrars of the teaching institution)." })
  recordResult(@MutationInput(() => RecordResultInput) input: RecordResultInput, @Ctx() ctx: Context) {
    return recordResult(ctx, input);
  }

  @PayloadMutation(() => CourseResultPayload, { description: "Corrects a result's grade with a reason (admins and registrars of the teaching institution); also after the term is closed. A recognition resting on the result is withdrawn: the host decides again." })
  correctResult(@MutationInput(() => CorrectResultInput) input: CorrectResultInput, @Ctx() ctx: Context) {
    return correctResult(ctx, input);
  }
}

// Read back through the engine under the result's scope, like courseResult(id:).
const notVisible = () => forbidden("This result is not one your institution may see");

@Resolver(() => CourseResultPayload)
export class CourseResultPayloadResolver {
  @PayloadField(() => CourseResult, { description: "The result after the change." })
  result(@Root() p: CourseResultPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return readRow("CourseResult", p.resultId, ctx, info, notVisible);
  }
}

@Resolver(() => ResultRowOutcome)
export class ResultRowOutcomeResolver {
  @PayloadField(() => CourseResult, { description: "The result, when the row was accepted." })
  result(@Root() r: ResultRowOutcome, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return r.resultId == null ? null : readRow("CourseResult", r.resultId, ctx, info, notVisible);
  }
}

export const resultResolvers = [ResultMutationResolver, CourseResultPayloadResolver, ResultRowOutcomeResolver] as const;
