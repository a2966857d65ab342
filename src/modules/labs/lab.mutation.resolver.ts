import { Ctx, Resolver, Root } from "type-graphql";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import type { Context } from "../../context.js";
import { jointLabById } from "./lab.loaders.js";
import { CreateJointLabInput, JointLabPayload, UpdateJointLabInput } from "./lab.mutation.input.js";
import { createJointLab, updateJointLab } from "./lab.mutation.service.js";
import { JointLab } from "./lab.type.js";

@Resolver(() => JointLabPayload)
export class JointLabMutationResolver {
  @PayloadMutation(() => JointLabPayload, { description: "Founds a joint lab (research offices and admins of the lead institution)." })
  createJointLab(@MutationInput(() => CreateJointLabInput) input: CreateJointLabInput, @Ctx() ctx: Context) {
    return createJointLab(ctx, input);
  }

  @PayloadMutation(() => JointLabPayload, { description: "Changes a joint lab's names, members, focus areas or description (research offices and admins of the lead)." })
  updateJointLab(@MutationInput(() => UpdateJointLabInput) input: UpdateJointLabInput, @Ctx() ctx: Context) {
    return updateJointLab(ctx, input);
  }

  @PayloadField(() => JointLab, { description: "The lab after the change." })
  jointLab(@Root() p: JointLabPayload, @Ctx() ctx: Context) {
    return jointLabById(ctx).load(p.jointLabId);
  }
}

export const jointLabMutationResolvers = [JointLabMutationResolver] as const;
