import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { institutions } from "../institutions/institution.table.js";

/**
 * An HTTPS endpoint of an institution's system that receives the changes of some entity types, signed.
 * The secret is kept to sign with (it cannot be a hash) but is shown only by the mutation that made it.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    url: text().notNull(),
    /** Entity types of the change feed this endpoint receives (e.g. Enrollment, Student). */
    changeTypes: text().array().notNull(),
    description: text(),
    active: boolean().notNull().default(true),
    secret: text().notNull(),
    /** The secret before the last rotation, still signed with until `previousSecretExpiresAt`. */
    previousSecret: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    /** The last change of the feed (txid, id) turned into deliveries for this endpoint. */
    cursorTxid: bigint({ mode: "number" }).notNull(),
    cursorId: bigint({ mode: "number" }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.institutionId, t.id)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

export const DELIVERY_STATUSES = ["PENDING", "DELIVERED", "PARKED"] as const;
/**
 * Why an attempt failed, by kind: the endpoint's name did not resolve (DNS), it resolved to an address that is
 * not public, no connection (refused, reset, TLS: one code, so the log tells nothing about a host's ports), no
 * answer in time, an answer that was not 2xx.
 */
export const DELIVERY_ERRORS = ["NAME_NOT_RESOLVED", "ADDRESS_NOT_PUBLIC", "NO_CONNECTION", "TIMEOUT", "HTTP_STATUS"] as const;
export type DeliveryError = (typeof DELIVERY_ERRORS)[number];

/** One change to send to one endpoint: its attempts, until delivered or parked. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    /** Increasing in feed order per endpoint (an endpoint's deliveries are written by one transaction at a time). */
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    endpointId: integer()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    /** The change (audit_log.id). */
    changeId: bigint({ mode: "number" }).notNull(),
    /** "Enrollment:42": deliveries of one entity go out one at a time, in feed order. */
    entityKey: text().notNull(),
    status: text({ enum: DELIVERY_STATUSES }).notNull().default("PENDING"),
    attempts: integer().notNull().default(0),
    /** Attempts made before the last replay: a replay keeps them (history), and its retries back off from the first delay again. */
    attemptsBeforeReplay: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** While a process is sending it: no other process claims it before this time. */
    leaseUntil: timestamp({ withTimezone: true }),
    /** Retries stop (the delivery is parked) once this much time has passed since `retryFrom`. */
    retryFrom: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    lastError: text(),
    /** The kind of the last failure (DELIVERY_ERRORS); null after a success or before any attempt. */
    lastErrorCode: text({ enum: DELIVERY_ERRORS }),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.endpointId, t.changeId),
    index().on(t.endpointId, t.id),
    index("webhook_deliveries_due").on(t.nextAttemptAt).where(sql`${t.status} = 'PENDING'`),
    index().on(t.endpointId, t.entityKey, t.id).where(sql`${t.status} = 'PENDING'`),
    check("webhook_deliveries_status", sql`${t.status} in ('PENDING', 'DELIVERED', 'PARKED')`),
    check("webhook_deliveries_last_error_code", sql`${t.lastErrorCode} in ('NAME_NOT_RESOLVED', 'ADDRESS_NOT_PUBLIC', 'NO_CONNECTION', 'TIMEOUT', 'HTTP_STATUS')`),
  ],
);

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
