import { eq, sql } from "drizzle-orm";
import { webhookConfig } from "../../config.js";
import type { Context } from "../../context.js";
import { optionalText } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId, toGlobalId } from "../../shared/global-id.js";
import { runMutation } from "../../shared/mutation.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize, requireAccess } from "../auth/require-access.js";
import { requireActiveInstitutions } from "../institutions/institution.mutation.service.js";
import type {
  DeleteWebhookEndpointInput,
  RegisterWebhookEndpointInput,
  ReplayWebhookDeliveryInput,
  RotateWebhookSecretInput,
  UpdateWebhookEndpointInput,
} from "./webhook.mutation.input.js";
import { isIpLiteral, isLocalName, isPublicAddress } from "./webhook.address.js";
import { feedHead } from "./webhook.queue.js";
import { newSecret } from "./webhook.signature.js";
import { webhookDeliveries, webhookEndpoints } from "./webhook.table.js";

/** The entity types of the change feed an endpoint may ask for (IdentityReview: platform admins' only, never sent). */
export const WEBHOOK_CHANGE_TYPES = [
  "AcademicTerm", "Agreement", "AgreementVersion", "Cohort", "CooperationEvent", "CourseResult", "Curriculum", "Dispatch", "Enrollment", "Expert", "Institution",
  "JointLab", "LabMilestone", "LabOutput", "LabProject", "Offering", "Program", "Recognition", "Student", "TelemedicineLink",
] as const;
const KNOWN = new Set<string>(WEBHOOK_CHANGE_TYPES);

const MAX_OVERLAP_S = 7 * 86_400;

/** An https:// URL without credentials; http:// and hosts that are not public (this machine, a private network) only with WEBHOOKS_ALLOW_HTTP. */
export function checkUrl(raw: string, field: string, allowHttp = webhookConfig().allowHttp): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw badInput(field, "is not a URL");
  }
  if (raw.length > 2000) throw badInput(field, "is longer than 2000 characters");
  if (u.protocol === "http:" && !allowHttp) throw badInput(field, "must be an https:// URL (http:// only where the server allows it for development)");
  if (u.protocol !== "https:" && u.protocol !== "http:") throw badInput(field, "must be an https:// URL");
  if (u.username || u.password) throw badInput(field, "must not carry a user name or password");
  // Literal addresses by their range (ipaddr.js; an IPv4-mapped IPv6 address as its IPv4 one); names by what always
  // means this machine. Other names are checked when a delivery connects (webhook.address.ts: publicOnlyLookup).
  const local = isIpLiteral(u.hostname) ? !isPublicAddress(u.hostname) : isLocalName(u.hostname);
  if (local && !allowHttp) throw badInput(field, "must not point at this machine or a private network (only at a public address)");
  return u.toString();
}

function checkTypes(types: readonly string[], field: string): string[] {
  if (!types.length) throw badInput(field, "name at least one change type");
  // Each known type once at most: a longer list is refused before it is read through.
  if (types.length > WEBHOOK_CHANGE_TYPES.length) throw badInput(field, `name at most ${WEBHOOK_CHANGE_TYPES.length} change types (each known one once)`);
  types.forEach((t, i) => {
    if (!KNOWN.has(t)) throw badInput(`${field}[${i}]`, `unknown change type "${t}"; one of ${WEBHOOK_CHANGE_TYPES.join(", ")}`);
  });
  return [...new Set(types)];
}

/** What the endpoint is for: text as other descriptions are (args.ts checkText: length, no control or bidi characters). */
const DESCRIPTION_MAX = 5000;

/**
 * Endpoints one institution may have: the delivery workers share WEBHOOKS_CONCURRENCY sends among all endpoints,
 * so an institution with many slow endpoints would hold the others' deliveries back (each waits up to the timeout).
 */
export const MAX_ENDPOINTS_PER_INSTITUTION = 10;

const shown = (r: { url: string; changeTypes: string[]; description: string | null; active: boolean }) => ({
  url: r.url,
  changeTypes: r.changeTypes,
  description: r.description,
  active: r.active,
});

