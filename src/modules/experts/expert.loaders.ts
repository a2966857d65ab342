import type { Context } from "../../context.js";
import { dispatches, experts, type DispatchRow, type ExpertRow } from "./expert.table.js";

// Rows for resolvers outside the engine (a mutation's payload); the engine reads these types itself (expert.entity.ts).
export const dispatchById = (ctx: Context) => ctx.loaders.byKey<DispatchRow>("dispatch", dispatches, dispatches.id, (r) => r.id);
export const expertById = (ctx: Context) => ctx.loaders.byKey<ExpertRow>("expert", experts, experts.id, (r) => r.id);
