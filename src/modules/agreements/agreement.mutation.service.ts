import { eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import { atPrecision, checkDate, checkRange, checkText, optionalText } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { todayUtc } from "../../shared/today.js";
import { runMutation } from "../../shared/mutation.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize, requireAccess } from "../auth/require-access.js";
import { requireActiveInstitutions } from "../institutions/institution.mutation.service.js";
import { institutions } from "../institutions/institution.table.js";
import type { CreateAgreementInput, UpdateAgreementInput } from "./agreement.mutation.input.js";
import { versionContent } from "./agreement-version.content.js";
import { requireActiveCaller, writeProposal, type TermChanges } from "./agreement-version.service.js";
import { agreementFocusAreas, agreementParties, agreementVersions, agreements } from "./agreement.table.js";

type AgreementRow = typeof agreements.$inferSelect;

export async function createAgreement(ctx: Context, input: CreateAgreementInput) {
  requireRole(ctx, rolesOf(Permission.AgreementCreate));
  const code = input.code.trim();
  if (!/^[A-Za-z0-9-]{3,60}$/.test(code)) throw badInput("input.code", "must be 3 to 60 letters, digits and hyphens");
  const title = checkText(input.title, "input.title", 300);
  const summary = optionalText(input.summary, "input.summary", 5000);
  for (const f of ["signedOn", "validFrom", "validUntil"] as const) if (input[f] != null) checkDate(input[f], `input.${f}`);
  // A signing date is a day that has come: an agreement is recorded once signed (or, DRAFT, with no date yet).
  if (input.signedOn != null && input.signedOn > todayUtc()) throw badInput("input.signedOn", `a signing date may not be in the future (today is ${todayUtc()})`);
  checkRange(input.validFrom, input.validUntil, "input.validUntil");
  if (input.signedOnPrecision && !input.signedOn) throw badInput("input.signedOnPrecision", "needs signedOn");
  const parties = input.parties.map((p, i) => ({ institutionId: fromGlobalId(p.institutionId, "Institution", `input.parties[${i}].institutionId`), role: p.role as "HOST" }));
  if (parties.length < 2) throw badInput("input.parties", "an agreement has two or more parties");
  const dup = parties.findIndex((p, i) => parties.findIndex((q) => q.institutionId === p.institutionId) !== i);
  if (dup >= 0) throw badInput(`input.parties[${dup}].institutionId`, "the same institution is listed twice");
  await requireAccess(ctx, Permission.AgreementCreate, parties.map((p) => p.institutionId), { field: "input.parties", some: true });
  const areas = [...new Set(input.focusAreas)];
  if (!areas.length) throw badInput("input.focusAreas", "give one or more focus areas");
  if (input.status != null && input.status !== "DRAFT") throw badInput("input.status", "a new agreement is DRAFT; it is ACTIVE once every party has approved version 1");

  return runMutation(ctx, {
    operation: "createAgreement",
    input,
    run: async (tx) => {
      // Codes are unique whatever their case (backed by the unique index agreements_code_ci).
      const [taken] = await tx.select({ code: agreements.code }).from(agreements).where(sql`lower(${agreements.code}) = lower(${code})`).limit(1);
      if (taken) throw new AppError(ErrorCode.CONFLICT, `An agreement with the code ${taken.code} already exists (codes are compared whatever their case)`, { field: "input.code" });
      const found = await tx.select({ id: institutions.id }).from(institutions).where(inArray(institutions.id, parties.map((p) => p.institutionId)));
      const missing = parties.findIndex((p) => !found.some((f) => f.id === p.institutionId));
      if (missing >= 0) throw badInput(`input.parties[${missing}].institutionId`, "no such institution");
      // No deactivated institution is a party to a new agreement, nor creates one.
      await requireActiveInstitutions(tx, parties.map((p) => p.institutionId), (i) => `input.parties[${i}].institutionId`);
      await requireActiveCaller(tx, ctx, "input.parties");
      const [row] = await tx
        .insert(agreements)
        .values({
          code,
          title,
          summary: summary ?? null,
          signedOn: input.signedOn ? atPrecision(input.signedOn, (input.signedOnPrecision ?? "DAY") as "DAY") : null,
          signedOnPrecision: input.signedOn ? ((input.signedOnPrecision ?? "DAY") as "DAY") : null,
          validFrom: input.validFrom ?? null,
          validUntil: input.validUntil ?? null,
          // DRAFT until every party has approved version 1 (then ACTIVE); only DRAFT may be asked for.
          status: "DRAFT",
          placesPerYear: input.placesPerYear ?? null,
        })
        .returning();
      await tx.insert(agreementParties).values(parties.map((p) => ({ agreementId: row.id, ...p })));
      await tx.insert(agreementFocusAreas).values(areas.map((area) => ({ agreementId: row.id, area: area as "TCM" })));
      // Version 1, proposed: in force once every party has approved it (approveAgreementVersion).
      const [version] = await tx
        .insert(agreementVersions)
        .values({
          agreementId: row.id,
          number: 1,
          content: versionContent({ parties, focusAreas: areas, placesPerYear: row.placesPerYear, validFrom: row.validFrom, validUntil: row.validUntil, summary: row.summary }),
          contentHash: "", // the database's (drizzle/0014_agreement_versions.sql)
          proposedByInstitutionId: ctx.viewer!.institutionId,
          proposedBy: ctx.viewer!.subject,
        })
        .returning({ id: agreementVersions.id, contentHash: agreementVersions.contentHash });
      await audit(tx, ctx, [
        { action: "agreement.create", entityType: "Agreement", entityId: row.id, after: { ...row, parties, focusAreas: areas } },
        { action: "agreementVersion.propose", entityType: "AgreementVersion", entityId: version.id, after: { agreementId: row.id, number: 1, contentHash: version.contentHash } },
      ]);
      return { agreementId: row.id };
    },
  });
}

/**
 * The status changes a party's admin may make: ACTIVE comes only from every party's approval of a version
 * (approveAgreementVersion), and TERMINATED is final.
 */
const STATUS_MOVES: Record<AgreementRow["status"], AgreementRow["status"][]> = {
  DRAFT: ["TERMINATED"],
  ACTIVE: ["EXPIRED", "TERMINATED"],
  EXPIRED: ["TERMINATED"],
  TERMINATED: [],
};

export async function updateAgreement(ctx: Context, input: UpdateAgreementInput) {
  requireRole(ctx, rolesOf(Permission.AgreementUpdate));
  const id = fromGlobalId(input.agreementId, "Agreement", "input.agreementId");
  const title = optionalText(input.title, "input.title", 300);
  if (input.focusAreas && !input.focusAreas.length) throw badInput("input.focusAreas", "give one or more focus areas");
  // The terms are no longer changed in place: given, they open an amendment (agreement-version.service.ts).
  // (Deprecated fields: null leaves a term as it is, as before; proposeAgreementAmendment's null clears it.)
  const terms: TermChanges = {
    summary: optionalText(input.summary, "input.summary", 5000) ?? undefined,
    validUntil: input.validUntil == null ? undefined : checkDate(input.validUntil, "input.validUntil"),
    placesPerYear: input.placesPerYear ?? undefined,
    focusAreas: input.focusAreas ?? undefined,
  };
  const amends = Object.values(terms).some((x) => x != null);
  return runMutation(ctx, {
    operation: "updateAgreement",
    input,
    run: async (tx) => {
      const at = { field: "input.agreementId", given: input.agreementId };
      const [before] = await lockAndAuthorize(tx, ctx, Permission.AgreementUpdate, [id], at, getTableColumns(agreements));
      const changes: Partial<AgreementRow> = {};
      if (title != null) changes.title = title;
      if (input.status != null && input.status !== before.status) {
        const to = input.status as AgreementRow["status"];
        if (!STATUS_MOVES[before.status].includes(to))
          throw new AppError(ErrorCode.INVALID_TRANSITION, `An agreement cannot move from ${before.status} to ${to}${to === "ACTIVE" ? ": it is ACTIVE once every party has approved a version" : ""}`, { field: "input.status", from: before.status, to });
        // EXPIRED says the validity has run out: not before its last day has passed (an open-ended one never).
        if (to === "EXPIRED" && !(before.validUntil != null && before.validUntil < todayUtc()))
          throw new AppError(ErrorCode.INVALID_TRANSITION, before.validUntil == null ? "An agreement with no end date does not expire: terminate it instead" : `The agreement is valid until ${before.validUntil}: it expires only after that day`, { field: "input.status", from: before.status, to, validUntil: before.validUntil });
        changes.status = to;
      }
      if (Object.keys(changes).length) {
        await tx.update(agreements).set(changes).where(eq(agreements.id, id));
        const beforeSubset = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof AgreementRow]]));
        await audit(tx, ctx, { action: "agreement.update", entityType: "Agreement", entityId: id, before: beforeSubset, after: changes });
      }
      if (amends) await writeProposal(tx, ctx, id, terms, "input");
      return { agreementId: id };
    },
  });
}
