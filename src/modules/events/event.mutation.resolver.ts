import { Ctx, Resolver, Root } from "type-graphql";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import type { Context } from "../../context.js";
import { CooperationEventPayload, CreateCooperationEventInput, UpdateCooperationEventInput } from "./event.mutation.input.js";
import { createCooperationEvent, updateCooperationEvent } from "./event.mutation.service.js";
import { cooperationEvents, type CooperationEventRow } from "./event.table.js";
import { CooperationEvent } from "./event.type.js";

@Resolver(() => CooperationEventPayload)
export class CooperationEventMutationResolver {
  @PayloadMutation(() => CooperationEventPayload, { description: "Records a cooperation event (admins of an institution involved; platform admins)." })
  createCooperationEvent(@MutationInput(() => CreateCooperationEventInput) input: CreateCooperationEventInput, @Ctx() ctx: Context) {
    return createCooperationEvent(ctx, input);
  }

  @PayloadMutation(() => CooperationEventPayload, { description: "Changes a cooperation event (admins of an institution involved; platform admins)." })
  updateCooperationEvent(@MutationInput(() => UpdateCooperationEventInput) input: UpdateCooperationEventInput, @Ctx() ctx: Context) {
    return updateCooperationEvent(ctx, input);
  }

  @PayloadField(() => CooperationEvent, { description: "The event after the change." })
  event(@Root() p: CooperationEventPayload, @Ctx() ctx: Context) {
    return ctx.loaders.byKey<CooperationEventRow>("cooperationEvent", cooperationEvents, cooperationEvents.id, (r) => r.id).load(p.eventId);
  }
}

export const cooperationEventMutationResolvers = [CooperationEventMutationResolver] as const;
