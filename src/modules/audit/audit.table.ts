import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

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
 * A mutation's first result under an idempotency key. The primary key makes a concurrent retry wait for
 * the first attempt's transaction and then read its answer.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    actorSubject: text().notNull(),
    key: text().notNull(),
    operation: text().notNull(),
    requestHash: text().notNull(),
    response: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.actorSubject, t.key] }), index().on(t.createdAt)],
);
