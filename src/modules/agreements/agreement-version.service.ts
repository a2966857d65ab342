import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import { checkDate, checkRange, checkText, optionalText } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { todayUtc } from "../../shared/today.js";
import { runMutation, type Tx } from "../../shared/mutation.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import type { Viewer } from "../auth/auth.roles.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize } from "../auth/require-access.js";
import { requireActiveInstitutions } from "../institutions/institution.mutation.service.js";
import { institutions } from "../institutions/institution.table.js";
import { versionContent, type VersionContent } from "./agreement-version.content.js";
import { ownTerms } from "./agreement-version.sql.js";
import type { ApproveAgreementVersionInput, ProposeAgreementAmendmentInput, WithdrawAgreementApprovalInput } from "./agreement-version.input.js";
import type { AgreementPartyInput } from "./agreement.mutation.input.js";
import { agreementFocusAreas, agreementParties, agreementVersionApprovals, agreementVersions, agreements } from "./agreement.table.js";

// Versions of an agreement's terms. A proposal is a new version, not in force; each party's admin approves it
// by its content hash; the approval that completes the set brings it into force in the same transaction (the
// agreement's term columns, parties and focus areas become its content, the version before is superseded).
// A new proposal supersedes a version still proposed (its approvals lapse with it): one proposal at a time.
// Every statement that changes versions of an agreement first locks the agreement's row, so proposals and
// approvals of one agreement run one after another.

/**
 * Changes to the terms. Left out (undefined), a term keeps its current value; null clears an optional term
 * (placesPerYear, validFrom, validUntil, summary) and leaves a required one (parties, focusAreas) as it is.
 */
export type TermChanges = Partial<{ [K in keyof VersionContent]: VersionContent[K] | null }>;

/** An optional term after `changes`: given (a value, or null to clear it), else the current one. */
const optionalTerm = <K extends "placesPerYear" | "validFrom" | "validUntil" | "summary">(changes: TermChanges, current: VersionContent, k: K): VersionContent[K] =>
  changes[k] === undefined ? current[k] : (changes[k] as VersionContent[K]);

export function partiesOf(parties: readonly AgreementPartyInput[], field: string): VersionContent["parties"] {
  const out = parties.map((p, i) => ({ institutionId: fromGlobalId(p.institutionId, "Institution", `${field}[${i}].institutionId`), role: p.role }));
  if (out.length < 2) throw badInput(field, "an agreement has two or more parties");
  const dup = out.findIndex((p, i) => out.findIndex((q) => q.institutionId === p.institutionId) !== i);
  if (dup >= 0) throw badInput(`${field}[${dup}].institutionId`, "the same institution is listed twice");
  return out;
}

/**
 * Terms of an agreement that has ended (TERMINATED, for good; EXPIRED, its validity run out) are neither amended
 * nor approved: CONFLICT with the status as reason, naming `field`.
 */
async function requireOpen(tx: Tx, agreementId: number, field: string): Promise<void> {
  const [a] = await tx.select({ status: agreements.status }).from(agreements).where(eq(agreements.id, agreementId));
  if (a?.status === "TERMINATED" || a?.status === "EXPIRED")
    throw new AppError(ErrorCode.CONFLICT, `This agreement is ${a.status}: its terms are no longer amended or approved`, { field, reason: a.status });
}

/**
 * The caller's institution must not be deactivated to create, amend or approve agreements (the rule new
 * references to institutions follow: requireActiveInstitutions); a platform admin has none.
 */
export async function requireActiveCaller(tx: Tx, ctx: Context, field: string): Promise<void> {
  const own = ctx.viewer?.institutionId;
  if (own != null) await requireActiveInstitutions(tx, [own], () => field);
}

/** The current terms: the agreement's own (one source: see agreement.table.ts and ownTerms). */
async function currentTerms(tx: Tx, id: number): Promise<VersionContent> {
  const [a] = await tx.select({ terms: sql<VersionContent | string>`${ownTerms(agreements.id)}` }).from(agreements).where(eq(agreements.id, id));
  return versionContent(parseJson(a.terms));
}

const parseJson = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);

/**
 * Writes a proposed version of agreement `agreementId` (its row locked by the caller) with the current terms
 * changed by `changes`; supersedes a version still proposed. Returns the new version's id; for terms equal to
 * those of the version still proposed or of the version in force, that version's, written nothing.
 */
