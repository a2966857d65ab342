import type { Context } from "../../context.js";
import {
  jointLabs,
  labMilestones,
  labOutputs,
  labProjectParticipants,
  labProjects,
  type JointLabRow,
  type LabMilestoneRow,
  type LabOutputRow,
  type LabParticipantRow,
  type LabProjectRow,
} from "./lab.table.js";

// Rows for resolvers outside the engine (mutation payloads, reports); the engine reads these types itself (lab.entity.ts).
export const jointLabById = (ctx: Context) => ctx.loaders.byKey<JointLabRow>("jointLab", jointLabs, jointLabs.id, (r) => r.id);
export const labProjectById = (ctx: Context) => ctx.loaders.byKey<LabProjectRow>("labProject", labProjects, labProjects.id, (r) => r.id);
export const milestoneById = (ctx: Context) => ctx.loaders.byKey<LabMilestoneRow>("labMilestone", labMilestones, labMilestones.id, (r) => r.id);
export const labOutputById = (ctx: Context) => ctx.loaders.byKey<LabOutputRow>("labOutput", labOutputs, labOutputs.id, (r) => r.id);

export const participantsOfProject = (ctx: Context) =>
  ctx.loaders.listBy<LabParticipantRow>("labParticipants", labProjectParticipants, labProjectParticipants.projectId, (r) => r.projectId, [
    labProjectParticipants.role,
    labProjectParticipants.expertId,
  ]);
