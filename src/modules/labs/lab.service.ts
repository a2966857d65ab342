import { and, eq, inArray, isNotNull, isNull, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Context } from "../../context.js";
import type { Db } from "../../db/client.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { paginate, type Ordering, type PageArgs } from "../../shared/pagination.js";
import { institutions } from "../institutions/institution.table.js";
import { nameSearch } from "../institutions/institution.service.js";
import type { JointLabFilter, LabProjectFilter } from "./lab.input.js";
import type { JointLabRow, LabMilestoneRow, LabProjectRow } from "./lab.loaders.js";
import { jointLabFocusAreas, jointLabMembers, jointLabs, labMilestones, labProjectParticipants, labProjects } from "./lab.table.js";

/** Today's date (UTC) as YYYY-MM-DD: what "overdue" is measured against unless a date is given. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** An open milestone due before the given day. */
export function isOverdue(m: Pick<LabMilestoneRow, "dueOn" | "doneOn">, asOf = todayUtc()): boolean {
  return m.doneOn == null && m.dueOn < asOf;
}

/** Joint labs are listed by English name, then id. */
export const jointLabOrdering: Ordering<JointLabRow> = {
  name: "jointLab.name",
  columns: [jointLabs.nameEn, jointLabs.id],
  key: (r) => [r.nameEn, r.id],
};

/** Lab projects are listed by lab, then id (the order they were recorded in). */
export const labProjectOrdering: Ordering<LabProjectRow> = {
  name: "labProject.lab",
  columns: [labProjects.labId, labProjects.id],
  key: (r) => [r.labId, r.id],
};

/** Milestones are listed by due date, then id. */
export const milestoneOrdering: Ordering<LabMilestoneRow> = {
  name: "labMilestone.due",
  columns: [labMilestones.dueOn, labMilestones.id],
  key: (r) => [r.dueOn, r.id],
};

/** Ids of the labs an institution leads or is a member of. */
function labsOfInstitution(id: number): SQL {
  return sql`(select ${jointLabs.id} from ${jointLabs} where ${jointLabs.leadInstitutionId} = ${id} union select ${jointLabMembers.labId} from ${jointLabMembers} where ${jointLabMembers.institutionId} = ${id})`;
}

export function jointLabWhere(f: JointLabFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.institutionId != null)
    conds.push(inArray(jointLabs.id, labsOfInstitution(fromGlobalId(f.institutionId, "Institution", `${path}.institutionId`))));
  if (f.countryCode != null) {
    const inCountry = sql`(select ${institutions.id} from ${institutions} where ${institutions.countryCode} = ${f.countryCode})`;
    conds.push(
      or(
        inArray(jointLabs.leadInstitutionId, inCountry),
        inArray(jointLabs.id, sql`(select ${jointLabMembers.labId} from ${jointLabMembers} where ${inArray(jointLabMembers.institutionId, inCountry)})`),
      ),
    );
  }
  if (f.focusAreas?.length)
    conds.push(
      inArray(
        jointLabs.id,
        sql`(select ${jointLabFocusAreas.labId} from ${jointLabFocusAreas} where ${inArray(jointLabFocusAreas.area, f.focusAreas as never[])})`,
      ),
    );
  if (f.search != null) conds.push(nameSearch(f.search, `${path}.search`, jointLabs.nameEn, jointLabs.names));
  return and(...conds);
}

export function labProjectWhere(f: LabProjectFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.labId != null) conds.push(eq(labProjects.labId, fromGlobalId(f.labId, "JointLab", `${path}.labId`)));
  if (f.statuses?.length) conds.push(inArray(labProjects.status, f.statuses as LabProjectRow["status"][]));
  if (f.principalInvestigatorId != null)
    conds.push(eq(labProjects.principalInvestigatorId, fromGlobalId(f.principalInvestigatorId, "Expert", `${path}.principalInvestigatorId`)));
  if (f.institutionId != null)
    conds.push(inArray(labProjects.labId, labsOfInstitution(fromGlobalId(f.institutionId, "Institution", `${path}.institutionId`))));
  if (f.hasOverdueMilestones != null) {
    const overdue = sql`(select ${labMilestones.projectId} from ${labMilestones} where ${isNull(labMilestones.doneOn)} and ${lt(labMilestones.dueOn, todayUtc())})`;
    conds.push(f.hasOverdueMilestones ? inArray(labProjects.id, overdue) : notInArray(labProjects.id, overdue));
  }
  return and(...conds);
}

