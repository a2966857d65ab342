import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { parse, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { enrollments } from "../../src/modules/students/student.table.js";
import { planVariablesKey } from "../../src/shared/operation-cache.js";
import { prebuilt } from "../../src/shared/prebuilt-sql.js";

const dialect = new PgDialect({ casing: "snake_case" });

describe("prebuilt statements", () => {
  it("render the text drizzle renders, with each call's values in place of the placeholders", () => {
    const written = (id: unknown, to: unknown, ids: unknown) =>
      sql`update ${enrollments} set status = ${to}::enrollment_status where ${enrollments.id} = ${id} and ${enrollments.cohortId} = any(${ids}::int[]) and '$1' <> ${"fixed"}`;
    const statement = prebuilt<"id" | "to" | "ids">((p) => written(p.id, p.to, p.ids));
    for (const values of [{ id: 7, to: "ADMITTED", ids: "{1,2}" }, { id: 8, to: null, ids: "{}" }]) {
      const expected = dialect.sqlToQuery(written(values.id, values.to, values.ids));
      expect(dialect.sqlToQuery(statement(values))).toEqual(expected);
      // What execPrebuilt sends the driver: the same text and values.
      expect({ sql: statement.text, params: statement.params(values) }).toEqual({ sql: expected.sql, params: expected.params });
    }
    expect(statement.bytes).toBeGreaterThan(0);
    expect(() => statement({ id: 1, to: "X" } as never)).toThrow(/no value for ids/);
  });
});

describe("the read plans' variables", () => {
  const op = (text: string) => {
    const document = parse(text);
    return { document, operation: document.definitions[0] as OperationDefinitionNode };
  };

  it("leave out a mutation's own arguments and keep those its payload reads", () => {
    const { document, operation } = op(`mutation M($input: I!, $n: Int, $x: Boolean!) { move(input: $input) { e @include(if: $x) { history(first: $n) { id } } } }`);
    const key = (variables: Record<string, unknown>) => planVariablesKey(document, operation, variables);
    expect(key({ input: { id: 1 }, n: 5, x: true })).toBe(key({ input: { id: 2 }, n: 5, x: true }));
    expect(key({ input: { id: 1 }, n: 5, x: true })).not.toBe(key({ input: { id: 1 }, n: 6, x: true }));
    expect(key({ input: { id: 1 }, x: true })).not.toBe(key({ input: { id: 1 }, n: null, x: true })); // absent ≠ null
  });

  it("keep every variable of a query, and one a mutation uses in a fragment", () => {
    const q = op(`query Q($id: ID!) { node(id: $id) { id } }`);
    expect(planVariablesKey(q.document, q.operation, { id: "a" })).not.toBe(planVariablesKey(q.document, q.operation, { id: "b" }));
    const m = op(`mutation M($input: I!) { ...F } fragment F on Mutation { move(input: $input) { id } }`);
    expect(planVariablesKey(m.document, m.operation, { input: 1 })).not.toBe(planVariablesKey(m.document, m.operation, { input: 2 }));
  });
});
