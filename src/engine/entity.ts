import type { SQL } from "drizzle-orm";
import { getTableColumns } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { GraphQLResolveInfo } from "graphql";
import type { ClassType } from "type-graphql";
import type { Context } from "../context.js";
import type { Viewer } from "../modules/auth/auth.roles.js";
import type { Ordering } from "../shared/pagination.js";

// The one declaration of a table-backed GraphQL type: where each of its fields comes from (a column, an SQL
// expression, a relation, or JavaScript over declared columns), which rows a caller may read (scope) and
// which fields a caller may read on a row (policies). The planner (plan.ts) reads these for every strategy
// and every path, and schema.ts derives the relation and root resolvers from them: nothing here is restated
// anywhere else.

/** The table under the alias a statement gives it; every SQL function of a declaration is written against it. */
export type T<Tbl extends PgTable = PgTable> = Tbl;

/** Who asks. `null`: anonymous. Scopes and policies read it through a recorder (plan-cache.ts). */
export type Who = Viewer | null;

/** Rows of a table that a caller may read: a condition on `t`, `undefined` for all rows, `false` for none. */
export type Scope<Tbl extends PgTable = PgTable> = (t: Tbl, who: Who, form?: "scan" | "probe") => SQL | undefined | false;

/** A field that only some callers may read on some rows: null with a FORBIDDEN error at its path otherwise. */
export interface Policy<Tbl extends PgTable = PgTable> {
  /** A condition on the row, `true` for every row, `false` for none. */
  allow: (t: Tbl, who: Who) => SQL | boolean;
  message: string;
}

/** GraphQL facts of a field the engine adds to a type-graphql object type (its arguments, type, description). */
export interface FieldMeta {
  type: () => unknown;
  description: string;
  nullable?: boolean | "items" | "itemsAndList";
  /** Deprecated in the schema (@deprecated): what to use instead and when it goes. */
  deprecationReason?: string;
  /** An @ArgsType class whose fields are the field's arguments (PageArgsType). */
  argsType?: () => ClassType;
  /** Named arguments: name → type, description, nullability. */
  args?: Record<string, { type: () => unknown; description: string; nullable?: boolean }>;
}

export interface ColumnField {
  kind: "column";
  column: string;
  /** Given when the field is not a @Field of the type's class (a column under another name or type). */
  meta?: FieldMeta;
}

export interface ExprField<Tbl extends PgTable = PgTable> {
  kind: "expr";
  sql: (t: Tbl) => SQL;
  /** Whether the expression can be NULL (a non-null GraphQL field needs a never-null expression). */
  nullable: boolean;
  meta?: FieldMeta;
}

/** A value computed in JavaScript from some columns of the row (a leaf over fetched rows). */
export interface JsField {
  kind: "js";
  reads: readonly string[];
  resolve: (row: Record<string, unknown>, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo) => unknown;
  meta?: FieldMeta;
}

/** One row of `target` whose key equals this row's `from` column (a foreign key). */
export interface OneRelation {
  kind: "one";
  target: string;
  from: string;
  /** The target's column matched; its key by default. */
  to?: string;
  /**
   * The caller may read the target whenever it may read this row, so the target's scope is not checked again
   * under it (a student under an enrollment: the check costs a hash of every hosted enrollment per statement).
   * Declared only where the two scopes prove it; test/integration/scope-implications.test.ts checks each
   * declaration for every caller on the mixed fixture.
   */
  inParentScope?: boolean;
  /**
   * A further condition from the field's arguments, when `to` matches several rows of which the arguments
   * pick at most one (an agreement's version in force on a date).
   */
  where?: (t: PgTable, args: Record<string, unknown>, path: string, who: Who) => SQL | undefined;
  meta: FieldMeta;
}

