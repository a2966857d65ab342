import { Arg, Ctx, Resolver, Root } from "type-graphql";
import { PayloadField, PayloadMutation } from "../../shared/payload.js";
import type { Context } from "../../context.js";
import { institutionById } from "./institution.loaders.js";
import { CreateInstitutionInput, DeactivateInstitutionInput, InstitutionPayload, UpdateInstitutionInput } from "./institution.mutation.input.js";
import { createInstitution, deactivateInstitution, updateInstitution } from "./institution.mutation.service.js";
import { Institution } from "./institution.type.js";

@Resolver(() => InstitutionPayload)
export class InstitutionMutationResolver {
  @PayloadMutation(() => InstitutionPayload, { description: "Records an institution (platform admins)." })
  createInstitution(@Arg("input", () => CreateInstitutionInput) input: CreateInstitutionInput, @Ctx() ctx: Context) {
    return createInstitution(ctx, input);
  }

  @PayloadMutation(() => InstitutionPayload, { description: "Changes an institution (its own admins; kind, parent and country: platform admins)." })
  updateInstitution(@Arg("input", () => UpdateInstitutionInput) input: UpdateInstitutionInput, @Ctx() ctx: Context) {
    return updateInstitution(ctx, input);
  }

  @PayloadMutation(() => InstitutionPayload, { description: "Marks an institution inactive from a date (platform admins); it stays, with everything that points at it." })
  deactivateInstitution(@Arg("input", () => DeactivateInstitutionInput) input: DeactivateInstitutionInput, @Ctx() ctx: Context) {
    return deactivateInstitution(ctx, input);
  }

  @PayloadField(() => Institution, { description: "The institution after the change." })
  institution(@Root() p: InstitutionPayload, @Ctx() ctx: Context) {
    return institutionById(ctx).load(p.institutionId);
  }
}

export const institutionMutationResolvers = [InstitutionMutationResolver] as const;
