import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import { institutionById } from "../institutions/institution.loaders.js";
import { Institution } from "../institutions/institution.type.js";
import { AgreementVersionPayload, ApproveAgreementVersionInput, ProposeAgreementAmendmentInput, WithdrawAgreementApprovalInput } from "./agreement-version.input.js";
import { approveAgreementVersion, proposeAgreementAmendment, withdrawAgreementApproval } from "./agreement-version.service.js";
import { AgreementVersion, AgreementVersionParty } from "./agreement-version.type.js";
import { agreementVersions } from "./agreement.table.js";

@Resolver(() => AgreementVersionPayload)
export class AgreementVersionMutationResolver {
  @PayloadMutation(() => AgreementVersionPayload, {
    description:
      "Proposes new terms for an agreement as a new version (admins of a party). The version in force stays in force until every party of the new one approves it; a version still proposed is superseded by the new one.",
  })
  proposeAgreementAmendment(@MutationInput(() => ProposeAgreementAmendmentInput) input: ProposeAgreementAmendmentInput, @Ctx() ctx: Context) {
    return proposeAgreementAmendment(ctx, input);
  }

  @PayloadMutation(() => AgreementVersionPayload, {
    description: "Approves one version of an agreement by its content hash (admins of a party under that version). The last party's approval brings the version into force.",
  })
  approveAgreementVersion(@MutationInput(() => ApproveAgreementVersionInput) input: ApproveAgreementVersionInput, @Ctx() ctx: Context) {
    return approveAgreementVersion(ctx, input);
  }

  @PayloadMutation(() => AgreementVersionPayload, { description: "Withdraws a party's approval of a version not yet in force (admins of that party), with a reason." })
  withdrawAgreementApproval(@MutationInput(() => WithdrawAgreementApprovalInput) input: WithdrawAgreementApprovalInput, @Ctx() ctx: Context) {
    return withdrawAgreementApproval(ctx, input);
  }

  @PayloadField(() => AgreementVersion, { description: "The version after the change." })
  version(@Root() p: AgreementVersionPayload, @Ctx() ctx: Context) {
    return ctx.loaders.byKey<typeof agreementVersions.$inferSelect>("agreementVersion", agreementVersions, agreementVersions.id, (r) => r.id).load(p.versionId);
  }
}

@Resolver(() => AgreementVersionParty)
export class AgreementVersionPartyResolver {
  @FieldResolver(() => Institution, { description: "The institution." })
  institution(@Root() p: AgreementVersionParty, @Ctx() ctx: Context) {
    return institutionById(ctx).load(p.institutionId);
  }
}

export const agreementVersionResolvers = [AgreementVersionMutationResolver, AgreementVersionPartyResolver] as const;
