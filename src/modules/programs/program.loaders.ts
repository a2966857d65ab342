import type { Context } from "../../context.js";
import type { ChildListSpec, PageArgs } from "../../shared/pagination.js";
import { cohorts, programPartners, programs } from "./program.table.js";
import { cohortOrdering, programOrdering } from "./program.service.js";

export type ProgramRow = typeof programs.$inferSelect;
export type CohortRow = typeof cohorts.$inferSelect;
export type ProgramPartnerRow = typeof programPartners.$inferSelect;

export const programById = (ctx: Context) => ctx.loaders.byKey<ProgramRow>("program", programs, programs.id, (r) => r.id);
export const cohortById = (ctx: Context) => ctx.loaders.byKey<CohortRow>("cohort", cohorts, cohorts.id, (r) => r.id);

/** Partner rows of each program. */
export const partnersOfProgram = (ctx: Context) =>
  ctx.loaders.listBy<ProgramPartnerRow>("programPartners", programPartners, programPartners.programId, (r) => r.programId, [
    programPartners.institutionId,
  ]);

/** Programs where each institution is a partner. */
export const partnerRowsOfInstitution = (ctx: Context) =>
  ctx.loaders.listBy<ProgramPartnerRow>("partnerPrograms", programPartners, programPartners.institutionId, (r) => r.institutionId, [
    programPartners.programId,
  ]);

/** The programs an institution hosts: the list its loader and the one-statement planner read. */
export const programsOfHostList = (args: PageArgs): ChildListSpec<ProgramRow> => ({
  table: programs,
  ordering: programOrdering,
  parentColumn: programs.hostInstitutionId,
  args,
  path: "programs",
});

/** The cohorts of a program. */
export const cohortsOfProgramList = (args: PageArgs): ChildListSpec<CohortRow> => ({
  table: cohorts,
  ordering: cohortOrdering,
  parentColumn: cohorts.programId,
  args,
  path: "cohorts",
});

export const programsHostedBy = (ctx: Context, args: PageArgs) => ctx.loaders.childPages<ProgramRow>("programsByHost", programsOfHostList(args), args);

export const cohortsOfProgram = (ctx: Context, args: PageArgs) => ctx.loaders.childPages<CohortRow>("cohortsByProgram", cohortsOfProgramList(args), args);
