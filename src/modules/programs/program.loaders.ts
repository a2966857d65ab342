import type { Context } from "../../context.js";
import { cohorts, programs, type CohortRow, type ProgramRow } from "./program.table.js";

export type { CohortRow, ProgramRow, ProgramPartnerRow } from "./program.table.js";

// Rows for other modules' resolvers (a payload's program); the engine reads these types itself (program.entity.ts).
export const programById = (ctx: Context) => ctx.loaders.byKey<ProgramRow>("program", programs, programs.id, (r) => r.id);
export const cohortById = (ctx: Context) => ctx.loaders.byKey<CohortRow>("cohort", cohorts, cohorts.id, (r) => r.id);
