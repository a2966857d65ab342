import { createHash } from "node:crypto";
import http from "node:http";
import { Writable } from "node:stream";
import { auditServer } from "graphql-http";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_JWT_SECRET, httpConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { createServer } from "../../src/server.js";
import { openPgliteCopy } from "../helpers/templates.js";

const auth = { secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" };

/** A real HTTP server (in this process) on a migrated embedded database, with its log lines captured. */
async function start(env: Record<string, string> = {}) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split("\n")) if (l.trim()) lines.push(JSON.parse(l));
      cb();
    },
  });
  const database = await openPgliteCopy("migrated");
  const server = await createServer({ database, logger: pino({ level: "info" }, sink), auth, http: httpConfig(env) });
  const port = await server.listen(0, "127.0.0.1");
  return { url: `http://127.0.0.1:${port}/graphql`, base: `http://127.0.0.1:${port}`, lines, database, server };
}
type Running = Awaited<ReturnType<typeof start>>;

const json = async (res: Response): Promise<any> => res.json();
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("HTTP surface", () => {
  let s: Running;
  let db: Database;
  beforeAll(async () => {
    s = await start();
    db = s.database;
  });
  afterAll(async () => {
    await s.server.close();
    await db.close();
  });

  it("passes every MUST of the graphql-http audit suite; the SHOULDs it misses are the README's list", async () => {
    const results = await auditServer({ url: s.url });
    const failedMust = results.filter((r) => r.name.startsWith("MUST") && r.status !== "ok").map((r) => r.name);
    expect(failedMust).toEqual([]);
    const missedShould = results.filter((r) => r.name.startsWith("SHOULD") && r.status !== "ok").map((r) => r.name).sort();
    // Apollo Server answers 400 (not 200) to unparsable, invalid and badly typed requests even for
    // `accept: application/json`; the README's "Limits and errors" lists these with the reason.
    expect(missedShould).toEqual([
      "SHOULD use 200 status code on document parsing failure when accepting application/json",
      "SHOULD use 200 status code on document validation failure when accepting application/json",
      "SHOULD use a status code of 200 on variable coercion failure when accepting application/json",
    ]);
  });

  it("prevents CSRF: a simple GET without a preflight header is refused", async () => {
    const res = await fetch(`${s.url}?query=${encodeURIComponent("{ countries { code } }")}`);
    expect(res.status).toBe(400);
    const ok = await fetch(`${s.url}?query=${encodeURIComponent("{ countries { code } }")}`, { headers: { "apollo-require-preflight": "true" } });
    expect(ok.status).toBe(200);
  });

  it("refuses batched requests, oversized bodies and bad JSON with coded errors", async () => {
    const batch = await post(s.url, [{ query: "{ countries { code } }" }, { query: "{ countries { code } }" }]);
    expect(batch.status).toBe(400);
    const big = await post(s.url, { query: `{ countries { code } } # ${"x".repeat(2_100_000)}` });
    expect(big.status).toBe(413);
    expect((await json(big)).errors[0].extensions.code).toBe("BAD_REQUEST");
    const bad = await post(s.url, "{ not json");
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("answers POSTs the same on the direct path (JSON) and through Express (other content types, gzip)", async () => {
    // The direct path (graphql-post.handler.ts): a body streamed without content-length past the limit, a JSON
    // body that is not an object or array, a charset parameter.
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(s.url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      });
      req.on("error", reject);
      for (let i = 0; i < 25; i++) req.write(`${i ? "" : '{"query":"{ countries { code } } #'}${"x".repeat(100_000)}`);
      req.end('"}');
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).errors[0]).toMatchObject({ message: expect.stringContaining("2000000 bytes"), extensions: { code: "BAD_REQUEST" } });
    for (const text of ["1", '"query"', "null", ""]) {
      const res = await post(s.url, text);
      expect(res.status, text).toBe(400);
      expect((await json(res)).errors[0].extensions.code, text).toBe("BAD_REQUEST");
    }
    const charset = await post(s.url, { query: "{ countries { code } }" }, { "content-type": "application/json; charset=UTF-8", "x-request-id": "direct-1" });
    expect(charset.status).toBe(200);
    expect(charset.headers.get("x-request-id")).toBe("direct-1");
    expect(charset.headers.get("x-sql-statements")).toBe("1");
    expect((await json(charset)).data.countries).toEqual([]); // a migrated database, no seed
    // Through Express: a gzip body (body-parser inflates it) and a text/plain body (refused by CSRF prevention).
    const { gzipSync } = await import("node:zlib");
    const gz = await fetch(s.url, {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "gzip", "x-request-id": "express-1" },
      body: gzipSync(JSON.stringify({ query: "{ countries { code } }" })),
    });
    expect(gz.status).toBe(200);
    expect(gz.headers.get("x-request-id")).toBe("express-1");
    expect(gz.headers.get("x-sql-statements")).toBe("1");
    const plain = await fetch(s.url, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ query: "{ countries { code } }" }) });
    expect(plain.status).toBe(400);
    const lines = s.lines.filter((l) => l.requestId === "direct-1" || l.requestId === "express-1");
    expect(lines.map((l) => l.statements)).toEqual([1, 1]);
  });

  it("supports automatic persisted queries", async () => {
    const query = "{ countries { code } }";
    const sha256Hash = createHash("sha256").update(query).digest("hex");
    const ext = { persistedQuery: { version: 1, sha256Hash } };
    const miss = await json(await post(s.url, { extensions: ext }));
    expect(miss.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    const reg = await json(await post(s.url, { query, extensions: ext }));
    expect(reg.errors).toBeUndefined();
    const hit = await json(await post(s.url, { extensions: ext }));
    expect(hit.errors).toBeUndefined();
    expect(hit.data).toEqual(reg.data);
  });

  it("answers health and readiness, with the migrations applied", async () => {
    expect(await json(await fetch(`${s.base}/healthz`))).toEqual({ status: "ok" });
    const ready = await json(await fetch(`${s.base}/readyz`));
    expect(ready).toMatchObject({ status: "ready", database: "up" });
    expect(ready.migrations.applied).toBe(ready.migrations.expected);
  });

  it("logs one JSON line per request: id, operation, duration, statements, caller, error codes", async () => {
    const res = await post(s.url, { query: "query Countries { countries { code } }" }, { "x-request-id": "log-test-1" });
    expect(res.headers.get("x-request-id")).toBe("log-test-1");
    expect(res.headers.get("x-sql-statements")).toBe("1");
    await post(s.url, { query: "{ nope }" }, { "x-request-id": "log-test-2" });
    const one = s.lines.find((l) => l.requestId === "log-test-1");
    expect(one).toMatchObject({ msg: "graphql request", operationName: "Countries", statements: 1, caller: "anonymous" });
    expect(typeof one!.durationMs).toBe("number");
    expect(s.lines.find((l) => l.requestId === "log-test-2")).toMatchObject({ errorCodes: ["GRAPHQL_VALIDATION_FAILED"] });
  });
});

