import type { Database } from "../../db/client.js";
import type { AppLogger } from "../../logger.js";
import type { Viewer } from "../auth/auth.roles.js";
import { canSee, changeOrdering, changeScope, changesAfter, latestChange, type ChangeRow } from "./change.service.js";

type Position = [number, number];

/** A subscriber's queue: an async iterator that ends when the client unsubscribes or the hub closes. */
class Feed implements AsyncIterableIterator<ChangeRow> {
  private readonly queue: ChangeRow[] = [];
  private waiting?: (r: IteratorResult<ChangeRow>) => void;
  private done = false;
  live = false;
  readonly pending: ChangeRow[] = [];

  constructor(readonly viewer: Viewer | null, private readonly onEnd: (f: Feed) => void) {}

  push(row: ChangeRow) {
    if (this.done) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value: row, done: false });
    } else this.queue.push(row);
  }

  next(): Promise<IteratorResult<ChangeRow>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<ChangeRow>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  end() {
    if (this.done) return;
    this.done = true;
    this.onEnd(this);
    this.waiting?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/**
 * One per server process. LISTENs on PostgreSQL's `xmu_changes` channel (every committed change, from
 * any process, NOTIFYs it), reads the settled changes after the last one it delivered, and hands each
 * to the subscribers allowed to see it. A slow poll catches changes held back behind a transaction
 * that was still running when the notification came. With no subscriber it reads nothing (a write then
 * costs no extra statement): its position goes stale, and the next subscriber first moves it to the
 * newest settled change.
 */
export class ChangeHub {
  private position: Position | null = null;
  private stale = true;
  private settling?: Promise<void>;
  private readonly feeds = new Set<Feed>();
  private pulling?: Promise<void>;
  private again = false;
  private unlisten?: () => Promise<void>;
  private timer?: NodeJS.Timeout;

  private constructor(private readonly database: Database, private readonly logger: AppLogger) {}

  static async start(database: Database, logger: AppLogger, pollMs = 2_000): Promise<ChangeHub> {
    const hub = new ChangeHub(database, logger);
    hub.unlisten = await database.listen("xmu_changes", () => hub.wake());
    hub.timer = setInterval(() => hub.wake(), pollMs);
    hub.timer.unref();
    return hub;
  }

  /**
   * Moves a stale position to the newest settled change (after any pull in flight). Rows settled later
   * are after it: a row not yet settled belongs to a transaction newer than every settled one.
   */
  private settle(): Promise<void> {
    return (this.settling ??= (async () => {
      await this.pulling;
      const last = await latestChange(this.database.db);
      this.position = last ? [last.txid, last.id] : null;
      this.stale = false;
    })().finally(() => (this.settling = undefined)));
  }

  wake() {
    if (this.pulling) {
      this.again = true;
      return;
    }
    this.pulling = this.pull()
      .catch((e) => this.logger.warn({ err: e }, "change feed: pull failed; retrying on the next notification or poll"))
      .finally(() => {
        this.pulling = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async pull() {
    if (!this.feeds.size) {
      this.stale = true;
      return;
    }
    for (;;) {
      const rows = await changesAfter(this.database.db, this.position, null, 500);
      for (const row of rows) {
        this.position = changeOrdering.key(row) as Position;
        for (const f of this.feeds) {
          if (!canSee(f.viewer, row)) continue;
          if (f.live) f.push(row);
          else f.pending.push(row);
        }
      }
      if (rows.length < 500) return;
    }
  }

  /**
   * A live feed for a caller; with `after`, first the changes after that position up to now (replay),
   * then live ones, with nothing lost or repeated between the two.
   */
  async subscribe(viewer: Viewer | null, after: Position | null): Promise<AsyncIterableIterator<ChangeRow>> {
    // No await between the settled position and the feed joining: a pull in between would find no feed.
    if (this.stale) await this.settle();
    const feed = new Feed(viewer, (f) => this.feeds.delete(f));
    this.feeds.add(feed);
    const upTo = this.position;
    if (!after) {
      feed.live = true;
      return feed;
    }
    void (async () => {
      try {
        let from: Position = after;
        for (;;) {
          if (upTo && (from[0] > upTo[0] || (from[0] === upTo[0] && from[1] >= upTo[1]))) break;
          const rows = await changesAfter(this.database.db, from, upTo, 500, changeScope(viewer));
          for (const r of rows) feed.push(r);
          if (rows.length < 500) break;
          from = changeOrdering.key(rows.at(-1)!) as Position;
        }
        for (const r of feed.pending.splice(0)) feed.push(r);
        feed.live = true;
      } catch (e) {
        this.logger.warn({ err: e }, "change feed: replay failed");
        feed.end();
      }
    })();
    return feed;
  }

  async close() {
    clearInterval(this.timer);
    for (const f of [...this.feeds]) f.end();
    await this.unlisten?.().catch(() => {});
  }
}
