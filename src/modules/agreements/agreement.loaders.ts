import type { Context } from "../../context.js";
import { agreements } from "./agreement.table.js";

export type AgreementRow = typeof agreements.$inferSelect;

/** Plain rows for fields outside the engine (a mutation's payload, a report's rows). */
export const agreementById = (ctx: Context) =>
  ctx.loaders.byKey<AgreementRow>("agreement", agreements, agreements.id, (r) => r.id);
