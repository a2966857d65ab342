import { inArray, is, SQL, sql } from "drizzle-orm";
import { PgColumn, type SelectedFields } from "drizzle-orm/pg-core";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import type { Context } from "../../context.js";
import type { Db } from "../../db/client.js";
import { entityOf } from "../../engine/entity.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import { toGlobalId } from "../../shared/global-id.js";
import type { Tx } from "../../shared/mutation.js";
import { execPrebuilt, prebuilt, type Prebuilt } from "../../shared/prebuilt-sql.js";
import { requireViewer } from "./access.js";
import type { Viewer } from "./auth.roles.js";
import { RULES, actsFor, ruleFor, type Permission, type Rule, type RowRule } from "./permission.js";

// The one way a mutation authorizes: requireAccess checks a permission over a set of ids in one statement;
// lockAndAuthorize, inside the mutation's transaction, locks the rows it will change (FOR UPDATE) and checks
// the permission in the same statement, so the check and the lock see the same version of each row (under
// READ COMMITTED a row changed by a transaction this one waited for is re-read, and the rule re-evaluated on
// the new version, before the lock is granted). Role-only rules stay with requireRole (access.ts).

/** Where the ids came from, for the error a client gets. */
export interface AccessTarget {
  /** The input field, e.g. "input.cohortId"; a function of the index for a list. */
  field: string | ((i: number) => string);
  /** The id (or ids, by index) as the client sent them, for NOT_FOUND; by default the global ids of the database ids. */
  given?: string | readonly string[];
}

export interface AccessCheck {
  /** The ids this caller may act on. */
  allowed: Set<number>;
  /** The ids with no row (always empty for institution rules: the token decides those). */
  missing: Set<number>;
}

type Permissions<K extends Rule["kind"]> = { [P in Permission]: (typeof RULES)[P] extends infer R ? (R extends { kind: K } ? P : never) : never }[Permission];

const fieldOf = (t: AccessTarget, i: number) => (typeof t.field === "string" ? t.field : t.field(i));

function refused(rule: Rule, v: Viewer, t: AccessTarget, i: number): AppError {
  return new AppError(ErrorCode.FORBIDDEN, rule.refusal(v), { field: fieldOf(t, i) });
}

/**
 * Whether a missing id is told apart from a refused one: only for a caller who may read every row of the
 * type (its scope in the read engine: platform admins; anyone, for public types such as programs). Anyone
 * else is refused a missing id as one outside its rule, so which ids exist is not told, as on reads.
 */
function tellsMissing(rule: RowRule, v: Viewer): boolean {
  const e = entityOf(rule.entity);
  return !e?.scope || e.scope(e.table, v) === undefined;
}

function notFound(rule: RowRule, id: number, t: AccessTarget, i: number): AppError {
  const given = (typeof t.given === "string" ? t.given : t.given?.[i]) ?? toGlobalId(rule.entity, id);
  return new AppError(ErrorCode.NOT_FOUND, `${rule.entity} ${given} was not found`, { id: given, field: fieldOf(t, i) });
}

/**
 * Which of these ids the caller may act on under `permission`, and which do not exist: one statement for a
 * row rule (`select id, <rule> from <table> where id in (…)`), none for an institution rule. Anonymous
 * callers are UNAUTHENTICATED.
 */
export async function checkAccess(ctx: Context, permission: Permission, ids: readonly number[], db: Db | Tx = ctx.db): Promise<AccessCheck> {
  const v = requireViewer(ctx);
  const rule = RULES[permission];
  const unique = [...new Set(ids)];
  if (rule.kind === "institution") return { allowed: new Set(unique.filter((id) => actsFor(rule, v, id))), missing: new Set() };
  if (!unique.length) return { allowed: new Set(), missing: new Set() };
  const { form, inst } = ruleForm(v, rule);
  const rows = await execPrebuilt(db, checkStatement(permission, rule, form), { ids: unique, inst });
  const found = new Set(rows.map((r) => Number(r.id)));
  return { allowed: new Set(rows.filter((r) => r.allowed).map((r) => Number(r.id))), missing: new Set(unique.filter((id) => !found.has(id))) };
}

/**
 * Throws unless the caller may act on every id (`some`: on at least one): NOT_FOUND for the first id with no
 * row (for a caller who may read every row of the type; to anyone else it is refused like the others), else
 * FORBIDDEN for the first refused one, each naming its input field. Inside a transaction pass
 * `db: tx` so the check reads what the transaction sees.
 */
export async function requireAccess(
  ctx: Context,
  permission: Permission,
  ids: readonly number[],
  target: AccessTarget & { db?: Db | Tx; some?: boolean },
): Promise<void> {
  const { allowed, missing } = await checkAccess(ctx, permission, ids, target.db);
  const rule = RULES[permission];
  const gone = ids.findIndex((id) => missing.has(id));
  if (gone >= 0 && tellsMissing(rule as RowRule, ctx.viewer!)) throw notFound(rule as RowRule, ids[gone], target, gone);
  if (target.some) {
    if (!ids.some((id) => allowed.has(id))) throw refused(rule, ctx.viewer!, target, 0);
    return;
  }
  const denied = ids.findIndex((id) => !allowed.has(id));
  if (denied >= 0) throw refused(rule, ctx.viewer!, target, denied);
}

const ALLOWED = "__allowed";
const ID = "__id";

