import { and, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import { selectRows } from "../db/rows.js";
import { INT4_MAX, INT4_MIN, isStorableText } from "./args.js";
import { badInput } from "./errors.js";

// The one pagination helper: page arguments, cursors, keyset conditions and the page-info rule, which the
// read engine's planner writes into its SQL (engine/plan.ts), and the plain keyset list of the change feed.

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** How a list is ordered: ascending on these columns, the last one unique (the primary key). */
export interface Ordering<Row> {
  /** Names the ordering inside cursors, so a cursor from another list is refused. */
  name: string;
  columns: PgColumn[];
  key: (row: Row) => (string | number)[];
}

export interface Page<Row> {
  edges: { cursor: string; node: Row }[];
  nodes: Row[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Counted only when a client asks for totalCount. */
  countFn: () => Promise<number>;
}

export interface PageRequest {
  limit: number;
  backward: boolean;
  after: unknown[] | null;
  before: unknown[] | null;
}

function checkSize(value: number | null | undefined, field: string): void {
  if (value == null) return;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE)
    throw badInput(field, `must be between 1 and ${MAX_PAGE_SIZE}, got ${value}`);
}

export function encodeCursor(ordering: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([ordering, ...values]), "utf8").toString("base64url");
}

function decodeCursor(value: string, ordering: Ordering<unknown>, field: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed[0] !== ordering.name ||
    parsed.length !== ordering.columns.length + 1 ||
    parsed.slice(1).some((v, i) => !fitsColumn(v, ordering.columns[i]))
  )
    throw badInput(field, "is not a cursor of this list");
  return parsed.slice(1);
}

// A cursor is client input: each value must be one its column can hold, or the keyset comparison would fail
// in the database (a string or 1e20 where an integer is compared, a date that does not exist).
function fitsColumn(v: unknown, column: PgColumn): boolean {
  const type = column.getSQLType();
  if (type === "integer" || type === "serial") return Number.isInteger(v) && (v as number) >= INT4_MIN && (v as number) <= INT4_MAX;
  if (type === "smallint") return Number.isInteger(v) && Math.abs(v as number) <= 32_767;
  if (type === "bigint" || type === "bigserial") return Number.isSafeInteger(v);
  // numeric in drizzle's "number" mode: a finite number (the cast below is to plain numeric: no overflow).
  if (type.startsWith("numeric") && typeof v === "number") return Number.isFinite(v);
  if (typeof v !== "string" || !isStorableText(v)) return false;
  // An enum's value must be one of its labels, or the cast would fail in the database.
  const labels = (column as { enumValues?: readonly string[] }).enumValues;
  if (labels?.length && !labels.includes(v)) return false;
  if (type === "date") return isDate(v);
  if (type.startsWith("timestamp")) return /^\d{4}-\d{2}-\d{2}[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-](0\d|1[0-5])(:?[0-5]\d)?)?$/.test(v) && isDate(v.slice(0, 10));
  if (type.startsWith("numeric")) return /^-?\d{1,30}(\.\d{1,30})?$/.test(v);
  return true; // text
}

function isDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function parsePageArgs(args: PageArgs, ordering: Ordering<unknown>, path = ""): PageRequest {
  const f = (name: string) => (path ? `${path}.${name}` : name);
  checkSize(args.first, f("first"));
  checkSize(args.last, f("last"));
  // `first` has a default in the schema, which a `last` replaces; any other `first` with `last` is refused.
  if (args.first != null && args.first !== DEFAULT_PAGE_SIZE && args.last != null) throw badInput(f("last"), "give first or last, not both");
  const backward = args.last != null;
  return {
    limit: (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE,
    backward,
    after: args.after != null ? decodeCursor(args.after, ordering, f("after")) : null,
    before: args.before != null ? decodeCursor(args.before, ordering, f("before")) : null,
  };
}

function rowCompare(columns: PgColumn[], op: ">" | "<", values: unknown[]): SQL {
  const cols = sql.join(columns, sql`, `);
  const vals = sql.join(
    values.map((v, i) => sql`${v}::${sql.raw(pgType(columns[i]))}`),
    sql`, `,
  );
  return sql`(${cols}) ${sql.raw(op)} (${vals})`;
}

// Casts keep postgres.js and PGlite from guessing parameter types inside a row comparison: the column's own
// type (an enum's name, `numeric`, `double precision`…), so a cursor compares as the column orders.
function pgType(column: PgColumn): string {
  const t = column.getSQLType();
  if (!/^[a-z_][a-z0-9_ ,()]*$/i.test(t)) throw new Error(`pagination: cannot order by ${column.name} of type ${t}`);
  return t.startsWith("numeric") ? "numeric" : t;
}

export function orderSql(columns: PgColumn[], backward: boolean): SQL {
  return sql.join(
    columns.map((c) => (backward ? sql`${c} desc` : sql`${c} asc`)),
    sql`, `,
  );
}

export function pageConditions(ordering: Ordering<unknown>, req: PageRequest, where: SQL | undefined, columns = ordering.columns): SQL | undefined {
  return and(where, req.after ? rowCompare(columns, ">", req.after) : undefined, req.before ? rowCompare(columns, "<", req.before) : undefined);
}

/**
 * hasNextPage and hasPreviousPage: exact in the direction of travel (`more`: a row past the page was read);
 * the other side is known from the cursor given (Relay allows this). `more` is a boolean here, an SQL
 * expression in the planner (engine/plan.ts): the one rule for both.
 */
export function pageFlags<M>(req: PageRequest, more: M): { hasNextPage: M | boolean; hasPreviousPage: M | boolean } {
  return { hasNextPage: req.backward ? req.before != null : more, hasPreviousPage: req.backward ? more : req.after != null };
}

export function toPage<Row>(
  rows: Row[],
  req: PageRequest,
  ordering: Ordering<Row>,
  countFn: () => Promise<number>,
  /** Whether rows follow, when the caller knows it without a limit + 1st row. */
  more?: boolean,
): Page<Row> {
  const hasMore = more ?? rows.length > req.limit;
  const slice = rows.length > req.limit ? rows.slice(0, req.limit) : rows;
  if (req.backward) slice.reverse();
  const cursorOf = (node: Row) => encodeCursor(ordering.name, ordering.key(node));
  const first = slice[0];
  const last = slice.at(-1);
  const page = {
    nodes: slice,
    pageInfo: {
      ...pageFlags(req, hasMore),
      get startCursor() {
        return first === undefined ? null : cursorOf(first);
      },
      get endCursor() {
        return last === undefined ? null : cursorOf(last);
      },
    },
    countFn,
  } as Page<Row>;
  // Cursors only when edges are asked for: a page read through `nodes` (most nested lists) makes none.
  // Non-enumerable, so type-graphql's copy of the root for totalCount (Object.assign) does not make them.
  let edges: Page<Row>["edges"] | undefined;
  Object.defineProperty(page, "edges", {
    enumerable: false,
    get: () => (edges ??= slice.map((node) => ({ cursor: cursorOf(node), node }))),
  });
  return page;
}

export interface ListSpec<Row> {
  table: PgTable;
  ordering: Ordering<Row>;
  where?: SQL;
  args: PageArgs;
  /** Prefix for field names in errors, e.g. "programs" for a nested list */
  path?: string;
}

/** A root list: one keyset query for the page (limit + 1), one count query only if asked. */
export async function paginate<Row>(db: Db, spec: ListSpec<Row>, opts: { eager?: boolean } = {}): Promise<Page<Row>> {
  const req = parsePageArgs(spec.args, spec.ordering as Ordering<unknown>, spec.path);
  const countFn = async () => {
    const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(spec.table).where(spec.where);
    return Number(r.n);
  };
  const load = async () => {
    const where = pageConditions(spec.ordering as Ordering<unknown>, req, spec.where);
    const rows = await selectRows<Row>(
      db,
      spec.table,
      sql`${where ? sql`where ${where}` : sql``} order by ${orderSql(spec.ordering.columns, req.backward)} limit ${sql.raw(String(req.limit + 1))}`,
    );
    return toPage(rows, req, spec.ordering, countFn);
  };
  if (opts.eager) return load();
  // The page query runs only when edges, nodes or pageInfo is asked for: a count-only connection costs one COUNT.
  // Non-enumerable, so type-graphql's copy of the root for totalCount (Object.assign) does not trigger them.
  let loaded: Promise<Page<Row>> | undefined;
  const page = { countFn } as Page<Row>;
  for (const key of ["edges", "nodes", "pageInfo"] as const)
    Object.defineProperty(page, key, { enumerable: false, get: () => (loaded ??= load()).then((p) => p[key]) });
  return page;
}
