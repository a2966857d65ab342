import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { logger } from "../../src/logger.js";
import { createApollo } from "../../src/server.js";
import { MemoryBudget } from "../../src/shared/limits/budget.js";
import { makeApi, type TestApi } from "../helpers/engines.js";
import { openPgliteCopy } from "../helpers/templates.js";

// Limits are checked before any resolver runs: every refused operation below runs 0 SQL statements.
describe("query limits, cost and budget", () => {
  let database: Database;
  let api: TestApi;
  const cfg = { ...httpConfig({}), maxDepth: 6, maxAliases: 3, maxTokens: 400, maxCost: 500 };
  const budget = new MemoryBudget({ capacity: 1_000, refillPerSecond: 1 });

  beforeAll(async () => {
    database = await openPgliteCopy("migrated");
    const apollo = await createApollo(database, logger, { http: cfg, budget });
    await apollo.start();
    api = makeApi("pglite", database, apollo);
  });
  afterAll(async () => {
    await api.apollo.stop();
    await database.close();
  });

  it("reports the cost of every response in extensions.cost", async () => {
    const res = await api.apollo.executeOperation({ query: `{ institutions(first: 10) { nodes { nameEn programs(first: 5) { nodes { code } } } } }` }, { contextValue: (await import("../../src/context.js")).createContext(database.db, "c1", null, "cost-reporter") });
    const body = res.body.kind === "single" ? res.body.singleResult : undefined;
    expect(body?.errors).toBeUndefined();
    // 1 + 10 × (1 institution + (1 + 5 × 1 program)) = 71
    expect(body?.extensions?.cost).toMatchObject({ requested: 71, actual: 1, limit: 500, capacity: 1_000, refillPerSecond: 1 }); // no institutions: the connection only
    expect((body?.extensions?.cost as { remaining: number }).remaining).toBe(1_000 - 71);
    // The IETF draft's RateLimit fields on every answer: bucket size, points left, seconds until full (71 points at 1/s).
    expect(Object.fromEntries([...res.http.headers].filter(([k]) => k.startsWith("ratelimit-")))).toEqual({ "ratelimit-limit": "1000", "ratelimit-remaining": "929", "ratelimit-reset": "71" });
    // A refused document is charged, and says so in the same fields.
    const bad = await api.apollo.executeOperation({ query: `{ nope }` }, { contextValue: (await import("../../src/context.js")).createContext(database.db, "c2", null, "cost-reporter-2") });
    expect(bad.http.headers.get("ratelimit-limit")).toBe("1000");
    expect(Number(bad.http.headers.get("ratelimit-remaining"))).toBeLessThan(1000);
  });

  it("reports the actual cost of an answer: pages and lists as long as they came back, on every read strategy", async () => {
    const seeded = await openPgliteCopy("seeded");
    const apollo = await createApollo(seeded, logger, { http: { ...cfg, maxCost: 50_000, maxDepth: 12, maxAliases: 10 }, budget: new MemoryBudget({ capacity: 1e9, refillPerSecond: 1e6 }) });
    await apollo.start();
    const { createContext } = await import("../../src/context.js");
    try {
      const run = async (query: string, strategy: "whole" | "inline" | "batched", variables: Record<string, unknown> = {}) => {
        const res = await apollo.executeOperation({ query, variables }, { contextValue: createContext(seeded.db, "actual", null, "actual-cost", { strategy }) });
        const body = res.body.kind === "single" ? res.body.singleResult : undefined;
        expect(body?.errors).toBeUndefined();
        return { data: JSON.parse(JSON.stringify(body!.data)), cost: body!.extensions!.cost as { requested: number; actual: number } };
      };
      const PAGES = `query($skipCountry: Boolean!) {
        institution(id: "SW5zdGl0dXRpb246MQ") { ...I country @skip(if: $skipCountry) { code } }
        list: countries { code }
      }
      fragment I on Institution { id p: programs(first: 10) { edges { node { code cohorts(first: 5) { nodes { id } } } } } }`;
      for (const strategy of ["whole", "inline", "batched"] as const) {
        for (const skipCountry of [false, true]) {
          const { data, cost } = await run(PAGES, strategy, { skipCountry });
          // Counted by hand from the answer: the institution 1, its country 1, its programs' connection 1, each
          // program 1 (edges cost nothing of their own), each cohorts connection 1 and each cohort 1; the plain list
          // of countries 1 (its items select no object).
          const i = data.institution as { country?: unknown; p: { edges: { node: { cohorts: { nodes: unknown[] } } }[] } };
          const byHand = 1 + (i.country ? 1 : 0) + 1 + i.p.edges.reduce((s2, e) => s2 + 1 + 1 + e.node.cohorts.nodes.length, 0) + 1;
          expect(i.p.edges.length, "the host has programs, fewer than the 10 asked").toBeGreaterThan(1);
          expect(i.p.edges.length).toBeLessThan(10);
          expect(cost.actual, `${strategy}, skip ${skipCountry}`).toBe(byHand);
          expect(cost.actual).toBeLessThan(cost.requested);
        }
      }
      // Priced above 1,000 too, on every path alike (the one-statement path counts in its SQL, the others walk the
      // answer): the connection 1, each institution 1, its programs' connection 1 and each program 1.
      for (const strategy of ["whole", "inline", "batched"] as const) {
        const big = await run(`{ institutions(first: 100) { nodes { id programs(first: 20) { nodes { code } } } } }`, strategy);
        const nodes = big.data.institutions.nodes as { programs: { nodes: unknown[] } }[];
        expect(nodes.length, "not every institution has programs").toBeGreaterThan(nodes.filter((n) => n.programs.nodes.length).length);
        expect(big.cost).toMatchObject({ requested: 1 + 100 * (1 + (1 + 20 * 1)), actual: 1 + nodes.reduce((n, i) => n + 1 + 1 + i.programs.nodes.length, 0) });
      }
      // A response key selected twice is counted once with both selections merged; nodes under two keys and an
      // edge's node count each; pageInfo and edges cost nothing of their own; a relation that came back null nothing.
      const MERGED = `{ institutions(first: 40) { totalCount pageInfo { hasNextPage } a: nodes { id } edges { cursor node { id parent { id } } }
        nodes { programs(first: 3) { totalCount } } nodes { programs(first: 3) { nodes { code } } partnerPrograms { host { id } } } } }`;
      const merged = await Promise.all((["whole", "inline", "batched"] as const).map((strategy) => run(MERGED, strategy)));
      type Inst = { a: unknown[]; edges: { node: { parent: unknown } }[]; nodes: { programs: { nodes: unknown[] }; partnerPrograms: unknown[] }[] };
      const insts = merged[0].data.institutions as Inst;
      const withParent = insts.edges.filter((e) => e.node.parent).length;
      expect(withParent, "some institutions have a parent, some not").toBeGreaterThan(0);
      expect(withParent).toBeLessThan(insts.edges.length);
      expect(insts.nodes.some((n) => n.partnerPrograms.length)).toBe(true);
      // Each partner program's host 1 (the plain list 1, its items nothing of their own).
      const mergedByHand = 1 + insts.a.length + insts.edges.length + withParent + insts.nodes.reduce((n, i) => n + 1 + 1 + i.programs.nodes.length + 1 + i.partnerPrograms.length, 0);
      for (const m of merged) expect(m.cost.actual).toBe(mergedByHand);
      // A plain list is priced as 1 and 10 times what an item selects; its actual cost counts the items that came back.
      const partners = await run(`{ programs(first: 20) { nodes { partners { nameEn country { code } } } } }`, "whole");
      const returned = (partners.data.programs.nodes as { partners: { country: unknown }[] }[]).reduce((n, p) => n + 1 + 1 + p.partners.filter((x) => x.country).length, 0);
      expect(partners.cost).toMatchObject({ requested: 1 + 20 * (1 + 1 + 10 * 1), actual: 1 + returned });
      // An interface (node), an alias of an object that came back null, and a mutation's payload.
      const NODE = `query($id: ID!) { node(id: $id) { id ... on Institution { parent { id } programs(first: 5) { nodes { code } } } } missing: institution(id: "SW5zdGl0dXRpb246OTk5OTk5") { id } }`;
      const first = (await run(`{ institutions(first: 1) { nodes { id } } }`, "whole")).data.institutions.nodes[0].id;
      const node = await run(NODE, "whole", { id: first });
      const programs = node.data.node.programs.nodes.length;
      expect(node.cost.actual).toBe(1 + (node.data.node.parent ? 1 : 0) + 1 + programs);
    } finally {
      await apollo.stop();
      await seeded.close();
    }
  });

  it("charges an answer larger than its price the difference (a plain list is priced at 10 items)", async () => {
    const { countries } = await import("../../src/db/schema.js");
    const codes = ["AF", "AL", "DZ", "AD", "AO", "AR", "AM", "AU", "AT", "AZ", "BH", "BD", "BY", "BE", "BZ"];
    await database.db.insert(countries).values(codes.map((code) => ({ code, nameEn: `Country ${code}`, names: { ru: `Страна ${code}` } }))).onConflictDoNothing();
    const n = (await database.db.select().from(countries)).length;
    expect(n).toBeGreaterThan(10);
    const { createContext } = await import("../../src/context.js");
    // Each country's names: a plain list in a plain list, priced as 10 countries of 10 names each.
    const res = await api.apollo.executeOperation({ query: `{ countries { code names { text } } }` }, { contextValue: createContext(database.db, "c-list", null, "list-reader") });
    const cost = (res.body.kind === "single" ? res.body.singleResult.extensions?.cost : undefined) as { requested: number; actual: number; remaining: number };
    expect(typeof cost.actual, JSON.stringify(res.body).slice(0, 800)).toBe("number");
    expect(cost.actual).toBeGreaterThan(cost.requested);
    expect(cost.remaining).toBe(1_000 - cost.actual);
    expect(res.http.headers.get("ratelimit-remaining")).toBe(String(1_000 - cost.actual));
  });

  it("the WebSocket charges an answer larger than its price the difference too, by the same code as HTTP", async () => {
    const { countries } = await import("../../src/db/schema.js");
    const codes = ["AF", "AL", "DZ", "AD", "AO", "AR", "AM", "AU", "AT", "AZ", "BH", "BD", "BY", "BE", "BZ", "BF", "BI", "CM", "CL", "CO", "HR", "CU", "CY", "CZ", "DK", "EC", "EG", "EE", "FI", "FR", "GE", "DE", "GH", "GR", "HU", "IS", "IN", "ID", "IR", "IQ"];
    await database.db.insert(countries).values(codes.map((code) => ({ code, nameEn: `Country ${code}`, names: { ru: `Страна ${code}` } }))).onConflictDoNothing();
    const { createContext } = await import("../../src/context.js");
    const { websocketGate } = await import("../../src/shared/limits/websocket-gate.js");
    const { makeFormatError } = await import("../../src/shared/format-error.js");
    const { useServer } = await import("graphql-ws/use/ws");
    const { createClient } = await import("graphql-ws");
    const { default: WebSocket, WebSocketServer } = await import("ws");
    const query = `{ countries { code names { text } } }`;
    // Over HTTP: the price, what the answer cost, and what was charged.
    const res = await api.apollo.executeOperation({ query }, { contextValue: createContext(database.db, "c-ws-http", null, "ws-list-reader-http") });
    const http = (res.body.kind === "single" ? res.body.singleResult.extensions?.cost : undefined) as { requested: number; actual: number; remaining: number };
    expect(http.actual).toBeGreaterThan(http.requested + 20); // 40 countries and more, priced as 10
    // The same over the WebSocket, against a bucket of its own.
    const wsBudget = new MemoryBudget({ capacity: 1_000, refillPerSecond: 1 });
    const gate = websocketGate({
      schema: (api.apollo as unknown as { schema: import("graphql").GraphQLSchema }).schema,
      limits: cfg,
      introspection: true,
      budget: wsBudget,
      logger,
      authenticate: async () => null,
      formatError: makeFormatError(logger),
      context: (viewer) => createContext(database.db, "c-ws", viewer, "ws-list-reader"),
    });
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise((r) => wss.once("listening", r));
    const server = useServer(gate, wss);
    const client = createClient({ url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    try {
      const answer = await new Promise<{ data?: { countries: unknown[] }; errors?: unknown }>((resolve, reject) => {
        let last = {};
        client.subscribe({ query }, { next: (r) => (last = r), error: reject, complete: () => resolve(last) });
      });
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.countries.length).toBeGreaterThan(10);
      // Charged the price and then the difference: what was served (a point or two back from the bucket's drain).
      const left = (await wsBudget.take("ip:ws-list-reader", 0)).remaining;
      expect(left).toBeLessThanOrEqual(1_000 - http.actual + 3);
      expect(left).toBeGreaterThanOrEqual(1_000 - http.actual);
    } finally {
      await client.dispose();
      await server.dispose();
      await new Promise((r) => wss.close(r));
    }
  });

  it("an anonymous caller: its own bucket in every report, refusals included, and no operation priced above the bucket", async () => {
    const anon = new MemoryBudget({ capacity: 100_000, refillPerSecond: 5_000, anonymous: { capacity: 300, refillPerSecond: 10 } });
    const apollo = await createApollo(database, logger, { http: cfg, budget: anon });
    await apollo.start();
    const { createContext } = await import("../../src/context.js");
    try {
      const run = async (query: string) => {
        const res = await apollo.executeOperation({ query }, { contextValue: createContext(database.db, "anon", null, "198.51.100.7") });
        return { body: res.body.kind === "single" ? res.body.singleResult : undefined, headers: res.http.headers };
      };
      const junk = await run(`{ nope }`);
      expect(junk.body?.extensions?.cost).toMatchObject({ requested: 1_000, capacity: 300, refillPerSecond: 10 });
      expect(junk.headers.get("ratelimit-limit")).toBe("300");
      // Between the anonymous bucket (300) and MAX_COST (500): refused as too costly, not throttled for ever.
      const big = await run(`{ institutions(first: 40) { nodes { id partnerPrograms { host { id } } } } }`); // 1 + 40 × (1 + 1 + 10 × 1) = 481
      expect(big.body?.errors?.[0].extensions).toMatchObject({ code: "COST_LIMIT_EXCEEDED", cost: { requested: 481, limit: 300 } });
      expect(big.body?.errors?.[0].message).toMatch(/more than the 300 one operation may cost/);
      // Refused as too costly: charged as a refusal, with the RateLimit fields.
      expect(big.body?.extensions?.cost).toMatchObject({ requested: 1_000, capacity: 300 });
      expect(big.headers.get("ratelimit-limit")).toBe("300");
      // Refused before its operation was resolved or priced (a parse error, an unknown operation name): still the
      // anonymous bucket and its limit, and one cost object (the error carries none of its own).
      for (const [query, operationName] of [["{ a: __typename", undefined], ["query A { __typename }", "B"]] as const) {
        const res = await apollo.executeOperation({ query, operationName }, { contextValue: createContext(database.db, "anon", null, "198.51.100.7") });
        const body = res.body.kind === "single" ? res.body.singleResult : undefined;
        expect(body?.extensions?.cost, query).toMatchObject({ limit: 300, capacity: 300, refillPerSecond: 10 });
        expect(body?.errors?.[0].extensions?.cost).toBeUndefined();
      }
    } finally {
      await apollo.stop();
    }
  });

  it("refuses a too deep query, too many aliases and too many tokens before any SQL", async () => {
    const deep = await api.run(`{ institutions(first: 1) { nodes { parent { parent { parent { parent { parent { nameEn } } } } } } } }`);
    expect(deep.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(deep.errors?.[0].message).toMatch(/depth/i);
    expect(deep.statements).toBe(0);
    const aliases = await api.run(`{ a: countries { code } b: countries { code } c: countries { code } d: countries { code } }`);
    expect(aliases.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(aliases.errors?.[0].message).toMatch(/alias/i);
    expect(aliases.statements).toBe(0);
    const tokens = await api.run(`{ countries { ${"code ".repeat(400)} } }`);
    expect(tokens.errors?.[0].extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(tokens.statements).toBe(0);
  });

  it("refuses an operation whose pages multiply past the cost limit (COST_LIMIT_EXCEEDED)", async () => {
    const r = await api.run(`{ institutions(first: 100) { nodes { programs(first: 100) { nodes { code } } } } }`);
    expect(r.errors?.[0].extensions).toMatchObject({ code: "COST_LIMIT_EXCEEDED", cost: { requested: 1 + 100 * (1 + (1 + 100 * 1)), limit: 500 } });
    expect(r.statements).toBe(0);
    // Bad variables are not priced: execution reports them, naming the variable.
    const bad = await api.run(`query($n: Int) { institutions(first: $n) { totalCount } }`, { n: "many" });
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("throttles a caller whose budget is spent, saying how long to wait, and not others", async () => {
    const q = `{ institutions(first: 100) { nodes { country { code } nameEn } } }`; // 1 + 100 × 2 = 201
    const { createContext } = await import("../../src/context.js");
    const run = async (caller: string) => {
      const res = await api.apollo.executeOperation({ query: q }, { contextValue: createContext(database.db, "t", null, caller) });
      return { body: res.body.kind === "single" ? res.body.singleResult : undefined, http: res.http };
    };
    for (let i = 0; i < 4; i++) expect((await run("greedy")).body?.errors).toBeUndefined();
    const refused = await run("greedy");
    expect(refused.body?.errors?.[0].extensions).toMatchObject({ code: "THROTTLED", cost: { requested: 201 } });
    expect(refused.body?.errors?.[0].extensions?.retryAfterMs).toBeGreaterThan(0);
    expect(refused.http.status).toBe(429);
    expect((await run("modest")).body?.errors).toBeUndefined();
  });
});
