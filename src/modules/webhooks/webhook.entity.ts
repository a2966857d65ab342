import { eq, sql, type SQL } from "drizzle-orm";
import { ID } from "type-graphql";
import { connection, entity, expr, one, rootConnection, type Who } from "../../engine/entity.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import type { Ordering } from "../../shared/pagination.js";
import { auditLog } from "../audit/audit.table.js";
import { Institution } from "../institutions/institution.type.js";
import { webhookDeliveries, webhookEndpoints, type WebhookDeliveryRow, type WebhookEndpointRow } from "./webhook.table.js";
import { WebhookDelivery, WebhookDeliveryConnection, WebhookDeliveryStatus, WebhookEndpoint, WebhookEndpointConnection } from "./webhook.type.js";

// Webhook endpoints and their delivery logs: platform admins see all; an institution admin its own
// institution's; nobody else any (on every path: the lists, node(id)).

const endpointOrdering: Ordering<WebhookEndpointRow> = { name: "webhookEndpoint.id", columns: [webhookEndpoints.id], key: (r) => [r.id] };
/** A delivery log, oldest first (the order the changes were queued in); `last` gives the newest. */
const deliveryOrdering: Ordering<WebhookDeliveryRow> = { name: "webhookDelivery.id", columns: [webhookDeliveries.id], key: (r) => [r.id] };

const outOfScope = () => new AppError(ErrorCode.FORBIDDEN, "Only an institution's admins (and platform admins) see its webhook endpoints");

export function endpointScope(t: typeof webhookEndpoints, v: Who): SQL | undefined | false {
  if (v?.role === "PLATFORM_ADMIN") return undefined;
  if (v?.role === "INSTITUTION_ADMIN" && v.institutionId != null) return eq(t.institutionId, v.institutionId);
  return false;
}

function deliveryScope(t: typeof webhookDeliveries, v: Who): SQL | undefined | false {
  if (v?.role === "PLATFORM_ADMIN") return undefined;
  if (v?.role === "INSTITUTION_ADMIN" && v.institutionId != null)
    return sql`exists (select 1 from ${webhookEndpoints} we where we.id = ${t.endpointId} and we.institution_id = ${v.institutionId})`;
  return false;
}

entity({
  name: "WebhookEndpoint",
  type: () => WebhookEndpoint,
  table: webhookEndpoints,
  key: "id",
  node: true,
  scope: endpointScope,
  outOfScope,
  fields: {
    institution: one("Institution", "institutionId", { type: () => Institution, description: "The institution whose system it is." }),
    deliveries: connection<typeof webhookDeliveries>("WebhookDelivery", {
      via: "endpointId",
      ordering: deliveryOrdering as never,
      where: (t, args) => (args.status ? eq(t.status, args.status as WebhookDeliveryRow["status"]) : undefined),
      meta: {
        type: () => WebhookDeliveryConnection,
        description: "Its delivery log, oldest first (`last: n` for the newest).",
        argsType: () => PageArgsType,
        args: { status: { type: () => WebhookDeliveryStatus, nullable: true, description: "Only deliveries with this status." } },
      },
    }),
  },
  roots: {
    webhookEndpoints: rootConnection<typeof webhookEndpoints>(endpointOrdering as never, {
      type: () => WebhookEndpointConnection,
      description: "Webhook endpoints, by id: an institution admin's own institution's; every one for platform admins.",
      argsType: () => PageArgsType,
    }),
    webhookEndpoint: {
      kind: "byId",
      arg: "id",
      meta: { type: () => WebhookEndpoint, nullable: true, description: "One webhook endpoint by id; null when there is none.", args: { id: { type: () => ID, description: "Global id." } } },
    },
  },
});

entity({
  name: "WebhookDelivery",
  type: () => WebhookDelivery,
  table: webhookDeliveries,
  key: "id",
  node: true,
  scope: deliveryScope,
  outOfScope,
  fields: {
    endpoint: one("WebhookEndpoint", "endpointId", { type: () => WebhookEndpoint, description: "The endpoint it goes to." }),
    action: expr<typeof webhookDeliveries>((t) => sql`coalesce((select a.action from ${auditLog} a where a.id = ${t.changeId}), '')`, {
      type: () => String,
      description: "The change's action, e.g. enrollment.transition.",
    }),
    entityType: expr<typeof webhookDeliveries>((t) => sql`split_part(${t.entityKey}, ':', 1)`, { type: () => String, description: "The changed object's type, e.g. Enrollment." }),
  },
});