export function listJointLabs(ctx: Context, args: PageArgs, filter?: JointLabFilter | null) {
  return paginate(ctx.db, { table: jointLabs, ordering: jointLabOrdering, where: jointLabWhere(filter), args });
}

export function listLabProjects(ctx: Context, args: PageArgs, filter?: LabProjectFilter | null) {
  return paginate(ctx.db, { table: labProjects, ordering: labProjectOrdering, where: labProjectWhere(filter), args });
}

/** Project statuses whose open milestones are no longer due: a finished or abandoned project has nothing overdue. */
export const CLOSED_PROJECT_STATUSES = ["COMPLETED", "CANCELLED"] as const;

/**
 * Open milestones due before asOf (default today, UTC) of projects that are not COMPLETED or CANCELLED,
 * optionally of one lab's projects: served by the partial index on open milestones.
 */
export function listOverdueMilestones(ctx: Context, args: PageArgs, asOf: string | null | undefined, labId: string | null | undefined) {
  const lab = labId != null ? fromGlobalId(labId, "JointLab", "labId") : undefined;
  const liveProjects = and(
    notInArray(labProjects.status, [...CLOSED_PROJECT_STATUSES]),
    lab != null ? eq(labProjects.labId, lab) : undefined,
  );
  const where = and(
    isNull(labMilestones.doneOn),
    lt(labMilestones.dueOn, asOf ?? todayUtc()),
    inArray(labMilestones.projectId, sql`(select ${labProjects.id} from ${labProjects} where ${liveProjects})`),
  );
  return paginate(ctx.db, { table: labMilestones, ordering: milestoneOrdering, where, args });
}

/** Batch: the labs each institution leads or is a member of, by name then id; one statement for all institutions. */
export async function labsOfInstitutions(db: Db, ids: readonly number[]): Promise<JointLabRow[][]> {
  const rows = await db
    .select({ lab: jointLabs, memberId: jointLabMembers.institutionId })
    .from(jointLabs)
    .leftJoin(jointLabMembers, and(eq(jointLabMembers.labId, jointLabs.id), inArray(jointLabMembers.institutionId, [...ids])))
    .where(or(inArray(jointLabs.leadInstitutionId, [...ids]), isNotNull(jointLabMembers.institutionId)))
    .orderBy(jointLabs.nameEn, jointLabs.id);
  return groupDistinct(ids, rows, (r) => [r.lab.leadInstitutionId, r.memberId], (r) => r.lab);
}

/** Batch: the projects each expert leads (as principal investigator) or takes part in, by id; one statement for all experts. */
export async function projectsOfExperts(db: Db, ids: readonly number[]): Promise<LabProjectRow[][]> {
  const rows = await db
    .select({ project: labProjects, participantId: labProjectParticipants.expertId })
    .from(labProjects)
    .leftJoin(labProjectParticipants, and(eq(labProjectParticipants.projectId, labProjects.id), inArray(labProjectParticipants.expertId, [...ids])))
    .where(or(inArray(labProjects.principalInvestigatorId, [...ids]), isNotNull(labProjectParticipants.expertId)))
    .orderBy(labProjects.id);
  return groupDistinct(ids, rows, (r) => [r.project.principalInvestigatorId, r.participantId], (r) => r.project);
}

/** Spreads joined rows over the parents they belong to (each parent's list in row order, without repeats). */
function groupDistinct<R, T extends { id: number }>(
  ids: readonly number[],
  rows: R[],
  parentsOf: (row: R) => (number | null)[],
  value: (row: R) => T,
): T[][] {
  const wanted = new Set(ids);
  const m = new Map<number, Map<number, T>>();
  for (const r of rows) {
    const v = value(r);
    for (const p of parentsOf(r)) {
      if (p == null || !wanted.has(p)) continue;
      let list = m.get(p);
      if (!list) m.set(p, (list = new Map()));
      if (!list.has(v.id)) list.set(v.id, v);
    }
  }
  return ids.map((id) => [...(m.get(id)?.values() ?? [])]);
}
