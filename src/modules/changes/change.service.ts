import { and, desc, sql, type SQL } from "drizzle-orm";
import type { Context } from "../../context.js";
import type { Db } from "../../db/client.js";
import { toGlobalId } from "../../shared/global-id.js";
import { encodeCursor, paginate, type Ordering, type PageArgs } from "../../shared/pagination.js";
import type { Viewer } from "../auth/auth.roles.js";
import { auditLog } from "../audit/audit.table.js";
import { studentScope } from "../students/student.scope.js";
import { students } from "../students/student.table.js";
import { feedData } from "./change.data.js";
import type { Change } from "./change.type.js";

export type ChangeRow = typeof auditLog.$inferSelect;

/** Feed order: (transaction id, row id). */
export const changeOrdering: Ordering<ChangeRow> = { name: "change", columns: [auditLog.txid, auditLog.id], key: (r) => [r.txid, r.id] };

/**
 * Only rows of transactions older than every transaction still running: a row written by a transaction
 * that is still open, or by an older one committing later, cannot then appear behind a cursor already
 * handed out. The price is that a change shows once the transactions before it have finished.
 */
export const settled: SQL = sql`${auditLog.txid} < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`;

/**
 * Whether a caller's role reads personal data at all: the students' own rule (student.scope.ts) says, so a
 * role that may read no student (a research office, an expert coordinator) sees no change of one either.
 */
const readsPersonalData = (v: Viewer) => studentScope(students, v) !== false;

/**
 * Changes the caller may see: platform admins all; others public ones, and those naming their institution
 * when its role reads personal data (a student's, an enrollment's, a result's changes carry it).
 */
export function changeScope(v: Viewer | null): SQL | undefined {
  if (v?.role === "PLATFORM_ADMIN") return undefined;
  if (!v || !readsPersonalData(v)) return sql`${auditLog.visibleTo} is null`;
  return sql`(${auditLog.visibleTo} is null or ${auditLog.visibleTo} @> array[${v.institutionId}]::integer[])`;
}

export function canSee(v: Viewer | null, row: ChangeRow): boolean {
  if (v?.role === "PLATFORM_ADMIN") return true;
  if (row.visibleTo == null) return true;
  return !!v && v.institutionId != null && readsPersonalData(v) && row.visibleTo.includes(v.institutionId);
}

export async function listChanges(ctx: Context, args: PageArgs) {
  const page = await paginate(ctx.db, { table: auditLog, ordering: changeOrdering, where: and(settled, changeScope(ctx.viewer)), args }, { eager: true });
  return {
    ...page,
    nodes: page.nodes.map(toChange),
    edges: page.edges.map((e) => ({ cursor: e.cursor, node: toChange(e.node) })),
  };
}

/** Settled rows after a position, in feed order (the hub's pull and a subscription's replay). */
export async function changesAfter(db: Db, after: [number, number] | null, upTo: [number, number] | null, limit: number, scope?: SQL): Promise<ChangeRow[]> {
  return (await db
    .select()
    .from(auditLog)
    .where(
      and(
        settled,
        scope,
        after ? sql`(${auditLog.txid}, ${auditLog.id}) > (${after[0]}::bigint, ${after[1]}::bigint)` : undefined,
        upTo ? sql`(${auditLog.txid}, ${auditLog.id}) <= (${upTo[0]}::bigint, ${upTo[1]}::bigint)` : undefined,
      ),
    )
    .orderBy(auditLog.txid, auditLog.id)
    .limit(limit)) as ChangeRow[];
}

/** The newest settled change's position, if any. */
export async function latestChange(db: Db): Promise<Pick<ChangeRow, "txid" | "id"> | undefined> {
  const [row] = await db.select({ txid: auditLog.txid, id: auditLog.id }).from(auditLog).where(settled).orderBy(desc(auditLog.txid), desc(auditLog.id)).limit(1);
  return row;
}

/** The GraphQL shape of a row. */
export function toChange(row: ChangeRow): Change {
  const after = row.after as Record<string, unknown> | null;
  return {
    cursor: encodeCursor(changeOrdering.name, changeOrdering.key(row)),
    entityType: row.entityType,
    entityId: row.entityId == null ? null : toGlobalId(row.entityType, row.entityId),
    action: row.action,
    at: row.at,
    actorInstitutionId: row.actorInstitutionId,
    enrollmentStatus: row.entityType === "Enrollment" && typeof after?.status === "string" ? after.status : null,
    data: feedData(row.entityType, row.after),
  };
}
