import type { Context } from "../../context.js";
import { linksOfInstitutions } from "./telemedicine.service.js";
import { telemedicineLinks } from "./telemedicine.table.js";

export type TelemedicineLinkRow = typeof telemedicineLinks.$inferSelect;

export const telemedicineLinkById = (ctx: Context) =>
  ctx.loaders.byKey<TelemedicineLinkRow>("telemedicineLink", telemedicineLinks, telemedicineLinks.id, (r) => r.id);

/** Links each institution is an end of (one statement for all institutions). */
export const linksOfInstitution = (ctx: Context) =>
  ctx.loaders.get<number, TelemedicineLinkRow[]>("telemedicineLinksOfInstitution", (ids) => linksOfInstitutions(ctx.db, ids));
