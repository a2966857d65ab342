import { Ctx, Resolver, Root } from "type-graphql";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import type { Context } from "../../context.js";
import { expertById } from "./expert.loaders.js";
import { CreateExpertInput, DeactivateExpertInput, ExpertPayload, UpdateExpertInput } from "./expert.mutation.input.js";
import { createExpert, deactivateExpert, updateExpert } from "./expert.mutation.service.js";
import { Expert } from "./expert.type.js";

@Resolver(() => ExpertPayload)
export class ExpertMutationResolver {
  @PayloadMutation(() => ExpertPayload, { description: "Records an expert (expert coordinators and admins of the home institution)." })
  createExpert(@MutationInput(() => CreateExpertInput) input: CreateExpertInput, @Ctx() ctx: Context) {
    return createExpert(ctx, input);
  }

  @PayloadMutation(() => ExpertPayload, { description: "Changes an expert's names, specialty or home institution (expert coordinators and admins of the home institution)." })
  updateExpert(@MutationInput(() => UpdateExpertInput) input: UpdateExpertInput, @Ctx() ctx: Context) {
    return updateExpert(ctx, input);
  }

  @PayloadMutation(() => ExpertPayload, { description: "Marks an expert inactive from a date; dispatches and projects keep the expert." })
  deactivateExpert(@MutationInput(() => DeactivateExpertInput) input: DeactivateExpertInput, @Ctx() ctx: Context) {
    return deactivateExpert(ctx, input);
  }

  @PayloadField(() => Expert, { description: "The expert after the change." })
  expert(@Root() p: ExpertPayload, @Ctx() ctx: Context) {
    return expertById(ctx).load(p.expertId);
  }
}

export const expertMutationResolvers = [ExpertMutationResolver] as const;
