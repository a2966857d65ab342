import type { Context } from "../../context.js";
import { eq } from "drizzle-orm";
import type { PageArgs } from "../../shared/pagination.js";
import { dispatchOrdering, expertOrdering } from "./expert.service.js";
import { dispatches, dispatchMembers, dispatchPurposes, experts } from "./expert.table.js";

export type ExpertRow = typeof experts.$inferSelect;
export type DispatchRow = typeof dispatches.$inferSelect;
export type DispatchMemberRow = typeof dispatchMembers.$inferSelect;
export type DispatchPurposeRow = typeof dispatchPurposes.$inferSelect;

export const expertById = (ctx: Context) => ctx.loaders.byKey<ExpertRow>("expert", experts, experts.id, (r) => r.id);
export const dispatchById = (ctx: Context) => ctx.loaders.byKey<DispatchRow>("dispatch", dispatches, dispatches.id, (r) => r.id);

/** The team of each dispatch, leader first. */
export const teamOfDispatch = (ctx: Context) =>
  ctx.loaders.listBy<DispatchMemberRow>("dispatchTeam", dispatchMembers, dispatchMembers.dispatchId, (r) => r.dispatchId, [
    dispatchMembers.role,
    dispatchMembers.expertId,
  ]);

export const purposesOfDispatch = (ctx: Context) =>
  ctx.loaders.listBy<DispatchPurposeRow>("dispatchPurposes", dispatchPurposes, dispatchPurposes.dispatchId, (r) => r.dispatchId, [
    dispatchPurposes.purpose,
  ]);

export const expertsAtInstitution = (ctx: Context, args: PageArgs) =>
  ctx.loaders.childPages<ExpertRow>(
    "expertsByHome",
    { table: experts, ordering: expertOrdering, parentColumn: experts.homeInstitutionId, args, path: "experts" },
    args,
  );

export const dispatchesHostedBy = (ctx: Context, args: PageArgs) =>
  ctx.loaders.childPages<DispatchRow>(
    "dispatchesByHost",
    { table: dispatches, ordering: dispatchOrdering, parentColumn: dispatches.hostInstitutionId, args, path: "dispatchesHosted" },
    args,
  );

export const dispatchesSentBy = (ctx: Context, args: PageArgs) =>
  ctx.loaders.childPages<DispatchRow>(
    "dispatchesBySender",
    { table: dispatches, ordering: dispatchOrdering, parentColumn: dispatches.sendingInstitutionId, args, path: "dispatchesSent" },
    args,
  );

/** Each expert's dispatches, through dispatch_members: one statement for every expert's page, one for counts if asked. */
export const dispatchesOfExpert = (ctx: Context, args: PageArgs) =>
  ctx.loaders.childPages<DispatchRow>(
    "expertDispatches",
    {
      table: dispatches,
      ordering: dispatchOrdering,
      parentColumn: dispatchMembers.expertId,
      through: { table: dispatchMembers, on: eq(dispatchMembers.dispatchId, dispatches.id) },
      args,
      path: "dispatches",
    },
    args,
  );
