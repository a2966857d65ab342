import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Context } from "../context.js";
import type { Db } from "../db/client.js";
import { idempotencyKeys } from "../modules/audit/audit.table.js";
import { isUniqueViolation, mapDbError } from "./db-errors.js";
import { AppError, ErrorCode, badInput } from "./errors.js";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

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
 * Thrown by a mutation's `run` to answer without writing: the transaction rolls back, the result is
 * returned, and nothing is stored under the idempotency key (a corrected retry may reuse the key).
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
  /** Does the work in one transaction; returns a JSON-safe result (ids), stored under the key. */
  run: (tx: Tx) => Promise<R>;
}

/**
 * Runs a mutation: one transaction for the change, its audit rows and its idempotency record, so a
 * failed mutation writes nothing. The same key with the same input returns the first result and writes
 * nothing more; with another input it is a CONFLICT. Two concurrent first tries of one key: the second
 * waits on the key's primary key, rolls back, and returns the first one's result.
 */
export async function runMutation<R>(ctx: Context, spec: MutationSpec<R>): Promise<R> {
  const key = spec.input.idempotencyKey ?? null;
  if (key != null && (key.length < 1 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)))
    throw badInput("input.idempotencyKey", "must be 1 to 200 printable ASCII characters");
  const subject = ctx.viewer?.subject;
  if (!subject) throw new AppError(ErrorCode.UNAUTHENTICATED, "Sign in to make changes");
  const hash = createHash("sha256").update(spec.operation).update(stableJson(spec.input)).digest("hex");

  const replay = async (): Promise<R | undefined> => {
    if (key == null) return undefined;
    const [row] = await ctx.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.actorSubject, subject), eq(idempotencyKeys.key, key)));
    if (!row) return undefined;
    if (row.operation !== spec.operation || row.requestHash !== hash)
      throw new AppError(ErrorCode.CONFLICT, "This idempotency key was used with another request", { field: "input.idempotencyKey" });
    return row.response as R;
  };

  const earlier = await replay();
  if (earlier !== undefined) return earlier;
  try {
    return await ctx.db.transaction(async (tx) => {
      const result = await spec.run(tx);
      if (key != null)
        await tx.insert(idempotencyKeys).values({ actorSubject: subject, key, operation: spec.operation, requestHash: hash, response: result as object });
      return result;
    });
  } catch (e) {
    if (e instanceof NotWritten) return e.result as R;
    if (key != null && isUniqueViolation(e, "idempotency_keys_actor_subject_key_pk")) {
      const first = await replay();
      if (first !== undefined) return first;
    }
    throw mapDbError(e);
  }
}
