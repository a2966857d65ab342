import { DateTimeResolver } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";
import { Connection } from "../../shared/connection.type.js";
import { graphqlEnum } from "../../shared/enum.js";
import { Node } from "../../shared/node.type.js";
import { DELIVERY_ERRORS, DELIVERY_STATUSES } from "./webhook.table.js";

export const WebhookDeliveryStatus = graphqlEnum(DELIVERY_STATUSES, "WebhookDeliveryStatus", "Where a webhook delivery stands.", {
  PENDING: "Not delivered yet: waiting for its first attempt or its next retry.",
  DELIVERED: "The endpoint answered 2xx.",
  PARKED: "Retries ran out (WEBHOOKS_RETRY_FOR_S); sent again only when replayed.",
});

export const WebhookDeliveryErrorCode = graphqlEnum(DELIVERY_ERRORS, "WebhookDeliveryErrorCode", "Why a webhook delivery's attempt failed.", {
  NAME_NOT_RESOLVED: "The endpoint's host name did not resolve (DNS: no such name, or no answer from the name servers).",
  ADDRESS_NOT_PUBLIC: "The endpoint's address, written or resolved, is not a public one: not connected to.",
  NO_CONNECTION: "No connection: refused, reset or a TLS failure (not told apart, so the log tells nothing about a host's ports).",
  TIMEOUT: "No answer within WEBHOOKS_TIMEOUT_MS.",
  HTTP_STATUS: "The endpoint answered with a status that is not 2xx (a redirect included): lastStatusCode.",
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

  @Field(() => Int, { description: "Attempts so far, those before a replay included (a replay makes a new attempt; it erases none)." })
  attempts!: number;

  @Field(() => Int, { description: "Of the attempts, those made before the last replay (0: never replayed)." })
  attemptsBeforeReplay!: number;

  @Field(() => DateTimeResolver, { description: "When it is (or was last) due to be sent." })
  nextAttemptAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: "When it was last sent." })
  lastAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: "The HTTP status the endpoint last answered; null when it did not answer." })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: "Why the last attempt failed (a status, a timeout, a refused connection)." })
  lastError!: string | null;

  @Field(() => WebhookDeliveryErrorCode, { nullable: true, description: "The kind of the last failure (a name that does not resolve, no connection, no answer in time, an HTTP status); null after a success or before any attempt." })
  lastErrorCode!: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "When the endpoint accepted it." })
  deliveredAt!: Date | null;

  @Field(() => DateTimeResolver, { description: "When the change was queued for this endpoint." })
  createdAt!: Date;
}

export const WebhookEndpointConnection = Connection(WebhookEndpoint, "WebhookEndpoint");
export const WebhookDeliveryConnection = Connection(WebhookDelivery, "WebhookDelivery");