export async function writeProposal(tx: Tx, ctx: Context, agreementId: number, changes: TermChanges, field: string): Promise<number> {
  const v = ctx.viewer!;
  await requireOpen(tx, agreementId, "input.agreementId");
  await requireActiveCaller(tx, ctx, "input.agreementId");
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(agreementVersions).where(eq(agreementVersions.agreementId, agreementId));
  // An agreement written to the tables directly (tests, imports) gets its version 1 first.
  if (Number(n) === 0) await tx.execute(sql`select agreement_record_first_versions(${agreementId}::int)`);
  const current = await currentTerms(tx, agreementId);
  const next = versionContent({
    parties: changes.parties ?? current.parties,
    focusAreas: changes.focusAreas ?? current.focusAreas,
    placesPerYear: optionalTerm(changes, current, "placesPerYear"),
    validFrom: optionalTerm(changes, current, "validFrom"),
    validUntil: optionalTerm(changes, current, "validUntil"),
    summary: optionalTerm(changes, current, "summary"),
  });
  checkRange(next.validFrom, next.validUntil, `${field}.validUntil`);
  if (changes.parties) {
    const found = await tx.select({ id: institutions.id }).from(institutions).where(inArray(institutions.id, next.parties.map((p) => p.institutionId)));
    const missing = changes.parties.findIndex((p) => !found.some((f) => f.id === p.institutionId));
    if (missing >= 0) throw badInput(`${field}.parties[${missing}].institutionId`, "no such institution");
    // A party the amendment adds must not be deactivated (one already a party may stay, or be removed).
    const added = changes.parties.map((p, i) => ({ id: p.institutionId, i })).filter((p) => !current.parties.some((c) => c.institutionId === p.id));
    await requireActiveInstitutions(tx, added.map((p) => p.id), (k) => `${field}.parties[${added[k].i}].institutionId`);
  }
  // The terms of the proposal still waiting, or of the version in force, proposed again: that version, unchanged
  // (a retry or a second click supersedes nothing, so the other parties' approvals stand).
  const [pending] = await tx
    .select({ id: agreementVersions.id })
    .from(agreementVersions)
    .where(and(eq(agreementVersions.agreementId, agreementId), isNull(agreementVersions.inForceFrom), isNull(agreementVersions.supersededAt), sql`${agreementVersions.content} = ${JSON.stringify(next)}::jsonb`));
  if (pending) return pending.id;
  if (JSON.stringify(next) === JSON.stringify(current)) {
    const [a] = await tx.select({ inForce: agreements.currentVersionId }).from(agreements).where(eq(agreements.id, agreementId));
    if (a.inForce != null) return a.inForce;
    throw badInput(field, "these are the current terms: an amendment changes at least one of them");
  }
  const superseded = await tx
    .update(agreementVersions)
    .set({ supersededAt: sql`now()` })
    .where(and(eq(agreementVersions.agreementId, agreementId), isNull(agreementVersions.inForceFrom), isNull(agreementVersions.supersededAt)))
    .returning({ id: agreementVersions.id, number: agreementVersions.number });
  const [row] = await tx
    .insert(agreementVersions)
    .values({
      agreementId,
      number: sql`(select coalesce(max(number), 0) + 1 from ${agreementVersions} where agreement_id = ${agreementId})`,
      content: next,
      contentHash: "", // the database's (drizzle/0014_agreement_versions.sql)
      proposedByInstitutionId: v.institutionId,
      proposedBy: v.subject,
    })
    .returning();
  await audit(tx, ctx, [
    ...superseded.map((s) => ({ action: "agreementVersion.supersede", entityType: "AgreementVersion", entityId: s.id, after: { agreementId, number: s.number, by: row.number } })),
    { action: "agreementVersion.propose", entityType: "AgreementVersion", entityId: row.id, before: current, after: { agreementId, number: row.number, contentHash: row.contentHash, content: next } },
  ]);
  return row.id;
}

export async function proposeAgreementAmendment(ctx: Context, input: ProposeAgreementAmendmentInput) {
  requireRole(ctx, rolesOf(Permission.AgreementAmend));
  const id = fromGlobalId(input.agreementId, "Agreement", "input.agreementId");
  const changes: TermChanges = {
    parties: input.parties ? partiesOf(input.parties, "input.parties") : null,
    focusAreas: input.focusAreas ?? null,
    placesPerYear: input.placesPerYear,
    validFrom: input.validFrom == null ? input.validFrom : checkDate(input.validFrom, "input.validFrom"),
    validUntil: input.validUntil == null ? input.validUntil : checkDate(input.validUntil, "input.validUntil"),
    summary: optionalText(input.summary, "input.summary", 5000),
  };
  if (input.focusAreas && !input.focusAreas.length) throw badInput("input.focusAreas", "give one or more focus areas");
  return runMutation(ctx, {
    operation: "proposeAgreementAmendment",
    input,
    run: async (tx) => {
      await lockAndAuthorize(tx, ctx, Permission.AgreementAmend, [id], { field: "input.agreementId", given: input.agreementId }, { id: agreements.id });
      return { versionId: await writeProposal(tx, ctx, id, changes, "input") };
    },
  });
}

