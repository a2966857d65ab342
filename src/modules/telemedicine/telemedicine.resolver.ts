import { extend, js } from "../../engine/entity.js";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { NodeResolver, registerNode } from "../../shared/node.type.js";
import { agreementById } from "../agreements/agreement.loaders.js";
import { Agreement } from "../agreements/agreement.type.js";
import { institutionById } from "../institutions/institution.loaders.js";
import { Institution } from "../institutions/institution.type.js";
import { TelemedicineLinkFilter } from "./telemedicine.input.js";
import { linksOfInstitution, telemedicineLinkById, type TelemedicineLinkRow } from "./telemedicine.loaders.js";
import { listTelemedicineLinks } from "./telemedicine.service.js";
import { TelemedicineLink, TelemedicineLinkConnection } from "./telemedicine.type.js";

registerNode("TelemedicineLink", (ctx, id) => telemedicineLinkById(ctx).load(id as number));

@Resolver(() => TelemedicineLink)
export class TelemedicineLinkResolver extends NodeResolver(TelemedicineLink, "TelemedicineLink") {
  @Query(() => TelemedicineLinkConnection, { description: "Telemedicine links, by id (the order they were recorded in)." })
  telemedicineLinks(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => TelemedicineLinkFilter, { nullable: true }) filter: TelemedicineLinkFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listTelemedicineLinks(ctx, page, filter);
  }

  @Query(() => TelemedicineLink, { nullable: true, description: "One telemedicine link by id; null when there is none." })
  telemedicineLink(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: Context) {
    return telemedicineLinkById(ctx).load(fromGlobalId(id, "TelemedicineLink", "id"));
  }

  @FieldResolver(() => Institution, { description: "The hospital in Xinjiang." })
  xinjiangHospital(@Root() row: TelemedicineLinkRow, @Ctx() ctx: Context) {
    return institutionById(ctx).load(row.xinjiangHospitalId);
  }

  @FieldResolver(() => Institution, { description: "The partner hospital abroad." })
  partnerHospital(@Root() row: TelemedicineLinkRow, @Ctx() ctx: Context) {
    return institutionById(ctx).load(row.partnerHospitalId);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: "The agreement that set up the link, where known." })
  agreement(@Root() row: TelemedicineLinkRow, @Ctx() ctx: Context) {
    return row.agreementId == null ? null : agreementById(ctx).load(row.agreementId);
  }
}

// Telemedicine links on Institution (relation fields live in the module of the type they return).
extend("Institution", {
  telemedicineLinks: js<{ id: number }>(["id"], (r, _a, ctx) => linksOfInstitution(ctx).load(r.id), {
    type: () => [TelemedicineLink],
    description: "Telemedicine links with this hospital at either end, by id.",
  }),
});

export const telemedicineResolvers = [TelemedicineLinkResolver] as const;
