import { Ctx, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import {
  DeleteWebhookEndpointInput,
  DeleteWebhookEndpointPayload,
  RegisterWebhookEndpointInput,
  ReplayWebhookDeliveryInput,
  RotateWebhookSecretInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveryPayload,
  WebhookEndpointPayload,
} from "./webhook.mutation.input.js";
import { deleteWebhookEndpoint, registerWebhookEndpoint, replayWebhookDelivery, rotateWebhookSecret, updateWebhookEndpoint } from "./webhook.mutation.service.js";
import { webhookDeliveries, webhookEndpoints, type WebhookDeliveryRow, type WebhookEndpointRow } from "./webhook.table.js";
import { WebhookDelivery, WebhookEndpoint } from "./webhook.type.js";

@Resolver(() => WebhookEndpointPayload)
export class WebhookEndpointMutationResolver {
  @PayloadMutation(() => WebhookEndpointPayload, {
    description: "Registers a webhook endpoint for an institution's system (admins of the institution). The answer shows the signing secret, once.",
  })
  registerWebhookEndpoint(@MutationInput(() => RegisterWebhookEndpointInput) input: RegisterWebhookEndpointInput, @Ctx() ctx: Context) {
    return registerWebhookEndpoint(ctx, input);
  }

  @PayloadMutation(() => WebhookEndpointPayload, { description: "Changes a webhook endpoint's URL, change types, description, or pauses and resumes it (admins of its institution)." })
  updateWebhookEndpoint(@MutationInput(() => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput, @Ctx() ctx: Context) {
    return updateWebhookEndpoint(ctx, input);
  }

  @PayloadMutation(() => WebhookEndpointPayload, {
    description: "Gives a webhook endpoint a new signing secret, shown once in the answer; the old one keeps signing as well for the overlap (admins of its institution).",
  })
  rotateWebhookSecret(@MutationInput(() => RotateWebhookSecretInput) input: RotateWebhookSecretInput, @Ctx() ctx: Context) {
    return rotateWebhookSecret(ctx, input);
  }

  @PayloadField(() => WebhookEndpoint, { description: "The endpoint after the change." })
  endpoint(@Root() p: WebhookEndpointPayload, @Ctx() ctx: Context) {
    return ctx.loaders.byKey<WebhookEndpointRow>("webhookEndpoint", webhookEndpoints, webhookEndpoints.id, (r) => r.id).load(p.endpointId);
  }

  @PayloadField(() => String, {
    description: "The signing secret: only in the answer of the request that made it (a retry with the same idempotency key answers null). Store it now; it is never shown again.",
  })
  secret(@Root() p: WebhookEndpointPayload) {
    return p.secret ?? null;
  }
}

@Resolver(() => WebhookDeliveryPayload)
export class WebhookDeliveryMutationResolver {
  @PayloadMutation(() => DeleteWebhookEndpointPayload, { description: "Deletes a webhook endpoint and its delivery log (admins of its institution)." })
  deleteWebhookEndpoint(@MutationInput(() => DeleteWebhookEndpointInput) input: DeleteWebhookEndpointInput, @Ctx() ctx: Context) {
    return deleteWebhookEndpoint(ctx, input);
  }

  @PayloadMutation(() => WebhookDeliveryPayload, { description: "Sends a parked webhook delivery again, with a fresh retry period (admins of the endpoint's institution)." })
  replayWebhookDelivery(@MutationInput(() => ReplayWebhookDeliveryInput) input: ReplayWebhookDeliveryInput, @Ctx() ctx: Context) {
    return replayWebhookDelivery(ctx, input);
  }

  @PayloadField(() => WebhookDelivery, { description: "The delivery after the change." })
  delivery(@Root() p: WebhookDeliveryPayload, @Ctx() ctx: Context) {
    return ctx.loaders.byKey<WebhookDeliveryRow>("webhookDelivery", webhookDeliveries, webhookDeliveries.id, (r) => r.id).load(p.deliveryId);
  }
}

export const webhookMutationResolvers = [WebhookEndpointMutationResolver, WebhookDeliveryMutationResolver] as const;
