import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import { queryRows } from "../db/rows.js";
import { childPageJson, countByParent, toPage, type Ordering } from "./pagination.js";
import { readAsText, type RelationPlan, type TypePlan } from "./prefetch.plan.js";
import { PREFETCHED } from "./prefetch.registry.js";

// A plan (shared/prefetch.plan.ts) as one statement, and its JSON answer as the rows and pages the loaders
// would have given. A row is `json_build_object(property, column, …)`; with relations under it, a
// `json_build_array(row, relation, …)`. Lists are correlated subqueries with the loaders' order, limit and
// conditions; a parent's key is referred to by its column, which in SQL names the nearest enclosing level
// of that table: the parent.

const PROPERTY = /^[A-Za-z_][A-Za-z0-9_]*$/;

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
  const pairs = node.columns.map(([key, column]) => {
    if (!PROPERTY.test(key)) throw new Error(`prefetch: ${key} is not a plain property name`);
    // Timestamps, numerics and the like go as the driver's text, for the column's own decoder (decodeRow).
    return readAsText(column) ? sql`${sql.raw(`'${key}'`)}, ${column}::text` : sql`${sql.raw(`'${key}'`)}, ${column}`;
  });
  const object = sql`json_build_object(${sql.join(pairs, sql`, `)})`;
  if (!node.relations.length) return object;
  const parentColumn = (key: string) => node.type.columns.get(key) as PgColumn;
  return sql`json_build_array(${object}, ${sql.join(
    node.relations.map(([, rel]) => relationJson(rel, sql`${parentColumn(rel.relation.parentKey)}`)),
    sql`, `,
  )})`;
}

function decodeRelation(db: Db, plan: RelationPlan, value: unknown, parentKey: number): unknown {
  if (plan.kind === "one") return value == null ? null : decodeRow(db, plan.node, value);
  const page = (value ?? { rows: [] }) as { rows: unknown[]; total?: number };
  const rows = page.rows.map((r) => decodeRow(db, plan.node, r));
  const { spec } = plan;
  const total = page.total;
  // totalCount is in the statement whenever the selection asks for it; the COUNT is only a fallback.
  const countFn = total !== undefined ? () => Promise.resolve(total) : () => countByParent(db, spec.table, spec.parentColumn, spec.where, [parentKey], spec.through).then(([n]) => n);
  return toPage(rows, plan.req, spec.ordering as Ordering<unknown>, countFn);
}

function decodeRow(db: Db, node: TypePlan, value: unknown): Record<string, unknown> {
  const withRelations = node.relations.length > 0;
  const row = (withRelations ? (value as unknown[])[0] : value) as Record<string | symbol, unknown>;
  for (const [key, column] of node.decoded) {
    const v = row[key];
    if (v != null) row[key] = column.mapFromDriverValue(v);
  }
  if (withRelations) {
    const values = value as unknown[];
    const prefetched: Record<string, unknown> = Object.create(null);
    node.relations.forEach(([responseKey, rel], i) => {
      prefetched[responseKey] = decodeRelation(db, rel, values[i + 1], row[rel.relation.parentKey] as number);
    });
    row[PREFETCHED] = prefetched;
  }
  return row as Record<string, unknown>;
}
