import { pino, type DestinationStream, type LoggerOptions } from "pino";

/**
 * Structured JSON logs (pino) on stdout. LOG_LEVEL sets the level; tests run at "silent" unless told
 * otherwise. Lines are buffered and written 4 KiB at a time, and at least once a second: a write per
 * request line was 6% of the server's CPU under the benchmark's dashboard (BENCHMARKS.md §8). pino writes
 * what is pending when the process exits; main.ts flushes after the start-up lines.
 *
 * Logs never hold personal data. A database error carries the statement's parameters (drizzle's message
 * "Failed query: … params: …", postgres.js's `parameters`, PGlite's `params`) and PostgreSQL's `detail`
 * ("Key (passport_number)=(FA1234567)", "Failing row contains (…)"): the `err` serializer keeps what says
 * what went wrong (type, message without the parameters, SQLSTATE, constraint, table, stack frames) and
 * drops everything else, through every `cause`. Personal fields and GraphQL variables are redacted wherever
 * a log line would name them.
 */
export function loggerOptions(level = process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info")): LoggerOptions {
  return {
    level,
    base: { service: "xmu-exchange-api" },
    serializers: { err: serializeError, error: serializeError },
    redact: { paths: REDACTED, censor: "[redacted]" },
    hooks: {
      // The message string too: a start-up failure is logged with its error's message (main.ts).
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === "string" ? withoutParameters(a) : a)) as Parameters<typeof method>);
      },
    },
  };
}

export function createLogger(destination: DestinationStream, level?: string) {
  return pino(loggerOptions(level), destination);
}


const PERSONAL = ["passportNumber", "passport_number", "dateOfBirth", "date_of_birth", "email", "familyName", "givenNames", "familyNameLatin", "givenNamesLatin"];
const REDACTED = [
  "variables",
  "*.variables",
  "authorization",
  "*.authorization",
  "*.headers.authorization",
  ...PERSONAL.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

/** Error properties worth keeping: none of them holds a value from the statement. */
const KEPT = ["code", "severity", "constraint", "constraint_name", "table", "table_name", "schema", "schema_name", "column", "column_name", "routine", "errno", "syscall", "address", "port"];

/** An error as a log line may show it: see the file comment. Exported for the tests. */
export function serializeError(e: unknown, depth = 0): unknown {
  if (!(e instanceof Error) && (e === null || typeof e !== "object")) return typeof e === "string" ? withoutParameters(e) : e;
  const err = e as Error & Record<string, unknown>;
  // The class name, unless a bundle minified it (PGlite's errors are class "O"): then the error's name.
  const ctor = err.constructor?.name;
  const out: Record<string, unknown> = { type: ctor && ctor.length > 2 ? ctor : String(err.name ?? "Error"), message: scrub(err) };
  for (const key of KEPT) if (typeof err[key] === "string" || typeof err[key] === "number") out[key] = err[key];
  if (typeof err.stack === "string") {
    // The stack starts with the message as it was thrown: only the frames after it are kept.
    const at = err.message ? err.stack.indexOf(err.message) : -1;
    const frames = (at >= 0 ? err.stack.slice(at + err.message.length) : err.stack).split("\n").filter((l) => /^\s+at /.test(l));
    out.stack = [`${out.type as string}: ${out.message as string}`, ...frames].join("\n");
  }
  if (depth < 5) {
    const cause = err.cause ?? (err.originalError as unknown);
    if (cause !== undefined && cause !== e) out.cause = serializeError(cause, depth + 1);
    if (Array.isArray(err.errors)) out.errors = err.errors.slice(0, 5).map((x) => serializeError(x, depth + 1));
  }
  return out;
}

/** The message, without a statement's parameters and, for a data exception, without the value it quotes. */
function scrub(err: Error & Record<string, unknown>): string {
  const message = withoutParameters(typeof err.message === "string" ? err.message : String(err.message));
  // SQLSTATE class 22 ("invalid input syntax for type date: \"2005-13-45\"", "value \"…\" is out of range")
  // quotes the value it refused.
  return typeof err.code === "string" && err.code.startsWith("22") ? message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"') : message;
}

// drizzle's DrizzleQueryError: `Failed query: ${sql}\nparams: ${params}` — the parameters are the rest.
function withoutParameters(message: string): string {
  const at = message.indexOf("\nparams: ");
  const s = at < 0 ? message : `${message.slice(0, at)}\nparams: [withheld]`;
  return s.length > 4_000 ? `${s.slice(0, 4_000)}…` : s;
}

export const logger = createLogger(pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 }));
export type AppLogger = typeof logger;
