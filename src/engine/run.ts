import { sql, type SQL } from "drizzle-orm";
import { getNamedType, GraphQLObjectType, type FieldNode, type GraphQLResolveInfo } from "graphql";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Context } from "../context.js";
import { queryRows } from "../db/rows.js";
import { requireViewer } from "../modules/auth/access.js";
import { fromGlobalId } from "../shared/global-id.js";
import type { Entity, ManyRelation, OneRelation, Root, Who } from "./entity.js";
import { entityOf } from "./entity.js";
import { DENIED, Planner, type PlanEnv } from "./plan.js";
import { cachedPlan, sqlBytes } from "./plan-cache.js";
import { textArray } from "./refetch.js";

// Running plans: a root field's value in one statement, and the batched strategy's keyed statements (one per
// level for every parent of that level). Both come from plan.ts's builders and go through the plan cache.

export function envOf(ctx: Context, info: Pick<GraphQLResolveInfo, "schema" | "fragments" | "variableValues">, who: Who, mode: PlanEnv["mode"] = "rows"): PlanEnv {
  return {
    schema: info.schema,
    fragments: info.fragments,
    variableValues: info.variableValues,
    who,
    mode,
    strategy: ctx.read.strategy === "batched" ? "batched" : "inline",
  };
}

/** The field's place in the operation, without list indexes: the same for every parent of a level. */
export function pathSignature(info: GraphQLResolveInfo): string {
  const keys: string[] = [];
  for (let p: GraphQLResolveInfo["path"] | undefined = info.path; p; p = p.prev) if (typeof p.key === "string") keys.push(p.key);
  // The operation's name too: one document may hold several operations with the same paths.
  return `${info.operation.name?.value ?? ""}/${info.parentType.name}:${keys.reverse().join(".")}`;
}

const parse = (text: unknown): unknown => (typeof text === "string" ? JSON.parse(text) : (text ?? null));

/** A root list: a connection over the whole table, or every row (`all`), under the caller's scope. */
export async function rootList(e: Entity, root: Exclude<Root, { kind: "byId" }>, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo): Promise<unknown> {
  if (e.scope?.(e.table, ctx.viewer) === false) throw outOfScope(e, ctx.viewer, "list");
  const query = cachedPlan(
    ctx,
    `root\n${pathSignature(info)}\n${ctx.read.strategy}`,
    (who) => sql`select ${planRootList(new Planner(envOf(ctx, info, who)), e, root, getNamedType(info.returnType) as GraphQLObjectType, info.fieldNodes, args, who)} as value`,
    sqlBytes,
  );
  const rows = await queryRows(ctx.db, query);
  return parse(rows[0]?.value);
}

/** The JSON of a root list (whole.ts writes the same into a whole response). */
export function planRootList(p: Planner, e: Entity, root: Exclude<Root, { kind: "byId" }>, type: GraphQLObjectType, nodes: readonly FieldNode[], args: Record<string, unknown>, who: Who): SQL {
  const from = (a: { t: PgTable; name: string }) => {
    const scope = e.scope?.(a.t, who, "scan");
    return { from: sql`${e.table} as ${sql.identifier(a.name)}`, where: scope === false ? sql`false` : scopeAnd(scope, root.where?.(a.t, args, "", who)) };
  };
  return root.kind === "list" ? p.connection(e, root.ordering, type, nodes, from, args, "") : p.list(e, type, nodes, root.orderBy as (t: PgTable) => PgColumn[], from);
}

const scopeAnd = (a: SQL | undefined, b: SQL | undefined) => (a && b ? sql`(${a}) and (${b})` : (a ?? b));

/**
 * One row of a declared type by its key, for a field outside the engine (a mutation's payload), under the
 * type's scope and policies: `denied` is the error for a row outside the caller's scope.
 */
export function readRow(type: string, id: number, ctx: Context, info: GraphQLResolveInfo, denied?: () => Error): Promise<unknown> {
  return byId(entityOf(type)!, id, ctx, info, false, denied);
}

