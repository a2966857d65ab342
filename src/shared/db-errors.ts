import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as tables from "../db/schema.js";
import { AppError, ErrorCode, badInput } from "./errors.js";

interface PgErrorLike {
  code?: string;
  constraint?: string;
  constraint_name?: string;
}

/** postgres.js and PGlite put the SQLSTATE on the error; drizzle wraps it in `cause`. */
function pgError(e: unknown): PgErrorLike | undefined {
  for (let cur = e as { cause?: unknown } | undefined, i = 0; cur && i < 5; cur = cur.cause as typeof cur, i++) {
    const c = cur as PgErrorLike;
    if (typeof c.code === "string" && /^[0-9A-Z]{5}$/.test(c.code)) return c;
  }
  return undefined;
}

// Constraint name → what the client is told. Names never reach the client; only the code and the field.
const KNOWN: Record<string, () => AppError> = {
  cohorts_seats_within_capacity: () =>
    new AppError(ErrorCode.CAPACITY_REACHED, "The cohort is full: no seat is left for another enrolled student"),
  dispatch_members_no_overlap: () =>
    new AppError(ErrorCode.OVERLAPPING_DISPATCH, "An expert of the team is already on a dispatch whose dates overlap", {
      field: "input.expertIds",
    }),
  offerings_once_a_year: () =>
    new AppError(
      ErrorCode.CONFLICT,
      "The unit is already offered to the cohort in this academic year: once an academic year, its resits in that offering's resit session or a later year's offering",
      { field: "input.unitId" },
    ),
  agreements_code_ci: () =>
    new AppError(ErrorCode.CONFLICT, "An agreement with this code already exists (codes are compared whatever their case)", { field: "input.code" }),
  students_nationality_passport: () =>
    new AppError(ErrorCode.CONFLICT, "A student with this nationality and passport number is already registered", {
      field: "input.passportNumber",
    }),
};

let uniqueColumns: Map<string, string> | undefined;
/**
 * The input field a duplicate is in, from the tables' declarations: a column declared unique on its own (a code,
 * a slug) is the mutation input's field of the same name. A unique constraint over several columns names no
 * field (which of them a client should change depends on the mutation).
 */
function duplicateField(constraint: string): string | undefined {
  if (!uniqueColumns) {
    uniqueColumns = new Map();
    for (const t of Object.values(tables))
      if (t instanceof PgTable)
        for (const c of getTableConfig(t).columns)
          // PostgreSQL keeps the first 63 characters of a name.
          if (c.isUnique && c.uniqueName) uniqueColumns.set(c.uniqueName.slice(0, 63), c.name);
  }
  const column = uniqueColumns.get(constraint);
  return column ? `input.${column}` : undefined;
}

/**
 * Maps a database error raised by a rule the database enforces to a domain error; anything else is
 * returned unchanged (and formatError masks it as INTERNAL_SERVER_ERROR).
 */
export function mapDbError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  if (isConnectionError(e)) return new AppError(ErrorCode.SERVICE_UNAVAILABLE, "The database is unavailable; try again shortly");
  const pg = pgError(e);
  if (!pg) return e;
  const name = pg.constraint ?? pg.constraint_name;
  if (name && KNOWN[name]) return KNOWN[name]();
  switch (pg.code) {
    case "23505": {
      const field = name ? duplicateField(name) : undefined;
      return field
        ? new AppError(ErrorCode.CONFLICT, `${field}: another record already has this value`, { field })
        : new AppError(ErrorCode.CONFLICT, "This would duplicate an existing record");
    }
    case "23503":
      return badInput("input", "refers to a record that does not exist");
    case "23514":
    case "23P01":
      return badInput("input", "breaks a rule of the data (dates out of order, a negative number, an overlap)");
    case "22001":
      return badInput("input", "a value is too long");
    // Data exceptions: a value the database cannot take. The input boundary (input-check.plugin.ts), cursors
    // and ids refuse these first, naming the field; this is the net under them.
    case "22021":
    case "22P05":
      return badInput("input", "text must not contain a NUL character (U+0000) or an unpaired surrogate");
    case "22003":
      return badInput("input", "a number is out of range");
    case "22007":
    case "22008":
      return badInput("input", "a date or time is not valid");
    case "40001": // serialization_failure
    case "40P01": // deadlock_detected: what runMutation retries, when its retries are spent
      return new AppError(ErrorCode.SERVICE_UNAVAILABLE, "A concurrent change got in the way; try again");
    case "57014": // statement_timeout (or a cancelled statement)
      return new AppError(ErrorCode.SERVICE_UNAVAILABLE, "The database took too long; try again");
    default:
      return pg.code?.startsWith("22") ? badInput("input", "a value is not valid") : e;
  }
}

/** The SQLSTATE of a database error (drizzle puts the driver's error in `cause`), if it has one. */
export function sqlState(e: unknown): string | undefined {
  return pgError(e)?.code;
}

/**
 * Whether a failed statement was at fault itself, rather than the database or the request's values: the
 * one-statement executor falls back to the resolvers only then (SQL the database refuses as written,
 * SQLSTATE classes 42 and 0A, or a failure before any statement ran). A timeout, a database away or a value
 * it cannot take is the answer: running the resolvers would wait for the same database again.
 */
export function isStatementFault(e: unknown): boolean {
  if (isConnectionError(e)) return false;
  const code = sqlState(e);
  return code === undefined || code.startsWith("42") || code.startsWith("0A");
}

export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const pg = pgError(e);
  return pg?.code === "23505" && (!constraint || (pg.constraint ?? pg.constraint_name) === constraint);
}

// Node socket errors, postgres.js connection errors, and SQLSTATE classes 08 (connection) and 57P (shutdown).
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "53300"]);

/** True when the database could not be reached or went away: the client may retry (SERVICE_UNAVAILABLE). */
export function isConnectionError(e: unknown): boolean {
  for (let cur = e as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined, i = 0; cur && i < 6; cur = cur.cause as typeof cur, i++) {
    const code = typeof cur.code === "string" ? cur.code : "";
    if (CONNECTION_CODES.has(code) || code.startsWith("08") || code.startsWith("57P")) return true;
    if (Array.isArray(cur.errors) && cur.errors.some((x) => isConnectionError(x))) return true; // AggregateError of connect attempts
  }
  return false;
}
