import { and, eq, gte, inArray, lte } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Context } from "../../context.js";
import { checkDate, checkText } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId, toGlobalId } from "../../shared/global-id.js";
import { nextId, runMutation, type Tx } from "../../shared/mutation.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize, requireAccess } from "../auth/require-access.js";
import { institutions } from "../institutions/institution.table.js";
import type {
  AddDispatchMembersInput,
  CancelDispatchInput,
  CompleteDispatchInput,
  CreateDispatchInput,
  StartDispatchInput,
} from "./dispatch.input.js";
import { dispatches, dispatchMembers, dispatchPurposes, experts, type DispatchRow } from "./expert.table.js";

type DispatchStatusValue = DispatchRow["status"];
type PurposeValue = (typeof dispatchPurposes.$inferInsert)["purpose"];
type RoleValue = (typeof dispatchMembers.$inferInsert)["role"] & string;

export const MAX_TEAM = 50;
const MAX_OUTCOME = 1_000_000;

/**
 * The dispatch lifecycle: PLANNED → IN_PROGRESS → COMPLETED; PLANNED → COMPLETED (recorded afterwards);
 * CANCELLED from PLANNED or IN_PROGRESS. COMPLETED and CANCELLED are final (a completed dispatch keeps its outcome).
 */
export const DISPATCH_TRANSITIONS: Record<DispatchStatusValue, readonly DispatchStatusValue[]> = {
  PLANNED: ["IN_PROGRESS", "COMPLETED", "CANCELLED"],
  IN_PROGRESS: ["COMPLETED", "CANCELLED"],
  COMPLETED: [],
  CANCELLED: [],
};

function checkCount(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_OUTCOME) throw badInput(field, `must be a whole number from 0 to ${MAX_OUTCOME.toLocaleString("en")}`);
  return value;
}

