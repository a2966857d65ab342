import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { takeCostMarks } from "../../src/engine/json.js";
import { linearCost, shapeCost, type CostShape } from "../../src/shared/limits/cost.js";

// The one-statement path counts extensions.cost.actual in its SQL: each value's own cost is written as a mark
// (U+0001 and digits) beside it, and takeCostMarks adds the marks up and removes them (engine/json.ts). The
// integration tests (limits, sql-executor-http) compare the count with the resolvers' walk of the same answer.

describe("actual cost marks in a one-statement answer", () => {
  it("adds up the marks and leaves the JSON text as it would be without them", () => {
    const marked = '{"a":{"b":[{"c":"x}\\"\\u0001"}\u00011,{"c":null}\u00011]\u000112}\u00013,"d":[]\u00011}\u0001100';
    const { text, cost } = takeCostMarks(marked);
    expect(text).toBe('{"a":{"b":[{"c":"x}\\"\\u0001"},{"c":null}]},"d":[]}');
    expect(JSON.parse(text)).toEqual({ a: { b: [{ c: 'x}"\u0001' }, { c: null }] }, d: [] });
    expect(cost).toBe(1 + 1 + 12 + 3 + 1 + 100);
    // No mark: the same string back.
    const plain = '{"a":1}';
    expect(takeCostMarks(plain)).toEqual({ text: plain, cost: 0 });
  });

  it("no JSON text PostgreSQL writes holds U+0001: a string escapes it (the embedded engine; PostgreSQL checked the same by hand)", async () => {
    const db = new PGlite();
    try {
      const { rows } = await db.query<{ json: string; jsonb: string; mark: boolean }>(
        `select to_json('a' || chr(1) || 'b')::text as json, jsonb_build_object('k' || chr(1), chr(1))::text as jsonb, E'}\\0011' = '}' || chr(1) || '1' as mark`,
      );
      expect(rows[0].json).toBe('"a\\u0001b"');
      expect(rows[0].jsonb).toBe('{"k\\u0001": "\\u0001"}');
      expect(rows[0].json.includes("\u0001") || rows[0].jsonb.includes("\u0001")).toBe(false);
      // The planner's literal for a constant mark after a closing brace.
      expect(rows[0].mark).toBe(true);
    } finally {
      await db.close();
    }
  });

  it("the pricing rule has the form the SQL counts it in, for every shape", () => {
    const shapes: CostShape[] = ["node", "part", "connection", "list", "object", "scalar"];
    for (const shape of shapes) {
      const rule = linearCost(shape);
      expect(rule, shape).not.toBeNull();
      for (const [items, children] of [[0, 0], [1, 0], [3, 0], [40, 17]])
        expect(shapeCost(shape, items, children), `${shape} ${items} ${children}`).toBe(rule!.perValue + rule!.perItem * items + children);
    }
    // A rule counted otherwise (not as perValue + perItem × items + children) would be refused by the planner.
    expect(linearCost("node")).toEqual({ perValue: 0, perItem: 1 });
    expect(linearCost("connection")).toEqual({ perValue: 1, perItem: 0 });
  });
});
