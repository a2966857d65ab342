import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { toGlobalId } from "../../shared/global-id.js";
import type { Tx } from "../../shared/mutation.js";
import { auditLog } from "../audit/audit.table.js";
import type { Viewer } from "../auth/auth.roles.js";
import { changeScope, changesAfter, latestChange, toChange, type ChangeRow } from "../changes/change.service.js";
import { webhookDeliveries, webhookEndpoints, type DeliveryError, type WebhookEndpointRow } from "./webhook.table.js";

// The delivery queue: new changes of the durable change feed become deliveries (one per endpoint and change,
// under the change feed's own scope for a caller of the endpoint's institution), and due deliveries are
// claimed by one process at a time (FOR UPDATE SKIP LOCKED, then a lease while it sends, outside any
// transaction). Only the oldest pending delivery of an entity is ever claimable for an endpoint, so an
// endpoint gets an entity's changes in feed order.

export type Position = [number, number];

/** The newest settled change of the feed: every change at or before it is final (none can appear behind it). */
export async function feedHead(db: Db | Tx): Promise<Position> {
  const last = await latestChange(db as Db);
  return last ? [last.txid, last.id] : [0, 0];
}

/** Whose view of the feed an endpoint gets: an admin of its institution's (the change feed's scope). */
export function endpointViewer(ep: Pick<WebhookEndpointRow, "institutionId">): Viewer {
  return { subject: "webhooks", role: "INSTITUTION_ADMIN", institutionId: ep.institutionId };
}

const BATCH = 500;

/** Whether any endpoint is active (one small read; the worker does nothing more while none is). */
export async function anyActiveEndpoint(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.active, true)).limit(1);
  return !!row;
}

/**
 * Turns the changes each active endpoint has not seen into deliveries and moves its cursor; endpoints another
 * process is enqueueing for are skipped (SKIP LOCKED). Returns the number of deliveries queued.
 */
export async function enqueue(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const head = await feedHead(tx);
    const endpoints = await tx
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.active, true), sql`(${webhookEndpoints.cursorTxid}, ${webhookEndpoints.cursorId}) < (${head[0]}::bigint, ${head[1]}::bigint)`))
      .orderBy(webhookEndpoints.id)
      .for("update", { skipLocked: true });
    let queued = 0;
    for (const ep of endpoints) {
      const scope = and(changeScope(endpointViewer(ep)), inArray(auditLog.entityType, ep.changeTypes));
      const rows = await changesAfter(tx as unknown as Db, [ep.cursorTxid, ep.cursorId], head, BATCH, scope);
      if (rows.length) {
        await tx
          .insert(webhookDeliveries)
          .values(rows.map((r) => ({ endpointId: ep.id, changeId: r.id, entityKey: `${r.entityType}:${r.entityId ?? `change-${r.id}`}` })))
          .onConflictDoNothing();
        queued += rows.length;
      }
      const to = rows.length === BATCH ? ([rows.at(-1)!.txid, rows.at(-1)!.id] as Position) : head;
      await tx.update(webhookEndpoints).set({ cursorTxid: to[0], cursorId: to[1] }).where(eq(webhookEndpoints.id, ep.id));
    }
    return queued;
  });
}

export interface Claimed {
  id: number;
  endpointId: number;
  /** Every attempt so far, this one included (replays keep the earlier ones). */
  attempts: number;
  /** Of those, the attempts made before the last replay. */
  attemptsBeforeReplay: number;
  url: string;
  secrets: string[];
  body: string;
}

/**
 * Claims up to `limit` due deliveries for this process: in one short statement, locks the due rows no other
 * process holds (SKIP LOCKED), and leases them for `leaseMs` (no one else claims them meanwhile). A delivery
 * is due when it is pending, its time has come, no lease holds it, and no older delivery of the same entity
 * to the same endpoint is pending.
 *
 * Fair between endpoints: an endpoint has at most `perEndpoint` deliveries leased at once (counted from the
 * leases in the database, so over every process), and the due deliveries are taken round-robin: every
 * endpoint's oldest due one before any endpoint's second. So a slow receiver holds at most its share of the
 * sending slots, and another endpoint's deliveries never queue behind its backlog. `exclude`: deliveries the
 * caller already attempted in this round (a failed one is retried in a later round, not in a loop of this one).
 */
