import { extend, js } from "../../engine/entity.js";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { loadPresent } from "../../shared/loaders.js";
import { NodeResolver, registerNode } from "../../shared/node.type.js";
import { institutionById, sourceById } from "../institutions/institution.loaders.js";
import { Institution, Source } from "../institutions/institution.type.js";
import { AgreementFilter } from "./agreement.input.js";
import {
  agreementById,
  agreementRowsOfInstitution,
  focusAreasOfAgreement,
  partiesOfAgreement,
  type AgreementPartyRow,
  type AgreementRow,
} from "./agreement.loaders.js";
import { listAgreements } from "./agreement.service.js";
import { Agreement, AgreementConnection, AgreementParty, FocusArea } from "./agreement.type.js";

registerNode("Agreement", (ctx, id) => agreementById(ctx).load(id as number));

@Resolver(() => Agreement)
export class AgreementResolver extends NodeResolver(Agreement, "Agreement") {
  @Query(() => AgreementConnection, { description: "Agreements, by id (the order they were recorded in)." })
  agreements(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => AgreementFilter, { nullable: true }) filter: AgreementFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listAgreements(ctx, page, filter);
  }

  @Query(() => Agreement, { nullable: true, description: "One agreement by id; null when there is none." })
  agreement(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: Context) {
    return agreementById(ctx).load(fromGlobalId(id, "Agreement", "id"));
  }

  @FieldResolver(() => [AgreementParty], { description: "The parties and their roles." })
  parties(@Root() row: AgreementRow, @Ctx() ctx: Context) {
    return partiesOfAgreement(ctx).load(row.id);
  }

  @FieldResolver(() => [FocusArea], { description: "Its focus areas." })
  async focusAreas(@Root() row: AgreementRow, @Ctx() ctx: Context) {
    return (await focusAreasOfAgreement(ctx).load(row.id)).map((f) => f.area);
  }

  @FieldResolver(() => Source, { nullable: true, description: "The document that reports it." })
  source(@Root() row: AgreementRow, @Ctx() ctx: Context) {
    return row.sourceId == null ? null : sourceById(ctx).load(row.sourceId);
  }
}

@Resolver(() => AgreementParty)
export class AgreementPartyResolver {
  @FieldResolver(() => Institution, { description: "The institution." })
  institution(@Root() row: AgreementPartyRow, @Ctx() ctx: Context) {
    return institutionById(ctx).load(row.institutionId);
  }
}

// Agreement fields on other types (relation fields live in the module of the type they return).
extend("Program", {
  agreement: js<{ agreementId: number | null }>(["agreementId"], (r, _a, ctx) => (r.agreementId == null ? null : agreementById(ctx).load(r.agreementId)), {
    type: () => Agreement,
    nullable: true,
    description: "The agreement that founded the program.",
  }),
});
extend("Institution", {
  agreements: js<{ id: number }>(
    ["id"],
    async (r, _a, ctx) => {
      const links = await agreementRowsOfInstitution(ctx).load(r.id);
      return loadPresent(agreementById(ctx), links.map((l) => l.agreementId));
    },
    { type: () => [Agreement], description: "Agreements this institution is party to, by id." },
  ),
});

export const agreementResolvers = [AgreementResolver, AgreementPartyResolver] as const;
