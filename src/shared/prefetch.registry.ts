import { getTableColumns } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Context } from "../context.js";
import type { ChildListSpec } from "./pagination.js";

// What the one-statement planner (shared/prefetch.ts) knows: which GraphQL object types are rows of which
// table, and which of their fields are relations it may read in the same statement. Each module registers
// its own in <entity>.relations.ts.

/** A GraphQL object type whose rows come from one table. */
export interface SqlType {
  table: PgTable;
  /** Property name of each column, and its column. */
  columns: Map<string, PgColumn>;
  /** The row's key property (its `id` field is the global id of it). */
  key: string;
  /** Fields with a resolver of their own that read only these row properties (others read the whole row). */
  reads: Record<string, readonly string[]>;
  /** Fields with a resolver of their own that return one column as it is (Cohort.seatsTaken). */
  columnFields: Record<string, string>;
}

/** A root query field that loads one row by its global id argument (institution(id:)). */
export interface RootField {
  type: string;
  arg: string;
}

/** A connection under a parent: the same list specification as the field's loader. */
export interface ConnectionRelation {
  kind: "connection";
  /** The parent's property the list's parentColumn matches (its key). */
  parentKey: string;
  /** The list the field's resolver reads, from the field's arguments (throws a coded error for bad ones). */
  list: (ctx: Context, args: Record<string, unknown>) => ChildListSpec<never>;
}

/** A to-one relation through a foreign key of the parent row (the field's loader is a byKey on `target`). */
export interface OneRelation {
  kind: "one";
  /** The parent's property holding the foreign key. */
  parentKey: string;
  target: PgColumn;
}

export type Relation = ConnectionRelation | OneRelation;

const types = new Map<string, SqlType>();
const relations = new Map<string, Map<string, Relation>>();

export function sqlType(
  typeName: string,
  table: PgTable,
  opts: { reads?: Record<string, readonly string[]>; columnFields?: Record<string, string> } = {},
): void {
  const columns = new Map((Object.entries(getTableColumns(table)) as [string, PgColumn][]).filter(([, c]) => !c.generated));
  const columnFields = opts.columnFields ?? {};
  const reads = { ...Object.fromEntries(Object.entries(columnFields).map(([f, p]) => [f, [p]])), ...opts.reads };
  types.set(typeName, { table, columns, key: "id", reads, columnFields });
}

const roots = new Map<string, RootField>();

/** Registers a root field whose resolver loads one row of `type` by the global id in `arg`, with no access rule. */
export function sqlRoot(field: string, root: RootField): void {
  roots.set(field, root);
}

export const rootOf = (field: string) => roots.get(field);

/**
 * Registers a relation field. Only fields whose resolver is exactly "load this list / this row" belong here:
 * the prefetched answer replaces that resolver's.
 */
export function sqlRelation(typeName: string, field: string, relation: Relation): void {
  let m = relations.get(typeName);
  if (!m) relations.set(typeName, (m = new Map()));
  m.set(field, relation);
}

export const sqlTypeOf = (typeName: string) => types.get(typeName);
export const relationOf = (typeName: string, field: string) => relations.get(typeName)?.get(field);

/** Where a prefetched row keeps the answers of its relation fields, by response key. */
export const PREFETCHED = Symbol("prefetched");
export type Prefetched = { [PREFETCHED]?: Record<string, unknown> };

export const relationsByType = (): ReadonlyMap<string, ReadonlyMap<string, Relation>> => relations;
