import { Ctx, Resolver, Root } from "type-graphql";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import type { Context } from "../../context.js";
import {
  AddDispatchMembersInput,
  CancelDispatchInput,
  CompleteDispatchInput,
  CreateDispatchInput,
  DispatchPayload,
  StartDispatchInput,
} from "./dispatch.input.js";
import { addDispatchMembers, cancelDispatch, completeDispatch, createDispatch, startDispatch } from "./dispatch.service.js";
import { dispatchById } from "./expert.loaders.js";
import { Dispatch } from "./expert.type.js";

@Resolver()
export class DispatchMutationResolver {
  @PayloadMutation(() => DispatchPayload, {
    description:
      "Plans a dispatch (PLANNED): a team of experts of the sending institution or its hospitals, sent to a host institution for a date range and one or more purposes. Expert coordinators and institution admins of the sending institution.",
  })
  createDispatch(@MutationInput(() => CreateDispatchInput) input: CreateDispatchInput, @Ctx() ctx: Context) {
    return createDispatch(ctx, input);
  }

  @PayloadMutation(() => DispatchPayload, { description: "Adds experts, as MEMBERs, to the team of a PLANNED or IN_PROGRESS dispatch." })
  addDispatchMembers(@MutationInput(() => AddDispatchMembersInput) input: AddDispatchMembersInput, @Ctx() ctx: Context) {
    return addDispatchMembers(ctx, input);
  }

  @PayloadMutation(() => DispatchPayload, { description: "Records that a PLANNED dispatch is under way (IN_PROGRESS)." })
  startDispatch(@MutationInput(() => StartDispatchInput) input: StartDispatchInput, @Ctx() ctx: Context) {
    return startDispatch(ctx, input);
  }

  @PayloadMutation(() => DispatchPayload, {
    description: "Completes a PLANNED or IN_PROGRESS dispatch and records its outcome; a COMPLETED dispatch is final and keeps its outcome.",
  })
  completeDispatch(@MutationInput(() => CompleteDispatchInput) input: CompleteDispatchInput, @Ctx() ctx: Context) {
    return completeDispatch(ctx, input);
  }

  @PayloadMutation(() => DispatchPayload, {
    description: "Cancels a PLANNED or IN_PROGRESS dispatch; its experts are free again for other dispatches on those dates.",
  })
  cancelDispatch(@MutationInput(() => CancelDispatchInput) input: CancelDispatchInput, @Ctx() ctx: Context) {
    return cancelDispatch(ctx, input);
  }
}

// The payload carries the id (what an idempotent retry replays); the dispatch is loaded as in reads.
@Resolver(() => DispatchPayload)
export class DispatchPayloadResolver {
  @PayloadField(() => Dispatch, { description: "The dispatch after the change." })
  dispatch(@Root() p: DispatchPayload, @Ctx() ctx: Context) {
    return dispatchById(ctx).load(p.dispatchId);
  }
}

export const dispatchMutationResolvers = [DispatchMutationResolver, DispatchPayloadResolver] as const;
