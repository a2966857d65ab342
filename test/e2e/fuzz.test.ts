import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../../seeds/random.js";
import { DEV_JWT_SECRET, httpConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { logger } from "../../src/logger.js";
import { mintToken } from "../../src/modules/auth/auth.service.js";
import { createSchema } from "../../src/schema.js";
import { createServer } from "../../src/server.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildServer, startBuiltServer } from "../helpers/built-server.js";
import { createTestDatabase, postgresStatus } from "../helpers/postgres.js";
import { jsonClient } from "../helpers/http-client.js";
import type { ServerProcess } from "../helpers/server-process.js";
import { openPgliteCopy } from "../helpers/templates.js";

// Thousands of generated operations — valid and invalid queries and mutations drawn from the schema, wrong
// variable types, huge strings, deep nesting, unknown fields, bad ids and cursors, broken syntax — against
// the real HTTP server. Whatever comes in: no 5xx, no crash, every error coded, no stack or SQL in a body.

// How many: FUZZ_OPERATIONS (in-process server) and FUZZ_BUILT_OPERATIONS (compiled server, sent once as a platform
// admin and once anonymously). The defaults keep `npm test` within its time; the seeds are fixed, so a run is the
// first N operations of the same sequence and a larger N only adds operations (FUZZ_BUILT_OPERATIONS=10000 is the
// run of issue 11). Other seeds: FUZZ_SEED, FUZZ_BUILT_SEED.
const OPERATIONS = Number(process.env.FUZZ_OPERATIONS ?? 1_500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
/** The compiled server's run: a seed of its own, sent this many at a time. */
const BUILT_OPERATIONS = Number(process.env.FUZZ_BUILT_OPERATIONS ?? 2_500);
const BUILT_SEED = Number(process.env.FUZZ_BUILT_SEED ?? 20261124);
const BUILT_CONCURRENCY = 8;

const rng = mulberry32;

const LEAK = /(\bselect\b[\s\S]*\bfrom\b|\binsert into\b|\bupdate \w+ set\b|violates|constraint "|relation "|\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|stacktrace)/i;

class Generator {
  constructor(private readonly schema: GraphQLSchema, private readonly r: () => number) {}
  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  private chance(p: number) {
    return this.r() < p;
  }

  private nasty(): unknown {
    return this.pick<unknown>([
      "",
      "x".repeat(100_000),
      "'; drop table students; --",
      "😀🙃 中文 Қазақ",
      "\u0000",
      -1,
      0,
      2 ** 31,
      -(2 ** 53),
      1.5,
      true,
      null,
      [],
      {},
      "eyJub3QiOiJhIGN1cnNvciJ9",
      "SW5zdGl0dXRpb246OTk5OTk5OTk5OTk5",
      "../../etc/passwd",
    ]);
  }

  scalar(name: string): unknown {
    if (this.chance(0.15)) return this.nasty();
    switch (name) {
      case "Int":
      case "NonNegativeInt":
        return this.pick([1, 2, 5, 10, 20, 100, 101, 0, -3, 2023, 2024, 99999]);
      case "Float":
        return this.r() * 100;
      case "Boolean":
        return this.chance(0.5);
      case "ID":
        return this.pick([
          toGlobalId("Institution", 1 + Math.floor(this.r() * 45)),
          toGlobalId("Program", 1 + Math.floor(this.r() * 6)),
          toGlobalId("Cohort", 1 + Math.floor(this.r() * 25)),
          toGlobalId("Student", 1 + Math.floor(this.r() * 700)),
          toGlobalId("Enrollment", 1 + Math.floor(this.r() * 700)),
          toGlobalId("Expert", 1 + Math.floor(this.r() * 210)),
          toGlobalId("Country", "KZ"),
          "not-an-id",
          toGlobalId("Nothing", 3),
        ]);
      case "CountryCode":
        return this.pick(["KZ", "UZ", "CN", "TJ", "XX", "kz"]);
      case "LocalDate":
        return this.pick(["2024-01-01", "2023-12-31", "2026-11-23", "2024-02-30", "yesterday"]);
      case "DateTime":
        return this.pick(["2024-01-01T00:00:00Z", "2026-11-23T12:00:00.000Z", "soon"]);
      case "EmailAddress":
        return this.pick(["a@example.org", "not-an-email"]);
      case "URL":
        return this.pick(["https://example.org", "ht!tp://"]);
      case "JSON":
        return { a: 1 };
      default:
        return this.pick(["TCM", "Urgench", "Karimov", "a", "2024", "KZ"]);
    }
  }

  value(type: GraphQLInputType, depth = 0): unknown {
    if (isNonNullType(type)) return this.value(type.ofType, depth);
    if (isListType(type)) return Array.from({ length: Math.floor(this.r() * 3) + (this.chance(0.02) ? 1100 : 0) }, () => this.value(type.ofType, depth + 1));
    if (isEnumType(type)) return this.chance(0.9) ? this.pick(type.getValues()).name : "NOT_A_VALUE";
    if (isScalarType(type)) return this.scalar(type.name);
    if (isInputObjectType(type)) {
      if (depth > 3) return {};
      const out: Record<string, unknown> = {};
      for (const f of Object.values(type.getFields())) if (isNonNullType(f.type) || this.chance(0.4)) out[f.name] = this.value(f.type, depth + 1);
      if (this.chance(0.05)) out.unknownField = 1;
      return out;
    }
    return null;
  }

  private selection(type: GraphQLObjectType, depth: number, vars: Map<string, { type: string; value: unknown }>): string {
    const fields = Object.values(type.getFields()) as GraphQLField<unknown, unknown>[];
    const chosen = new Set<GraphQLField<unknown, unknown>>();
    const want = 1 + Math.floor(this.r() * 4);
    for (let i = 0; i < want; i++) chosen.add(this.pick(fields));
    const parts: string[] = [];
    if (this.chance(0.03)) parts.push("notAField");
    for (const f of chosen) {
      let args = "";
      const argParts: string[] = [];
      for (const a of f.args) {
        if (!isNonNullType(a.type) && !this.chance(0.35)) continue;
        if (this.chance(0.3)) {
          const name = `v${vars.size}`;
          // Sometimes declare the variable with a wrong type.
          const declared = this.chance(0.1) ? "String" : String(a.type);
          vars.set(name, { type: declared, value: this.value(a.type) });
          argParts.push(`${a.name}: $${name}`);
        } else argParts.push(`${a.name}: ${JSON.stringify(this.value(a.type)).replace(/"([A-Za-z_][A-Za-z0-9_]*)":/g, "$1:")}`);
      }
      if (argParts.length) args = `(${argParts.join(", ")})`;
      const named = getNamedType(f.type);
      if (isObjectType(named)) {
        if (depth > (this.chance(0.05) ? 14 : 4)) continue;
        parts.push(`${f.name}${args} { ${this.selection(named, depth + 1, vars)} }`);
      } else if ("getTypes" in named || "resolveType" in named) {
        parts.push(`${f.name}${args} { __typename }`);
      } else parts.push(`${f.name}${args}`);
    }
    return parts.length ? parts.join(" ") : "__typename";
  }

  operation(): { query: string; variables: Record<string, unknown> } {
    const mutation = this.chance(0.25);
    const root = mutation ? this.schema.getMutationType()! : this.schema.getQueryType()!;
    const vars = new Map<string, { type: string; value: unknown }>();
    const sel = this.selection(root, 0, vars);
    const decl = vars.size ? `(${[...vars].map(([n, v]) => `$${n}: ${v.type}`).join(", ")})` : "";
    let query = `${mutation ? "mutation" : "query"} Fuzz${decl} { ${sel} }`;
    if (this.chance(0.04)) query = query.slice(0, Math.floor(this.r() * query.length)); // broken syntax
    return { query, variables: Object.fromEntries([...vars].map(([n, v]) => [n, v.value])) };
  }
}

describe("fuzzed input", () => {
  let database: Database;
  let server: Awaited<ReturnType<typeof createServer>>;
  let url: string;
  let token: string;
  const client = jsonClient(1);

  beforeAll(async () => {
    database = await openPgliteCopy("seeded");
    const auth = { secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" };
    // A budget large enough that throttling does not hide the rest of the surface.
    server = await createServer({ database, logger, auth, http: httpConfig({ BUDGET_CAPACITY: "1000000000", BUDGET_REFILL_PER_SECOND: "1000000", ANON_BUDGET_CAPACITY: "1000000000", ANON_BUDGET_REFILL_PER_SECOND: "1000000" }) });
    url = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}/graphql`;
    token = await mintToken(auth, { subject: "fuzzer", role: "PLATFORM_ADMIN" });
  });

  afterAll(async () => {
    client.close();
    await server.close();
    await database.close();
  });

  it(`answers ${OPERATIONS} generated operations with no 5xx, coded errors and no leaks (seed ${SEED})`, async () => {
    const gen = new Generator(await createSchema(), rng(SEED));
    const r = rng(SEED + 1);
    const codes = new Map<string, number>();
    for (let i = 0; i < OPERATIONS; i++) {
      const op = gen.operation();
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (r() < 0.5) headers.authorization = `Bearer ${token}`;
      else if (r() < 0.1) headers.authorization = "Bearer garbage";
      const body = r() < 0.03 ? JSON.stringify({ query: op.query, variables: "not an object" }) : JSON.stringify(op);
      const res = await client.post(url, body, headers);
      const text = res.text;
      expect(res.status, `${op.query}\n${text.slice(0, 500)}`).toBeLessThan(500);
      const json = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: unknown } }[] };
      for (const e of json.errors ?? []) {
        expect(typeof e.extensions?.code, `${op.query}\n${JSON.stringify(e)}`).toBe("string");
        expect(e.extensions?.code, `${op.query}\n${JSON.stringify(op.variables).slice(0, 300)}`).not.toBe("INTERNAL_SERVER_ERROR");
        codes.set(String(e.extensions!.code), (codes.get(String(e.extensions!.code)) ?? 0) + 1);
      }
      if (json.errors) expect(JSON.stringify(json.errors), op.query).not.toMatch(LEAK);
    }
    // The process is still serving.
    const ok = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ countries { code } }" }) });
    expect(ok.status).toBe(200);
    // The run reached the error paths it is meant to (printed for the curious).
    console.log(`[fuzz] error codes seen: ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(codes.get("BAD_USER_INPUT") ?? 0).toBeGreaterThan(0);
    expect(codes.get("GRAPHQL_VALIDATION_FAILED") ?? 0).toBeGreaterThan(0);
  }, 180_000);
});

// The same generator against the compiled server as `npm start` runs it (node --max-old-space-size=192,
// NODE_ENV=production) on a fresh copy of the seeded PostgreSQL template: BUILT_OPERATIONS sent 8 at a time,
// once all with a platform admin's token and once anonymous (one server for both passes). Whatever comes in:
// no 5xx, every error coded and none INTERNAL_SERVER_ERROR, no leak, and the process alive at the end with no
// "heap out of memory" in its output. Failures are collected (with their operation) and reported together.
const pg = await postgresStatus();
if (!pg.available) console.log(`[fuzz] skipping the compiled server's ${BUILT_OPERATIONS.toLocaleString("en")} operations: ${pg.reason}`);

/** What the compiled server wrote once it was ready: its error-level log lines, and all of its stderr. */
const written = { errorLines: [] as string[], stderr: "" };

/**
 * The server logs a line per request (info level, which its ready line needs): rather than the helper's copy of
 * the whole output, which it rescans on every chunk, keep only the error-level lines and stderr (where V8
 * reports running out of heap) from here on.
 */
function watchOutput(server: ServerProcess) {
  server.child.stdout!.removeAllListeners("data");
  server.child.stderr!.removeAllListeners("data");
  let pending = "";
  server.child.stdout!.on("data", (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (/"level":(50|60)/.test(line) && written.errorLines.length < 50) written.errorLines.push(line.slice(0, 3_000));
  });
  server.child.stderr!.on("data", (chunk: Buffer) => (written.stderr += chunk.toString()));
}

interface Failure {
  status: number;
  query: string;
  variables: string;
  problem: string;
}

(pg.available ? describe : describe.skip)(`fuzzed input against the compiled server under the production heap cap [postgres]`, () => {
  /** startBuiltServer's production secret, passed explicitly so the tokens minted here always match it. */
  const secret = "hostile-tests-secret";
  const auth = { secret, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" };
  let server: ServerProcess;
  let drop: (() => Promise<void>) | undefined;
  /** The operations, each with its request body (the same in both passes: made once). */
  let ops: { query: string; variables: unknown; body: string }[];
  const client = jsonClient(BUILT_CONCURRENCY);

  beforeAll(async () => {
    const t0 = Date.now();
    await buildServer(); // tsc, once per test run (startBuiltServer reuses it)
    const t1 = Date.now();
    const [created, schema] = await Promise.all([createTestDatabase("xmu_fuzz", "seeded"), createSchema()]);
    drop = created.drop;
    const gen = new Generator(schema, rng(BUILT_SEED));
    const r = rng(BUILT_SEED + 1);
    ops = Array.from({ length: BUILT_OPERATIONS }, () => {
      const op = gen.operation();
      return { ...op, body: JSON.stringify(r() < 0.03 ? { query: op.query, variables: "not an object" } : op) };
    });
    const t2 = Date.now();
    server = await startBuiltServer({
      DATABASE_URL: created.url,
      JWT_SECRET: secret,
      SEED_ON_START: "true",
      // A budget large enough that throttling does not hide the rest of the surface.
      BUDGET_CAPACITY: "1000000000",
      BUDGET_REFILL_PER_SECOND: "1000000000",
      ANON_BUDGET_CAPACITY: "1000000000",
      ANON_BUDGET_REFILL_PER_SECOND: "1000000000",
    });
    watchOutput(server);
    const s = (a: number, b: number) => `${((b - a) / 1000).toFixed(1)} s`;
    console.log(`[fuzz] compiled server: built in ${s(t0, t1)}, ${BUILT_OPERATIONS} operations generated in ${s(t1, t2)}, ready in ${s(t2, Date.now())}`);
  }, 240_000);

  afterAll(async () => {
    client.close();
    await server?.stop();
    await drop?.();
  });

  async function pass(who: string, authorization?: string) {
    const url = `${server.url}/graphql`;
    const codes = new Map<string, number>();
    const statuses = new Map<number, number>();
    const failures: Failure[] = [];
    const fail = (status: number, op: (typeof ops)[number], problem: string) =>
      failures.push({ status, query: op.query.slice(0, 2_000), variables: JSON.stringify(op.variables)?.slice(0, 1_000) ?? "", problem: problem.slice(0, 1_000) });
    let next = 0;
    let sentBytes = 0;
    let recvBytes = 0;
    const worker = async () => {
      while (next < ops.length) {
        const op = ops[next++];
        sentBytes += op.body.length;
        let status = 0;
        let text = "";
        try {
          ({ status, text } = await client.post(url, op.body, authorization ? { authorization } : {}));
          recvBytes += text.length;
        } catch (e) {
          fail(0, op, `no answer: ${(e as Error).message}`);
          continue;
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) {
          fail(status, op, text);
          continue;
        }
        let json: { errors?: { message: string; extensions?: { code?: unknown } }[] };
        try {
          json = JSON.parse(text) as typeof json;
        } catch {
          fail(status, op, `not JSON: ${text}`);
          continue;
        }
        for (const e of json.errors ?? []) {
          const code = e.extensions?.code;
          if (typeof code !== "string") fail(status, op, `uncoded error: ${JSON.stringify(e)}`);
          else if (code === "INTERNAL_SERVER_ERROR") fail(status, op, `internal error: ${JSON.stringify(e)}`);
          codes.set(String(code), (codes.get(String(code)) ?? 0) + 1);
        }
        if (json.errors && LEAK.test(JSON.stringify(json.errors))) fail(status, op, `leak: ${JSON.stringify(json.errors)}`);
      }
    };
    const started = Date.now();
    const cpu0 = process.cpuUsage();
    const scpu0 = cpuSeconds(server.child.pid!);
    await Promise.all(Array.from({ length: BUILT_CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `[fuzz] compiled server, ${who}: ${ops.length} operations in ${seconds.toFixed(1)} s (${BUILT_CONCURRENCY} at a time; CPU: server ${(cpuSeconds(server.child.pid!) - scpu0).toFixed(1)} s, ` +
        `this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; ${(sentBytes / 2 ** 20).toFixed(1)} MiB sent, ${(recvBytes / 2 ** 20).toFixed(1)} MiB received); ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}; error codes ${JSON.stringify(Object.fromEntries(codes))}`,
    );
    if (failures.length) {
      console.log(`[fuzz] ${failures.length} failures (${who}), the first ten:\n${failures.slice(0, 10).map((f) => JSON.stringify(f)).join("\n")}`);
      if (written.errorLines.length) console.log(`[fuzz] the server's error lines (the first five):\n${written.errorLines.slice(0, 5).join("\n").slice(0, 5_000)}`);
    }
    // The process is alive and still serving, and never ran out of heap.
    expect(server.child.exitCode).toBeNull();
    expect(`${server.output()}\n${written.stderr}`).not.toMatch(/heap out of memory/i);
    const ok = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ countries { code } }" }) });
    expect(ok.status).toBe(200);
    expect(failures).toEqual([]);
    return codes;
  }

  it(`answers ${BUILT_OPERATIONS.toLocaleString("en")} generated operations with a platform admin's token: no 5xx, coded errors, no leaks, no death (seed ${BUILT_SEED})`, async () => {
    const codes = await pass("platform admin", `Bearer ${await mintToken(auth, { subject: "fuzzer-admin", role: "PLATFORM_ADMIN", expiresIn: "1h" })}`);
    expect(codes.get("BAD_USER_INPUT") ?? 0).toBeGreaterThan(0);
    expect(codes.get("GRAPHQL_VALIDATION_FAILED") ?? 0).toBeGreaterThan(0);
  }, 300_000);

  it(`answers the same ${BUILT_OPERATIONS.toLocaleString("en")} operations anonymously: no 5xx, coded errors, no leaks, no death`, async () => {
    const codes = await pass("anonymous");
    expect(codes.get("GRAPHQL_VALIDATION_FAILED") ?? 0).toBeGreaterThan(0);
  }, 300_000);
});

/** CPU time a process has used (Linux /proc, in clock ticks of 10 ms), or NaN elsewhere. */
function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}
