import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { ID } from "type-graphql";
import { entity, js, rootConnection, type Who } from "../../engine/entity.js";
import { checkRange } from "../../shared/args.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { AppError, badInput, ErrorCode } from "../../shared/errors.js";
import { decodeGlobalId, toGlobalId } from "../../shared/global-id.js";
import type { Ordering } from "../../shared/pagination.js";
import { auditLog } from "./audit.table.js";
import { AuditEntry, AuditEntryConnection, AuditFilter } from "./audit.type.js";

// The audit trail: platform admins read all of it; institution admins the changes made by their
// institution's staff; nobody else any (on every path: the list, node(id)).

type AuditRow = typeof auditLog.$inferSelect;

/** Oldest first (by id, the commit order of the writing transactions' inserts); `last` gives the newest. */
const auditOrdering: Ordering<AuditRow> = { name: "audit.id", columns: [auditLog.id], key: (r) => [r.id] };

const READERS = ["PLATFORM_ADMIN", "INSTITUTION_ADMIN"];

export function auditScope(t: typeof auditLog, v: Who): SQL | undefined | false {
  if (!v) return false;
  if (v.role === "PLATFORM_ADMIN") return undefined;
  if (v.role === "INSTITUTION_ADMIN") return sql`${t.actorInstitutionId} = ${v.institutionId!}`;
  return false;
}

function auditWhere(t: typeof auditLog, f: AuditFilter | null | undefined): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f?.action) conds.push(eq(t.action, f.action));
  if (f?.actorSubject) conds.push(eq(t.actorSubject, f.actorSubject));
  if (f?.entityId) {
    const d = decodeGlobalId(f.entityId, "filter.entityId");
    if (typeof d.id !== "number") throw badInput("filter.entityId", "is not the id of an object that changes are recorded for");
    conds.push(eq(t.entityType, d.type), eq(t.entityId, d.id));
  }
  checkRange(f?.from?.getTime(), f?.before?.getTime(), "filter.before");
  if (f?.from) conds.push(gte(t.at, f.from));
  if (f?.before) conds.push(lt(t.at, f.before));
  return and(...conds);
}

entity({
  name: "AuditEntry",
  type: () => AuditEntry,
  table: auditLog,
  key: "id",
  node: true,
  scope: auditScope,
  // A reader's role with an entry of another institution (or a missing one) is told that, not to change roles.
  outOfScope: (who, root) =>
    new AppError(ErrorCode.FORBIDDEN, root === "byId" && who && READERS.includes(who.role) ? "This audit entry is not one your institution may see" : `This needs one of the roles ${READERS.join(", ")}`),
  fields: {
    entityId: js<{ entityType: string; entityId: number | null }>(["entityType", "entityId"], (r) => (r.entityId == null ? null : toGlobalId(r.entityType, r.entityId)), {
      type: () => ID,
      nullable: true,
      description: "Global id of the changed object.",
    }),
  },
  roots: {
    auditLog: rootConnection<typeof auditLog>(
      auditOrdering as never,
      {
        type: () => AuditEntryConnection,
        description: "The audit trail, oldest first. Platform admins see all; institution admins the changes made by their institution's staff.",
        argsType: () => PageArgsType,
        args: { filter: { type: () => AuditFilter, nullable: true, description: "Which audit rows, among those the caller may see: every condition given must hold." } },
      },
      (t, args) => auditWhere(t, args.filter as AuditFilter | null),
    ),
  },
});