/**
 * The secret a run of the mutation made, if it is the one committed: runMutation may run the work again after a
 * deadlock, or answer a stored result (an idempotency key), and then a secret made by a rolled-back attempt is none.
 */
async function committedSecret(ctx: Context, endpointId: number, made: string | null): Promise<string | null> {
  if (made == null) return null;
  const [row] = await ctx.db.select({ secret: webhookEndpoints.secret }).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
  return row?.secret === made ? made : null;
}

export async function registerWebhookEndpoint(ctx: Context, input: RegisterWebhookEndpointInput) {
  const v = requireRole(ctx, rolesOf(Permission.WebhookCreate));
  const institutionId = input.institutionId ? fromGlobalId(input.institutionId, "Institution", "input.institutionId") : v.institutionId;
  if (institutionId == null) throw badInput("input.institutionId", "name the institution whose system it is");
  await requireAccess(ctx, Permission.WebhookCreate, [institutionId], { field: "input.institutionId" });
  const url = checkUrl(input.url, "input.url");
  const changeTypes = checkTypes(input.changeTypes, "input.changeTypes");
  const description = optionalText(input.description, "input.description", DESCRIPTION_MAX) ?? null;
  let secret: string | null = null;
  const result = await runMutation(ctx, {
    operation: "registerWebhookEndpoint",
    input,
    run: async (tx) => {
      await requireActiveInstitutions(tx, [institutionId], () => "input.institutionId");
      // Two registrations at once count one after the other (a lock per institution, until the transaction ends).
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('webhook_endpoints'), ${institutionId}::int)`);
      const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(webhookEndpoints).where(eq(webhookEndpoints.institutionId, institutionId));
      if (Number(n) >= MAX_ENDPOINTS_PER_INSTITUTION)
        throw new AppError(ErrorCode.CONFLICT, `An institution may have at most ${MAX_ENDPOINTS_PER_INSTITUTION} webhook endpoints: delete one first`, { field: "input.institutionId" });
      const head = await feedHead(tx);
      const made = newSecret();
      const [row] = await tx
        .insert(webhookEndpoints)
        .values({ institutionId, url, changeTypes, description, secret: made, cursorTxid: head[0], cursorId: head[1] })
        .returning();
      await audit(tx, ctx, { action: "webhookEndpoint.register", entityType: "WebhookEndpoint", entityId: row.id, after: shown(row) });
      secret = made;
      return { endpointId: row.id };
    },
  });
  return { ...result, secret: await committedSecret(ctx, result.endpointId, secret) };
}

export async function updateWebhookEndpoint(ctx: Context, input: UpdateWebhookEndpointInput) {
  requireRole(ctx, rolesOf(Permission.WebhookUpdate));
  const id = fromGlobalId(input.endpointId, "WebhookEndpoint", "input.endpointId");
  const url = input.url != null ? checkUrl(input.url, "input.url") : undefined;
  const changeTypes = input.changeTypes != null ? checkTypes(input.changeTypes, "input.changeTypes") : undefined;
  // null clears it; left out, it stays.
  const description = optionalText(input.description, "input.description", DESCRIPTION_MAX);
  return runMutation(ctx, {
    operation: "updateWebhookEndpoint",
    input,
    run: async (tx) => {
      const [ep] = await lockAndAuthorize(tx, ctx, Permission.WebhookUpdate, [id], { field: "input.endpointId", given: input.endpointId }, {
        institutionId: webhookEndpoints.institutionId,
        active: webhookEndpoints.active,
      });
      // Resumed: from the next change on (what happened while it was paused is not sent).
      const resume = input.active === true && !ep.active ? await feedHead(tx) : null;
      const [row] = await tx
        .update(webhookEndpoints)
        .set({
          url,
          changeTypes,
          description,
          active: input.active ?? undefined,
          ...(resume ? { cursorTxid: resume[0], cursorId: resume[1] } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(webhookEndpoints.id, id))
        .returning();
      await audit(tx, ctx, { action: "webhookEndpoint.update", entityType: "WebhookEndpoint", entityId: id, after: shown(row) });
      return { endpointId: id };
    },
  });
}

export async function rotateWebhookSecret(ctx: Context, input: RotateWebhookSecretInput) {
  requireRole(ctx, rolesOf(Permission.WebhookUpdate));
  const id = fromGlobalId(input.endpointId, "WebhookEndpoint", "input.endpointId");
  const overlapS = input.overlapSeconds ?? webhookConfig().rotationOverlapMs / 1000;
  if (!Number.isInteger(overlapS) || overlapS < 0 || overlapS > MAX_OVERLAP_S) throw badInput("input.overlapSeconds", `must be from 0 to ${MAX_OVERLAP_S}`);
  let secret: string | null = null;
  const result = await runMutation(ctx, {
    operation: "rotateWebhookSecret",
    input,
    run: async (tx) => {
      await lockAndAuthorize(tx, ctx, Permission.WebhookUpdate, [id], { field: "input.endpointId", given: input.endpointId }, {
        institutionId: webhookEndpoints.institutionId,
      });
      const made = newSecret();
      const [row] = await tx
        .update(webhookEndpoints)
        .set({
          previousSecret: sql`${webhookEndpoints.secret}`,
          previousSecretExpiresAt: sql`now() + ${overlapS} * interval '1 second'`,
          secret: made,
          updatedAt: sql`now()`,
        })
        .where(eq(webhookEndpoints.id, id))
        .returning({ until: webhookEndpoints.previousSecretExpiresAt });
      await audit(tx, ctx, { action: "webhookEndpoint.rotateSecret", entityType: "WebhookEndpoint", entityId: id, after: { previousSecretExpiresAt: row.until } });
      secret = made;
      return { endpointId: id };
    },
  });
  return { ...result, secret: await committedSecret(ctx, result.endpointId, secret) };
}

export async function deleteWebhookEndpoint(ctx: Context, input: DeleteWebhookEndpointInput) {
  requireRole(ctx, rolesOf(Permission.WebhookUpdate));
  const id = fromGlobalId(input.endpointId, "WebhookEndpoint", "input.endpointId");
  return runMutation(ctx, {
    operation: "deleteWebhookEndpoint",
    input,
    run: async (tx) => {
      const [ep] = await lockAndAuthorize(tx, ctx, Permission.WebhookUpdate, [id], { field: "input.endpointId", given: input.endpointId }, {
        institutionId: webhookEndpoints.institutionId,
        url: webhookEndpoints.url,
      });
      await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
      await audit(tx, ctx, { action: "webhookEndpoint.delete", entityType: "WebhookEndpoint", entityId: id, before: { url: ep.url } });
      return { deletedEndpointId: toGlobalId("WebhookEndpoint", id) };
    },
  });
}

export async function replayWebhookDelivery(ctx: Context, input: ReplayWebhookDeliveryInput) {
  requireRole(ctx, rolesOf(Permission.WebhookReplay));
  const id = fromGlobalId(input.deliveryId, "WebhookDelivery", "input.deliveryId");
  return runMutation(ctx, {
    operation: "replayWebhookDelivery",
    input,
    run: async (tx) => {
      const [d] = await lockAndAuthorize(tx, ctx, Permission.WebhookReplay, [id], { field: "input.deliveryId", given: input.deliveryId }, {
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        institutionId: sql<number>`(select we.institution_id from webhook_endpoints we where we.id = webhook_deliveries.endpoint_id)`,
      });
      if (d.status !== "PARKED") throw new AppError(ErrorCode.CONFLICT, `Only a parked delivery is replayed; this one is ${d.status}`, { field: "input.deliveryId" });
      await tx
        .update(webhookDeliveries)
        // A new attempt, not a fresh start: the attempts made stay counted (the log's history); the retry period
        // and the backoff start again.
        .set({ status: "PENDING", attemptsBeforeReplay: d.attempts, nextAttemptAt: sql`now()`, retryFrom: sql`now()`, leaseUntil: null })
        .where(eq(webhookDeliveries.id, id));
      await audit(tx, ctx, { action: "webhookDelivery.replay", entityType: "WebhookDelivery", entityId: id, after: { status: "PENDING", attempts: d.attempts } });
      return { deliveryId: id };
    },
  });
}
