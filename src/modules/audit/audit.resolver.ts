import { and, eq, gte, lt, type SQL } from "drizzle-orm";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { checkRange } from "../../shared/args.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { badInput } from "../../shared/errors.js";
import { decodeGlobalId, toGlobalId } from "../../shared/global-id.js";
import { NodeResolver } from "../../shared/node.type.js";
import { paginate, type Ordering } from "../../shared/pagination.js";
import { requireRole } from "../auth/access.js";
import { auditLog } from "./audit.table.js";
import { AuditEntry, AuditEntryConnection, AuditFilter } from "./audit.type.js";

type AuditRow = typeof auditLog.$inferSelect;

/** Oldest first (by id, the commit order of the writing transactions' inserts); `last` gives the newest. */
const auditOrdering: Ordering<AuditRow> = { name: "audit.id", columns: [auditLog.id], key: (r) => [r.id] };

@Resolver(() => AuditEntry)
export class AuditResolver extends NodeResolver(AuditEntry, "AuditEntry") {
  @Query(() => AuditEntryConnection, {
    description: "The audit trail, oldest first. Platform admins see all; institution admins the changes made by their institution's staff.",
  })
  auditLog(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
    @Ctx() ctx: Context,
  ) {
    const v = requireRole(ctx, ["INSTITUTION_ADMIN"]);
    const conds: (SQL | undefined)[] = [v.role === "PLATFORM_ADMIN" ? undefined : eq(auditLog.actorInstitutionId, v.institutionId!)];
    if (filter?.action) conds.push(eq(auditLog.action, filter.action));
    if (filter?.actorSubject) conds.push(eq(auditLog.actorSubject, filter.actorSubject));
    if (filter?.entityId) {
      const d = decodeGlobalId(filter.entityId, "filter.entityId");
      if (typeof d.id !== "number") throw badInput("filter.entityId", "is not the id of an object that changes are recorded for");
      conds.push(eq(auditLog.entityType, d.type), eq(auditLog.entityId, d.id));
    }
    checkRange(filter?.from?.getTime(), filter?.before?.getTime(), "filter.before");
    if (filter?.from) conds.push(gte(auditLog.at, filter.from));
    if (filter?.before) conds.push(lt(auditLog.at, filter.before));
    return paginate(ctx.db, { table: auditLog, ordering: auditOrdering, where: and(...conds), args: page });
  }

  @FieldResolver(() => ID, { nullable: true, description: "Global id of the changed object." })
  entityId(@Root() row: AuditRow): string | null {
    return row.entityId == null ? null : toGlobalId(row.entityType, row.entityId);
  }
}

export const auditResolvers = [AuditResolver] as const;
