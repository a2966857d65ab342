import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { agreementById } from "./agreement.loaders.js";
import { AgreementPayload, CreateAgreementInput, UpdateAgreementInput } from "./agreement.mutation.input.js";
import { createAgreement, updateAgreement } from "./agreement.mutation.service.js";
import { Agreement } from "./agreement.type.js";

@Resolver(() => AgreementPayload)
export class AgreementMutationResolver {
  @Mutation(() => AgreementPayload, { description: "Records an agreement (institution admins of a party, platform admins)." })
  createAgreement(@Arg("input", () => CreateAgreementInput) input: CreateAgreementInput, @Ctx() ctx: Context) {
    return createAgreement(ctx, input);
  }

  @Mutation(() => AgreementPayload, { description: "Changes an agreement (institution admins of a party, platform admins)." })
  updateAgreement(@Arg("input", () => UpdateAgreementInput) input: UpdateAgreementInput, @Ctx() ctx: Context) {
    return updateAgreement(ctx, input);
  }

  @FieldResolver(() => Agreement, { description: "The agreement after the change." })
  agreement(@Root() p: AgreementPayload, @Ctx() ctx: Context) {
    return agreementById(ctx).load(p.agreementId);
  }
}

export const agreementMutationResolvers = [AgreementMutationResolver] as const;
