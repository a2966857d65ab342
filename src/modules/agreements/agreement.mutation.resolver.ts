import { Ctx, Resolver, Root } from "type-graphql";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import type { Context } from "../../context.js";
import { agreementById } from "./agreement.loaders.js";
import { AgreementPayload, CreateAgreementInput, UpdateAgreementInput } from "./agreement.mutation.input.js";
import { createAgreement, updateAgreement } from "./agreement.mutation.service.js";
import { Agreement } from "./agreement.type.js";

@Resolver(() => AgreementPayload)
export class AgreementMutationResolver {
  @PayloadMutation(() => AgreementPayload, { description: "Records an agreement (institution admins of a party, platform admins)." })
  createAgreement(@MutationInput(() => CreateAgreementInput) input: CreateAgreementInput, @Ctx() ctx: Context) {
    return createAgreement(ctx, input);
  }

  @PayloadMutation(() => AgreementPayload, { description: "Changes an agreement (institution admins of a party, platform admins)." })
  updateAgreement(@MutationInput(() => UpdateAgreementInput) input: UpdateAgreementInput, @Ctx() ctx: Context) {
    return updateAgreement(ctx, input);
  }

  @PayloadField(() => Agreement, { description: "The agreement after the change." })
  agreement(@Root() p: AgreementPayload, @Ctx() ctx: Context) {
    return agreementById(ctx).load(p.agreementId);
  }
}

export const agreementMutationResolvers = [AgreementMutationResolver] as const;
