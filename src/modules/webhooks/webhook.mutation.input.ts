import { Field, ID, InputType, Int, ObjectType } from "type-graphql";

const KEY = "Retrying with the same key returns the first result and writes nothing more.";
const TYPES = "Entity types of the change feed to receive (e.g. Enrollment, Student); each change the institution's admins may see in the feed is sent.";

@InputType("RegisterWebhookEndpointInput", { description: "A new webhook endpoint of an institution's system (admins of the institution)." })
export class RegisterWebhookEndpointInput {
  @Field(() => String, { nullable: true, description: `${KEY} A retry does not show the secret again.` })
  idempotencyKey?: string | null;

  @Field(() => ID, { nullable: true, description: "The institution whose system it is; the caller's own by default (platform admins must name one)." })
  institutionId?: string | null;

  @Field(() => String, { description: "An https:// URL (http:// only where the server allows it for development, WEBHOOKS_ALLOW_HTTP)." })
  url!: string;

  @Field(() => [String], { description: TYPES })
  changeTypes!: string[];

  @Field(() => String, { nullable: true, description: "What the endpoint is for: up to 5,000 characters, no control or text-direction characters." })
  description?: string | null;
}

@InputType("UpdateWebhookEndpointInput", { description: "Changes a webhook endpoint; fields left out stay as they are." })
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The endpoint." })
  endpointId!: string;

  @Field(() => String, { nullable: true, description: "A new URL, under the same rule as when registering." })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: TYPES })
  changeTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: "What the endpoint is for, as when registering; null clears it." })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: "False pauses it: changes meanwhile are not queued for it. True resumes from the next change." })
  active?: boolean | null;
}

@InputType("RotateWebhookSecretInput", { description: "Gives an endpoint a new secret; the old one keeps signing too (a second v1 signature) for an overlap." })
export class RotateWebhookSecretInput {
  @Field(() => String, { nullable: true, description: `${KEY} A retry does not show the secret again.` })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The endpoint." })
  endpointId!: string;

  @Field(() => Int, { nullable: true, description: "How long the old secret stays valid, in seconds (0 to 604800); the server's WEBHOOKS_ROTATION_OVERLAP_S by default." })
  overlapSeconds?: number | null;
}

@InputType("DeleteWebhookEndpointInput", { description: "Removes a webhook endpoint and its delivery log." })
export class DeleteWebhookEndpointInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The endpoint." })
  endpointId!: string;
}

@InputType("ReplayWebhookDeliveryInput", { description: "Sends a parked delivery again, with a fresh retry period." })
export class ReplayWebhookDeliveryInput {
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The parked delivery." })
  deliveryId!: string;
}

@ObjectType("WebhookEndpointPayload", { description: "The changed webhook endpoint, and its secret when the mutation made one." })
export class WebhookEndpointPayload {
  endpointId!: number;
  /** Only in the answer of the request that made it (not stored with an idempotency key). */
  secret?: string | null;
}

@ObjectType("DeleteWebhookEndpointPayload", { description: "What was deleted." })
export class DeleteWebhookEndpointPayload {
  @Field(() => ID, { nullable: true, description: "Global id of the deleted endpoint." })
  deletedEndpointId!: string;
}

@ObjectType("WebhookDeliveryPayload", { description: "The replayed delivery." })
export class WebhookDeliveryPayload {
  deliveryId!: number;
}
