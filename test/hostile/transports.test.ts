import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_JWT_SECRET, httpConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { logger } from "../../src/logger.js";
import { mintToken } from "../../src/modules/auth/auth.service.js";
import { createServer } from "../../src/server.js";
import { SignJWT } from "jose";
import { openPgliteCopy } from "../helpers/templates.js";

// Every limit holds on every transport, with the same codes: the same hostile operations over HTTP and over
// the WebSocket (graphql-ws). Each of these was answered over the WebSocket before (issue 11).
const auth = { secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api", maxLifetimeSeconds: 3_600 };
const cfg = { ...httpConfig({}), budgetCapacity: 50_000, budgetRefillPerSecond: 100 };

/** Nested fragments that expand one field selection to 2^levels. */
function fragmentBomb(levels: number) {
  let s = `query Bomb { countries { ...F0 } }\nfragment F${levels} on Country { code }\n`;
  for (let i = 0; i < levels; i++) s += `fragment F${i} on Country { ...F${i + 1} ...F${i + 1} }\n`;
  return s;
}
const DEEP = `{ institutions(first: 1) { nodes { ${"parent { ".repeat(16)}nameEn${" }".repeat(16)} } } }`; // depth 19
const ALIASES = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: countries { code }`).join(" ")} }`;
const COSTLY = `{ institutions(first: 100) { nodes { programs(first: 100) { nodes { cohorts(first: 100) { nodes { name } } } } } } }`;
/** ~10,000 points: five of them fit in the test's budget of 50,000. */
const HEAVY = `{ institutions(first: 100) { nodes { programs(first: 100) { nodes { code } } } } }`;

interface Answer {
  status?: number;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  data?: unknown;
}

describe("the same limits over HTTP and over the WebSocket", () => {
  let database: Database;
  let server: Awaited<ReturnType<typeof createServer>>;
  let url: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    database = await openPgliteCopy("seeded");
    server = await createServer({ database, logger, auth, http: cfg });
    url = `127.0.0.1:${await server.listen(0, "127.0.0.1")}`;
  });
  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await server?.close();
    await database?.close();
  });

  const token = (subject: string, expiresIn = "10m") => mintToken(auth, { subject, role: "PLATFORM_ADMIN", expiresIn });

  async function overHttp(query: string, opts: { token?: string; variables?: unknown; operationName?: string } = {}): Promise<Answer> {
    const res = await fetch(`http://${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
      body: JSON.stringify({ query, variables: opts.variables, operationName: opts.operationName }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  }

  function wsClient(bearer?: string, onClose?: (code: number, reason: string) => void): Client {
    const c = createClient({
      url: `ws://${url}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: bearer ? { authorization: `Bearer ${bearer}` } : {},
      on: { closed: (e) => onClose?.((e as { code: number }).code, (e as { reason: string }).reason) },
    });
    clients.push(c);
    return c;
  }

  function overWs(client: Client, query: string, opts: { variables?: Record<string, unknown>; operationName?: string } = {}): Promise<Answer> {
    return new Promise((resolve) => {
      let answer: Answer = {};
      client.subscribe(
        { query, variables: opts.variables, operationName: opts.operationName },
        {
          next: (r) => (answer = r as Answer),
          error: (e) => resolve(Array.isArray(e) ? { errors: e } : { errors: [{ message: String((e as { reason?: string }).reason ?? e), extensions: { code: `CLOSED_${(e as { code?: number }).code}` } }] }),
          complete: () => resolve(answer),
        },
      );
    });
  }

  const cases: [string, string, string][] = [
    ["depth 19", DEEP, "GRAPHQL_VALIDATION_FAILED"],
    ["40 aliases", ALIASES, "GRAPHQL_VALIDATION_FAILED"],
    ["a fragment bomb of 2^30 selections", fragmentBomb(30), "GRAPHQL_VALIDATION_FAILED"],
    ["cost 1,020,201", COSTLY, "COST_LIMIT_EXCEEDED"],
    ["too many tokens", `{ countries { ${"code ".repeat(3_100)} } }`, "GRAPHQL_PARSE_FAILED"],
  ];
  for (const [name, query, code] of cases)
    it(`refuses ${name} on both transports (${code}), answering nothing`, async () => {
      const started = Date.now();
      const http = await overHttp(query);
      expect(http.status).toBe(400);
      expect(http.errors?.[0].extensions?.code).toBe(code);
      expect(http.data).toBeUndefined();
      const viaWs = await overWs(wsClient(), query);
      expect(viaWs.errors?.[0].extensions?.code).toBe(code);
      expect(viaWs.data).toBeUndefined();
      // The HTTP status is the HTTP answer's: on neither transport is it in the error.
      expect(http.errors?.[0].extensions).not.toHaveProperty("http");
      expect(viaWs.errors?.[0].extensions).not.toHaveProperty("http");
      // In time linear in the document: a bomb is refused as fast as anything else.
      expect(Date.now() - started).toBeLessThan(5_000);
    });

  it("refuses an anonymous operation costing more than the anonymous bucket as too costly on both transports, not as throttled", async () => {
    // 1 + 100 × (1 + (1 + 100 × (1 + 1))) = 20,201: under MAX_COST (25,000), over an anonymous bucket (20,000).
    const q = `{ programs(first: 100) { nodes { cohorts(first: 100) { nodes { program { id } } } } } }`;
    for (const a of [await overHttp(q), await overWs(wsClient(), q)])
      expect(a.errors?.[0].extensions).toMatchObject({ code: "COST_LIMIT_EXCEEDED", cost: { requested: 20_201, limit: 20_000 } });
  });

  it("answers a query needing a sign-in over the WebSocket as over HTTP: UNAUTHENTICATED, without the HTTP status in it", async () => {
    const q = `{ students(first: 1) { totalCount } }`;
    const http = await overHttp(q);
    const viaWs = await overWs(wsClient(), q);
    for (const a of [http, viaWs]) {
      expect(a.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
      expect(a.errors?.[0].extensions).not.toHaveProperty("http");
    }
  });

  it("counts expanded selections, so a bomb just past the limit is refused and one under it answered", async () => {
    // 2^10 = 1,024 selections of `code` plus the spreads: under the 2,000 allowed; 2^11 is over.
    const small = await overHttp(fragmentBomb(9));
    expect(small.errors).toBeUndefined();
    const big = await overHttp(fragmentBomb(11));
    expect(big.errors?.[0].message).toMatch(/selects \d+ fields once its fragments are expanded; at most 2000/);
  });

  it("refuses an operation it cannot price instead of running it unpriced (fail closed)", async () => {
    // With the selection limit raised, graphql-query-complexity gives up past 10,000 nodes: refused.
    const lax = await createServer({ database, logger, auth, http: { ...cfg, maxSelections: 1_000_000 } });
    const port = await lax.listen(0, "127.0.0.1");
    try {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: fragmentBomb(14) }) });
      const body = (await res.json()) as Answer;
      expect(res.status).toBe(400);
      expect(body.errors?.[0].extensions?.code).toBe("COST_LIMIT_EXCEEDED");
      expect(body.data).toBeUndefined();
    } finally {
      await lax.close();
    }
  });

  it("throttles a burst the same way on both transports", async () => {
    const burst = async (send: () => Promise<Answer>) => {
      const answers: Answer[] = [];
      for (let i = 0; i < 10; i++) answers.push(await send());
      return answers.filter((a) => a.errors?.[0]?.extensions?.code === "THROTTLED").length;
    };
    const httpToken = await token("burst-http");
    const throttledHttp = await burst(() => overHttp(HEAVY, { token: httpToken }));
    const ws = wsClient(await token("burst-ws"));
    const throttledWs = await burst(() => overWs(ws, HEAVY));
    expect(throttledHttp).toBeGreaterThanOrEqual(4);
    expect(throttledWs).toBeGreaterThanOrEqual(4);
  });

  it("charges refused documents, so an anonymous client sending bombs is throttled, then refused before parsing", async () => {
    // Its own address: anonymous budgets are per client address (20,000 points, 1,000 a second; a refusal costs 1,000).
    const lax = await createServer({ database, logger, auth, http: cfg });
    const port = await lax.listen(0, "127.0.0.1");
    try {
      const codes: unknown[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: fragmentBomb(30) }) });
        const body = (await res.json()) as Answer;
        codes.push(body.errors?.[0].extensions?.code);
        if (res.status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      expect(codes.slice(0, 15).every((c) => c === "GRAPHQL_VALIDATION_FAILED")).toBe(true);
      expect(codes.filter((c) => c === "THROTTLED").length).toBeGreaterThanOrEqual(5);
      // A signed-in portal is not affected.
      const portal = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${await token("portal")}` },
        body: JSON.stringify({ query: "{ countries { code } }" }),
      });
      expect(portal.status).toBe(200);
    } finally {
      await lax.close();
    }
  });

  it("charges a burst of refused documents on one socket, sent all at once, as HTTP does", async () => {
    const lax = await createServer({ database, logger, auth, http: cfg });
    const port = await lax.listen(0, "127.0.0.1");
    try {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, "graphql-transport-ws");
      const codes: unknown[] = [];
      await new Promise<void>((resolve, reject) => {
        socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: {} })));
        socket.on("message", (m) => {
          const msg = JSON.parse(String(m)) as { type: string; payload?: Answer["errors"] };
          if (msg.type === "connection_ack") for (let i = 0; i < 40; i++) socket.send(JSON.stringify({ id: String(i), type: "subscribe", payload: { query: "{ nope" } }));
          if (msg.type === "error") codes.push(msg.payload?.[0].extensions?.code);
          if (codes.length === 40) resolve();
        });
        socket.on("close", () => resolve());
        socket.on("error", reject);
      });
      socket.close();
      // 20,000 points of anonymous budget pay for 20 refusals of 1,000 (and what refills meanwhile).
      expect(codes.filter((c) => c === "GRAPHQL_PARSE_FAILED").length).toBeLessThanOrEqual(22);
      expect(codes.filter((c) => c === "THROTTLED").length).toBeGreaterThanOrEqual(18);
    } finally {
      await lax.close();
    }
  });

  it("answers an unknown operation name, or several operations without one, with a coded 400", async () => {
    const two = `query A { countries { code } } query B { institutions(first: 1) { totalCount } }`;
    const unknown = await overHttp(two, { operationName: "C" });
    expect(unknown.status).toBe(400);
    expect(unknown.errors?.[0].extensions?.code).toBe("OPERATION_RESOLUTION_FAILURE");
    const unnamed = await overHttp(two);
    expect(unnamed.status).toBe(400);
    expect(unnamed.errors?.[0].extensions?.code).toBe("OPERATION_RESOLUTION_FAILURE");
    const viaWs = await overWs(wsClient(), two, { operationName: "C" });
    expect(viaWs.errors?.[0].extensions?.code).toBe("OPERATION_RESOLUTION_FAILURE");
  });

  it("refuses variables nested thousands deep as BAD_USER_INPUT, on both transports", async () => {
    // Written as text: JSON.stringify itself overflows the stack on 5,000 levels.
    const deep = `${'{"a":'.repeat(5_000)}"x"${"}".repeat(5_000)}`;
    const query = JSON.stringify(`query($f: InstitutionFilter) { institutions(filter: $f) { totalCount } }`);
    const res = await fetch(`http://${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: `{"query":${query},"variables":{"f":${deep}}}` });
    const http = (await res.json()) as Answer;
    expect(res.status).toBe(400);
    expect(http.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "variables" });
    // The WebSocket, with the protocol's messages written by hand for the same reason.
    const socket = new WebSocket(`ws://${url}/graphql`, "graphql-transport-ws");
    const messages: { type: string; payload?: Answer["errors"] }[] = [];
    await new Promise<void>((resolve, reject) => {
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: {} })));
      socket.on("message", (m) => {
        const msg = JSON.parse(String(m)) as { type: string; payload?: Answer["errors"] };
        messages.push(msg);
        if (msg.type === "connection_ack") socket.send(`{"id":"1","type":"subscribe","payload":{"query":${query},"variables":{"f":${deep}}}}`);
        if (msg.type === "error" || msg.type === "next") resolve();
      });
      socket.on("close", () => resolve());
      socket.on("error", reject);
    });
    socket.close();
    const error = messages.find((m) => m.type === "error");
    expect(error?.payload?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "variables" });
  });

  it("refuses text PostgreSQL cannot store, naming the field, on both transports", async () => {
    const query = `query($s: String) { institutions(filter: { search: $s }) { totalCount } }`;
    const http = await overHttp(query, { variables: { s: "a\u0000b" } });
    expect(http.status).toBe(400);
    expect(http.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    const ws = await overWs(wsClient(), query, { variables: { s: "a\u0000b" } });
    expect(ws.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: http.errors?.[0].extensions?.field });
  });

  it("answers a bad literal value as BAD_USER_INPUT naming its argument path on both transports", async () => {
    const query = `{ students(filter: { enrollmentStatuses: [ENROLLED, NOPE] }) { totalCount } creditStanding(cohortId: "Q29ob3J0OjE", yearOfStudy: "x") { atRisk } }`;
    const http = await overHttp(query);
    expect(http.status).toBe(400);
    const ws = await overWs(wsClient(), query);
    for (const a of [http, ws])
      expect(a.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
        ["BAD_USER_INPUT", "filter.enrollmentStatuses[1]"],
        ["BAD_USER_INPUT", "yearOfStudy"],
      ]);
    expect(ws.errors?.map((e) => e.message)).toEqual(http.errors?.map((e) => e.message));
  });

  it("hides the schema from introspection over the WebSocket when introspection is off", async () => {
    const closed = await createServer({ database, logger, auth, http: { ...cfg, introspection: false } });
    const port = await closed.listen(0, "127.0.0.1");
    try {
      const c = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
      clients.push(c);
      const r = await overWs(c, `{ __schema { types { name } } }`);
      expect(r.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    } finally {
      await closed.close();
    }
  });
});