/** One row by its global id (`program(id:)`, `node(id:)`), batched with the others of the same selection. */
export function byId(e: Entity, id: number | string, ctx: Context, info: GraphQLResolveInfo, typed = false, denied?: () => Error): Promise<unknown> {
  const callerScope = e.scope?.(e.table, ctx.viewer);
  if (callerScope === false && !ctx.viewer) requireViewer(ctx);
  const value = (who: Who, key: SQL, p: Planner) => {
    const { t, name } = p.alias(e.table);
    const type = info.schema.getType(e.name) as GraphQLObjectType;
    const scope = e.scope?.(t, who);
    const obj = p.object(e, type, info.fieldNodes, t, { typed });
    // A row outside the caller's scope is marked, so the caller is told (outOfScope) instead of seeing null.
    const json = scope === undefined ? obj : sql`(case when ${scope === false ? sql`false` : scope} then ${obj} else '{"${sql.raw(DENIED)}":1}' end)`;
    return sql`(select ${json} from ${e.table} as ${sql.identifier(name)} where ${p.col(e, t, e.key)} = ${key})`;
  };
  return keyed(ctx, info, `byId:${e.name}:${typed}`, e.columns.get(e.key)!.getSQLType(), value).load(id).then((row) => {
    if (row && typeof row === "object" && DENIED in row) throw denied && ctx.viewer ? denied() : outOfScope(e, ctx.viewer, "byId");
    // A caller whose scope depends on the row is answered the same for an id that does not exist, so which ids
    // exist is not told; a mutation's payload (`denied`) reads a row the caller just wrote.
    if (row == null && callerScope !== undefined && !denied) throw outOfScope(e, ctx.viewer, "byId");
    return row;
  });
}

export function outOfScope(e: Entity, who: Who, root: "byId" | "list"): Error {
  if (!who) return requireViewerError();
  return e.outOfScope?.(who, root) ?? new Error(`engine: ${e.name} has a scope and no outOfScope`);
}

function requireViewerError(): Error {
  try {
    requireViewer({ viewer: null } as Context);
  } catch (err) {
    return err as Error;
  }
  return new Error("unreachable");
}

/** A relation left to the batched strategy: loaded for every parent of this level in one statement. */
export function batchedRelation(rel: OneRelation | ManyRelation, parentKey: unknown, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo): Promise<unknown> {
  if (parentKey == null) return Promise.resolve(rel.kind === "one" ? null : undefined);
  const parentType = entityOf(info.parentType.name)!;
  const column = rel.kind === "one" ? parentType.columns.get(rel.from)! : parentType.columns.get(rel.parentKey ?? parentType.key)!;
  const field = info.parentType.getFields()[info.fieldName];
  return keyed(ctx, info, "rel", column.getSQLType(), (who, key, p) => p.relation(rel, field, info.fieldNodes, key, args, info.fieldName)).load(parentKey as number);
}

type ValueOf = (who: Who, key: SQL, p: Planner) => SQL;

/**
 * A loader of this request for one planned value per key: `select k.v, <value for k.v> from unnest(keys)`.
 * The value's SQL is planned once per document, field and caller values (the plan cache); each batch wraps it.
 */
function keyed(ctx: Context, info: GraphQLResolveInfo, kind: string, keyType: string, valueOf: ValueOf) {
  const slot = `keyed\n${kind}\n${pathSignature(info)}\n${ctx.read.strategy}`;
  return ctx.loaders.get<number | string, unknown>(slot, async (keys) => {
    const value = cachedPlan(ctx, slot, (who) => valueOf(who, sql.raw(`k.v`), new Planner(envOf(ctx, info, who))), sqlBytes);
    const array = /int|serial/.test(keyType) ? sql`${`{${keys.join(",")}}`}::int[]` : sql`${textArray(keys)}::text[]`;
    const rows = await queryRows(ctx.db, sql`select k.v as key, ${value} as value from unnest(${array}) as k(v)`);
    const byKey = new Map(rows.map((r) => [String(r.key), parse(r.value)]));
    return keys.map((k) => byKey.get(String(k)) ?? null);
  });
}

/** The database key of a global id argument of this type (a coded error naming the argument otherwise). */
export const keyOfId = (e: Entity, id: string, arg: string): number => fromGlobalId(id, e.name, arg);
