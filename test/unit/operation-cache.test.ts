import "reflect-metadata";
import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { httpConfig } from "../../src/config.js";
import { createContext } from "../../src/context.js";
import { logger } from "../../src/logger.js";
import { createApollo } from "../../src/server.js";
import { priceOperation } from "../../src/shared/limits/operation-limits.js";
import { OperationCache } from "../../src/shared/operation-cache.js";
import { openPgliteCopy } from "../helpers/templates.js";

describe("the operation cache", () => {
  it("keeps documents and what is derived from them within its byte bound, oldest out first", async () => {
    const cache = new OperationCache(200_000);
    const docs = Array.from({ length: 40 }, (_, i) => parse(`query Q${i} { countries { code a${i}: nameEn } }`));
    for (const [i, d] of docs.entries()) await cache.set(`k${i}`, d);
    expect(cache.bytes).toBeLessThanOrEqual(200_000);
    expect(cache.documents).toBeLessThan(40);
    expect(await cache.get("k0")).toBeUndefined(); // the oldest went first
    expect(await cache.get("k39")).toBe(docs[39]);
    // A derived value is computed once and counted; a document not held is computed every time, and not kept.
    let computed = 0;
    const derive = (i: number) => cache.derive(docs[i], "slot", () => ++computed, () => 10_000);
    const before = cache.entries()[0].bytes;
    expect(derive(39)).toBe(1);
    expect(derive(39)).toBe(1);
    // The derived value counts against the bound (the cache's total, not only the entry's own figure).
    expect(cache.entries()[0].bytes).toBeGreaterThan(before + 10_000);
    expect(cache.bytes).toBeLessThanOrEqual(200_000);
    cache.derive(docs[39], "another", () => 0, () => 5_000);
    // What the LRU counts is what the entries hold, derived values included, and stays within the bound.
    expect(cache.bytes).toBe(cache.entries().reduce((sum, e) => sum + e.bytes, 0));
    expect(cache.bytes).toBeLessThanOrEqual(200_000);
    expect(cache.entries()[0]).toMatchObject({ hits: 1, slots: ["slot", "another"] });
    expect(derive(0)).toBe(2);
    expect(derive(0)).toBe(3);
    // One document may hold at most an eighth of the cache.
    const big = cache.derive(docs[39], "huge", () => "x", () => 100_000);
    expect(big).toBe("x");
    expect(cache.entries()[0].slots).toEqual(["slot", "another"]);
    // A value whose size is known first is not even computed when it cannot be kept.
    let compiled = 0;
    expect(cache.keep(docs[39], "jit", 100_000, () => ++compiled)).toBeUndefined();
    expect(compiled).toBe(0);
    expect(cache.keep(docs[39], "jit", 1_000, () => ++compiled)).toBe(1);
    expect(cache.keep(docs[39], "jit", 1_000, () => ++compiled)).toBe(1);
  });

  it("has graphql-jit compile a document on its second request, not its first", async () => {
    const database = await openPgliteCopy("migrated");
    try {
      const apollo = await createApollo(database, logger, { http: { ...httpConfig({}), jit: true } });
      await apollo.start();
      // The one-statement executor off, so that the resolvers (graphql-js, then graphql-jit) answer.
      const run = () => apollo.executeOperation({ query: "{ countries { code } }" }, { contextValue: createContext(database.db, "t", null, "local", { strategy: "inline" }) });
      await run();
      expect(apollo.operationCache.entries()[0].slots.some((s) => s.startsWith("jit"))).toBe(false);
      await run();
      expect(apollo.operationCache.entries()[0].slots.some((s) => s.startsWith("jit"))).toBe(true);
      await apollo.stop();
    } finally {
      await database.close();
    }
  });

  it("prices a document once per value of the variables a price depends on (page sizes, @skip/@include), not per input", async () => {
    const database = await openPgliteCopy("migrated");
    try {
      const apollo = await createApollo(database, logger);
      const schema = apollo.schema;
      // One cache per document, holding its parsed form as Apollo's document store does.
      const caches = new Map<string, OperationCache>();
      const price = async (query: string, variables: Record<string, unknown>) => {
        let cache = caches.get(query);
        if (!cache) {
          caches.set(query, (cache = new OperationCache(1_000_000)));
          await cache.set(query, parse(query));
        }
        return priceOperation(schema, (await cache.get(query))!, null, variables, 50_000, cache).cost;
      };
      const costSlots = (query: string) => caches.get(query)!.entries()[0];
      const MOVE = `mutation($input: TransitionEnrollmentInput!) { transitionEnrollment(input: $input) { enrollment { id status } } }`;
      const a = await price(MOVE, { input: { enrollmentId: "RW5yb2xsbWVudDox", to: "ENROLLED" } });
      const b = await price(MOVE, { input: { enrollmentId: "RW5yb2xsbWVudDoy", to: "ON_LEAVE", reason: "leave" } });
      expect(b).toBe(a);
      expect(costSlots(MOVE)?.slots.filter((s) => s.startsWith("cost\n"))).toHaveLength(1);
      // Bad variables are found per request, whatever was kept for the document.
      expect(await price(MOVE, { input: { enrollmentId: 5 } })).toBeNull();

      const PAGE = `query($n: Int, $after: String, $deep: Boolean!) { institutions(first: $n, after: $after) { nodes { id programs(first: 5) @include(if: $deep) { nodes { id } } } } }`;
      const small = await price(PAGE, { n: 2, after: null, deep: false });
      expect(await price(PAGE, { n: 2, after: "x", deep: false })).toBe(small);
      const big = await price(PAGE, { n: 50, deep: false });
      const deep = await price(PAGE, { n: 50, deep: true });
      expect(big).toBeGreaterThan(small!);
      expect(deep).toBeGreaterThan(big!);
      // Absent is not null: a default value applies only to an absent variable.
      const DEFAULTED = `query($n: Int = 80) { institutions(first: $n) { nodes { id } } }`;
      expect(await price(DEFAULTED, {})).toBeGreaterThan((await price(DEFAULTED, { n: null }))!);
      expect(costSlots(PAGE)?.slots.filter((s) => s.startsWith("cost\n"))).toHaveLength(3);
    } finally {
      await database.close();
    }
  });
});
