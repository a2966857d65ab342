import { DateTimeResolver } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";
import { Connection } from "../../shared/connection.type.js";
import { graphqlEnum } from "../../shared/enum.js";
import { Node } from "../../shared/node.type.js";
import { DELIVERY_STATUSES } from "./webhook.table.js";

export const WebhookDeliveryStatus = graphqlEnum(DELIVERY_STATUSES, "WebhookDeliveryStatus", "Where a webhook delivery stands.", {
  PENDING: "Not delivered yet: waiting for its first attempt or its next retry.",
  DELIVERED: "The endpoint answered 2xx.",
  PARKED: "Retries ran out (WEBHOOKS_RETRY_FOR_S); sent again only when replayed.",
});

@ObjectType("WebhookEndpoint", {
  implements: Node,
  description: "An HTTPS endpoint of an institution's system that receives the changes of some entity types, signed with the endpoint's secret (never shown after the mutation that made it).",
})
export class WebhookEndpoint extends Node {
  institutionId!: number;

  @Field(() => String, { description: "Where deliveries are POSTed." })
  url!: string;

  @Field(() => [String], { description: "Entity types of the change feed this endpoint receives, e.g. Enrollment." })
  changeTypes!: string[];

  @Field(() => String, { nullable: true, description: "What the endpoint is for." })
  description!: string | null;

  @Field(() => Boolean, { description: "False: nothing is delivered (changes meanwhile are not queued)." })
  active!: boolean;

  @Field(() => DateTimeResolver, { nullable: true, description: "Until when the secret before the last rotation still signs deliveries (a second v1 signature)." })
  previousSecretExpiresAt!: Date | null;

  @Field(() => DateTimeResolver, { description: "When it was registered." })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { description: "When it last changed." })
  updatedAt!: Date;
}

@ObjectType("WebhookDelivery", { implements: Node, description: "One change sent (or to be sent) to one endpoint, with its attempts." })
export class WebhookDelivery extends Node {
  endpointId!: number;
  changeId!: number;

  @Field(() => WebhookDeliveryStatus, { description: "Pending, delivered or parked." })
  status!: string;

  @Field(() => Int, { description: "Attempts so far." })
  attempts!: number;

  @Field(() => DateTimeResolver, { description: "When it is (or was last) due to be sent." })
  nextAttemptAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: "When it was last sent." })
  lastAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: "The HTTP status the endpoint last answered; null when it did not answer." })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: "Why the last attempt failed (a status, a timeout, a refused connection)." })
  lastError!: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "When the endpoint accepted it." })
  deliveredAt!: Date | null;

  @Field(() => DateTimeResolver, { description: "When the change was queued for this endpoint." })
  createdAt!: Date;
}

export const WebhookEndpointConnection = Connection(WebhookEndpoint, "WebhookEndpoint");
export const WebhookDeliveryConnection = Connection(WebhookDelivery, "WebhookDelivery");
