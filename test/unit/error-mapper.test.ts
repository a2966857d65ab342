import { ApolloServer } from "@apollo/server";
import { messages as pgliteMessages } from "@electric-sql/pglite";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { GraphQLError, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, type GraphQLFormattedError } from "graphql";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runInRequest } from "../../src/db/request-store.js";
import { isConnectionError, isStatementFault, isUniqueViolation, mapDbError, sqlState } from "../../src/shared/db-errors.js";
import { AppError, ErrorCode, badInput } from "../../src/shared/errors.js";
import { makeFormatError } from "../../src/shared/format-error.js";

// ---------------------------------------------------------------------------------------------------------
// Database errors shaped as the two drivers raise them, full of what must never reach a client.

const SECRET = {
  message: 'duplicate key value violates unique constraint "students_secret_key"',
  detail: "Key (passport_number)=(FA1234567) already exists.",
  hint: "Check the secret_column of table secret_table.",
  where: "PL/pgSQL function secret_trigger() line 3 at RAISE",
  schema: "secret_schema",
  table: "secret_table",
  column: "secret_column",
  dataType: "secret_type",
  constraint: "secret_constraint_name",
  file: "nbtinsert.c",
  routine: "_bt_check_unique",
  internalQuery: "SELECT 1 FROM secret_table WHERE passport_number = $1",
  query: 'insert into "secret_table" ("passport_number") values ($1) returning *',
  params: ["FA1234567"],
  host: "10.20.30.40:5432",
};

/** Strings that, if found anywhere in what the client receives, are a leak. */
const LEAKS = [
  "FA1234567",
  "passport_number",
  "secret_",
  "students_secret_key",
  "nbtinsert",
  "_bt_check_unique",
  "PL/pgSQL",
  "RAISE",
  "Key (",
  "returning",
  "10.20.30.40",
  "5432",
  "violates",
  "Failed query",
  "params:",
  "postgres",
  "PostgresError",
  "DrizzleQueryError",
  "stacktrace",
];

interface PgFields {
  code: string;
  message?: string;
  constraint?: string;
}

/** postgres.js: a PostgresError with snake_case fields; query and parameters attached as queryError does. */
function postgresJsError(f: PgFields, debug = false): Error {
  const e = new postgres.PostgresError({
    message: f.message ?? SECRET.message,
    severity_local: "ERROR",
    severity: "ERROR",
    code: f.code,
    detail: SECRET.detail,
    hint: SECRET.hint,
    where: SECRET.where,
    schema_name: SECRET.schema,
    table_name: SECRET.table,
    column_name: SECRET.column,
    data_type_name: SECRET.dataType,
    constraint_name: f.constraint ?? SECRET.constraint,
    internal_query: SECRET.internalQuery,
    file: SECRET.file,
    line: "673",
    routine: SECRET.routine,
  } as never);
  Object.defineProperties(e, {
    query: { value: SECRET.query, enumerable: debug },
    parameters: { value: SECRET.params, enumerable: debug },
    args: { value: SECRET.params, enumerable: debug },
  });
  return e;
}

/** PGlite: a DatabaseError (name "error") with camelCase fields, and the query and params on it. */
function pgliteError(f: PgFields): Error {
  const e = new pgliteMessages.DatabaseError(f.message ?? SECRET.message, 169, "error");
  return Object.assign(e, {
    severity: "ERROR",
    code: f.code,
    detail: SECRET.detail,
    hint: SECRET.hint,
    where: SECRET.where,
    schema: SECRET.schema,
    table: SECRET.table,
    column: SECRET.column,
    dataType: SECRET.dataType,
    constraint: f.constraint ?? SECRET.constraint,
    internalQuery: SECRET.internalQuery,
    file: SECRET.file,
    line: "673",
    routine: SECRET.routine,
    query: SECRET.query,
    params: SECRET.params,
  });
}

/** drizzle wraps the driver's error: "Failed query: <sql>\nparams: <params>", the driver's error in `cause`. */
const drizzleWrapped = (cause: Error) => new DrizzleQueryError(SECRET.query, SECRET.params, cause);