describe("tokens on the WebSocket", () => {
  let database: Database;
  let server: Awaited<ReturnType<typeof createServer>>;
  let url: string;

  beforeAll(async () => {
    database = await openPgliteCopy("migrated");
    server = await createServer({ database, logger, auth, http: cfg });
    url = `ws://127.0.0.1:${await server.listen(0, "127.0.0.1")}/graphql`;
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  /** Opens a socket with the token and subscribes (the protocol's messages by hand); resolves with how it ended. */
  function subscribe(bearer: string, waitMs: number) {
    return new Promise<{ code: number | null; reason: string; acknowledged: boolean }>((resolve) => {
      const socket = new WebSocket(url, "graphql-transport-ws");
      let acknowledged = false;
      const timer = setTimeout(() => {
        socket.close();
        resolve({ code: null, reason: "still open", acknowledged });
      }, waitMs);
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${bearer}` } })));
      socket.on("message", (m) => {
        if ((JSON.parse(String(m)) as { type: string }).type !== "connection_ack") return;
        acknowledged = true;
        socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: "subscription { changes { action } }" } }));
      });
      socket.on("close", (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: String(reason), acknowledged });
      });
    });
  }

  const sign = (claims: Record<string, unknown>, exp?: number, iat = Math.floor(Date.now() / 1000)) => {
    let jwt = new SignJWT({ role: "PLATFORM_ADMIN", ...claims }).setProtectedHeader({ alg: "HS256" }).setSubject("ws-tester").setIssuer(auth.issuer).setAudience(auth.audience).setIssuedAt(iat);
    if (exp !== undefined) jwt = jwt.setExpirationTime(exp);
    return jwt.sign(new TextEncoder().encode(auth.secret));
  };

  it("closes a subscription's socket with 4401 when its token expires", async () => {
    const soon = Math.floor(Date.now() / 1000) + 2;
    const r = await subscribe(await sign({}, soon), 8_000);
    expect(r.acknowledged).toBe(true);
    expect(r.code).toBe(4401);
    expect(r.reason).toMatch(/expired/i);
  });

  it("refuses a token without an expiry, and one that lives longer than allowed", async () => {
    const none = await subscribe(await sign({}), 3_000);
    expect(none.code).toBe(4401);
    expect(none.reason).toMatch(/expiry/);
    const long = await subscribe(await sign({}, Math.floor(Date.now() / 1000) + 7 * 86_400), 3_000);
    expect(long.code).toBe(4401);
    expect(long.reason).toMatch(/longer/);
    // Issued "in ten years" and living an hour from then: refused, not valid for ten years.
    const future = Math.floor(Date.now() / 1000) + 10 * 365 * 86_400;
    const ahead = await subscribe(await sign({}, future + 3_600, future), 3_000);
    expect(ahead.code).toBe(4401);
    expect(ahead.reason).toMatch(/future/);
    // And over HTTP.
    const res = await fetch(url.replace("ws:", "http:"), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await sign({})}` },
      body: JSON.stringify({ query: "{ countries { code } }" }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as Answer).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("closes a socket whose authorization is not text", async () => {
    const socket = new WebSocket(url, "graphql-transport-ws");
    const code = await new Promise<number>((resolve) => {
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: 123 } })));
      socket.on("close", (c) => resolve(c));
    });
    expect(code).toBe(4401);
  });

  it("keeps a socket whose token is still valid open", async () => {
    const r = await subscribe(await sign({}, Math.floor(Date.now() / 1000) + 600), 2_000);
    expect(r.code).toBeNull();
  });
});
