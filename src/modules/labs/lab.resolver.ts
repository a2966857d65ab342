import { extend, js } from "../../engine/entity.js";
import { LocalDateResolver } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { loadPresent } from "../../shared/loaders.js";
import { LocalizedName, localizedNames } from "../../shared/localized.type.js";
import { NodeResolver, registerNode } from "../../shared/node.type.js";
import { agreementById } from "../agreements/agreement.loaders.js";
import { Agreement, FocusArea } from "../agreements/agreement.type.js";
import { expertById } from "../experts/expert.loaders.js";
import { Expert } from "../experts/expert.type.js";
import { institutionById } from "../institutions/institution.loaders.js";
import { Institution } from "../institutions/institution.type.js";
import { JointLabFilter, LabProjectFilter } from "./lab.input.js";
import {
  focusAreasOfLab,
  jointLabById,
  labProjectById,
  labsOfInstitution,
  membersOfLab,
  milestoneById,
  milestonesOfProject,
  outputsOfProject,
  participantsOfProject,
  projectsOfExpert,
  projectsOfLab,
  type JointLabRow,
  type LabMilestoneRow,
  type LabParticipantRow,
  type LabProjectRow,
} from "./lab.loaders.js";
import { isOverdue, listJointLabs, listLabProjects, listOverdueMilestones } from "./lab.service.js";
import {
  JointLab,
  JointLabConnection,
  LabMilestone,
  LabMilestoneConnection,
  LabOutput,
  LabProject,
  LabProjectConnection,
  LabProjectParticipant,
  ProjectStatus,
} from "./lab.type.js";

registerNode("JointLab", (ctx, id) => jointLabById(ctx).load(id as number));
registerNode("LabProject", (ctx, id) => labProjectById(ctx).load(id as number));
registerNode("LabMilestone", (ctx, id) => milestoneById(ctx).load(id as number));

@Resolver(() => JointLab)
export class JointLabResolver extends NodeResolver(JointLab, "JointLab") {
  @Query(() => JointLabConnection, { description: "Joint labs, by English name then id." })
  jointLabs(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => JointLabFilter, { nullable: true }) filter: JointLabFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listJointLabs(ctx, page, filter);
  }

  @Query(() => JointLab, { nullable: true, description: "One joint lab by id; null when there is none." })
  jointLab(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: Context) {
    return jointLabById(ctx).load(fromGlobalId(id, "JointLab", "id"));
  }

  @FieldResolver(() => [LocalizedName], { description: "Names in every language held, English first." })
  names(@Root() row: JointLabRow): LocalizedName[] {
    return localizedNames(row.nameEn, row.names);
  }

  @FieldResolver(() => Institution, { description: "The institution that leads the lab." })
  leadInstitution(@Root() row: JointLabRow, @Ctx() ctx: Context) {
    return institutionById(ctx).load(row.leadInstitutionId);
  }

  @FieldResolver(() => [Institution], { description: "Member institutions, by id (the lead is given by leadInstitution)." })
  async members(@Root() row: JointLabRow, @Ctx() ctx: Context) {
    const links = await membersOfLab(ctx).load(row.id);
    return loadPresent(institutionById(ctx), links.map((l) => l.institutionId));
  }

  @FieldResolver(() => [FocusArea], { description: "Its focus areas." })
  async focusAreas(@Root() row: JointLabRow, @Ctx() ctx: Context) {
    return (await focusAreasOfLab(ctx).load(row.id)).map((f) => f.area);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: "The agreement that founded the lab, where known." })
  agreement(@Root() row: JointLabRow, @Ctx() ctx: Context) {
    return row.agreementId == null ? null : agreementById(ctx).load(row.agreementId);
  }

  @FieldResolver(() => LabProjectConnection, { description: "Its projects, by id (the order they were recorded in)." })
  projects(
    @Root() row: JointLabRow,
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("statuses", () => [ProjectStatus], { nullable: true, description: "Only projects in one of these statuses." })
    statuses: string[] | null,
    @Ctx() ctx: Context,
  ) {
    return projectsOfLab(ctx, page, statuses).load(row.id);
  }
}