/** postgres.js connection errors: "write CONNECTION_CLOSED host:port". */
function postgresJsConnectionError(code: string): Error {
  return Object.assign(new Error(`write ${code} ${SECRET.host}`), { code, errno: code, address: "10.20.30.40", port: 5432 });
}

/** Node's socket errors: "connect ECONNREFUSED host:port". */
function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} ${SECRET.host}`), { code, errno: -111, syscall: "connect", address: "10.20.30.40", port: 5432 });
}

const SHAPES: { shape: string; make: (f: PgFields) => Error }[] = [
  { shape: "postgres.js", make: (f) => postgresJsError(f) },
  { shape: "postgres.js (debug: query enumerable)", make: (f) => postgresJsError(f, true) },
  { shape: "PGlite", make: (f) => pgliteError(f) },
  { shape: "drizzle(postgres.js)", make: (f) => drizzleWrapped(postgresJsError(f)) },
  { shape: "drizzle(PGlite)", make: (f) => drizzleWrapped(pgliteError(f)) },
];

// What the mapper assigns (src/shared/db-errors.ts, src/shared/format-error.ts).
interface Expected {
  code: ErrorCode;
  field?: string;
  message: string | RegExp;
}
const CASES: { name: string; pg: PgFields; expected: Expected }[] = [
  { name: "23505 unique violation", pg: { code: "23505" }, expected: { code: "CONFLICT", message: "This would duplicate an existing record" } },
  // A column declared unique on its own names the input field of its name (the tables' declarations).
  {
    name: "23505 on programs_code_unique",
    pg: { code: "23505", constraint: "programs_code_unique" },
    expected: { code: "CONFLICT", field: "input.code", message: "input.code: another record already has this value" },
  },
  {
    name: "23505 on institutions_slug_unique",
    pg: { code: "23505", constraint: "institutions_slug_unique" },
    expected: { code: "CONFLICT", field: "input.slug", message: "input.slug: another record already has this value" },
  },
  // Over several columns: no field is named.
  { name: "23505 on cohorts_programId_intakeYear_unique", pg: { code: "23505", constraint: "cohorts_programId_intakeYear_unique" }, expected: { code: "CONFLICT", message: "This would duplicate an existing record" } },
  {
    name: "23505 on students_nationality_passport",
    pg: { code: "23505", constraint: "students_nationality_passport" },
    expected: { code: "CONFLICT", field: "input.passportNumber", message: "A student with this nationality and passport number is already registered" },
  },
  { name: "23503 foreign key", pg: { code: "23503" }, expected: { code: "BAD_USER_INPUT", field: "input", message: "input: refers to a record that does not exist" } },
  { name: "23514 check", pg: { code: "23514" }, expected: { code: "BAD_USER_INPUT", field: "input", message: /^input: breaks a rule of the data/ } },
  {
    name: "23514 on cohorts_seats_within_capacity",
    pg: { code: "23514", constraint: "cohorts_seats_within_capacity" },
    expected: { code: "CAPACITY_REACHED", message: "The cohort is full: no seat is left for another enrolled student" },
  },
  { name: "23P01 exclusion", pg: { code: "23P01" }, expected: { code: "BAD_USER_INPUT", field: "input", message: /^input: breaks a rule of the data/ } },
  {
    name: "23P01 on dispatch_members_no_overlap",
    pg: { code: "23P01", constraint: "dispatch_members_no_overlap" },
    expected: { code: "OVERLAPPING_DISPATCH", field: "input.expertIds", message: "An expert of the team is already on a dispatch whose dates overlap" },
  },
  { name: "22001 value too long", pg: { code: "22001" }, expected: { code: "BAD_USER_INPUT", field: "input", message: "input: a value is too long" } },
  { name: "22021 NUL in text", pg: { code: "22021" }, expected: { code: "BAD_USER_INPUT", field: "input", message: /^input: text must not contain a NUL/ } },
  { name: "22P05 untranslatable", pg: { code: "22P05" }, expected: { code: "BAD_USER_INPUT", field: "input", message: /^input: text must not contain a NUL/ } },
  { name: "22003 out of range", pg: { code: "22003" }, expected: { code: "BAD_USER_INPUT", field: "input", message: "input: a number is out of range" } },
  { name: "22007 bad datetime format", pg: { code: "22007" }, expected: { code: "BAD_USER_INPUT", field: "input", message: "input: a date or time is not valid" } },
  { name: "22008 datetime overflow", pg: { code: "22008" }, expected: { code: "BAD_USER_INPUT", field: "input", message: "input: a date or time is not valid" } },
  { name: "22P02 other data exception", pg: { code: "22P02" }, expected: { code: "BAD_USER_INPUT", field: "input", message: "input: a value is not valid" } },
  { name: "40001 serialization failure", pg: { code: "40001" }, expected: { code: "SERVICE_UNAVAILABLE", message: "A concurrent change got in the way; try again (request req-7)" } },
  { name: "40P01 deadlock", pg: { code: "40P01" }, expected: { code: "SERVICE_UNAVAILABLE", message: "A concurrent change got in the way; try again (request req-7)" } },
  { name: "57014 statement timeout", pg: { code: "57014" }, expected: { code: "SERVICE_UNAVAILABLE", message: "The database took too long; try again (request req-7)" } },
  { name: "08006 connection failure", pg: { code: "08006" }, expected: { code: "SERVICE_UNAVAILABLE", message: "The database is unavailable; try again shortly (request req-7)" } },
  { name: "08001 cannot connect", pg: { code: "08001" }, expected: { code: "SERVICE_UNAVAILABLE", message: /^The database is unavailable/ } },
  { name: "53300 too many connections", pg: { code: "53300" }, expected: { code: "SERVICE_UNAVAILABLE", message: "The database is unavailable; try again shortly (request req-7)" } },
  { name: "57P01 admin shutdown", pg: { code: "57P01" }, expected: { code: "SERVICE_UNAVAILABLE", message: /^The database is unavailable/ } },
  // Not mapped: masked as internal errors (a serialization failure or deadlock is not retried into a code of its own).
  { name: "42601 syntax error", pg: { code: "42601" }, expected: { code: "INTERNAL_SERVER_ERROR", message: "Internal server error (request req-7)" } },
  { name: "42P01 undefined table", pg: { code: "42P01" }, expected: { code: "INTERNAL_SERVER_ERROR", message: "Internal server error (request req-7)" } },
  { name: "53200 out of memory", pg: { code: "53200" }, expected: { code: "INTERNAL_SERVER_ERROR", message: "Internal server error (request req-7)" } },
];

// ---------------------------------------------------------------------------------------------------------
// The checks every answer passes.

// Words of SQL text and of PostgreSQL's messages (domain messages say "from", "where" and "update" too).
const SQL_WORDS = /\b(select|insert|returning|violates|constraint|relation|syntax error at)\b/i;
const STACK = /\bat \/|\bat [\w.<>]+ \(|\n\s+at /;
const FILE_PATH = /(^|[\s("'`])(\/|[A-Za-z]:\\)[\w.-]+[/\\]|\.(ts|js|mjs|cjs|c):\d+|node_modules|file:\/\//;

