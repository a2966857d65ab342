import { eq, getTableColumns, inArray } from "drizzle-orm";
import type { Context } from "../../context.js";
import { checkRange, checkText, optionalText } from "../../shared/args.js";
import { badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { runMutation } from "../../shared/mutation.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize, requireAccess } from "../auth/require-access.js";
import { institutions } from "../institutions/institution.table.js";
import type { CreateAgreementInput, UpdateAgreementInput } from "./agreement.mutation.input.js";
import { agreementFocusAreas, agreementParties, agreements } from "./agreement.table.js";

type AgreementRow = typeof agreements.$inferSelect;

export async function createAgreement(ctx: Context, input: CreateAgreementInput) {
  requireRole(ctx, rolesOf(Permission.AgreementCreate));
  const code = input.code.trim();
  if (!/^[A-Za-z0-9-]{3,60}$/.test(code)) throw badInput("input.code", "must be 3 to 60 letters, digits and hyphens");
  const title = checkText(input.title, "input.title", 300);
  const summary = optionalText(input.summary, "input.summary", 5000);
  checkRange(input.validFrom, input.validUntil, "input.validUntil");
  if (input.signedOnPrecision && !input.signedOn) throw badInput("input.signedOnPrecision", "needs signedOn");
  const parties = input.parties.map((p, i) => ({ institutionId: fromGlobalId(p.institutionId, "Institution", `input.parties[${i}].institutionId`), role: p.role as "HOST" }));
  if (parties.length < 2) throw badInput("input.parties", "an agreement has two or more parties");
  const dup = parties.findIndex((p, i) => parties.findIndex((q) => q.institutionId === p.institutionId) !== i);
  if (dup >= 0) throw badInput(`input.parties[${dup}].institutionId`, "the same institution is listed twice");
  await requireAccess(ctx, Permission.AgreementCreate, parties.map((p) => p.institutionId), { field: "input.parties", some: true });
  const areas = [...new Set(input.focusAreas)];
  if (!areas.length) throw badInput("input.focusAreas", "give one or more focus areas");

  return runMutation(ctx, {
    operation: "createAgreement",
    input,
    run: async (tx) => {
      const found = await tx.select({ id: institutions.id }).from(institutions).where(inArray(institutions.id, parties.map((p) => p.institutionId)));
      const missing = parties.findIndex((p) => !found.some((f) => f.id === p.institutionId));
      if (missing >= 0) throw badInput(`input.parties[${missing}].institutionId`, "no such institution");
      const [row] = await tx
        .insert(agreements)
        .values({
          code,
          title,
          summary: summary ?? null,
          signedOn: input.signedOn ?? null,
          signedOnPrecision: input.signedOn ? ((input.signedOnPrecision ?? "DAY") as "DAY") : null,
          validFrom: input.validFrom ?? null,
          validUntil: input.validUntil ?? null,
          status: (input.status ?? "ACTIVE") as "ACTIVE",
          placesPerYear: input.placesPerYear ?? null,
        })
        .returning();
      await tx.insert(agreementParties).values(parties.map((p) => ({ agreementId: row.id, ...p })));
      await tx.insert(agreementFocusAreas).values(areas.map((area) => ({ agreementId: row.id, area: area as "TCM" })));
      await audit(tx, ctx, { action: "agreement.create", entityType: "Agreement", entityId: row.id, after: { ...row, parties, focusAreas: areas } });
      return { agreementId: row.id };
    },
  });
}

export async function updateAgreement(ctx: Context, input: UpdateAgreementInput) {
  requireRole(ctx, rolesOf(Permission.AgreementUpdate));
  const id = fromGlobalId(input.agreementId, "Agreement", "input.agreementId");
  const title = optionalText(input.title, "input.title", 300);
  const summary = optionalText(input.summary, "input.summary", 5000);
  if (input.focusAreas && !input.focusAreas.length) throw badInput("input.focusAreas", "give one or more focus areas");
  return runMutation(ctx, {
    operation: "updateAgreement",
    input,
    run: async (tx) => {
      const at = { field: "input.agreementId", given: input.agreementId };
      const [before] = await lockAndAuthorize(tx, ctx, Permission.AgreementUpdate, [id], at, getTableColumns(agreements));
      const changes: Partial<AgreementRow> = {};
      if (title != null) changes.title = title;
      if (summary != null) changes.summary = summary;
      if (input.validUntil != null) {
        checkRange(before.validFrom, input.validUntil, "input.validUntil");
        changes.validUntil = input.validUntil;
      }
      if (input.status != null) changes.status = input.status as AgreementRow["status"];
      if (input.placesPerYear != null) changes.placesPerYear = input.placesPerYear;
      if (Object.keys(changes).length) await tx.update(agreements).set(changes).where(eq(agreements.id, id));
      if (input.focusAreas) {
        await tx.delete(agreementFocusAreas).where(eq(agreementFocusAreas.agreementId, id));
        await tx.insert(agreementFocusAreas).values([...new Set(input.focusAreas)].map((area) => ({ agreementId: id, area: area as "TCM" })));
      }
      const beforeSubset = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof AgreementRow]]));
      await audit(tx, ctx, { action: "agreement.update", entityType: "Agreement", entityId: id, before: beforeSubset, after: { ...changes, focusAreas: input.focusAreas ?? undefined } });
      return { agreementId: id };
    },
  });
}
