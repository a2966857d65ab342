import type { Context } from "../../context.js";
import { agreementFocusAreas, agreementParties, agreements } from "./agreement.table.js";

export type AgreementRow = typeof agreements.$inferSelect;
export type AgreementPartyRow = typeof agreementParties.$inferSelect;
export type AgreementFocusRow = typeof agreementFocusAreas.$inferSelect;

export const agreementById = (ctx: Context) =>
  ctx.loaders.byKey<AgreementRow>("agreement", agreements, agreements.id, (r) => r.id);

export const partiesOfAgreement = (ctx: Context) =>
  ctx.loaders.listBy<AgreementPartyRow>("agreementParties", agreementParties, agreementParties.agreementId, (r) => r.agreementId, [
    agreementParties.role,
    agreementParties.institutionId,
  ]);

export const agreementRowsOfInstitution = (ctx: Context) =>
  ctx.loaders.listBy<AgreementPartyRow>("institutionAgreements", agreementParties, agreementParties.institutionId, (r) => r.institutionId, [
    agreementParties.agreementId,
  ]);

export const focusAreasOfAgreement = (ctx: Context) =>
  ctx.loaders.listBy<AgreementFocusRow>("agreementFocus", agreementFocusAreas, agreementFocusAreas.agreementId, (r) => r.agreementId, [
    agreementFocusAreas.area,
  ]);