/** Experts (by index in the request) that may go for the sender: home at the sender or at one of its hospitals. */
async function checkExperts(tx: Tx, sendingInstitutionId: number, ids: number[], fieldOf: (i: number) => string): Promise<void> {
  const home = alias(institutions, "home");
  const rows = await tx
    .select({ id: experts.id, homeId: experts.homeInstitutionId, parentId: home.parentId, off: experts.deactivatedOn })
    .from(experts)
    .innerJoin(home, eq(home.id, experts.homeInstitutionId))
    .where(inArray(experts.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  ids.forEach((id, i) => {
    const e = byId.get(id);
    if (!e) throw badInput(fieldOf(i), "there is no such expert");
    if (e.off != null) throw badInput(fieldOf(i), `the expert was deactivated on ${e.off}`);
    if (e.homeId !== sendingInstitutionId && e.parentId !== sendingInstitutionId)
      throw badInput(fieldOf(i), "the expert works neither at the sending institution nor at one of its hospitals");
  });
}


/**
 * After the database refused a team (the exclusion constraint dispatch_members_no_overlap: the only
 * race-safe judge), names the experts that clash, for the client. Best effort: if the clash is gone by
 * now (the other dispatch was cancelled meanwhile), the error names the whole list.
 */
async function overlapError(ctx: Context, e: unknown, ids: number[], start: string, end: string, fieldOf: (i: number) => string, listField: string): Promise<unknown> {
  if (!(e instanceof AppError) || e.extensions.code !== ErrorCode.OVERLAPPING_DISPATCH) return e;
  const clash = await ctx.db
    .selectDistinct({ expertId: dispatchMembers.expertId })
    .from(dispatchMembers)
    .where(
      and(
        inArray(dispatchMembers.expertId, ids),
        eq(dispatchMembers.active, true),
        lte(dispatchMembers.startsOn, end),
        gte(dispatchMembers.endsOn, start),
      ),
    );
  const busy = new Set(clash.map((c) => c.expertId));
  const first = ids.findIndex((id) => busy.has(id));
  return new AppError(
    ErrorCode.OVERLAPPING_DISPATCH,
    "An expert of the team is already on a dispatch whose dates overlap",
    { field: first >= 0 ? fieldOf(first) : listField, expertIds: ids.filter((id) => busy.has(id)).map((id) => toGlobalId("Expert", id)) },
  );
}

/**
 * Plans a dispatch (PLANNED): the dispatch, its purposes and its team in one transaction, with an audit
 * row. The team's dates are compared by the database's exclusion constraint, so two dispatches racing
 * for the same expert cannot both be written; the loser gets OVERLAPPING_DISPATCH and nothing is kept.
 */
export async function createDispatch(ctx: Context, input: CreateDispatchInput) {
  requireRole(ctx, rolesOf(Permission.DispatchCreate));
  const sending = fromGlobalId(input.sendingInstitutionId, "Institution", "input.sendingInstitutionId");
  await requireAccess(ctx, Permission.DispatchCreate, [sending], { field: "input.sendingInstitutionId" });
  const host = fromGlobalId(input.hostInstitutionId, "Institution", "input.hostInstitutionId");
  if (host === sending) throw badInput("input.hostInstitutionId", "the host must be another institution than the sender");
  const title = checkText(input.title, "input.title", 200);
  const startDate = checkDate(input.startDate, "input.startDate");
  const endDate = checkDate(input.endDate, "input.endDate");
  if (endDate < startDate) throw badInput("input.endDate", `the dispatch ends (${endDate}) before it starts (${startDate})`);
  if (!input.purposes?.length) throw badInput("input.purposes", "give at least one purpose");
  const purposes = [...new Set(input.purposes)] as PurposeValue[];
  const team = input.team ?? [];
  if (team.length < 1 || team.length > MAX_TEAM) throw badInput("input.team", `a team has 1 to ${MAX_TEAM} experts, got ${team.length}`);
  const fieldOf = (i: number) => `input.team[${i}].expertId`;
  const ids = team.map((m, i) => fromGlobalId(m.expertId, "Expert", fieldOf(i)));
  ids.forEach((id, i) => {
    const first = ids.indexOf(id);
    if (first !== i) throw badInput(fieldOf(i), `the same expert as team[${first}]`);
  });
  const leads = team.filter((m) => m.role === "LEAD").length;
  if (leads !== 1) throw badInput("input.team", `a team has exactly one LEAD, got ${leads}`);

  try {
    return await runMutation(ctx, {
      operation: "createDispatch",
      input,
      run: async (tx) => {
        const insts = await tx
          .select({ id: institutions.id, countryCode: institutions.countryCode })
          .from(institutions)
          .where(inArray(institutions.id, [sending, host]));
        if (!insts.some((i) => i.id === sending)) throw badInput("input.sendingInstitutionId", "there is no such institution");
        const hostRow = insts.find((i) => i.id === host);
        if (!hostRow) throw badInput("input.hostInstitutionId", "there is no such institution");
        await checkExperts(tx, sending, ids, fieldOf);

        const id = await nextId(tx, "dispatches");
        const code = `D-${startDate.slice(0, 4)}-${id}`;
        const row = {
          code,
          title,
          sendingInstitutionId: sending,
          hostInstitutionId: host,
          countryCode: hostRow.countryCode,
          startDate,
          endDate,
          status: "PLANNED" as const,
        };
        await tx.insert(dispatches).values({ id, ...row });
        await tx.insert(dispatchPurposes).values(purposes.map((purpose) => ({ dispatchId: id, purpose })));
        // starts_on, ends_on and active are the trigger's: never written here. The exclusion constraint checks this insert.
        const members = team.map((m, i) => ({ dispatchId: id, expertId: ids[i], role: m.role as RoleValue }));
        await tx.insert(dispatchMembers).values(members);
        await audit(tx, ctx, {
          action: "dispatch.create",
          entityType: "Dispatch",
          entityId: id,
          after: {
            ...row,
            purposes,
            team: members.map((m) => ({ expertId: m.expertId, role: m.role })),
          },
        });
        return { dispatchId: id };
      },
    });
  } catch (e) {
    throw await overlapError(ctx, e, ids, startDate, endDate, fieldOf, "input.team");
  }
}

/** Adds experts as MEMBERs to a PLANNED or IN_PROGRESS dispatch; the same rules as for a new team. */
export async function addDispatchMembers(ctx: Context, input: AddDispatchMembersInput) {
  requireRole(ctx, rolesOf(Permission.DispatchUpdate));
  const dispatchId = fromGlobalId(input.dispatchId, "Dispatch", "input.dispatchId");
  const list = input.expertIds ?? [];
  if (list.length < 1 || list.length > MAX_TEAM) throw badInput("input.expertIds", `give 1 to ${MAX_TEAM} experts`);
  const fieldOf = (i: number) => `input.expertIds[${i}]`;
  const ids = list.map((g, i) => fromGlobalId(g, "Expert", fieldOf(i)));
  ids.forEach((id, i) => {
    const first = ids.indexOf(id);
    if (first !== i) throw badInput(fieldOf(i), `the same expert as expertIds[${first}]`);
  });
  let period: { start: string; end: string } | undefined;
  try {
    return await runMutation(ctx, {
      operation: "addDispatchMembers",
      input,
      run: async (tx) => {
        const row = await lockDispatch(tx, ctx, dispatchId, input.dispatchId);
        period = { start: row.startDate, end: row.endDate };
        if (row.status !== "PLANNED" && row.status !== "IN_PROGRESS")
          throw new AppError(ErrorCode.CONFLICT, `The dispatch is ${row.status}: its team can no longer change`, { field: "input.dispatchId", status: row.status });
        const current = await tx.select({ expertId: dispatchMembers.expertId }).from(dispatchMembers).where(eq(dispatchMembers.dispatchId, dispatchId));
        const onTeam = new Set(current.map((m) => m.expertId));
        ids.forEach((id, i) => {
          if (onTeam.has(id)) throw new AppError(ErrorCode.CONFLICT, `${fieldOf(i)}: the expert is already on the team`, { field: fieldOf(i) });
        });
        if (current.length + ids.length > MAX_TEAM)
          throw badInput("input.expertIds", `a team has at most ${MAX_TEAM} experts; it has ${current.length}`);
        await checkExperts(tx, row.sendingInstitutionId, ids, fieldOf);
        await tx.insert(dispatchMembers).values(ids.map((expertId) => ({ dispatchId, expertId, role: "MEMBER" as const })));
        await audit(tx, ctx, {
          action: "dispatch.addMembers",
          entityType: "Dispatch",
          entityId: dispatchId,
          before: { team: current.map((m) => m.expertId) },
          after: { added: ids.map((expertId) => ({ expertId, role: "MEMBER" })) },
        });
        return { dispatchId };
      },
    });
  } catch (e) {
    if (!period) throw e;
    throw await overlapError(ctx, e, ids, period.start, period.end, fieldOf, "input.expertIds");
  }
}

/**
 * The dispatch row, locked for the rest of the transaction so two moves cannot start from one status, once
 * the caller is known to manage the sender's dispatches (checked in the same statement).
 */
async function lockDispatch(tx: Tx, ctx: Context, id: number, given: string) {
  const [row] = await lockAndAuthorize(tx, ctx, Permission.DispatchUpdate, [id], { field: "input.dispatchId", given }, {
    id: dispatches.id,
    status: dispatches.status,
    sendingInstitutionId: dispatches.sendingInstitutionId,
    startDate: dispatches.startDate,
    endDate: dispatches.endDate,
    casesSeen: dispatches.casesSeen,
    peopleTrained: dispatches.peopleTrained,
    outcomeNotes: dispatches.outcomeNotes,
  });
  return row;
}

function invalidTransition(from: DispatchStatusValue, to: DispatchStatusValue): AppError {
  return new AppError(ErrorCode.INVALID_TRANSITION, `A dispatch cannot move from ${from} to ${to}`, { field: "input.dispatchId", from, to });
}

/** One status move of a dispatch: lock, check access and lifecycle, update, audit. */
async function moveDispatch(
  ctx: Context,
  operation: string,
  input: { idempotencyKey?: string | null; dispatchId: string },
  to: DispatchStatusValue,
  change: Partial<typeof dispatches.$inferInsert>,
  auditAfter: Record<string, unknown>,
) {
  requireRole(ctx, rolesOf(Permission.DispatchUpdate));
  const id = fromGlobalId(input.dispatchId, "Dispatch", "input.dispatchId");
  return runMutation(ctx, {
    operation,
    input,
    run: async (tx) => {
      const row = await lockDispatch(tx, ctx, id, input.dispatchId);
      if (!DISPATCH_TRANSITIONS[row.status].includes(to)) throw invalidTransition(row.status, to);
      // A status change fires the dispatches_period trigger, which refreshes the team rows (a cancelled team is inactive).
      await tx.update(dispatches).set({ status: to, ...change }).where(eq(dispatches.id, id));
      await audit(tx, ctx, {
        action: operation === "startDispatch" ? "dispatch.start" : operation === "completeDispatch" ? "dispatch.complete" : "dispatch.cancel",
        entityType: "Dispatch",
        entityId: id,
        before: { status: row.status, casesSeen: row.casesSeen, peopleTrained: row.peopleTrained, outcomeNotes: row.outcomeNotes },
        after: { status: to, ...auditAfter },
      });
      return { dispatchId: id };
    },
  });
}

export function startDispatch(ctx: Context, input: StartDispatchInput) {
  return moveDispatch(ctx, "startDispatch", input, "IN_PROGRESS", {}, {});
}

export function completeDispatch(ctx: Context, input: CompleteDispatchInput) {
  requireRole(ctx, rolesOf(Permission.DispatchUpdate));
  const casesSeen = checkCount(input.casesSeen, "input.casesSeen");
  const peopleTrained = checkCount(input.peopleTrained, "input.peopleTrained");
  const notes = input.notes == null || input.notes.trim() === "" ? null : checkText(input.notes, "input.notes", 5000);
  const outcome = { casesSeen, peopleTrained, outcomeNotes: notes };
  return moveDispatch(ctx, "completeDispatch", input, "COMPLETED", outcome, outcome);
}

export function cancelDispatch(ctx: Context, input: CancelDispatchInput) {
  requireRole(ctx, rolesOf(Permission.DispatchUpdate));
  const reason = checkText(input.reason, "input.reason", 1000);
  return moveDispatch(ctx, "cancelDispatch", input, "CANCELLED", {}, { reason });
}
