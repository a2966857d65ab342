import { sql } from "drizzle-orm";

/** Today's date (UTC) as YYYY-MM-DD: what "overdue", "expiring" and "in force" are measured against unless a date is given. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Today's date (UTC) in SQL, for reads: a plan is kept with its document (engine/plan-cache.ts), so a date
 * computed in JavaScript would be kept with it past midnight.
 */
export const TODAY = sql`(now() at time zone 'UTC')::date`;