function expectClean(e: GraphQLFormattedError, extra: string[] = []): void {
  const text = JSON.stringify(e);
  expect(e.message, text).not.toMatch(SQL_WORDS);
  expect(e.message.toLowerCase()).not.toContain("select");
  expect(e.message.toLowerCase()).not.toContain("insert");
  expect(text).not.toContain("at /");
  expect(text).not.toMatch(STACK);
  expect(text).not.toMatch(FILE_PATH);
  expect(e.extensions?.stacktrace).toBeUndefined();
  expect(e.extensions?.exception).toBeUndefined();
  for (const s of [...LEAKS, ...extra]) expect(text, `leaks ${JSON.stringify(s)}`).not.toContain(s);
  // Only what the mapper puts there: a code, maybe a field, a request id, Apollo's own keys.
  for (const key of Object.keys(e.extensions ?? {})) expect(["code", "field", "requestId", "id", "retryAfterMs"]).toContain(key);
}

type LogCall = { level: "error" | "warn"; obj: Record<string, unknown>; msg: string };
const logged: LogCall[] = [];
const log = {
  error: (obj: object, msg: string) => void logged.push({ level: "error", obj: obj as Record<string, unknown>, msg }),
  warn: (obj: object, msg: string) => void logged.push({ level: "warn", obj: obj as Record<string, unknown>, msg }),
};
const formatError = makeFormatError(log);
beforeEach(() => {
  logged.length = 0;
});