/** The institution a caller approves or withdraws for: its own, or for a platform admin the one it names. */
function approverOf(v: Viewer, institutionId: string | null | undefined): number {
  if (v.role === "PLATFORM_ADMIN") {
    if (institutionId == null) throw badInput("input.institutionId", "a platform admin names the party whose approval it records");
    return fromGlobalId(institutionId, "Institution", "input.institutionId");
  }
  if (institutionId != null && fromGlobalId(institutionId, "Institution", "input.institutionId") !== v.institutionId)
    throw new AppError(ErrorCode.FORBIDDEN, "An institution admin approves for its own institution only", { field: "input.institutionId" });
  return v.institutionId!;
}

/**
 * Locks the version's agreement, then the version (checking the permission in that statement), so a proposal
 * and approvals of one agreement never interleave. The version's state, parties and hash.
 */
async function lockVersion(tx: Tx, ctx: Context, versionId: number, given: string) {
  const [owner] = await tx.select({ agreementId: agreementVersions.agreementId }).from(agreementVersions).where(eq(agreementVersions.id, versionId));
  if (owner) await tx.select({ id: agreements.id }).from(agreements).where(eq(agreements.id, owner.agreementId)).for("update");
  const [row] = await lockAndAuthorize(tx, ctx, Permission.AgreementApprove, [versionId], { field: "input.versionId", given }, {
    agreementId: agreementVersions.agreementId,
    number: agreementVersions.number,
    content: agreementVersions.content,
    contentHash: agreementVersions.contentHash,
    inForceFrom: agreementVersions.inForceFrom,
    supersededAt: agreementVersions.supersededAt,
  });
  return { ...row, content: parseJson(row.content as VersionContent | string) };
}

const superseded = (number: number) =>
  new AppError(ErrorCode.CONFLICT, `Version ${number} was superseded: approve the agreement's latest version`, { field: "input.versionId", reason: "VERSION_SUPERSEDED" });

export async function approveAgreementVersion(ctx: Context, input: ApproveAgreementVersionInput) {
  const v = requireRole(ctx, rolesOf(Permission.AgreementApprove));
  const versionId = fromGlobalId(input.versionId, "AgreementVersion", "input.versionId");
  const hash = checkText(input.contentHash, "input.contentHash", 64).toLowerCase();
  const institutionId = approverOf(v, input.institutionId);
  return runMutation(ctx, {
    operation: "approveAgreementVersion",
    input,
    run: async (tx) => {
      const ver = await lockVersion(tx, ctx, versionId, input.versionId);
      await requireOpen(tx, ver.agreementId, "input.versionId");
      // A deactivated institution approves nothing (for an institution admin, its own).
      await requireActiveInstitutions(tx, [institutionId], () => "input.institutionId");
      const approvers = await approversOf(tx, ver.agreementId, ver.content);
      if (!approvers.has(institutionId))
        throw new AppError(ErrorCode.FORBIDDEN, "This institution is not a party under this version or under the terms in force", { field: "input.institutionId" });
      if (ver.supersededAt) throw superseded(ver.number);
      if (hash !== ver.contentHash)
        throw new AppError(ErrorCode.CONFLICT, "The content hash is not this version's: read the version again and approve what you read", { field: "input.contentHash", contentHash: ver.contentHash });
      const standing = await tx
        .select({ institutionId: agreementVersionApprovals.institutionId })
        .from(agreementVersionApprovals)
        .where(and(eq(agreementVersionApprovals.versionId, versionId), isNull(agreementVersionApprovals.withdrawnAt)));
      if (standing.some((s) => s.institutionId === institutionId))
        throw new AppError(ErrorCode.CONFLICT, "This party's approval of this version already stands", { field: "input.versionId" });
      const [approval] = await tx
        .insert(agreementVersionApprovals)
        .values({ versionId, institutionId, contentHash: hash, approvedBy: v.subject })
        .returning({ id: agreementVersionApprovals.id });
      const approved = new Set([...standing.map((s) => s.institutionId), institutionId]);
      const complete = [...approvers].every((id) => approved.has(id));
      await audit(tx, ctx, {
        action: "agreementVersion.approve",
        entityType: "AgreementVersion",
        entityId: versionId,
        after: { approvalId: approval.id, institutionId, contentHash: hash, approvals: approved.size, approvers: approvers.size },
      });
      if (complete) await bringIntoForce(tx, ctx, ver.agreementId, versionId, ver.number, ver.content);
      return { versionId };
    },
  });
}

