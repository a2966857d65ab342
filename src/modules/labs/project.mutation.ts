import { Ctx, Resolver, Root } from "type-graphql";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import type { Context } from "../../context.js";
import { labOutputById, labProjectById, milestoneById, participantsOfProject } from "./lab.loaders.js";
import { LabMilestone, LabOutput, LabProject, LabProjectParticipant } from "./lab.type.js";
import {
  AddLabMilestoneInput,
  AddLabOutputInput,
  AddLabProjectParticipantInput,
  CompleteLabMilestoneInput,
  CreateLabProjectInput,
  LabMilestonePayload,
  LabOutputPayload,
  LabProjectParticipantPayload,
  LabProjectPayload,
  TransitionLabProjectInput,
  UpdateLabProjectInput,
} from "./project.input.js";
import {
  addLabMilestone,
  addLabOutput,
  addLabProjectParticipant,
  completeLabMilestone,
  createLabProject,
  transitionLabProject,
  updateLabProject,
} from "./project.service.js";

const WHO = "Research offices and institution admins of an institution that leads the lab or is a member of it.";

@Resolver()
export class LabProjectMutationResolver {
  @PayloadMutation(() => LabProjectPayload, { description: `Proposes a project of a joint lab (status PROPOSED). ${WHO}` })
  createLabProject(@MutationInput(() => CreateLabProjectInput) input: CreateLabProjectInput, @Ctx() ctx: Context) {
    return createLabProject(ctx, input);
  }

  @PayloadMutation(() => LabProjectPayload, { description: `Changes a lab project's title, dates or funding. ${WHO}` })
  updateLabProject(@MutationInput(() => UpdateLabProjectInput) input: UpdateLabProjectInput, @Ctx() ctx: Context) {
    return updateLabProject(ctx, input);
  }

  @PayloadMutation(() => LabProjectPayload, {
    description: `Moves a lab project to another status (PROPOSED → ACTIVE | CANCELLED; ACTIVE → ON_HOLD | COMPLETED | CANCELLED; ON_HOLD → ACTIVE | CANCELLED); any other move is INVALID_TRANSITION. ${WHO}`,
  })
  transitionLabProject(@MutationInput(() => TransitionLabProjectInput) input: TransitionLabProjectInput, @Ctx() ctx: Context) {
    return transitionLabProject(ctx, input);
  }

  @PayloadMutation(() => LabProjectParticipantPayload, {
    description: `Adds an expert to a lab project with a role; an expert already on it is a CONFLICT. ${WHO}`,
  })
  addLabProjectParticipant(@MutationInput(() => AddLabProjectParticipantInput) input: AddLabProjectParticipantInput, @Ctx() ctx: Context) {
    return addLabProjectParticipant(ctx, input);
  }

  @PayloadMutation(() => LabMilestonePayload, { description: `Adds a milestone, due on a date, to a lab project. ${WHO}` })
  addLabMilestone(@MutationInput(() => AddLabMilestoneInput) input: AddLabMilestoneInput, @Ctx() ctx: Context) {
    return addLabMilestone(ctx, input);
  }

  @PayloadMutation(() => LabMilestonePayload, { description: `Records that an open milestone was reached; a done one is a CONFLICT. ${WHO}` })
  completeLabMilestone(@MutationInput(() => CompleteLabMilestoneInput) input: CompleteLabMilestoneInput, @Ctx() ctx: Context) {
    return completeLabMilestone(ctx, input);
  }

  @PayloadMutation(() => LabOutputPayload, { description: `Records a publication (with its DOI), patent or guideline of a lab project. ${WHO}` })
  addLabOutput(@MutationInput(() => AddLabOutputInput) input: AddLabOutputInput, @Ctx() ctx: Context) {
    return addLabOutput(ctx, input);
  }
}

// Payloads carry ids (what idempotent retries replay); objects are loaded as in reads.
@Resolver(() => LabProjectPayload)
export class LabProjectPayloadResolver {
  @PayloadField(() => LabProject, { description: "The project after the change." })
  project(@Root() p: LabProjectPayload, @Ctx() ctx: Context) {
    return labProjectById(ctx).load(p.projectId);
  }
}

@Resolver(() => LabProjectParticipantPayload)
export class LabProjectParticipantPayloadResolver {
  @PayloadField(() => LabProject, { description: "The project." })
  project(@Root() p: LabProjectParticipantPayload, @Ctx() ctx: Context) {
    return labProjectById(ctx).load(p.projectId);
  }

  @PayloadField(() => LabProjectParticipant, { description: "The new participant." })
  async participant(@Root() p: LabProjectParticipantPayload, @Ctx() ctx: Context) {
    return (await participantsOfProject(ctx).load(p.projectId)).find((r) => r.expertId === p.expertId) ?? null;
  }
}

@Resolver(() => LabMilestonePayload)
export class LabMilestonePayloadResolver {
  @PayloadField(() => LabMilestone, { description: "The milestone after the change (its project is milestone.project)." })
  milestone(@Root() p: LabMilestonePayload, @Ctx() ctx: Context) {
    return milestoneById(ctx).load(p.milestoneId);
  }
}

@Resolver(() => LabOutputPayload)
export class LabOutputPayloadResolver {
  @PayloadField(() => LabOutput, { description: "The new output." })
  output(@Root() p: LabOutputPayload, @Ctx() ctx: Context) {
    return labOutputById(ctx).load(p.outputId);
  }

  @PayloadField(() => LabProject, { description: "The project it belongs to." })
  project(@Root() p: LabOutputPayload, @Ctx() ctx: Context) {
    return labProjectById(ctx).load(p.projectId);
  }
}

export const labProjectMutationResolvers = [
  LabProjectMutationResolver,
  LabProjectPayloadResolver,
  LabProjectParticipantPayloadResolver,
  LabMilestonePayloadResolver,
  LabOutputPayloadResolver,
] as const;
