import { and, eq, inArray } from "drizzle-orm";
import type { Context } from "../../context.js";
import { checkDate } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { runMutation } from "../../shared/mutation.js";
import { partiesOnDay } from "../agreements/agreement.service.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize, requireAccess } from "../auth/require-access.js";
import { requireActiveInstitutions } from "../institutions/institution.mutation.service.js";
import { institutions } from "../institutions/institution.table.js";
import type { CreateTelemedicineLinkInput, EndTelemedicineLinkInput } from "./telemedicine.mutation.input.js";
import { telemedicineLinks } from "./telemedicine.table.js";

export async function createTelemedicineLink(ctx: Context, input: CreateTelemedicineLinkInput) {
  requireRole(ctx, rolesOf(Permission.TelemedicineCreate));
  const xj = fromGlobalId(input.xinjiangHospitalId, "Institution", "input.xinjiangHospitalId");
  const partner = fromGlobalId(input.partnerHospitalId, "Institution", "input.partnerHospitalId");
  if (xj === partner) throw badInput("input.partnerHospitalId", "a link joins two different hospitals");
  const ends = ["input.xinjiangHospitalId", "input.partnerHospitalId"];
  await requireAccess(ctx, Permission.TelemedicineCreate, [xj, partner], { field: (i) => ends[i], some: true });
  const since = checkDate(input.since, "input.since");
  const agreementId = input.agreementId ? fromGlobalId(input.agreementId, "Agreement", "input.agreementId") : null;
  return runMutation(ctx, {
    operation: "createTelemedicineLink",
    input,
    run: async (tx) => {
      await requireActiveInstitutions(tx, [xj, partner], (i) => ends[i]);
      const countries = new Map(
        (await tx.select({ id: institutions.id, c: institutions.countryCode }).from(institutions).where(inArray(institutions.id, [xj, partner]))).map((r) => [r.id, r.c]),
      );
      if (countries.get(xj) !== "CN") throw badInput("input.xinjiangHospitalId", "must be an institution in China");
      if (countries.get(partner) === "CN") throw badInput("input.partnerHospitalId", "must be an institution outside China");
      if (agreementId != null) {
        // Under the terms in force on the day the link began.
        const parties = await partiesOnDay(tx, agreementId, since, "input.agreementId", { field: "input.since", first: since });
        if (!parties?.has(xj) || !parties.has(partner)) throw badInput("input.agreementId", `no such agreement, or the two hospitals are not both parties to it under its terms in force on ${since}`);
      }
      const [dup] = await tx
        .select({ id: telemedicineLinks.id })
        .from(telemedicineLinks)
        .where(and(eq(telemedicineLinks.xinjiangHospitalId, xj), eq(telemedicineLinks.partnerHospitalId, partner)));
      if (dup) throw new AppError(ErrorCode.CONFLICT, "These two hospitals are already linked", { field: "input.partnerHospitalId" });
      const [row] = await tx
        .insert(telemedicineLinks)
        .values({ xinjiangHospitalId: xj, partnerHospitalId: partner, since, sincePrecision: "DAY", agreementId })
        .returning();
      await audit(tx, ctx, { action: "telemedicineLink.create", entityType: "TelemedicineLink", entityId: row.id, after: row });
      return { linkId: row.id };
    },
  });
}

export async function endTelemedicineLink(ctx: Context, input: EndTelemedicineLinkInput) {
  requireRole(ctx, rolesOf(Permission.TelemedicineUpdate));
  const id = fromGlobalId(input.linkId, "TelemedicineLink", "input.linkId");
  const endedOn = checkDate(input.endedOn, "input.endedOn");
  return runMutation(ctx, {
    operation: "endTelemedicineLink",
    input,
    run: async (tx) => {
      const [link] = await lockAndAuthorize(tx, ctx, Permission.TelemedicineUpdate, [id], { field: "input.linkId", given: input.linkId }, { since: telemedicineLinks.since, endedOn: telemedicineLinks.endedOn });
      if (link.endedOn != null) throw new AppError(ErrorCode.CONFLICT, `The link ended on ${link.endedOn}`, { field: "input.linkId" });
      if (link.since != null && endedOn < link.since) throw badInput("input.endedOn", `the link started on ${link.since}`);
      await tx.update(telemedicineLinks).set({ endedOn }).where(eq(telemedicineLinks.id, id));
      await audit(tx, ctx, { action: "telemedicineLink.end", entityType: "TelemedicineLink", entityId: id, after: { endedOn } });
      return { linkId: id };
    },
  });
}
