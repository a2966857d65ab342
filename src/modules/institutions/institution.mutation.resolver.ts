import { Ctx, Resolver, Root } from "type-graphql";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import type { Context } from "../../context.js";
import { institutionById } from "./institution.loaders.js";
import { CreateInstitutionInput, DeactivateInstitutionInput, InstitutionPayload, UpdateInstitutionInput } from "./institution.mutation.input.js";
import { createInstitution, deactivateInstitution, updateInstitution } from "./institution.mutation.service.js";
import { Institution } from "./institution.type.js";

@Resolver(() => InstitutionPayload)
export class InstitutionMutationResolver {
  @PayloadMutation(() => InstitutionPayload, { description: "Records an institution (platform admins)." })
  createInstitution(@MutationInput(() => CreateInstitutionInput) input: CreateInstitutionInput, @Ctx() ctx: Context) {
    return createInstitution(ctx, input);
  }

  @PayloadMutation(() => InstitutionPayload, { description: "Changes an institution (its own admins; kind, parent and country: platform admins)." })
  updateInstitution(@MutationInput(() => UpdateInstitutionInput) input: UpdateInstitutionInput, @Ctx() ctx: Context) {
    return updateInstitution(ctx, input);
  }

  @PayloadMutation(() => InstitutionPayload, { description: "Marks an institution inactive from a date (platform admins); it stays, with everything that points at it." })
  deactivateInstitution(@MutationInput(() => DeactivateInstitutionInput) input: DeactivateInstitutionInput, @Ctx() ctx: Context) {
    return deactivateInstitution(ctx, input);
  }

  @PayloadField(() => Institution, { description: "The institution after the change." })
  institution(@Root() p: InstitutionPayload, @Ctx() ctx: Context) {
    return institutionById(ctx).load(p.institutionId);
  }
}

export const institutionMutationResolvers = [InstitutionMutationResolver] as const;
