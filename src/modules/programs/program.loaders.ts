import type { Context } from "../../context.js";
import type { PageArgs } from "../../shared/pagination.js";
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

export const programsHostedBy = (ctx: Context, args: PageArgs) =>
  ctx.loaders.childPages<ProgramRow>(
    "programsByHost",
    { table: programs, ordering: programOrdering, parentColumn: programs.hostInstitutionId, args, path: "programs" },
    args,
  );

export const cohortsOfProgram = (ctx: Context, args: PageArgs) =>
  ctx.loaders.childPages<CohortRow>(
    "cohortsByProgram",
    { table: cohorts, ordering: cohortOrdering, parentColumn: cohorts.programId, args, path: "cohorts" },
    args,
  );
