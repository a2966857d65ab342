import { and, eq, inArray, isNull, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import { fromGlobalId } from "../../shared/global-id.js";
import { TODAY, todayUtc } from "../../shared/today.js";
import type { Ordering } from "../../shared/pagination.js";
import { institutions } from "../institutions/institution.table.js";
import { nameSearch } from "../institutions/institution.service.js";
import type { JointLabFilter, LabProjectFilter } from "./lab.input.js";
import {
  jointLabFocusAreas,
  jointLabMembers,
  jointLabs,
  labMilestones,
  labProjects,
  type JointLabRow,
  type LabMilestoneRow,
  type LabProjectRow,
} from "./lab.table.js";

// Today (UTC), in JavaScript and in SQL (shared/today.ts), as this module has long exported it.
export { TODAY, todayUtc };

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

export function jointLabWhere(t: typeof jointLabs, f: JointLabFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.institutionId != null) conds.push(inArray(t.id, labsOfInstitution(fromGlobalId(f.institutionId, "Institution", `${path}.institutionId`))));
  if (f.countryCode != null) {
    const inCountry = sql`(select ${institutions.id} from ${institutions} where ${institutions.countryCode} = ${f.countryCode})`;
    conds.push(
      or(
        inArray(t.leadInstitutionId, inCountry),
        inArray(t.id, sql`(select ${jointLabMembers.labId} from ${jointLabMembers} where ${inArray(jointLabMembers.institutionId, inCountry)})`),
      ),
    );
  }
  if (f.focusAreas?.length)
    conds.push(inArray(t.id, sql`(select ${jointLabFocusAreas.labId} from ${jointLabFocusAreas} where ${inArray(jointLabFocusAreas.area, f.focusAreas as never[])})`));
  if (f.search != null) conds.push(nameSearch(f.search, `${path}.search`, t.nameEn, t.names));
  return and(...conds);
}

export function labProjectWhere(t: typeof labProjects, f: LabProjectFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.labId != null) conds.push(eq(t.labId, fromGlobalId(f.labId, "JointLab", `${path}.labId`)));
  if (f.statuses?.length) conds.push(inArray(t.status, f.statuses as LabProjectRow["status"][]));
  if (f.principalInvestigatorId != null)
    conds.push(eq(t.principalInvestigatorId, fromGlobalId(f.principalInvestigatorId, "Expert", `${path}.principalInvestigatorId`)));
  if (f.institutionId != null) conds.push(inArray(t.labId, labsOfInstitution(fromGlobalId(f.institutionId, "Institution", `${path}.institutionId`))));
  if (f.hasOverdueMilestones != null) {
    const overdue = sql`(select ${labMilestones.projectId} from ${labMilestones} where ${isNull(labMilestones.doneOn)} and ${lt(labMilestones.dueOn, TODAY)})`;
    conds.push(f.hasOverdueMilestones ? inArray(t.id, overdue) : notInArray(t.id, overdue));
  }
  return and(...conds);
}

/** Project statuses whose open milestones are no longer due: a finished or abandoned project has nothing overdue. */
export const CLOSED_PROJECT_STATUSES = ["COMPLETED", "CANCELLED"] as const;

/**
 * Open milestones due before asOf (default today, UTC) of projects that are not COMPLETED or CANCELLED,
 * optionally of one lab's projects: served by the partial index on open milestones.
 */
export function overdueMilestoneWhere(t: typeof labMilestones, asOf: string | null | undefined, labId: string | null | undefined): SQL | undefined {
  const lab = labId != null ? fromGlobalId(labId, "JointLab", "labId") : undefined;
  const liveProjects = and(notInArray(labProjects.status, [...CLOSED_PROJECT_STATUSES]), lab != null ? eq(labProjects.labId, lab) : undefined);
  return and(
    isNull(t.doneOn),
    lt(t.dueOn, asOf ?? TODAY),
    inArray(t.projectId, sql`(select ${labProjects.id} from ${labProjects} where ${liveProjects})`),
  );
}
