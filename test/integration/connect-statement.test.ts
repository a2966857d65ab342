import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { CONNECT_STATEMENT, openDatabase } from "../../src/db/client.js";
import { ADMIN_URL, postgresStatus } from "../helpers/postgres.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";

// The patched postgres.js runs `connect_statement` once on every new connection before anything else on it
// (patches/postgres+3.4.9.patch); src/db/client.ts uses it so each backend frees one large block first, which
// keeps glibc from trimming its heap after every large read (BENCHMARKS.md, "The dashboard's statement").
// Checked on each way a connection is first used: a query, reserve(), begin(), with and without the driver's
// own array-type query, and a session variable that the statement sets tells whether it ran.

const pg = await postgresStatus();
if (!pg.available) console.warn(`[tests] connect statement [postgres] skipped: ${pg.reason}`);

const MARK = "select set_config('xmu.connected', 'yes', false)";

(pg.available ? describe : describe.skip)("a statement run on every new connection [postgres]", () => {
  const clients: postgres.Sql[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
  });
  const client = (fetch_types: boolean, max = 3) => {
    const c = postgres(ADMIN_URL, { max, fetch_types, onnotice: () => {}, connect_statement: MARK });
    clients.push(c);
    return c;
  };
  const connected = async (q: postgres.Sql | postgres.ReservedSql | postgres.TransactionSql) =>
    (await q<{ v: string | null }[]>`select current_setting('xmu.connected', true) as v`)[0].v;

  for (const fetchTypes of [true, false])
    it(`runs before the first query, reserve() and begin() of each connection (fetch_types: ${fetchTypes})`, async () => {
      // Three connections at once, each first used another way.
      const [plain, reserved, inTransaction] = await Promise.all([
        (async () => connected(client(fetchTypes)))(),
        (async () => {
          const r = await client(fetchTypes).reserve();
          try {
            return await connected(r);
          } finally {
            r.release();
          }
        })(),
        client(fetchTypes).begin((tx) => connected(tx)),
      ]);
      expect([plain, reserved, inTransaction]).toEqual(["yes", "yes", "yes"]);
      // Every connection of a pool that had to open several.
      const c = client(fetchTypes, 4);
      const pids = await Promise.all(
        Array.from({ length: 8 }, () => c<{ pid: number; v: string }[]>`select pg_backend_pid() as pid, current_setting('xmu.connected', true) as v, pg_sleep(0.05)`),
      );
      expect(new Set(pids.map((r) => r[0].pid)).size).toBeGreaterThan(1);
      expect(pids.map((r) => r[0].v)).toEqual(Array(8).fill("yes"));
    });

  it("does not fail the connection's first query when it fails itself (a statement timeout shorter than it, say)", async () => {
    const c = postgres(ADMIN_URL, { max: 2, onnotice: () => {}, connect_statement: "select 1/0" });
    clients.push(c);
    const [plain, inTransaction] = await Promise.all([c<{ n: number }[]>`select 1 as n`, c.begin((tx) => tx<{ n: number }[]>`select 2 as n`)]);
    expect([plain[0].n, inTransaction[0].n]).toEqual([1, 2]);
    const r = await c.reserve();
    try {
      expect((await r<{ n: number }[]>`select 3 as n`)[0].n).toBe(3);
    } finally {
      r.release();
    }
    const slow = postgres(ADMIN_URL, { max: 1, onnotice: () => {}, connection: { statement_timeout: 50 }, connect_statement: "select pg_sleep(1)" });
    clients.push(slow);
    expect((await slow<{ n: number }[]>`select 4 as n`)[0].n).toBe(4);
  });

  it("is what the API's connections run first, each of them", async () => {
    const target = new URL(ADMIN_URL);
    const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.start();
    target.host = `127.0.0.1:${proxy.port}`;
    const db = await openDatabase({ url: target.toString(), poolSize: 2 });
    try {
      await Promise.all([db.ping(), db.ping(), db.ping()]);
      const sent = proxy.sent;
      const connections = sent.split(CONNECT_STATEMENT).length - 1;
      expect(connections).toBeGreaterThanOrEqual(1);
      expect(connections).toBeLessThanOrEqual(2);
      expect(sent.indexOf(CONNECT_STATEMENT)).toBeLessThan(sent.indexOf("select 1"));
    } finally {
      await db.close();
      await proxy.cut();
    }
  });
});