describe("HTTP surface in production", () => {
  let s: Running;
  beforeAll(async () => {
    s = await start({ NODE_ENV: "production", JWT_SECRET: "x".repeat(32), REQUEST_TIMEOUT_MS: "150" });
  });
  afterAll(async () => {
    await s.server.close();
    await s.database.close();
  });

  it("turns off introspection, field suggestions and Sandbox", async () => {
    const intro = await json(await post(s.url, { query: "{ __schema { types { name } } }" }));
    expect(intro.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const typo = await json(await post(s.url, { query: "{ countrys { code } }" }));
    expect(typo.errors[0].message).not.toMatch(/did you mean/i);
    const page = await fetch(s.url, { headers: { accept: "text/html" } });
    expect(await page.text()).not.toMatch(/sandbox/i);
  });

  it("answers a request that outlives REQUEST_TIMEOUT_MS with 503 SERVICE_UNAVAILABLE", async () => {
    // A client that trickles its body (slowloris) keeps the request open past the limit.
    const body = JSON.stringify({ query: "{ countries { code } }" });
    const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(s.url, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (r) => {
        let text = "";
        r.on("data", (c) => (text += c));
        r.on("end", () => resolve({ status: r.statusCode!, text }));
      });
      req.on("error", reject);
      req.write(body.slice(0, 5));
      setTimeout(() => req.end(body.slice(5)), 400);
    });
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text).errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");
  });
});
