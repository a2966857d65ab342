import type { Context } from "../../context.js";
import { dispatches, type DispatchRow } from "./expert.table.js";

// Rows for resolvers outside the engine (a mutation's payload); the engine reads these types itself (expert.entity.ts).
export const dispatchById = (ctx: Context) => ctx.loaders.byKey<DispatchRow>("dispatch", dispatches, dispatches.id, (r) => r.id);
