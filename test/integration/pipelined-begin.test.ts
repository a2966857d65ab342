import net from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { ADMIN_URL, createTestDatabase, postgresStatus } from "../helpers/postgres.js";

// The patched postgres.js sends BEGIN with a transaction's first statement (patches/postgres+3.4.9.patch). Statements
// issued together with that first one must go out in the same round trip too, as they do later in a transaction:
// registration sends its access check beside its look-up, and it waited for the look-up's answer before it went out
// (BENCHMARKS.md, "Single writes, sixth round"). Checked through a proxy that holds PostgreSQL's answers back: what
// the client sends meanwhile cannot have waited for an answer.

const pg = await postgresStatus();

/** A TCP proxy to PostgreSQL that keeps what the client sent, and holds the server's answers while `holding`. */
class HoldingProxy {
  private server?: net.Server;
  readonly sockets = new Set<net.Socket>();
  sent = "";
  holding = false;
  private held: { to: net.Socket; chunk: Buffer }[] = [];
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<number> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("error", () => s.destroy());
      }
      client.on("data", (c: Buffer) => ((this.sent += c.toString("latin1")), upstream.write(c)));
      upstream.on("data", (c: Buffer) => (this.holding ? this.held.push({ to: client, chunk: c }) : client.write(c)));
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
    return this.port;
  }

  release(): void {
    this.holding = false;
    for (const { to, chunk } of this.held.splice(0)) to.write(chunk);
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

(pg.available ? describe : describe.skip)("a transaction's first statements [postgres]", () => {
  let database: Database;
  let drop: () => Promise<void>;
  let proxy: HoldingProxy;

  beforeAll(async () => {
    let url: string;
    ({ url, drop } = await createTestDatabase("xmu_test"));
    const target = new URL(ADMIN_URL);
    proxy = new HoldingProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const through = new URL(url);
    through.hostname = "127.0.0.1";
    through.port = String(await proxy.start());
    database = await openDatabase({ url: through.toString(), poolSize: 1 });
    await database.db.execute(sql`select 1`); // connected, its types read: only the transaction's traffic follows
  });
  afterAll(async () => {
    await database?.close();
    await proxy?.stop();
    await drop?.();
  });

  it("go out with BEGIN in one round trip when issued together", async () => {
    proxy.sent = "";
    proxy.holding = true;
    const done = database.db.transaction(async (tx) => {
      const [a, b] = await Promise.all([tx.execute(sql`select 'first-of-two' as x`), tx.execute(sql`select 'second-of-two' as x`)]);
      return [a, b];
    });
    // No answer reaches the client while held: whatever it sent by now, it sent without waiting for one.
    await new Promise((r) => setTimeout(r, 300));
    const sentWhileHeld = proxy.sent;
    proxy.release();
    const [a, b] = await done;
    expect(sentWhileHeld).toContain("begin");
    expect(sentWhileHeld).toContain("first-of-two");
    expect(sentWhileHeld).toContain("second-of-two");
    expect([a, b].map((r) => (r as unknown as { x: string }[])[0].x)).toEqual(["first-of-two", "second-of-two"]);
  });
});
