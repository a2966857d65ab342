import { sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { beforeAll, expect, it } from "vitest";
import { queryRows } from "../../src/db/rows.js";
import { allEntities, entityOf, type Entity, type OneRelation, type Who } from "../../src/engine/entity.js";
import { buildMixed, type Mixed } from "../factories/mixed.js";
import { describeEachEngine } from "../helpers/engines.js";

// A to-one relation declared `inParentScope` is read without its target's scope (src/engine/entity.ts): the
// declaration claims that every caller who may read the parent row may read the row it points to. The claim is
// checked here, for every such declaration and every caller of the mixed fixture, in SQL: no pair of
// (parent in the caller's scope, target outside it). A false claim would let a caller read a row through one
// path that it may not read by id.

interface Claim {
  name: string;
  parent: Entity;
  target: Entity;
  rel: OneRelation;
}

function claims(): Claim[] {
  const out: Claim[] = [];
  for (const parent of allEntities())
    for (const [name, src] of Object.entries(parent.fields))
      if (src.kind === "one" && src.inParentScope) out.push({ name: `${parent.name}.${name}`, parent, target: entityOf(src.target)!, rel: src });
  return out;
}

const cond = (s: SQL | undefined | false): SQL => (s === undefined ? sql`true` : s === false ? sql`false` : sql`(${s})`);

/** Pairs (parent, target) where the parent is in `who`'s scope (or any parent, `parentScope: false`) and the target is not. */
async function violations(db: Parameters<typeof queryRows>[0], c: Claim, who: Who, o: { ignoreParentScope?: boolean } = {}): Promise<number> {
  const from = c.parent.columns.get(c.rel.from) as PgColumn;
  const to = c.target.columns.get(c.rel.to ?? c.target.key) as PgColumn;
  const parentIn = o.ignoreParentScope ? sql`true` : cond(c.parent.scope?.(c.parent.table as never, who));
  const targetIn = cond(c.target.scope?.(c.target.table as never, who));
  const [row] = await queryRows(
    db,
    sql`select count(*)::int as n from ${c.parent.table as PgTable} join ${c.target.table as PgTable} on ${to} = ${from} where ${parentIn} and not coalesce(${targetIn}, false)`,
  );
  return row.n as number;
}

describeEachEngine("declared scope implications hold for every caller", {}, (api) => {
  let mixed: Mixed;
  beforeAll(async () => {
    mixed = await buildMixed(api().database.db);
  });

  it("Enrollment.student is declared (the dashboard's path)", () => {
    expect(claims().map((c) => c.name)).toContain("Enrollment.student");
  });

  it("every declared implication: no target outside the scope under a parent inside it", async () => {
    for (const c of claims())
      for (const [label, who] of mixed.viewers) {
        expect(await violations(api().database.db, c, who), `${c.name} as ${label}`).toBe(0);
      }
  });

  it("the check can fail: without the parent's scope the same pairs break the claim for a restricted caller", async () => {
    // Some caller may not read every target reached from every parent row: the fixture can tell a true claim
    // from a false one, and the query above is not vacuous.
    for (const c of claims()) {
      let broken = 0;
      for (const [, who] of mixed.viewers) broken += await violations(api().database.db, c, who, { ignoreParentScope: true });
      expect(broken, c.name).toBeGreaterThan(0);
    }
  });
});
