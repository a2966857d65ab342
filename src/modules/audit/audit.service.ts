import type { Context } from "../../context.js";
import type { Tx } from "../../shared/mutation.js";
import { auditLog } from "./audit.table.js";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
}

/** Writes audit rows inside the caller's transaction: the change and its record commit or fail together. */
export async function audit(tx: Tx, ctx: Context, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (!list.length) return;
  const v = ctx.viewer!;
  for (let i = 0; i < list.length; i += 1000) {
    await tx.insert(auditLog).values(
      list.slice(i, i + 1000).map((e) => ({
        requestId: ctx.requestId,
        actorSubject: v.subject,
        actorRole: v.role,
        actorInstitutionId: v.institutionId,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        before: e.before ?? null,
        after: e.after ?? null,
      })),
    );
  }
}