/** Rows of `target` under this row, through a column of theirs (`via`) or of a link table. */
export interface ManyRelation<Tbl extends PgTable = PgTable> {
  kind: "list" | "connection";
  target: string;
  /** The target's column holding this row's key (programs.hostInstitutionId), when linked directly. */
  via?: string;
  /** A link table: rows of `target` whose key is in link.to where link.from is this row's key. */
  through?: { table: PgTable; from: PgColumn; to: PgColumn };
  /**
   * Instead of `via` or `through`: rows of `target` for which this condition holds, given this row's key
   * (`parent`: a column of the parent's alias, or a batch's key). For a link that is not one column
   * (labs an institution leads or is a member of).
   */
  on?: (t: PgTable, parent: SQL) => SQL;
  /** This row's column the link points at (its key by default). */
  parentKey?: string;
  /** Lists: order (columns of the target), the last one unique. Connections: `ordering`. */
  orderBy?: (t: PgTable) => PgColumn[];
  ordering?: Ordering<never>;
  /** A condition from the field's arguments (a filter), naming bad input by its path. */
  where?: (t: PgTable, args: Record<string, unknown>, path: string, who: Who) => SQL | undefined;
  meta: FieldMeta;
  /** Unused marker for the table type. */
  _t?: Tbl;
}

export type Relation = OneRelation | ManyRelation;
export type FieldSource = ColumnField | ExprField | JsField | Relation;

/** A root query field reading this type: one row by global id, or a connection over the whole table. */
export type Root =
  /** One row by a global id argument, or (global: false) by the key's own value (`country(code:)`). */
  | { kind: "byId"; arg: string; global?: boolean; meta: FieldMeta }
  /** Every row in a fixed order: short reference lists (countries), no paging. */
  | { kind: "all"; orderBy: (t: never) => PgColumn[]; where?: (t: PgTable, args: Record<string, unknown>, path: string, who: Who) => SQL | undefined; meta: FieldMeta }
  | {
      kind: "list";
      ordering: Ordering<never>;
      where?: (t: PgTable, args: Record<string, unknown>, path: string, who: Who) => SQL | undefined;
      meta: FieldMeta;
    };

export interface EntityDecl<Tbl extends PgTable = PgTable> {
  /** The GraphQL object type. */
  name: string;
  type: () => ClassType;
  table: Tbl;
  /**
   * The row's key column (property name): the global id's value. Omitted for the rows of a link table (a
   * composite key) that are read only under their parent: such a type has no id, roots, policies, SQL
   * expressions or relations from its key (checked when the declarations are read).
   */
  key?: string;
  /** Whether the type implements Node (an `id` field that is the global id of the key). */
  node: boolean;
  /** Fields that are not a column of the same property name. */
  fields?: Record<string, FieldSource>;
  /** "scan" is asked for a root list over the whole table, "probe" for rows under a parent or by key. */
  scope?: Scope<Tbl>;
  /** What a caller outside the scope is told on a root read (byId: this message; list: this error). */
  outOfScope?: (who: Who, root: "byId" | "list") => Error;
  policies?: Record<string, Policy<Tbl>>;
  roots?: Record<string, Root>;
}

export interface Entity extends Omit<EntityDecl, "key"> {
  /** "" for a type without a key (never read then: see EntityDecl.key). */
  key: string;
  columns: Map<string, PgColumn>;
  fields: Record<string, FieldSource>;
}

const entities = new Map<string, Entity>();

/** Declares a table-backed type. */
export function entity<Tbl extends PgTable>(decl: EntityDecl<Tbl>): Entity {
  const columns = new Map((Object.entries(getTableColumns(decl.table)) as [string, PgColumn][]).filter(([, c]) => !c.generated));
  const e = { ...(decl as unknown as EntityDecl), key: decl.key ?? "", columns, fields: { ...decl.fields } } as Entity;
  if (entities.has(decl.name)) throw new Error(`engine: ${decl.name} declared twice`);
  entities.set(decl.name, e);
  return e;
}

/** Adds fields to a declared type from another module (Institution.agreements lives with agreements). */
export function extend(name: string, fields: Record<string, JsField | Relation>, roots: Record<string, Root> = {}): void {
  pendingExtensions.push({ name, fields, roots });
}
const pendingExtensions: { name: string; fields: Record<string, JsField | Relation>; roots: Record<string, Root> }[] = [];

export function entityOf(name: string): Entity | undefined {
  return entities.get(name);
}

