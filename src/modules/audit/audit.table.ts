import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** One row per change, written in the same transaction as the change. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    requestId: text(),
    actorSubject: text().notNull(),
    actorRole: text(),
    actorInstitutionId: integer(),
    /** e.g. "student.register", "enrollment.transition" */
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: integer(),
    before: jsonb(),
    after: jsonb(),
    /**
     * The writing transaction's id. The change feed is ordered by (txid, id) and shows a row only once every
     * older transaction has finished, so no change can later appear behind a cursor a client already holds.
     */
    txid: bigint({ mode: "number" })
      .notNull()
      .default(sql`(pg_current_xact_id()::text)::bigint`),
    /** Institutions whose staff may see this change in the feed; null: anyone (it names no person). */
    visibleTo: integer().array(),
  },
  (t) => [
    index().on(t.txid, t.id),
    index().on(t.entityType, t.entityId),
    index().on(t.at, t.id),
    index().on(t.actorInstitutionId, t.id),
    index().on(t.action),
    index().on(t.actorSubject, t.id),
  ],
);

/**
 * One idempotency key of one caller, claimed before the mutation's work in the work's own transaction
 * (src/shared/mutation.ts): a concurrent copy of the request blocks on the primary key until the first
 * commits, then reads the stored answer. A key belongs to its caller's scope (subject, role and
 * institution), so a token of the same subject at another institution never sees it. Keys expire after
 * 24 hours (IDEMPOTENCY_TTL_HOURS): an expired key is claimed afresh, and expired rows are swept.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    actorSubject: text().notNull(),
    /** The caller's role and institution, e.g. "PARTNER_REGISTRAR/40" or "PLATFORM_ADMIN/-". */
    actorScope: text().notNull(),
    key: text().notNull(),
    operation: text().notNull(),
    requestHash: text().notNull(),
    /**
     * pending: claimed by a transaction still under way (never seen committed); done: `response` is the
     * answer; failed: `response` is the domain error ({ message, extensions }) the first try answered.
     */
    state: text().notNull().default("pending"),
    response: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.actorSubject, t.actorScope, t.key] }),
    index().on(t.createdAt),
    check("idempotency_keys_state", sql`${t.state} in ('pending', 'done', 'failed')`),
  ],
);
