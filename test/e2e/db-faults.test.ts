import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_JWT_SECRET, httpConfig } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { logger } from "../../src/logger.js";
import { createServer } from "../../src/server.js";
import { ADMIN_URL, createTestDatabase, postgresStatus } from "../helpers/postgres.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";

const pg = await postgresStatus();
const QUERY = JSON.stringify({ query: "{ countries { code } institutions(first: 1) { totalCount } }" });

// The API reaches PostgreSQL through a proxy this test cuts and restores; the machine's server is never stopped.
(pg.available ? describe : describe.skip)("database outage [postgres]", () => {
  const target = new URL(ADMIN_URL);
  const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  let database: Database;
  let drop: () => Promise<void>;
  let server: Awaited<ReturnType<typeof createServer>>;
  let base: string;

  const ask = async () => {
    const started = Date.now();
    const res = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: QUERY });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] }, ms: Date.now() - started };
  };

  beforeAll(async () => {
    const created = await createTestDatabase("xmu_fault", "migrated");
    drop = created.drop;
    const port = await proxy.start();
    const url = new URL(created.url);
    url.port = String(port);
    database = await openDatabase({ url: url.toString(), poolSize: 4, connectTimeoutSeconds: 2 });
    server = await createServer({ database, logger, auth: { secret: DEV_JWT_SECRET, issuer: "x", audience: "x" }, http: httpConfig({}) });
    base = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}`;
  });

  afterAll(async () => {
    await server?.close();
    await database?.close();
    await proxy.cut().catch(() => {});
    await drop?.();
  });

  it("serves while the database is up", async () => {
    const r = await ask();
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it("fails fast with SERVICE_UNAVAILABLE while it is down, and /readyz says so", async () => {
    await proxy.cut();
    for (let i = 0; i < 5; i++) {
      const r = await ask();
      expect(r.ms).toBeLessThan(5_000);
      expect(r.body.errors?.length).toBeGreaterThan(0);
      for (const e of r.body.errors ?? []) expect(e.extensions.code).toBe("SERVICE_UNAVAILABLE");
      expect(JSON.stringify(r.body)).not.toMatch(/ECONN|postgres|select|stack/i);
    }
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "unavailable", database: "down" });
    expect((await fetch(`${base}/healthz`)).status).toBe(200); // the process itself is fine
  });

  it("resumes by itself when the database returns, with no restart", async () => {
    await proxy.restore();
    let last: Awaited<ReturnType<typeof ask>> | undefined;
    for (let i = 0; i < 20; i++) {
      last = await ask();
      if (!last.body.errors) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(last?.body.errors).toBeUndefined();
    expect(last?.status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
if (!pg.available) console.warn(`[tests] database outage [postgres] skipped: ${pg.reason}`);
