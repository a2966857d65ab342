import type { WebhookConfig } from "../../config.js";
import type { Database } from "../../db/client.js";
import { runInRequest } from "../../db/request-store.js";
import type { AppLogger } from "../../logger.js";
import { anyActiveEndpoint, claimDue, enqueue, recordOutcome, sweepDelivered, type Claimed, type Outcome } from "./webhook.queue.js";
import { SIGNATURE_HEADER, signatureHeader } from "./webhook.signature.js";

/** Extra lease time beyond the receiver's timeout: recording the outcome, a slow pool. */
const LEASE_MARGIN_MS = 30_000;
/** How often one process removes old delivered deliveries (WEBHOOKS_KEEP_DAYS). */
const SWEEP_EVERY_MS = 3_600_000;

/**
 * One per server process (WEBHOOKS_WORKER). Woken by every committed change (the change feed's NOTIFY) and
 * every WEBHOOKS_POLL_MS: queues new changes as deliveries, then sends the due ones, at most
 * WEBHOOKS_CONCURRENCY at once. Each send is an HTTP POST with a timeout, outside any transaction: a slow or
 * failing receiver holds no database connection and no request of the API waits for it.
 */
export class WebhookWorker {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private failing = false;
  /** No active endpoint at the last round: nothing to queue or send. */
  private idle = false;
  private lastSweep = 0;
  private timer?: NodeJS.Timeout;
  private unlisten?: () => Promise<void>;
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly database: Database, private readonly logger: AppLogger, private readonly cfg: WebhookConfig) {}

  static async start(database: Database, logger: AppLogger, cfg: WebhookConfig): Promise<WebhookWorker> {
    const w = new WebhookWorker(database, logger, cfg);
    // A change wakes the worker only while some endpoint is active: with none, a change costs it nothing (the poll notices new endpoints).
    w.unlisten = await database.listen("xmu_changes", () => {
      if (!w.idle) w.wake();
    });
    w.timer = setInterval(() => w.wake(), cfg.pollMs);
    w.timer.unref();
    w.wake();
    return w;
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = runInRequest({ requestId: "webhooks", statements: 0 }, () => this.runOnce())
      .then(() => {
        if (this.failing) this.logger.info("webhooks: rounds succeed again");
        this.failing = false;
      })
      .catch((e) => {
        // Once per outage (the database unreachable), not once per poll.
        if (!this.failing) this.logger.warn({ err: e }, "webhooks: a round failed; retrying on the next change or poll");
        this.failing = true;
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** One round: queue new changes, then send due deliveries until none is due. Returns the number sent. */
  async runOnce(): Promise<number> {
    if (Date.now() - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = Date.now();
      await sweepDelivered(this.database.db, this.cfg.keepDeliveredMs);
    }
    this.idle = !(await anyActiveEndpoint(this.database.db));
    if (this.idle) return 0;
    await enqueue(this.database.db);
    let sent = 0;
    while (!this.stopped) {
      const batch = await claimDue(this.database.db, this.cfg.concurrency, this.cfg.timeoutMs + LEASE_MARGIN_MS);
      if (!batch.length) break;
      await Promise.all(batch.map((c) => this.deliver(c)));
      sent += batch.length;
    }
    return sent;
  }

  private async deliver(c: Claimed): Promise<void> {
    const outcome = await this.send(c);
    if (!outcome.ok) this.logger.info({ delivery: c.id, endpoint: c.endpointId, attempt: c.attempts, status: outcome.statusCode, error: outcome.error }, "webhooks: delivery failed");
    await recordOutcome(this.database.db, c, outcome, this.cfg).catch((e) => this.logger.warn({ err: e, delivery: c.id }, "webhooks: recording an attempt failed (the lease runs out and it is sent again)"));
  }

  private async send(c: Claimed): Promise<Outcome> {
    const abort = new AbortController();
    this.inFlight.add(abort);
    const timer = setTimeout(() => abort.abort(new Error("timeout")), this.cfg.timeoutMs);
    try {
      const t = Math.floor(Date.now() / 1000);
      const res = await fetch(c.url, {
        method: "POST",
        body: c.body,
        redirect: "manual",
        signal: abort.signal,
        headers: {
          "content-type": "application/json",
          "user-agent": "xmu-exchange-api-webhooks",
          "webhook-id": JSON.parse(c.body).id as string,
          "webhook-attempt": String(c.attempts),
          [SIGNATURE_HEADER]: signatureHeader(c.secrets, t, c.body),
        },
      });
      await res.body?.cancel().catch(() => {});
      return res.ok ? { ok: true, statusCode: res.status, error: null } : { ok: false, statusCode: res.status, error: `HTTP ${res.status}` };
    } catch (e) {
      const timedOut = abort.signal.aborted;
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      return { ok: false, statusCode: null, error: timedOut ? `no answer within ${this.cfg.timeoutMs} ms` : (cause ?? (e as Error).message ?? "request failed").slice(0, 200) };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(abort);
    }
  }

  /**
   * Stops: no new round starts; the round under way ends after its sends (each bounded by the timeout), or, past
   * `graceMs`, its sends are aborted (their deliveries are retried: their lease runs out).
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.unlisten?.().catch(() => {});
    if (!this.running) return;
    const timer = setTimeout(() => {
      for (const a of this.inFlight) a.abort(new Error("shutting down"));
    }, graceMs);
    await this.running;
    clearTimeout(timer);
  }
}