/** The formatted error Apollo hands to formatError (its enrichError), with the stack trace it adds in development. */
function apolloFormatted(error: GraphQLError): GraphQLFormattedError {
  return { ...error.toJSON(), extensions: { ...error.extensions, code: error.extensions.code ?? "INTERNAL_SERVER_ERROR", stacktrace: error.stack?.split("\n") } };
}

/** A resolver's error as graphql-js reports it: located at a path, the thrown value as originalError. */
function resolverError(thrown: Error, path: (string | number)[] = ["students", 0, "enrollments"]): GraphQLError {
  return new GraphQLError(thrown.message, { path, originalError: thrown });
}

const format = (error: GraphQLError, requestId: string | null = "req-7") =>
  requestId === null ? formatError(apolloFormatted(error), error) : runInRequest({ requestId, statements: 0 }, () => formatError(apolloFormatted(error), error));

// ---------------------------------------------------------------------------------------------------------

describe("AppErrors pass through", () => {
  it.each([
    new AppError(ErrorCode.NOT_FOUND, "Program UHJvZ3JhbTox was not found", { id: "UHJvZ3JhbTox" }),
    new AppError(ErrorCode.FORBIDDEN, "Only staff of the host institution may change this enrollment"),
    new AppError(ErrorCode.INVALID_TRANSITION, "An enrollment cannot go from GRADUATED to ENROLLED", { field: "input.status" }),
    new AppError(ErrorCode.CAPACITY_REACHED, "The cohort is full"),
    badInput("input.capacity", "must be between 1 and 10,000"),
    badInput("filter.countryCode", "is not a country code"),
    new AppError(ErrorCode.UNAUTHENTICATED, "the token has expired"),
  ])("$extensions.code: $message", (appError) => {
    const out = format(resolverError(appError));
    expect(out.message).toBe(appError.message);
    expect(out.extensions).toEqual(appError.extensions);
    expect(out.path).toEqual(["students", 0, "enrollments"]);
    expect(out.extensions?.stacktrace).toBeUndefined();
    expectClean(out);
    expect(logged).toEqual([]);
  });

  it("also when raised without a path (the one-statement executor reports the failure with the cause inside)", () => {
    // As jit-executor.ts wraps what the one-statement path throws.
    const wrap = (cause: Error) => new GraphQLError("The one-statement query failed", { originalError: cause });
    for (const appError of [new AppError(ErrorCode.FORBIDDEN, "Not yours"), new AppError(ErrorCode.NOT_FOUND, "Student U3R1ZGVudDox was not found", { id: "U3R1ZGVudDox" })]) {
      const out = format(wrap(appError));
      expect(out.message).toBe(appError.message);
      expect(out.extensions).toEqual(appError.extensions);
      expectClean(out);
    }
    // A client-input code is one Apollo's codes share: it passes with its code and field (the wrapper's message).
    const out = format(wrap(badInput("after", "is not a cursor of this list")));
    expect(out.extensions).toEqual({ code: "BAD_USER_INPUT", field: "after" });
    expectClean(out);
    expect(logged).toEqual([]);
  });

  it("keeps locations and path", () => {
    const e = resolverError(badInput("first", "must be between 1 and 100, got 0"), ["a", 1, "b"]);
    const out = formatError({ ...apolloFormatted(e), locations: [{ line: 2, column: 3 }] }, e);
    expect(out).toMatchObject({ message: "first: must be between 1 and 100, got 0", locations: [{ line: 2, column: 3 }], path: ["a", 1, "b"], extensions: { code: "BAD_USER_INPUT", field: "first" } });
  });
});

