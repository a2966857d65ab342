import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import { queryRows } from "../db/rows.js";
import { childPageJson, countByParent, toPage, type Ordering } from "./pagination.js";
import type { RelationPlan, TypePlan } from "./prefetch.plan.js";
import { PREFETCHED } from "./prefetch.registry.js";

// A plan (shared/prefetch.plan.ts) as one statement, and its JSON answer as the rows and pages the loaders
// would have given. A row is `json_build_object(property, column, …)`; with relations under it, a
// `json_build_array(row, relation, …)`. Lists are correlated subqueries with the loaders' order, limit and
// conditions; a parent's key is referred to by its column, which in SQL names the nearest enclosing level
// of that table: the parent.


/** Reads the plan's subtree for these parent keys: one statement, one value per key (a page or a row). */
export async function runPlan(db: Db, plan: RelationPlan, parentKeys: readonly number[]): Promise<unknown[]> {
  for (const k of parentKeys) if (!Number.isSafeInteger(k)) throw new TypeError(`prefetch: ${String(k)} is not an integer key`);
  const rows = await queryRows(
    db,
    sql`select page_parent.id as key, ${relationJson(plan, sql`page_parent.id`)} as value
        from unnest(${`{${parentKeys.join(",")}}`}::int[]) as page_parent(id)`,
  );
  const byKey = new Map(rows.map((r) => [Number(r.key), r.value]));
  return parentKeys.map((k) => decodeRelation(db, plan, byKey.get(k) ?? null, k));
}

function relationJson(plan: RelationPlan, parent: SQL): SQL {
  const row = rowJson(plan.node);
  if (plan.kind === "one") return sql`(select ${row} from ${plan.relation.target.table} where ${plan.relation.target} = ${parent})`;
  return childPageJson(plan.spec, plan.req, parent, row, plan.total);
}

function rowJson(node: TypePlan): SQL {
  // Positional: `[column, …, relation, …]` in the plan's order. Keys in every object were half the JSON.
  const values = node.columns.map(([, column], i) => (node.asText[i] ? sql`${column}::text` : sql`${column}`));
  const relations = node.relations.map(([, rel]) => relationJson(rel, sql`${node.type.columns.get(rel.relation.parentKey) as PgColumn}`));
  return sql`json_build_array(${sql.join([...values, ...relations], sql`, `)})`;
}

function decodeRelation(db: Db, plan: RelationPlan, value: unknown, parentKey: number): unknown {
  if (plan.kind === "one") return value == null ? null : decodeRow(db, plan.node, value as unknown[]);
  const [list, more, total] = (value ?? [null, false]) as [unknown[][] | null, boolean, number | undefined];
  const rows = list ? list.map((r) => decodeRow(db, plan.node, r)) : [];
  const { spec } = plan;
  // totalCount is in the statement whenever the selection asks for it; the COUNT is only a fallback.
  const countFn =
    total !== undefined ? () => Promise.resolve(total) : () => countByParent(db, spec.table, spec.parentColumn, spec.where, [parentKey], spec.through).then(([n]) => n);
  return toPage(rows, plan.req, spec.ordering as Ordering<unknown>, countFn, more);
}

function decodeRow(db: Db, node: TypePlan, values: unknown[]): Record<string, unknown> {
  const row: Record<string | symbol, unknown> = {};
  const { columns, relations, asText } = node;
  for (let i = 0; i < columns.length; i++) {
    const [key, column] = columns[i];
    const v = values[i];
    row[key] = v != null && asText[i] ? column.mapFromDriverValue(v) : v;
  }
  if (relations.length) {
    const prefetched: Record<string, unknown> = Object.create(null);
    for (let j = 0; j < relations.length; j++) {
      const [responseKey, rel] = relations[j];
      prefetched[responseKey] = decodeRelation(db, rel, values[columns.length + j], row[rel.relation.parentKey] as number);
    }
    row[PREFETCHED] = prefetched;
  }
  return row as Record<string, unknown>;
}