export async function claimDue(db: Db, limit: number, leaseMs: number, perEndpoint = limit, exclude: readonly number[] = []): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    // The window (round-robin rank) is computed without locks (FOR UPDATE allows no window function); the rows
    // chosen are then locked, SKIP LOCKED, and checked again as locked (another process may have leased one).
    const claimed = (await tx.execute(sql`
      update ${webhookDeliveries} d
      set lease_until = now() + ${leaseMs} * interval '1 millisecond', attempts = d.attempts + 1, last_attempt_at = now()
      from (
        select c.id from ${webhookDeliveries} c
        where c.id in (
            select r.id from (
              select c2.id, c2.next_attempt_at, coalesce(b.busy, 0) as busy,
                row_number() over (partition by c2.endpoint_id order by c2.next_attempt_at, c2.id) as rank
              from ${webhookDeliveries} c2
              join ${webhookEndpoints} ep on ep.id = c2.endpoint_id and ep.active
              left join (select l.endpoint_id, count(*) as busy from ${webhookDeliveries} l
                         where l.status = 'PENDING' and l.lease_until >= now() group by l.endpoint_id) b on b.endpoint_id = c2.endpoint_id
              where c2.status = 'PENDING' and c2.next_attempt_at <= now() and (c2.lease_until is null or c2.lease_until < now())
                and c2.id <> all(string_to_array(${exclude.join(",")}, ',')::bigint[])
                and not exists (select 1 from ${webhookDeliveries} p
                                where p.endpoint_id = c2.endpoint_id and p.entity_key = c2.entity_key and p.status = 'PENDING' and p.id < c2.id)
            ) r
            where r.busy + r.rank <= ${perEndpoint}
            order by r.rank, r.next_attempt_at, r.id
            limit ${limit})
          and c.status = 'PENDING' and (c.lease_until is null or c.lease_until < now())
        for update of c skip locked
      ) due
      where d.id = due.id
      returning d.id, d.endpoint_id, d.change_id, d.attempts, d.attempts_before_replay`)) as unknown as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
    const list = (Array.isArray(claimed) ? claimed : (claimed.rows ?? [])).map((r) => ({
      id: Number(r.id),
      endpointId: Number(r.endpoint_id),
      changeId: Number(r.change_id),
      attempts: Number(r.attempts),
      attemptsBeforeReplay: Number(r.attempts_before_replay),
    }));
    if (!list.length) return [];
    const endpoints = new Map(
      (
        await tx
          .select()
          .from(webhookEndpoints)
          .where(inArray(webhookEndpoints.id, [...new Set(list.map((c) => c.endpointId))]))
      ).map((e) => [e.id, e]),
    );
    const changes = new Map(
      ((await tx.select().from(auditLog).where(inArray(auditLog.id, list.map((c) => c.changeId)))) as ChangeRow[]).map((c) => [c.id, c]),
    );
    const now = Date.now();
    return list.map((c) => {
      const ep = endpoints.get(c.endpointId)!;
      const change = changes.get(c.changeId);
      const previousValid = ep.previousSecret && ep.previousSecretExpiresAt && ep.previousSecretExpiresAt.getTime() > now;
      return {
        id: c.id,
        endpointId: c.endpointId,
        attempts: c.attempts,
        attemptsBeforeReplay: c.attemptsBeforeReplay,
        url: ep.url,
        secrets: previousValid ? [ep.secret, ep.previousSecret!] : [ep.secret],
        body: deliveryBody(c.id, c.endpointId, change),
      };
    });
  });
}

/** What is POSTed: the delivery's id (the same on every attempt: receivers deduplicate by it) and the change as the feed shows it. */
export function deliveryBody(deliveryId: number, endpointId: number, change: ChangeRow | undefined): string {
  const c = change ? toChange(change) : null;
  return JSON.stringify({
    id: toGlobalId("WebhookDelivery", deliveryId),
    endpointId: toGlobalId("WebhookEndpoint", endpointId),
    change: c && { cursor: c.cursor, entityType: c.entityType, entityId: c.entityId, action: c.action, at: c.at, enrollmentStatus: c.enrollmentStatus, data: c.data },
  });
}

export interface Outcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** The kind of failure (null when delivered). */
  code: DeliveryError | null;
}

/** Delay before retry `attempt` (1 = the first retry): doubling from `baseMs` up to `maxMs`, with jitter (half to all of it). */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const full = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(full / 2 + (random() * full) / 2);
}

/** Records an attempt: delivered; or retried later; or parked once retrying would pass `retryForMs` since it was queued (or replayed). */
export async function recordOutcome(db: Db, c: Pick<Claimed, "id" | "attempts" | "attemptsBeforeReplay">, o: Outcome, cfg: { backoffMs: number; backoffMaxMs: number; retryForMs: number }) {
  if (o.ok) {
    await db
      .update(webhookDeliveries)
      .set({ status: "DELIVERED", deliveredAt: sql`now()`, leaseUntil: null, lastStatusCode: o.statusCode, lastError: null, lastErrorCode: null })
      .where(eq(webhookDeliveries.id, c.id));
    return;
  }
  // Backing off from the first delay after a replay: the attempts since it count.
  const delay = backoffMs(Math.max(1, c.attempts - c.attemptsBeforeReplay), cfg.backoffMs, cfg.backoffMaxMs);
  await db.execute(sql`
    update ${webhookDeliveries}
    set lease_until = null, last_status_code = ${o.statusCode}, last_error = ${o.error}, last_error_code = ${o.code},
        next_attempt_at = now() + ${delay} * interval '1 millisecond',
        status = case when now() + ${delay} * interval '1 millisecond' > retry_from + ${cfg.retryForMs} * interval '1 millisecond' then 'PARKED' else 'PENDING' end
    where id = ${c.id}`);
}

/** Removes delivered deliveries older than `keepMs` from the log; returns how many. */
export async function sweepDelivered(db: Db, keepMs: number): Promise<number> {
  const gone = await db
    .delete(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "DELIVERED"), sql`${webhookDeliveries.deliveredAt} < now() - ${keepMs} * interval '1 millisecond'`))
    .returning({ id: webhookDeliveries.id });
  return gone.length;
}