/**
 * Who must approve a version: its parties, and the parties under the terms in force (the agreement's parties),
 * so an amendment that removes or replaces a party is not in force without that party's approval.
 */
async function approversOf(tx: Tx, agreementId: number, c: VersionContent): Promise<Set<number>> {
  const current = await tx.select({ id: agreementParties.institutionId }).from(agreementParties).where(eq(agreementParties.agreementId, agreementId));
  return new Set([...c.parties.map((p) => p.institutionId), ...current.map((p) => p.id)]);
}

/** The version becomes the agreement's terms: the one before is superseded, the agreement's columns follow. */
async function bringIntoForce(tx: Tx, ctx: Context, agreementId: number, versionId: number, number: number, c: VersionContent) {
  const [before] = await tx.select({ currentVersionId: agreements.currentVersionId }).from(agreements).where(eq(agreements.id, agreementId));
  if (before.currentVersionId != null) await tx.update(agreementVersions).set({ supersededAt: sql`now()` }).where(eq(agreementVersions.id, before.currentVersionId));
  await tx.update(agreementVersions).set({ inForceFrom: sql`now()` }).where(eq(agreementVersions.id, versionId));
  // A draft becomes active once every party has approved its terms; terms whose validity has already ended make
  // it (or an active agreement) EXPIRED instead: an agreement is not ACTIVE past its last day.
  const ended = c.validUntil != null && c.validUntil < todayUtc();
  const [after] = await tx
    .update(agreements)
    .set({
      currentVersionId: versionId,
      placesPerYear: c.placesPerYear,
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      summary: c.summary,
      status: sql`case when ${agreements.status} in ('DRAFT', 'ACTIVE') then ${ended ? "EXPIRED" : "ACTIVE"}::agreement_status else ${agreements.status} end`,
    })
    .where(eq(agreements.id, agreementId))
    .returning({ status: agreements.status });
  await tx.delete(agreementParties).where(eq(agreementParties.agreementId, agreementId));
  await tx.insert(agreementParties).values(c.parties.map((p) => ({ agreementId, institutionId: p.institutionId, role: p.role as "HOST" })));
  await tx.delete(agreementFocusAreas).where(eq(agreementFocusAreas.agreementId, agreementId));
  if (c.focusAreas.length) await tx.insert(agreementFocusAreas).values(c.focusAreas.map((area) => ({ agreementId, area: area as "TCM" })));
  await audit(tx, ctx, [
    { action: "agreementVersion.inForce", entityType: "AgreementVersion", entityId: versionId, after: { agreementId, number, supersededVersionId: before.currentVersionId } },
    { action: "agreement.terms", entityType: "Agreement", entityId: agreementId, after: { currentVersionId: versionId, status: after.status, ...c } },
  ]);
}

export async function withdrawAgreementApproval(ctx: Context, input: WithdrawAgreementApprovalInput) {
  const v = requireRole(ctx, rolesOf(Permission.AgreementApprove));
  const versionId = fromGlobalId(input.versionId, "AgreementVersion", "input.versionId");
  const reason = checkText(input.reason, "input.reason", 500);
  const institutionId = approverOf(v, input.institutionId);
  return runMutation(ctx, {
    operation: "withdrawAgreementApproval",
    input,
    run: async (tx) => {
      const ver = await lockVersion(tx, ctx, versionId, input.versionId);
      if (ver.supersededAt) throw superseded(ver.number);
      if (ver.inForceFrom)
        throw new AppError(ErrorCode.CONFLICT, "This version is in force: an approval can be withdrawn only before; propose an amendment instead", { field: "input.versionId", reason: "VERSION_IN_FORCE" });
      const [withdrawn] = await tx
        .update(agreementVersionApprovals)
        .set({ withdrawnAt: sql`now()`, withdrawnBy: v.subject, withdrawalReason: reason })
        .where(and(eq(agreementVersionApprovals.versionId, versionId), eq(agreementVersionApprovals.institutionId, institutionId), isNull(agreementVersionApprovals.withdrawnAt)))
        .returning({ id: agreementVersionApprovals.id });
      if (!withdrawn) throw badInput("input.versionId", "this party has no standing approval of this version");
      await audit(tx, ctx, { action: "agreementVersion.withdraw", entityType: "AgreementVersion", entityId: versionId, after: { approvalId: withdrawn.id, institutionId, reason } });
      return { versionId };
    },
  });
}