describe("unexpected errors become INTERNAL_SERVER_ERROR", () => {
  const unexpected: [string, Error][] = [
    ["a TypeError", new TypeError("Cannot read properties of undefined (reading 'id') at /work/main/src/modules/students/student.service.ts:42:7")],
    ["an Error with SQL", new Error(`select "passport_number" from "secret_table" where id = 1`)],
    ["an Error with an insert", new Error(`insert into secret_table values ('FA1234567')`)],
    ["a driver error without a SQLSTATE", Object.assign(new Error("secret_ driver failure at /usr/lib/node_modules/postgres/src/connection.js:1:1"), { code: "UNDEFINED_VALUE" })],
    ["a plain Error claiming a client code", Object.assign(new Error("select * from secret_table"), { extensions: { code: "BAD_USER_INPUT" } })],
    ["a GraphQLError that is not an AppError, coded FORBIDDEN", new GraphQLError("secret_table is forbidden", { extensions: { code: "FORBIDDEN" } })],
    ["a GraphQLError without a code", new GraphQLError("Cannot return null for non-nullable field Student.secret_column.")],
    ["an Error whose message names a file", new Error("ENOENT: no such file or directory, open '/etc/secret_config.json'")],
    ["an Error with an EPERM-like five-letter code", Object.assign(new Error("EPERM: operation not permitted, open '/var/secret_'"), { code: "EPERM" })],
  ];

  it.each(unexpected)("%s", (_what, thrown) => {
    const out = format(resolverError(thrown));
    expect(out).toEqual({ message: "Internal server error (request req-7)", path: ["students", 0, "enrollments"], extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-7" } });
    expectClean(out, [thrown.message]);
    // The stack and the original go to the log only.
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: "error", msg: "unexpected error", obj: { err: thrown, requestId: "req-7" } });
  });

  it("says 'unknown' outside a request", () => {
    const out = format(resolverError(new Error("select 1")), null);
    expect(out.message).toBe("Internal server error (request unknown)");
    expect(out.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: undefined });
    expectClean(out);
  });

  it("masks a GraphQLError wrapping an unexpected error without a path", () => {
    const wrapper = new GraphQLError(`Failed query: select * from secret_table`, { originalError: new Error("select * from secret_table") });
    const out = format(wrapper);
    expect(out.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expectClean(out);
  });
});

describe("database errors", () => {
  for (const { shape, make } of SHAPES) {
    describe(shape, () => {
      it.each(CASES)("$name → $expected.code", ({ pg, expected }) => {
        const dbError = make(pg);
        for (const [how, graphqlError] of [
          ["from a resolver", resolverError(dbError)],
          ["from one statement (no path, cause inside)", new GraphQLError(dbError.message, { originalError: dbError })],
        ] as const) {
          const out = format(graphqlError);
          expect(out.extensions?.code, how).toBe(expected.code);
          expect(out.extensions?.field, how).toBe(expected.field);
          if (typeof expected.message === "string") expect(out.message, how).toBe(expected.message);
          else expect(out.message, how).toMatch(expected.message);
          if (expected.code === "SERVICE_UNAVAILABLE" || expected.code === "INTERNAL_SERVER_ERROR") expect(out.extensions?.requestId, how).toBe("req-7");
          else expect(out.extensions?.requestId, how).toBeUndefined();
          expect(out.path, how).toEqual(graphqlError.path);
          expectClean(out, [dbError.message]);
        }
        // The log has the whole error (with its SQLSTATE) for the operator.
        expect(logged).toHaveLength(2);
        for (const call of logged) {
          expect(call.obj.err === dbError || (call.obj.err as { cause?: unknown }).cause === dbError || call.obj.err === (dbError as { cause?: unknown }).cause).toBe(true);
          expect(call.obj.requestId).toBe("req-7");
          if (expected.code === "INTERNAL_SERVER_ERROR") expect(call).toMatchObject({ level: "error", msg: "unexpected error" });
          else if (expected.code === "SERVICE_UNAVAILABLE") expect(call.level).toBe("warn");
          else expect(call).toMatchObject({ level: "warn", msg: "database refused a value", obj: { sqlState: pg.code } });
        }
      });
    });
  }

  it.each([
    ["postgres.js CONNECTION_CLOSED", postgresJsConnectionError("CONNECTION_CLOSED")],
    ["postgres.js CONNECTION_DESTROYED", postgresJsConnectionError("CONNECTION_DESTROYED")],
    ["postgres.js CONNECT_TIMEOUT", postgresJsConnectionError("CONNECT_TIMEOUT")],
    ["socket ECONNREFUSED", socketError("ECONNREFUSED")],
    ["socket ECONNRESET", socketError("ECONNRESET")],
    ["socket ENOTFOUND", socketError("ENOTFOUND")],
    ["drizzle(ECONNRESET)", drizzleWrapped(socketError("ECONNRESET"))],
    ["AggregateError of connect attempts", new AggregateError([socketError("ECONNREFUSED"), socketError("ECONNREFUSED")], `connect ECONNREFUSED ${SECRET.host}`)],
  ])("connection failure, %s → SERVICE_UNAVAILABLE with the request id", (_what, dbError) => {
    const out = format(resolverError(dbError as Error));
    expect(out).toEqual({
      message: "The database is unavailable; try again shortly (request req-7)",
      path: ["students", 0, "enrollments"],
      extensions: { code: "SERVICE_UNAVAILABLE", requestId: "req-7" },
    });
    expectClean(out, [(dbError as Error).message]);
    expect(logged).toMatchObject([{ level: "warn", msg: "database unavailable", obj: { err: dbError } }]);
  });

  it("names a statement timeout in the log as such", () => {
    format(resolverError(postgresJsError({ code: "57014", message: "canceling statement due to statement timeout" })));
    expect(logged).toMatchObject([{ level: "warn", msg: "database statement timed out" }]);
  });
});

