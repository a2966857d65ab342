import { inArray } from "drizzle-orm";
import type { Context } from "../../context.js";
import type { PageArgs } from "../../shared/pagination.js";
import { labProjectOrdering, labsOfInstitutions, projectsOfExperts } from "./lab.service.js";
import {
  jointLabFocusAreas,
  jointLabMembers,
  jointLabs,
  labMilestones,
  labOutputs,
  labProjectParticipants,
  labProjects,
} from "./lab.table.js";

export type JointLabRow = typeof jointLabs.$inferSelect;
export type JointLabMemberRow = typeof jointLabMembers.$inferSelect;
export type JointLabFocusRow = typeof jointLabFocusAreas.$inferSelect;
export type LabProjectRow = typeof labProjects.$inferSelect;
export type LabParticipantRow = typeof labProjectParticipants.$inferSelect;
export type LabMilestoneRow = typeof labMilestones.$inferSelect;
export type LabOutputRow = typeof labOutputs.$inferSelect;

export const jointLabById = (ctx: Context) => ctx.loaders.byKey<JointLabRow>("jointLab", jointLabs, jointLabs.id, (r) => r.id);
export const labProjectById = (ctx: Context) => ctx.loaders.byKey<LabProjectRow>("labProject", labProjects, labProjects.id, (r) => r.id);
export const milestoneById = (ctx: Context) => ctx.loaders.byKey<LabMilestoneRow>("labMilestone", labMilestones, labMilestones.id, (r) => r.id);

export const membersOfLab = (ctx: Context) =>
  ctx.loaders.listBy<JointLabMemberRow>("jointLabMembers", jointLabMembers, jointLabMembers.labId, (r) => r.labId, [jointLabMembers.institutionId]);

export const focusAreasOfLab = (ctx: Context) =>
  ctx.loaders.listBy<JointLabFocusRow>("jointLabFocus", jointLabFocusAreas, jointLabFocusAreas.labId, (r) => r.labId, [jointLabFocusAreas.area]);

/** A page of each lab's projects, optionally only in some statuses. */
export const projectsOfLab = (ctx: Context, args: PageArgs, statuses: string[] | null | undefined) =>
  ctx.loaders.childPages<LabProjectRow>(
    "projectsByLab",
    {
      table: labProjects,
      ordering: labProjectOrdering,
      parentColumn: labProjects.labId,
     
      where: statuses?.length ? inArray(labProjects.status, statuses as LabProjectRow["status"][]) : undefined,
      args,
      path: "projects",
    },
    { args, statuses: statuses?.length ? [...statuses].sort() : null },
  );

export const participantsOfProject = (ctx: Context) =>
  ctx.loaders.listBy<LabParticipantRow>("labParticipants", labProjectParticipants, labProjectParticipants.projectId, (r) => r.projectId, [
    labProjectParticipants.role,
    labProjectParticipants.expertId,
  ]);

export const milestonesOfProject = (ctx: Context) =>
  ctx.loaders.listBy<LabMilestoneRow>("labMilestones", labMilestones, labMilestones.projectId, (r) => r.projectId, [
    labMilestones.dueOn,
    labMilestones.id,
  ]);

export const outputsOfProject = (ctx: Context) =>
  ctx.loaders.listBy<LabOutputRow>("labOutputs", labOutputs, labOutputs.projectId, (r) => r.projectId, [labOutputs.publishedOn, labOutputs.id]);

/** Labs each institution leads or is a member of (one statement for all institutions). */
export const labsOfInstitution = (ctx: Context) =>
  ctx.loaders.get<number, JointLabRow[]>("labsOfInstitution", (ids) => labsOfInstitutions(ctx.db, ids));

/** Projects each expert leads or takes part in (one statement for all experts). */
export const projectsOfExpert = (ctx: Context) =>
  ctx.loaders.get<number, LabProjectRow[]>("projectsOfExpert", (ids) => projectsOfExperts(ctx.db, ids));

/** Outputs by id (the payload of addLabOutput). */
export const labOutputById = (ctx: Context) => ctx.loaders.byKey<LabOutputRow>("labOutput", labOutputs, labOutputs.id, (r) => r.id);