@Resolver(() => LabProject)
export class LabProjectResolver extends NodeResolver(LabProject, "LabProject") {
  @Query(() => LabProjectConnection, { description: "Lab projects, by lab then id." })
  labProjects(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => LabProjectFilter, { nullable: true }) filter: LabProjectFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listLabProjects(ctx, page, filter);
  }

  @Query(() => LabProject, { nullable: true, description: "One lab project by id; null when there is none." })
  labProject(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: Context) {
    return labProjectById(ctx).load(fromGlobalId(id, "LabProject", "id"));
  }

  @FieldResolver(() => JointLab, { description: "The joint lab the project belongs to." })
  lab(@Root() row: LabProjectRow, @Ctx() ctx: Context) {
    return jointLabById(ctx).load(row.labId);
  }

  @FieldResolver(() => Expert, { description: "The principal investigator." })
  principalInvestigator(@Root() row: LabProjectRow, @Ctx() ctx: Context) {
    return expertById(ctx).load(row.principalInvestigatorId);
  }

  @FieldResolver(() => [LabProjectParticipant], { description: "The other people on the project, by role." })
  participants(@Root() row: LabProjectRow, @Ctx() ctx: Context) {
    return participantsOfProject(ctx).load(row.id);
  }

  @FieldResolver(() => [LabMilestone], { description: "Its milestones, by due date then id." })
  milestones(@Root() row: LabProjectRow, @Ctx() ctx: Context) {
    return milestonesOfProject(ctx).load(row.id);
  }

  @FieldResolver(() => [LabOutput], { description: "Its publications, patents and guidelines, oldest first (undated last)." })
  outputs(@Root() row: LabProjectRow, @Ctx() ctx: Context) {
    return outputsOfProject(ctx).load(row.id);
  }
}

@Resolver(() => LabProjectParticipant)
export class LabProjectParticipantResolver {
  @FieldResolver(() => Expert, { description: "The expert." })
  expert(@Root() row: LabParticipantRow, @Ctx() ctx: Context) {
    return expertById(ctx).load(row.expertId);
  }
}

@Resolver(() => LabMilestone)
export class LabMilestoneResolver extends NodeResolver(LabMilestone, "LabMilestone") {
  @Query(() => LabMilestoneConnection, {
    description:
      "Open milestones (not done) due before asOf, by due date then id. Milestones of COMPLETED or CANCELLED projects are left out: those projects have nothing overdue.",
  })
  overdueMilestones(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("asOf", () => LocalDateResolver, { nullable: true, description: "The day to measure against; today (UTC) when not given." })
    asOf: string | null,
    @Arg("labId", () => ID, { nullable: true, description: "Only milestones of this joint lab's projects." })
    labId: string | null,
    @Ctx() ctx: Context,
  ) {
    return listOverdueMilestones(ctx, page, asOf, labId);
  }

  @FieldResolver(() => Boolean, { description: "True when not done and due before today (UTC)." })
  overdue(@Root() row: LabMilestoneRow): boolean {
    return isOverdue(row);
  }

  @FieldResolver(() => LabProject, { description: "The project the milestone belongs to." })
  project(@Root() row: LabMilestoneRow, @Ctx() ctx: Context) {
    return labProjectById(ctx).load(row.projectId);
  }
}

// Lab fields on other types (relation fields live in the module of the type they return).
extend("Institution", {
  labs: js<{ id: number }>(["id"], (r, _a, ctx) => labsOfInstitution(ctx).load(r.id), {
    type: () => [JointLab],
    description: "Joint labs this institution leads or is a member of, by English name then id.",
  }),
});

extend("Expert", {
  labProjects: js<{ id: number }>(["id"], (r, _a, ctx) => projectsOfExpert(ctx).load(r.id), {
    type: () => [LabProject],
    description: "Lab projects the expert leads (as principal investigator) or takes part in, by id.",
  }),
});

export const labResolvers = [
  JointLabResolver,
  LabProjectResolver,
  LabProjectParticipantResolver,
  LabMilestoneResolver,
] as const;
