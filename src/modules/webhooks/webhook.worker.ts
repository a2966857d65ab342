import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { WebhookConfig } from "../../config.js";
import type { Database } from "../../db/client.js";
import { runInRequest } from "../../db/request-store.js";
import type { AppLogger } from "../../logger.js";
import { anyActiveEndpoint, claimDue, enqueue, recordOutcome, sweepDelivered, type Claimed, type Outcome } from "./webhook.queue.js";
import { isIpLiteral, isLocalName, isPublicAddress, NOT_PUBLIC, NOT_PUBLIC_CODE, publicOnlyLookup } from "./webhook.address.js";
import { SIGNATURE_HEADER, signatureHeader } from "./webhook.signature.js";
import type { DeliveryError } from "./webhook.table.js";

/** Extra lease time beyond the receiver's timeout: recording the outcome, a slow pool. */
const LEASE_MARGIN_MS = 30_000;
/** How often one process removes old delivered deliveries (WEBHOOKS_KEEP_DAYS). */
const SWEEP_EVERY_MS = 3_600_000;

/**
 * One per server process (WEBHOOKS_WORKER). Woken by every committed change (the change feed's NOTIFY) and
 * every WEBHOOKS_POLL_MS: queues new changes as deliveries, then sends the due ones, at most
 * WEBHOOKS_CONCURRENCY at once and WEBHOOKS_ENDPOINT_CONCURRENCY to one endpoint. A slot is refilled as soon as
 * its send ends (not when a whole batch has), and a change committed meanwhile is queued and claimed at once: a
 * slow receiver holds its own slots only. Each send is an HTTP POST with a timeout, outside any transaction: a
 * slow or failing receiver holds no database connection and no request of the API waits for it.
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
  /** Wakes a round waiting for a send to end (a new change, a poll, a stop). */
  private kick?: () => void;

  /**
   * Outbound connections: names resolved by publicOnlyLookup (a name resolving to an address that is not public
   * is refused), unless WEBHOOKS_ALLOW_HTTP (development: local receivers). Kept alive per worker.
   */
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  /** `resolve`: the DNS lookup under the public-address check (dns.lookup; tests inject their own). */
  constructor(private readonly database: Database, private readonly logger: AppLogger, private readonly cfg: WebhookConfig, resolve?: Parameters<typeof publicOnlyLookup>[0]) {
    const lookup = cfg.allowHttp ? (resolve as LookupFunction | undefined) : publicOnlyLookup(resolve);
    this.httpAgent = new http.Agent({ keepAlive: true, lookup });
    this.httpsAgent = new https.Agent({ keepAlive: true, lookup });
  }

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
      this.kick?.();
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

  /**
   * One round: queue new changes, then keep the sending slots filled until nothing is due and no send is under
   * way. A delivery is attempted once a round: a failed one is retried in a later round (a poll, a change), so
   * a round ends. Returns the number sent.
   */
  async runOnce(): Promise<number> {
    if (Date.now() - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = Date.now();
      await sweepDelivered(this.database.db, this.cfg.keepDeliveredMs);
    }
    this.idle = !(await anyActiveEndpoint(this.database.db));
    if (this.idle) return 0;
    await enqueue(this.database.db);
    const lease = this.cfg.timeoutMs + LEASE_MARGIN_MS;
    const perEndpoint = this.cfg.endpointConcurrency; // over every process (the leases); this one sends at most its own slots
    const sending = new Map<number, Promise<void>>();
    const attempted: number[] = [];
    let sent = 0;
    try {
      while (!this.stopped) {
        const free = this.cfg.concurrency - sending.size;
        const batch = free > 0 ? await claimDue(this.database.db, free, lease, perEndpoint, attempted) : [];
        attempted.push(...batch.map((c) => c.id));
        for (const c of batch)
          sending.set(
            c.id,
            this.deliver(c)
              .catch((e) => this.logger.warn({ err: e, delivery: c.id }, "webhooks: a send failed unexpectedly (the lease runs out and it is sent again)"))
              .finally(() => sending.delete(c.id)),
          );
        sent += batch.length;
        if (!sending.size) break;
        if (batch.length && sending.size < this.cfg.concurrency) continue; // more may be due
        // Wait for a slot to free, or for a wake (a new change to queue and claim beside the sends under way).
        const woken = await new Promise<boolean>((resolve) => {
          this.kick = () => resolve(true);
          void Promise.race(sending.values()).then(() => resolve(false));
        });
        this.kick = undefined;
        if (woken && this.again && !this.stopped) {
          this.again = false;
          await enqueue(this.database.db);
        }
      }
    } finally {
      this.kick = undefined;
      await Promise.allSettled(sending.values());
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
      const url = new URL(c.url);
      // A literal address is connected to without a lookup: checked here (an endpoint stored before the rule, too).
      if (!this.cfg.allowHttp && (isIpLiteral(url.hostname) ? !isPublicAddress(url.hostname) : isLocalName(url.hostname))) {
        return { ok: false, statusCode: null, error: NOT_PUBLIC, code: "ADDRESS_NOT_PUBLIC" };
      }
      const t = Math.floor(Date.now() / 1000);
      const status = await this.post(url, c.body, abort.signal, {
        "content-type": "application/json",
        "user-agent": "xmu-exchange-api-webhooks",
        "webhook-id": JSON.parse(c.body).id as string,
        "webhook-attempt": String(c.attempts),
        [SIGNATURE_HEADER]: signatureHeader(c.secrets, t, c.body),
      });
      const ok = status >= 200 && status < 300;
      return ok ? { ok: true, statusCode: status, error: null, code: null } : { ok: false, statusCode: status, error: `HTTP ${status}`, code: "HTTP_STATUS" };
    } catch (e) {
      if (abort.signal.aborted) return { ok: false, statusCode: null, error: `no answer within ${this.cfg.timeoutMs} ms`, code: "TIMEOUT" };
      return { ok: false, statusCode: null, ...this.failure(e) };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(abort);
    }
  }

  /** One POST (a redirect is not followed: its status is the answer); resolves with the status once the answer's head is in. */
  private post(url: URL, body: string, signal: AbortSignal, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const send = url.protocol === "https:" ? https.request : http.request;
      const req = send(url, { method: "POST", signal, agent: url.protocol === "https:" ? this.httpsAgent : this.httpAgent, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
        res.resume(); // the answer's body is not read
        res.on("error", () => {});
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  /**
   * The delivery log's text for a failed connection. In production (WEBHOOKS_ALLOW_HTTP off) it does not tell a
   * refused connection from a reset or a TLS failure, so that the log is no port scanner; a name resolving to an
   * address that is not public gets NOT_PUBLIC. With the development switch on: the error's code.
   */
  private failure(e: unknown): { error: string; code: DeliveryError } {
    const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code;
    if (code === NOT_PUBLIC_CODE) return { error: NOT_PUBLIC, code: "ADDRESS_NOT_PUBLIC" };
    if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA") return { error: "the endpoint's name does not resolve", code: "NAME_NOT_RESOLVED" };
    if (!this.cfg.allowHttp) return { error: "no connection to the endpoint (refused, reset or a TLS failure)", code: "NO_CONNECTION" };
    return { error: (code ?? (e as Error).message ?? "request failed").slice(0, 200), code: "NO_CONNECTION" };
  }

  /**
   * Stops: no new round starts; the round under way ends after its sends (each bounded by the timeout), or, past
   * `graceMs`, its sends are aborted (their deliveries are retried: their lease runs out).
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    this.kick?.();
    clearInterval(this.timer);
    await this.unlisten?.().catch(() => {});
    if (this.running) {
      const timer = setTimeout(() => {
        for (const a of this.inFlight) a.abort(new Error("shutting down"));
      }, graceMs);
      await this.running;
      clearTimeout(timer);
    }
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