describe("db-errors helpers", () => {
  it("mapDbError returns AppErrors and non-database errors unchanged", () => {
    const app = badInput("x", "y");
    expect(mapDbError(app)).toBe(app);
    const plain = new Error("boom");
    expect(mapDbError(plain)).toBe(plain);
    for (const code of ["42601", "XX000", "P0001"]) {
      const e = pgliteError({ code });
      expect(mapDbError(e), code).toBe(e);
      const wrapped = drizzleWrapped(e);
      expect(mapDbError(wrapped), code).toBe(wrapped);
    }
    expect(mapDbError(null)).toBeNull();
    expect(mapDbError(undefined)).toBeUndefined();
    expect(mapDbError("select 1")).toBe("select 1");
  });

  it("mapDbError gives AppErrors whose message and extensions hold no SQL, table, constraint or detail", () => {
    for (const { pg, expected } of CASES) {
      if (expected.code === "INTERNAL_SERVER_ERROR") continue;
      for (const { make } of SHAPES) {
        const mapped = mapDbError(make(pg));
        expect(mapped).toBeInstanceOf(AppError);
        const e = mapped as AppError;
        expect(e.extensions.code).toBe(expected.code);
        expect(e.originalError).toBeUndefined(); // the driver's error is not carried along
        expectClean({ message: e.message, extensions: e.extensions });
      }
    }
  });

  it("sqlState reads the SQLSTATE of either driver, through drizzle's wrapper, and nothing else", () => {
    expect(sqlState(postgresJsError({ code: "23505" }))).toBe("23505");
    expect(sqlState(pgliteError({ code: "22P02" }))).toBe("22P02");
    expect(sqlState(drizzleWrapped(pgliteError({ code: "40001" })))).toBe("40001");
    expect(sqlState(new Error("x", { cause: new Error("y", { cause: pgliteError({ code: "57014" }) }) }))).toBe("57014");
    expect(sqlState(socketError("ECONNREFUSED"))).toBeUndefined();
    expect(sqlState(postgresJsConnectionError("CONNECTION_CLOSED"))).toBeUndefined();
    expect(sqlState(Object.assign(new Error("x"), { code: "2350" }))).toBeUndefined();
    expect(sqlState(Object.assign(new Error("x"), { code: "23505x" }))).toBeUndefined();
    expect(sqlState(Object.assign(new Error("x"), { code: 23505 }))).toBeUndefined();
    expect(sqlState(new Error("x"))).toBeUndefined();
    expect(sqlState(undefined)).toBeUndefined();
  });

  it("isUniqueViolation: 23505, optionally of one constraint, under either driver's field name", () => {
    for (const { shape, make } of SHAPES) {
      const e = make({ code: "23505", constraint: "students_nationality_passport" });
      expect(isUniqueViolation(e), shape).toBe(true);
      expect(isUniqueViolation(e, "students_nationality_passport"), shape).toBe(true);
      expect(isUniqueViolation(e, "other_constraint"), shape).toBe(false);
      expect(isUniqueViolation(make({ code: "23503" })), shape).toBe(false);
    }
    expect(isUniqueViolation(new Error("duplicate key"))).toBe(false);
  });

  it("isConnectionError: socket and driver codes, SQLSTATE 08 and 57P and 53300, through causes and AggregateErrors", () => {
    for (const code of ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND"]) expect(isConnectionError(socketError(code)), code).toBe(true);
    for (const code of ["CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED"]) expect(isConnectionError(postgresJsConnectionError(code)), code).toBe(true);
    for (const code of ["08000", "08001", "08003", "08006", "08P01", "57P01", "57P02", "57P03", "53300"]) {
      expect(isConnectionError(postgresJsError({ code })), code).toBe(true);
      expect(isConnectionError(drizzleWrapped(pgliteError({ code }))), code).toBe(true);
    }
    for (const code of ["57014", "53200", "40001", "23505", "42601", "22P02"]) expect(isConnectionError(postgresJsError({ code })), code).toBe(false);
    expect(isConnectionError(new AggregateError([new Error("a"), socketError("ECONNREFUSED")]))).toBe(true);
    expect(isConnectionError(new AggregateError([new Error("a")]))).toBe(false);
    expect(isConnectionError(new Error("x"))).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
  });

  it("isStatementFault: only SQL the database refuses as written (42, 0A) or a failure before any statement", () => {
    expect(isStatementFault(pgliteError({ code: "42601" }))).toBe(true);
    expect(isStatementFault(drizzleWrapped(postgresJsError({ code: "42P01" })))).toBe(true);
    expect(isStatementFault(pgliteError({ code: "0A000" }))).toBe(true);
    expect(isStatementFault(new Error("no statement ran"))).toBe(true);
    for (const code of ["23505", "22P02", "57014", "40001", "08006", "53300", "57P01"]) expect(isStatementFault(postgresJsError({ code })), code).toBe(false);
    expect(isStatementFault(socketError("ECONNREFUSED"))).toBe(false);
  });
});

describe("request errors through Apollo keep their codes", () => {
  const thrown: Record<string, () => unknown> = {
    app: () => badInput("input.name", "must be 1 to 200 characters"),
    db: () => drizzleWrapped(postgresJsError({ code: "23505" })),
    timeout: () => drizzleWrapped(pgliteError({ code: "57014" })),
    syntax: () => drizzleWrapped(pgliteError({ code: "42601", message: 'syntax error at or near "selec"' })),
    type: () => new TypeError("x is not a function"),
    string: () => "select * from secret_table",
  };
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: "Query",
      fields: {
        fail: {
          type: GraphQLString,
          args: { kind: { type: new GraphQLNonNull(GraphQLString) } },
          resolve: (_root, args: { kind: string }) => {
            throw thrown[args.kind]();
          },
        },
        double: { type: GraphQLInt, args: { n: { type: new GraphQLNonNull(GraphQLInt) } }, resolve: (_root, args: { n: number }) => args.n * 2 },
      },
    }),
  });
  // Stack traces on, as in development: the mapper must remove them.
  const server = new ApolloServer({ schema, formatError, includeStacktraceInErrorResponses: true, stopOnTerminationSignals: false });
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  async function errorsOf(request: Parameters<typeof server.executeOperation>[0]): Promise<GraphQLFormattedError[]> {
    const res = await runInRequest({ requestId: "req-7", statements: 0 }, () => server.executeOperation(request));
    if (res.body.kind !== "single") throw new Error("expected a single result");
    return [...(res.body.singleResult.errors ?? [])];
  }

  it.each([
    ["a syntax error", { query: "{ double(n: 1" }, "GRAPHQL_PARSE_FAILED", /^Syntax Error/],
    ["an unknown field", { query: "{ nope }" }, "GRAPHQL_VALIDATION_FAILED", /Cannot query field "nope" on type "Query"/],
    ["a missing argument", { query: "{ double }" }, "GRAPHQL_VALIDATION_FAILED", /argument "n" of type "Int!" is required/],
    ["a bad variable", { query: "query($n: Int!) { double(n: $n) }", variables: { n: "two" } }, "BAD_USER_INPUT", /Variable "\$n" got invalid value "two"/],
    ["an int past int4", { query: "query($n: Int!) { double(n: $n) }", variables: { n: 2 ** 31 } }, "BAD_USER_INPUT", /non 32-bit signed integer/],
    ["an unknown operation name", { query: "query A { double(n: 1) }", operationName: "B" }, "OPERATION_RESOLUTION_FAILURE", /Unknown operation named "B"/],
    ["no query", { query: "" }, "BAD_REQUEST", /non-empty `query`/],
    ["an unknown persisted query", { extensions: { persistedQuery: { version: 1, sha256Hash: "a".repeat(64) } } }, "PERSISTED_QUERY_NOT_FOUND", /PersistedQueryNotFound/],
    ["a persisted-query hash that does not match", { query: "{ double(n: 1) }", extensions: { persistedQuery: { version: 1, sha256Hash: "b".repeat(64) } } }, "BAD_REQUEST", /provided sha does not match query/],
  ])("%s → %s", async (_what, request, code, message) => {
    const errors = await errorsOf(request as never);
    expect(errors).toHaveLength(1);
    expect(errors[0].extensions?.code).toBe(code);
    expect(errors[0].message).toMatch(message);
    expectClean(errors[0]);
    expect(logged).toEqual([]);
  });

  it("an AppError from a resolver: its code, field and message, no stack", async () => {
    const [e] = await errorsOf({ query: '{ fail(kind: "app") }' });
    expect(e).toEqual({
      message: "input.name: must be 1 to 200 characters",
      locations: [{ line: 1, column: 3 }],
      path: ["fail"],
      extensions: { code: "BAD_USER_INPUT", field: "input.name" },
    });
  });

  it.each([
    ["db", "CONFLICT", "This would duplicate an existing record"],
    ["timeout", "SERVICE_UNAVAILABLE", "The database took too long; try again (request req-7)"],
    ["syntax", "INTERNAL_SERVER_ERROR", "Internal server error (request req-7)"],
    ["type", "INTERNAL_SERVER_ERROR", "Internal server error (request req-7)"],
    ["string", "INTERNAL_SERVER_ERROR", "Internal server error (request req-7)"],
  ])("a resolver throwing %s → %s", async (kind, code, message) => {
    const [e] = await errorsOf({ query: `{ fail(kind: "${kind}") }` });
    expect(e.extensions?.code).toBe(code);
    expect(e.message).toBe(message);
    expect(e.path).toEqual(["fail"]);
    expectClean(e, ["selec", "is not a function"]);
  });
});

