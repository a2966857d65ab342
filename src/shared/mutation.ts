import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Context } from "../context.js";
import { pipelinesCommit, type Db } from "../db/client.js";
import { runInRequest } from "../db/request-store.js";
import { idempotencyKeys } from "../modules/audit/audit.table.js";
import { mapDbError, sqlState } from "./db-errors.js";
import { AppError, ErrorCode, badInput } from "./errors.js";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** How long a key answers with its first result; after that the key may be used afresh. */
export const IDEMPOTENCY_TTL_HOURS = 24;
const TTL = sql.raw(`interval '${IDEMPOTENCY_TTL_HOURS} hours'`);
/** Each process deletes expired keys at most this often (after a keyed mutation, outside its request). */
const SWEEP_EVERY_MS = 10 * 60_000;

function stableJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v ?? null);
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined && k !== "idempotencyKey")
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(",")}}`;
}

/**
 * Thrown by a mutation's `run` to answer without writing: the work rolls back and the result is the
 * answer (stored under the idempotency key like any other answer).
 */
export class NotWritten<R> extends Error {
  constructor(readonly result: R) {
    super("not written");
  }
}

export interface MutationSpec<R> {
  /** Names the mutation in idempotency records, e.g. "registerStudent". */
  operation: string;
  input: { idempotencyKey?: string | null } & object;
  /**
   * Does the work in one transaction; returns a JSON-safe result (ids), stored under the key, or a `Later` (see
   * lastlyThen) when the result is made of the last statement's rows.
   */
  run: (tx: Tx) => Promise<R | Later<R>>;
  /**
   * A failure after which the whole mutation runs again in a new transaction (as after a deadlock), at most twice:
   * a conflict with a concurrent transaction that a fresh look finds settled (registration: the same person
   * registered by another request since the look-up).
   */
  retry?: (e: unknown) => boolean;
  /**
   * Whose personal data the input carries, as dataTags: kept beside a refusal stored under the key (a domain error,
   * a NotWritten answer), whose answer names no record, so that an erasure finds the key and voids its fingerprint
   * (student-privacy.service.ts). An answer with a result names its records itself.
   */
  dataOf?: () => string[];
}

/** Where a stored refusal keeps its dataTags (beside the answer, never sent back). */
export const DATA_TAGS = "#data";

/**
 * A tag for personal data a request carried: a person ("person", nationality, passport number, as registration
 * normalises them) or a record ("student", its id). A SHA-256, as the request's own fingerprint is.
 */
export function dataTag(...parts: (string | number)[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/** A mutation's result that is known once its last statement answered (lastlyThen): runMutation waits for it after COMMIT. */
export class Later<R> {
  constructor(readonly get: () => Promise<R>) {}
}

type Answer<R> = { ok: true; value: R } | { ok: false; error: AppError };
interface StoredError {
  message: string;
  extensions: Record<string, unknown>;
}

/**
 * A domain error is the answer of a completed request and is stored; a transient failure
 * (SERVICE_UNAVAILABLE: the database was unreachable or too slow) or an unexpected error is not, so a
 * retry runs the request again.
 */
function storable(e: unknown): AppError | undefined {
  if (!(e instanceof AppError)) return undefined;
  const code = e.extensions.code;
  return code === ErrorCode.SERVICE_UNAVAILABLE || code === ErrorCode.INTERNAL_SERVER_ERROR ? undefined : e;
}

/**
 * Runs a mutation: one transaction for the change, its audit rows and its idempotency record, so a
 * failed mutation writes nothing.
 *
 * With an idempotency key the transaction first claims the key: one INSERT of the key's row (caller scope,
 * operation, request hash, state pending). A concurrent copy of the request, from any server process,
 * blocks on that row's primary key until the first transaction ends: if it committed, the copy finds the
 * row and answers what the first answered; if it rolled back (a transient failure), the copy claims the
 * key and does the work itself. The work runs under a savepoint: a domain error (or a NotWritten answer)
 * rolls the work back to it and is stored as the key's answer, so every retry gets the same error.
 * The same key with another request (operation or input) is CONFLICT. Keys expire after 24 hours.
 */
export async function runMutation<R>(ctx: Context, spec: MutationSpec<R>): Promise<R> {
  const key = spec.input.idempotencyKey ?? null;
  if (key != null && (key.length < 1 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)))
    throw badInput("input.idempotencyKey", "must be 1 to 200 printable ASCII characters");
  // The request's fingerprint, of the input as sent: before the work, which may normalise it in place (a retry
  // after a deadlock hashed the normalised input, and the client's next retry of the same key was CONFLICT).
  const hash = key == null ? "" : createHash("sha256").update(spec.operation).update(stableJson(spec.input)).digest("hex");
  // A deadlock or a serialization failure rolled the whole transaction back: run it again, at most twice.
  for (let attempt = 0; ; attempt++) {
    try {
      return await runMutationOnce(ctx, spec, key, hash);
    } catch (e) {
      if (attempt >= RETRIES || !retryable(spec, e)) throw mapDbError(e);
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
}

const RETRIES = 2;
const RETRYABLE = new Set(["40001", "40P01"]);
const retryable = (spec: MutationSpec<unknown>, e: unknown) => RETRYABLE.has(sqlState(e) ?? "") || (spec.retry?.(e) ?? false);

async function runMutationOnce<R>(ctx: Context, spec: MutationSpec<R>, key: string | null, hash: string): Promise<R> {
  const viewer = ctx.viewer;
  if (!viewer?.subject) throw new AppError(ErrorCode.UNAUTHENTICATED, "Sign in to make changes");

  if (key == null) {
    const last: Promise<unknown>[] = [];
    try {
      const value = await ctx.db.transaction(async (tx) => {
        if (pipelinesCommit(ctx.db)) lastStatements.set(tx, last);
        return spec.run(tx);
      });
      await Promise.all(last); // a last statement's failure rolled the COMMIT back: answered as that failure
      return value instanceof Later ? await value.get() : value;
    } catch (e) {
      if (e instanceof NotWritten) return e.result as R;
      throw retryable(spec, e) ? e : mapDbError(e);
    }
  }

  const scope = `${viewer.role}/${viewer.institutionId ?? "-"}`;
  const thisKey = and(eq(idempotencyKeys.actorSubject, viewer.subject), eq(idempotencyKeys.actorScope, scope), eq(idempotencyKeys.key, key));
  let answer: Answer<R>;
  try {
    answer = await ctx.db.transaction(async (tx): Promise<Answer<R>> => {
      // The claim. An expired key is taken over in the same statement (its row updated, as if new).
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ actorSubject: viewer.subject, actorScope: scope, key, operation: spec.operation, requestHash: hash, state: "pending" })
        .onConflictDoUpdate({
          target: [idempotencyKeys.actorSubject, idempotencyKeys.actorScope, idempotencyKeys.key],
          set: { operation: spec.operation, requestHash: hash, state: "pending", response: null, createdAt: sql`now()` },
          setWhere: sql`${idempotencyKeys.createdAt} < now() - ${TTL}`,
        })
        .returning({ claimed: sql<number>`1` });
      if (!claimed.length) {
        // Taken by an earlier request that has committed (this statement waited for it if it had not).
        const [row] = await tx.select().from(idempotencyKeys).where(thisKey);
        if (!row || row.operation !== spec.operation || row.requestHash !== hash)
          throw new AppError(ErrorCode.CONFLICT, "This idempotency key was used with another request", { field: "input.idempotencyKey" });
        if (row.state === "pending") // cannot be seen committed; kept as a guard
          throw new AppError(ErrorCode.CONFLICT, "A request with this idempotency key is still under way", { field: "input.idempotencyKey" });
        if (row.state === "failed") {
          const stored = row.response as StoredError;
          const { code, ...extensions } = stored.extensions;
          return { ok: false, error: new AppError(code as ErrorCode, stored.message, extensions) };
        }
        const response = row.response as Record<string, unknown> | null;
        if (response && typeof response === "object" && DATA_TAGS in response) {
          const { [DATA_TAGS]: _tags, ...value } = response;
          return { ok: true, value: value as R };
        }
        return { ok: true, value: response as R };
      }
      // The work under a savepoint (drizzle's nested transaction: postgres.js's savepoint(), so a failed statement
      // inside does not fail the whole transaction; PGlite: savepoint / release / rollback to).
      let result: Answer<R>;
      let refused = false;
      try {
        const value = await tx.transaction((work) => spec.run(work));
        result = { ok: true, value: value instanceof Later ? await value.get() : value };
      } catch (e) {
        refused = true;
        if (e instanceof NotWritten) result = { ok: true, value: e.result as R };
        else if (retryable(spec, e)) throw e; // the whole transaction again (the claim with it)
        else {
          const error = storable(mapDbError(e));
          if (!error) throw e;
          result = { ok: false, error };
        }
      }
      // A refusal names no record: the people whose data the request carried are kept beside it for an erasure.
      const tags = refused && spec.dataOf ? { [DATA_TAGS]: spec.dataOf() } : undefined;
      const tagged = (v: unknown) => (tags && v !== null && typeof v === "object" && !Array.isArray(v) ? { ...v, ...tags } : v);
      await tx
        .update(idempotencyKeys)
        .set(
          result.ok
            ? { state: "done", response: tagged(result.value) as object }
            : { state: "failed", response: tagged({ message: result.error.message, extensions: result.error.extensions } satisfies StoredError) as object },
        )
        .where(thisKey);
      return result;
    });
  } catch (e) {
    throw retryable(spec, e) ? e : mapDbError(e);
  }
  sweepExpiredKeys(ctx.db);
  if (!answer.ok) throw answer.error;
  return answer.value;
}

const lastStatements = new WeakMap<Tx, Promise<unknown>[]>();

/**
 * A mutation's last statement, sent with its COMMIT where the driver pipelines them (postgres.js): one round
 * trip fewer. `run` returns without waiting for it; if it fails, PostgreSQL turns the COMMIT into a rollback
 * and runMutation throws its error, so nothing is written, as when it is awaited. Elsewhere (PGlite, a
 * savepoint under an idempotency key) the returned promise is the statement's own, to be awaited in place.
 */
export function lastly(tx: Tx, statement: PromiseLike<unknown>): Promise<unknown> {
  // Once: drizzle's query objects run their statement again on every `then`.
  const sent = Promise.resolve(statement);
  const last = lastStatements.get(tx);
  if (!last) return sent;
  sent.catch(() => {}); // thrown by runMutation
  last.push(sent);
  return Promise.resolve();
}

/**
 * A mutation's last statement whose rows make its result: `run` returns what this returns. Where the driver
 * pipelines COMMIT (see lastly) the statement goes out with it and the result is a Later, made of the rows once
 * they arrive (runMutation waits for it after COMMIT); elsewhere the statement is awaited in place.
 */
export function lastlyThen<T, R>(tx: Tx, statement: PromiseLike<T>, result: (rows: T) => R): Promise<R> | Later<R> {
  const sent = Promise.resolve(statement);
  const last = lastStatements.get(tx);
  if (!last) return sent.then(result);
  sent.catch(() => {}); // thrown by runMutation
  last.push(sent);
  return new Later(() => sent.then(result));
}

/** The next id of a table with an identity column, so a generated code can carry it in the same insert. */
export async function nextId(tx: Tx, table: string): Promise<number> {
  const [row] = await tx.select({ id: sql<string>`nextval(pg_get_serial_sequence(${table}, 'id'))` }).from(sql`(select 1) as one`);
  return Number(row.id);
}

const lastSweep = new WeakMap<Db, number>();

/** Deletes expired keys, at most every SWEEP_EVERY_MS per process, in the background (not counted in the request). */
function sweepExpiredKeys(db: Db): void {
  const now = Date.now();
  if (now - (lastSweep.get(db) ?? 0) < SWEEP_EVERY_MS) return;
  lastSweep.set(db, now);
  runInRequest({ requestId: "idempotency-sweep", statements: 0 }, () => {
    db.delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, sql`now() - ${TTL}`))
      .then(
        () => {},
        () => {}, // a closed or unreachable database: the next sweep tries again; expired keys are reclaimed on use anyway
      );
  });
}
