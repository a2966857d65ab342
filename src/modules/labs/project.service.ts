import { and, eq, getTableColumns, isNull, sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import { checkDate, checkText } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { nextId, runMutation, type Tx } from "../../shared/mutation.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize, requireAccess } from "../auth/require-access.js";
import { experts } from "../experts/expert.table.js";
import { todayUtc } from "./lab.service.js";
import { labMilestones, labOutputs, labProjectParticipants, labProjects, type LabOutputRow, type LabParticipantRow, type LabProjectRow } from "./lab.table.js";
import type {
  AddLabMilestoneInput,
  AddLabOutputInput,
  AddLabProjectParticipantInput,
  CompleteLabMilestoneInput,
  CreateLabProjectInput,
  LabFundingInput,
  TransitionLabProjectInput,
  UpdateLabProjectInput,
} from "./project.input.js";

type ProjectStatusValue = LabProjectRow["status"];

/** Who manages lab projects: research offices and admins of an institution of the lab (and platform admins). */
const LAB_ROLES = rolesOf(Permission.LabProjectUpdate);

/**
 * The project lifecycle: PROPOSED → ACTIVE | CANCELLED; ACTIVE → ON_HOLD | COMPLETED | CANCELLED;
 * ON_HOLD → ACTIVE | CANCELLED. COMPLETED and CANCELLED are final.
 */
export const PROJECT_TRANSITIONS: Record<ProjectStatusValue, readonly ProjectStatusValue[]> = {
  PROPOSED: ["ACTIVE", "CANCELLED"],
  ACTIVE: ["ON_HOLD", "COMPLETED", "CANCELLED"],
  ON_HOLD: ["ACTIVE", "CANCELLED"],
  COMPLETED: [],
  CANCELLED: [],
};

/** Statuses after which a project takes no new participants or milestones. */
const CLOSED: readonly ProjectStatusValue[] = ["COMPLETED", "CANCELLED"];

/** Crossref's pattern for modern DOIs (the database's CHECK lab_outputs_doi_format holds the same). */
export const DOI_PATTERN = /^10\.[0-9]{4,9}\/[-._()/:a-zA-Z0-9]+$/;



function notInFuture(value: string, field: string): string {
  checkDate(value, field);
  const today = todayUtc();
  if (value > today) throw badInput(field, `must not be in the future (today is ${today}, UTC)`);
  return value;
}

/** Funding as stored: amount normalised to two decimals, currency upper-case, funder trimmed. */
export function checkFunding(f: LabFundingInput, path: string) {
  const amount = (f.amount ?? "").trim();
  if (/^-/.test(amount)) throw badInput(`${path}.amount`, "must not be negative");
  const m = /^([0-9]{1,12})(?:\.([0-9]{1,2}))?$/.exec(amount);
  if (!m) throw badInput(`${path}.amount`, 'must be a decimal number with at most 12 digits before the point and 2 after, e.g. "1250000.00"');
  const fundingAmount = `${BigInt(m[1]).toString()}.${(m[2] ?? "").padEnd(2, "0")}`;
  const currency = (f.currency ?? "").trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw badInput(`${path}.currency`, "must be a three-letter ISO 4217 code, e.g. CNY");
  const funder = f.funder == null || f.funder.trim() === "" ? null : checkText(f.funder, `${path}.funder`, 200);
  return { fundingAmount, fundingCurrency: currency, funder };
}

/** A DOI without its resolver prefix ("https://doi.org/", "doi:"), checked against the Crossref pattern. */
export function normaliseDoi(raw: string, field: string): string {
  let doi = raw.trim();
  const prefixed = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i;
  if (prefixed.test(doi)) {
    doi = doi.replace(prefixed, "");
    try {
      doi = decodeURIComponent(doi); // a DOI copied from a link may have its "/" or "(" percent-encoded
    } catch {
      // left as given: the pattern below refuses it
    }
  }
  if (doi.length > 300 || !DOI_PATTERN.test(doi))
    throw badInput(field, 'is not a DOI: expected 10.<4 to 9 digits>/<letters, digits, -._()/:>, e.g. "10.1016/j.jep.2023.116789"');
  return doi;
}

function checkUrl(raw: string, field: string): string {
  const t = raw.trim();
  if (t.length > 2000) throw badInput(field, "must be at most 2,000 characters");
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    throw badInput(field, "is not a URL");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw badInput(field, "must be an http or https URL");
  return u.toString();
}

/**
 * The project row, locked for the rest of the transaction (status moves and additions queue on it), once the
 * caller is known to work for the lab's lead or a member institution (checked in the same statement).
 */
async function lockProject(tx: Tx, ctx: Context, id: number, given: string) {
  const [row] = await lockAndAuthorize(tx, ctx, Permission.LabProjectUpdate, [id], { field: "input.projectId", given }, getTableColumns(labProjects));
  return row;
}

function refuseClosed(p: { status: ProjectStatusValue }, what: string): void {
  if (CLOSED.includes(p.status))
    throw new AppError(ErrorCode.CONFLICT, `The project is ${p.status}: it takes no new ${what}`, { field: "input.projectId", status: p.status });
}

async function expertExists(tx: Tx, id: number, field: string): Promise<void> {
  const [e] = await tx.select({ id: experts.id, off: experts.deactivatedOn }).from(experts).where(eq(experts.id, id));
  if (!e) throw badInput(field, "there is no such expert");
  if (e.off != null) throw badInput(field, `the expert was deactivated on ${e.off}`);
}


/** Proposes a project (PROPOSED) of a joint lab; its code is "LP-" and its id. */
export async function createLabProject(ctx: Context, input: CreateLabProjectInput) {
  requireRole(ctx, rolesOf(Permission.LabProjectCreate));
  const labId = fromGlobalId(input.labId, "JointLab", "input.labId");
  const pi = fromGlobalId(input.principalInvestigatorId, "Expert", "input.principalInvestigatorId");
  const title = checkText(input.title, "input.title", 300);
  const startDate = input.startDate != null ? checkDate(input.startDate, "input.startDate") : null;
  const endDate = input.endDate != null ? checkDate(input.endDate, "input.endDate") : null;
  if (startDate != null && endDate != null && endDate < startDate)
    throw badInput("input.endDate", `the project ends (${endDate}) before it starts (${startDate})`);
  const funding = input.funding != null ? checkFunding(input.funding, "input.funding") : { fundingAmount: null, fundingCurrency: null, funder: null };
  return runMutation(ctx, {
    operation: "createLabProject",
    input,
    run: async (tx) => {
      await requireAccess(ctx, Permission.LabProjectCreate, [labId], { field: "input.labId", given: input.labId, db: tx });
      await expertExists(tx, pi, "input.principalInvestigatorId");
      const id = await nextId(tx, "lab_projects");
      const row = { id, code: `LP-${id}`, labId, title, status: "PROPOSED" as const, principalInvestigatorId: pi, startDate, endDate, ...funding };
      await tx.insert(labProjects).values(row);
      await audit(tx, ctx, { action: "labProject.create", entityType: "LabProject", entityId: id, after: row });
      return { projectId: id };
    },
  });
}

/** Changes title, dates or funding; what is not given stays. */
export async function updateLabProject(ctx: Context, input: UpdateLabProjectInput) {
  requireRole(ctx, LAB_ROLES);
  const id = fromGlobalId(input.projectId, "LabProject", "input.projectId");
  const change: Partial<typeof labProjects.$inferInsert> = {};
  if (input.title != null) change.title = checkText(input.title, "input.title", 300);
  if (input.startDate != null) change.startDate = checkDate(input.startDate, "input.startDate");
  if (input.endDate != null) change.endDate = checkDate(input.endDate, "input.endDate");
  if (input.funding != null) Object.assign(change, checkFunding(input.funding, "input.funding"));
  if (!Object.keys(change).length) throw badInput("input", "give at least one of title, startDate, endDate, funding");
  return runMutation(ctx, {
    operation: "updateLabProject",
    input,
    run: async (tx) => {
      const p = await lockProject(tx, ctx, id, input.projectId);
      const start = change.startDate !== undefined ? change.startDate : p.startDate;
      const end = change.endDate !== undefined ? change.endDate : p.endDate;
      if (start != null && end != null && end < start)
        throw badInput(change.endDate !== undefined ? "input.endDate" : "input.startDate", `the project would end (${end}) before it starts (${start})`);
      await tx.update(labProjects).set(change).where(eq(labProjects.id, id));
      const before: Record<string, unknown> = {};
      for (const k of Object.keys(change)) before[k] = (p as Record<string, unknown>)[k];
      await audit(tx, ctx, { action: "labProject.update", entityType: "LabProject", entityId: id, before, after: change });
      return { projectId: id };
    },
  });
}

/** Moves a project along its lifecycle; any other move is INVALID_TRANSITION naming both statuses. */
export async function transitionLabProject(ctx: Context, input: TransitionLabProjectInput) {
  requireRole(ctx, LAB_ROLES);
  const id = fromGlobalId(input.projectId, "LabProject", "input.projectId");
  const to = input.to as ProjectStatusValue;
  const reason = input.reason == null || input.reason.trim() === "" ? null : checkText(input.reason, "input.reason", 1000);
  return runMutation(ctx, {
    operation: "transitionLabProject",
    input,
    run: async (tx) => {
      const p = await lockProject(tx, ctx, id, input.projectId);
      if (!PROJECT_TRANSITIONS[p.status].includes(to))
        throw new AppError(ErrorCode.INVALID_TRANSITION, `A lab project cannot move from ${p.status} to ${to}`, { field: "input.to", from: p.status, to });
      await tx.update(labProjects).set({ status: to }).where(eq(labProjects.id, id));
      await audit(tx, ctx, { action: "labProject.transition", entityType: "LabProject", entityId: id, before: { status: p.status }, after: { status: to, reason } });
      return { projectId: id };
    },
  });
}

/** Adds a participant; the same expert twice (or the principal investigator) is a CONFLICT. */
export async function addLabProjectParticipant(ctx: Context, input: AddLabProjectParticipantInput) {
  requireRole(ctx, LAB_ROLES);
  const projectId = fromGlobalId(input.projectId, "LabProject", "input.projectId");
  const expertId = fromGlobalId(input.expertId, "Expert", "input.expertId");
  const role = input.role as LabParticipantRow["role"];
  return runMutation(ctx, {
    operation: "addLabProjectParticipant",
    input,
    run: async (tx) => {
      const p = await lockProject(tx, ctx, projectId, input.projectId);
      refuseClosed(p, "participants");
      if (p.principalInvestigatorId === expertId)
        throw new AppError(ErrorCode.CONFLICT, "input.expertId: the expert is the project's principal investigator", { field: "input.expertId" });
      await expertExists(tx, expertId, "input.expertId");
      // The primary key (project, expert) decides, race-safe: nothing inserted means already there.
      const added = await tx
        .insert(labProjectParticipants)
        .values({ projectId, expertId, role })
        .onConflictDoNothing()
        .returning({ expertId: labProjectParticipants.expertId });
      if (!added.length) throw new AppError(ErrorCode.CONFLICT, "input.expertId: the expert already takes part in the project", { field: "input.expertId" });
      await audit(tx, ctx, { action: "labProject.addParticipant", entityType: "LabProject", entityId: projectId, after: { expertId, role } });
      return { projectId, expertId };
    },
  });
}

export async function addLabMilestone(ctx: Context, input: AddLabMilestoneInput) {
  requireRole(ctx, LAB_ROLES);
  const projectId = fromGlobalId(input.projectId, "LabProject", "input.projectId");
  const title = checkText(input.title, "input.title", 300);
  const dueOn = checkDate(input.dueOn, "input.dueOn");
  return runMutation(ctx, {
    operation: "addLabMilestone",
    input,
    run: async (tx) => {
      const p = await lockProject(tx, ctx, projectId, input.projectId);
      refuseClosed(p, "milestones");
      const [m] = await tx.insert(labMilestones).values({ projectId, title, dueOn }).returning({ id: labMilestones.id });
      await audit(tx, ctx, { action: "labMilestone.create", entityType: "LabMilestone", entityId: m.id, after: { projectId, title, dueOn } });
      return { milestoneId: m.id };
    },
  });
}

/** Marks an open milestone done (on a day not in the future); a done one is a CONFLICT. */
export async function completeLabMilestone(ctx: Context, input: CompleteLabMilestoneInput) {
  requireRole(ctx, LAB_ROLES);
  const id = fromGlobalId(input.milestoneId, "LabMilestone", "input.milestoneId");
  const doneOn = input.doneOn != null ? notInFuture(input.doneOn, "input.doneOn") : todayUtc();
  return runMutation(ctx, {
    operation: "completeLabMilestone",
    input,
    run: async (tx) => {
      const at = { field: "input.milestoneId", given: input.milestoneId };
      const [m] = await lockAndAuthorize(tx, ctx, Permission.LabMilestoneUpdate, [id], at, { doneOn: labMilestones.doneOn });
      const done = await tx
        .update(labMilestones)
        .set({ doneOn })
        .where(and(eq(labMilestones.id, id), isNull(labMilestones.doneOn)))
        .returning({ id: labMilestones.id });
      if (!done.length)
        throw new AppError(ErrorCode.CONFLICT, `input.milestoneId: the milestone was already done on ${m.doneOn}`, { field: "input.milestoneId", doneOn: m.doneOn });
      await audit(tx, ctx, { action: "labMilestone.complete", entityType: "LabMilestone", entityId: id, before: { doneOn: null }, after: { doneOn } });
      return { milestoneId: id };
    },
  });
}

/** Records an output; a PUBLICATION needs a DOI, and a DOI is recorded once per project. */
export async function addLabOutput(ctx: Context, input: AddLabOutputInput) {
  requireRole(ctx, LAB_ROLES);
  const projectId = fromGlobalId(input.projectId, "LabProject", "input.projectId");
  const kind = input.kind as LabOutputRow["kind"];
  const title = checkText(input.title, "input.title", 500);
  const given = input.doi != null && input.doi.trim() !== "" ? input.doi : null;
  if (kind === "PUBLICATION" && given == null) throw badInput("input.doi", "a publication needs its DOI");
  const doi = given != null ? normaliseDoi(given, "input.doi") : null;
  const publishedOn = input.publishedOn != null ? notInFuture(input.publishedOn, "input.publishedOn") : null;
  const url = input.url != null && input.url.trim() !== "" ? checkUrl(input.url, "input.url") : null;
  return runMutation(ctx, {
    operation: "addLabOutput",
    input,
    run: async (tx) => {
      await lockProject(tx, ctx, projectId, input.projectId);
      // Output additions of one project queue on its row lock, so this check is race-safe.
      if (doi != null) {
        const [same] = await tx
          .select({ id: labOutputs.id })
          .from(labOutputs)
          .where(and(eq(labOutputs.projectId, projectId), sql`lower(${labOutputs.doi}) = lower(${doi})`));
        if (same) throw new AppError(ErrorCode.CONFLICT, "input.doi: this DOI is already recorded for the project", { field: "input.doi" });
      }
      const row = { projectId, kind, title, doi, publishedOn, url };
      const [o] = await tx.insert(labOutputs).values(row).returning({ id: labOutputs.id });
      await audit(tx, ctx, { action: "labOutput.create", entityType: "LabOutput", entityId: o.id, after: row });
      return { outputId: o.id, projectId };
    },
  });
}