/** Every declaration, extensions applied. */
export function allEntities(): Entity[] {
  for (const x of pendingExtensions.splice(0)) {
    const e = entities.get(x.name);
    if (!e) throw new Error(`engine: extension of undeclared type ${x.name}`);
    for (const [f, s] of Object.entries(x.fields)) {
      if (e.fields[f]) throw new Error(`engine: ${x.name}.${f} declared twice`);
      e.fields[f] = s;
    }
    e.roots = { ...e.roots, ...x.roots };
  }
  for (const e of entities.values()) if (!e.key) checkKeyless(e);
  return [...entities.values()];
}

/** A type without a key is read only under its parent: nothing may need its key. */
function checkKeyless(e: Entity): void {
  const needsKey = [
    ...(e.node ? ["id"] : []),
    ...Object.keys(e.roots ?? {}),
    ...Object.keys(e.policies ?? {}),
    ...Object.entries(e.fields)
      .filter(([, f]) => f.kind === "expr" || ((f.kind === "list" || f.kind === "connection") && !f.parentKey))
      .map(([n]) => n),
  ];
  if (needsKey.length) throw new Error(`engine: ${e.name} has no key, which ${needsKey.join(", ")} would need`);
}

// Field constructors, so a declaration reads as what each field is.
export const expr = <Tbl extends PgTable>(sqlOf: (t: Tbl) => SQL, meta?: FieldMeta, nullable = false): ExprField => ({
  kind: "expr",
  sql: sqlOf as ExprField["sql"],
  nullable,
  meta,
});

export const column = (property: string, meta?: FieldMeta): ColumnField => ({ kind: "column", column: property, meta });

export function js<R extends Record<string, unknown>>(
  reads: readonly (keyof R & string)[],
  resolve: (row: R, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo) => unknown,
  meta?: FieldMeta,
): JsField {
  return { kind: "js", reads, resolve: resolve as JsField["resolve"], meta };
}

export const one = <Tbl extends PgTable = PgTable>(
  target: string,
  from: string,
  meta: FieldMeta,
  o: { to?: string; inParentScope?: boolean; where?: (t: Tbl, args: Record<string, unknown>, path: string, who: Who) => SQL | undefined } = {},
): OneRelation => ({ kind: "one", target, from, ...(o as Omit<OneRelation, "kind" | "target" | "from" | "meta">), meta });

/** The table type of a relation's target, for its SQL functions: `list<typeof programs>("Program", …)`. */
export interface ManySpec<Tbl extends PgTable> {
  via?: keyof Tbl & string;
  through?: ManyRelation["through"];
  on?: (t: Tbl, parent: SQL) => SQL;
  parentKey?: string;
  orderBy?: (t: Tbl) => PgColumn[];
  ordering?: Ordering<never>;
  where?: (t: Tbl, args: Record<string, unknown>, path: string, who: Who) => SQL | undefined;
  meta: FieldMeta;
}

export const list = <Tbl extends PgTable>(target: string, spec: ManySpec<Tbl>): ManyRelation => ({ kind: "list", target, ...(spec as unknown as ManySpec<PgTable>) });

export const connection = <Tbl extends PgTable>(target: string, spec: ManySpec<Tbl>): ManyRelation => ({ kind: "connection", target, ...(spec as unknown as ManySpec<PgTable>) });

/** A root list with a filter: `where` is written against the table under its alias. */
export const rootConnection = <Tbl extends PgTable>(ordering: Ordering<never>, meta: FieldMeta, where?: (t: Tbl, args: Record<string, unknown>, path: string, who: Who) => SQL | undefined): Root => ({
  kind: "list",
  ordering,
  meta,
  where: where as Extract<Root, { kind: "list" }>["where"],
});

export const rootAll = <Tbl extends PgTable>(orderBy: (t: Tbl) => PgColumn[], meta: FieldMeta, where?: (t: Tbl, args: Record<string, unknown>, path: string, who: Who) => SQL | undefined): Root => ({
  kind: "all",
  orderBy: orderBy as (t: never) => PgColumn[],
  meta,
  where: where as Extract<Root, { kind: "all" }>["where"],
});