describe("other request refusals", () => {
  it("graphql-js giving up on too many bad variables → BAD_USER_INPUT naming `variables`", () => {
    const e = new GraphQLError("Too many errors processing variables, error limit reached. Execution aborted.");
    const out = format(e);
    expect(out).toEqual({ message: e.message, extensions: { code: "BAD_USER_INPUT", field: "variables" } });
  });

  it("an uncoded GraphQLError with a 4xx status → BAD_REQUEST; with a 5xx status it is masked", () => {
    const four = new GraphQLError("Unsupported persisted query version", { extensions: { http: { status: 400, headers: new Map() } } });
    expect(formatError({ message: four.message, extensions: { code: "INTERNAL_SERVER_ERROR" } }, four)).toEqual({
      message: "Unsupported persisted query version",
      extensions: { code: "BAD_REQUEST" },
    });
    const five = new GraphQLError("secret_table exploded", { extensions: { http: { status: 500, headers: new Map() } } });
    const out = runInRequest({ requestId: "req-7", statements: 0 }, () => formatError({ message: five.message, extensions: { code: "INTERNAL_SERVER_ERROR" } }, five));
    expect(out.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expectClean(out);
  });

  it.each(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "BAD_REQUEST", "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED", "OPERATION_RESOLUTION_FAILURE", "COST_LIMIT_EXCEEDED", "THROTTLED"])(
    "a GraphQLError coded %s passes with its code and without stack",
    (code) => {
      const e = new GraphQLError("Refused", { extensions: { code } });
      const out = format(e);
      expect(out).toEqual({ message: "Refused", extensions: { code } });
      expect(logged).toEqual([]);
    },
  );
});