// The statements of the checks, rendered once per permission and form of its rule (shared/prebuilt-sql.ts): a
// caller's institution is a value (`inst`), not part of the text. drizzle's query builder built them on every call,
// the largest part of drizzle's share of a single write's CPU (BENCHMARKS.md, "Single writes, fifth round").

/** The form of a rule for this caller (ruleFor in permission.ts): a platform admin's, none, or its role's. */
function ruleForm(v: Viewer, rule: RowRule): { form: string; inst: number } {
  if (v.role === "PLATFORM_ADMIN") return { form: "all", inst: 0 };
  if (!rule.roles.includes(v.role) || v.institutionId == null) return { form: "none", inst: 0 };
  return { form: v.role, inst: v.institutionId };
}

/** The rule in that form, its institution a placeholder. */
function ruleSql(rule: RowRule, form: string, inst: SQL): SQL {
  if (form === "all") return sql`true`;
  if (form === "none") return sql`false`;
  return rule.scoped(inst as unknown as number, form as Viewer["role"]); // the rules only embed it in SQL
}

const checks = new Map<string, Prebuilt<"ids" | "inst">>();

function checkStatement(permission: Permission, rule: RowRule, form: string): Prebuilt<"ids" | "inst"> {
  const key = `${permission}:${form}`;
  let statement = checks.get(key);
  if (!statement)
    checks.set(key, (statement = prebuilt<"ids" | "inst">((p) =>
      sql`select ${rule.id} as id, (${ruleSql(rule, form, p.inst)}) as allowed from ${rule.table} where ${rule.id} = any(${p.ids}::int[])`)));
  return statement;
}

/** Column sets passed to lockAndAuthorize that are module constants (stableColumns): their statements are kept. */
const stable = new WeakMap<SelectedFields, Map<string, Prebuilt<"ids" | "inst">>>();

/**
 * Marks a column set for lockAndAuthorize as constant (a module-level object, the same on every call), so that
 * its locking statement is rendered once per permission and form of the rule instead of on every call.
 */
export function stableColumns<T extends SelectedFields>(columns: T): T {
  for (const field of Object.values(columns))
    if (!is(field, PgColumn) && !is(field, SQL)) throw new Error("stableColumns: columns and SQL expressions only");
  stable.set(columns, new Map());
  return columns;
}

function lockStatement(permission: Permission, rule: RowRule, form: string, columns: SelectedFields, kept: Map<string, Prebuilt<"ids" | "inst">>) {
  const key = `${permission}:${form}`;
  let statement = kept.get(key);
  if (!statement) {
    const list = Object.entries(columns).map(([name, field]) => sql`${field as SQL} as ${sql.identifier(name)}`);
    kept.set(key, (statement = prebuilt<"ids" | "inst">((p) =>
      sql`select ${sql.join(list, sql`, `)}, ${rule.id} as ${sql.identifier(ID)}, (${ruleSql(rule, form, p.inst)}) as ${sql.identifier(ALLOWED)}
        from ${rule.table} where ${rule.id} = any(${p.ids}::int[]) order by ${rule.id} for update`)));
  }
  return statement;
}

/** A row of a kept locking statement decoded as drizzle's select decodes it (a column's own mapping, an SQL's decoder). */
function decoded(columns: SelectedFields, row: Record<string, unknown>): Record<string, unknown> {
  for (const [name, field] of Object.entries(columns)) {
    const v = row[name];
    if (v == null) continue;
    row[name] = is(field, PgColumn) ? field.mapFromDriverValue(v) : (field as unknown as { decoder: { mapFromDriverValue: (v: unknown) => unknown } }).decoder.mapFromDriverValue(v); // drizzle keeps it untyped
  }
  return row;
}

/**
 * Locks the rows of these ids (FOR UPDATE, in id order) and checks `permission` on them in the same
 * statement; returns the selected `columns` of each row, in the order of `ids`. Throws as requireAccess does,
 * leaving the rows locked until the transaction rolls back. `columns` may hold columns of the permission's
 * table and SQL over it (written with the table's own name, see permission.ts).
 */
export async function lockAndAuthorize<T extends SelectedFields>(
  tx: Tx,
  ctx: Context,
  permission: Permissions<"row">,
  ids: readonly number[],
  target: AccessTarget,
  columns: T,
): Promise<SelectResultFields<T>[]> {
  const v = requireViewer(ctx);
  const rule = RULES[permission] as RowRule;
  const unique = [...new Set(ids)];
  const { form, inst } = ruleForm(v, rule);
  const kept = stable.get(columns);
  const rows = kept
    ? (await execPrebuilt(tx, lockStatement(permission, rule, form, columns, kept), { ids: unique, inst })).map((r) => decoded(columns, r))
    : ((await tx
        .select({ ...columns, [ID]: rule.id, [ALLOWED]: sql<boolean>`${ruleFor(rule, v)}` })
        .from(rule.table)
        .where(inArray(rule.id, unique))
        .orderBy(rule.id)
        .for("update")) as Record<string, unknown>[]);
  const byId = new Map(rows.map((r) => [Number(r[ID]), r]));
  const gone = ids.findIndex((id) => !byId.has(id));
  if (gone >= 0 && tellsMissing(rule, v)) throw notFound(rule, ids[gone], target, gone);
  const denied = ids.findIndex((id) => !byId.get(id)?.[ALLOWED]);
  if (denied >= 0) throw refused(rule, v, target, denied);
  return ids.map((id) => {
    const { [ID]: _id, [ALLOWED]: _allowed, ...row } = byId.get(id)!;
    return row as SelectResultFields<T>;
  });
}
