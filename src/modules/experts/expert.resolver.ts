import { extend, js } from "../../engine/entity.js";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { NodeResolver, registerNode } from "../../shared/node.type.js";
import { countryByCode, institutionById } from "../institutions/institution.loaders.js";
import { Country, Institution } from "../institutions/institution.type.js";
import { DispatchFilter, ExpertFilter } from "./expert.input.js";
import {
  dispatchById,
  dispatchesHostedBy,
  dispatchesOfExpert,
  dispatchesSentBy,
  expertById,
  expertsAtInstitution,
  purposesOfDispatch,
  teamOfDispatch,
  type DispatchMemberRow,
  type DispatchRow,
  type ExpertRow,
} from "./expert.loaders.js";
import { listDispatches, listExperts } from "./expert.service.js";
import { Dispatch, DispatchConnection, DispatchMember, DispatchPurpose, Expert, ExpertConnection } from "./expert.type.js";

registerNode("Expert", (ctx, id) => expertById(ctx).load(id as number));
registerNode("Dispatch", (ctx, id) => dispatchById(ctx).load(id as number));

@Resolver(() => Expert)
export class ExpertResolver extends NodeResolver(Expert, "Expert") {
  @Query(() => ExpertConnection, { description: "Experts, by family name, given names, then id." })
  experts(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => ExpertFilter, { nullable: true }) filter: ExpertFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listExperts(ctx, page, filter);
  }

  @Query(() => Expert, { nullable: true, description: "One expert by id; null when there is none." })
  expert(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: Context) {
    return expertById(ctx).load(fromGlobalId(id, "Expert", "id"));
  }

  @FieldResolver(() => Institution, { description: "The institution the expert works at." })
  homeInstitution(@Root() row: ExpertRow, @Ctx() ctx: Context) {
    return institutionById(ctx).load(row.homeInstitutionId);
  }

  @FieldResolver(() => DispatchConnection, { description: "Dispatches the expert was (or is to be) on, any status, by start date then id." })
  dispatches(@Root() row: ExpertRow, @Args(() => PageArgsType) page: PageArgsType, @Ctx() ctx: Context) {
    return dispatchesOfExpert(ctx, page).load(row.id);
  }
}

@Resolver(() => Dispatch)
export class DispatchResolver extends NodeResolver(Dispatch, "Dispatch") {
  @Query(() => DispatchConnection, { description: "Dispatches, by start date then id." })
  dispatches(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => DispatchFilter, { nullable: true }) filter: DispatchFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listDispatches(ctx, page, filter);
  }

  @Query(() => Dispatch, { nullable: true, description: "One dispatch by id; null when there is none." })
  dispatch(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: Context) {
    return dispatchById(ctx).load(fromGlobalId(id, "Dispatch", "id"));
  }

  @FieldResolver(() => [DispatchPurpose], { description: "What the dispatch was sent to do (one or more)." })
  async purposes(@Root() row: DispatchRow, @Ctx() ctx: Context) {
    return (await purposesOfDispatch(ctx).load(row.id)).map((p) => p.purpose);
  }

  @FieldResolver(() => [DispatchMember], { description: "The team, leader first." })
  team(@Root() row: DispatchRow, @Ctx() ctx: Context) {
    return teamOfDispatch(ctx).load(row.id);
  }

  @FieldResolver(() => Institution, { description: "The institution that received the team." })
  hostInstitution(@Root() row: DispatchRow, @Ctx() ctx: Context) {
    return institutionById(ctx).load(row.hostInstitutionId);
  }

  @FieldResolver(() => Institution, { description: "The institution that sent the team." })
  sendingInstitution(@Root() row: DispatchRow, @Ctx() ctx: Context) {
    return institutionById(ctx).load(row.sendingInstitutionId);
  }

  @FieldResolver(() => Country, { description: "The host institution's country." })
  country(@Root() row: DispatchRow, @Ctx() ctx: Context) {
    return countryByCode(ctx).load(row.countryCode);
  }
}

@Resolver(() => DispatchMember)
export class DispatchMemberResolver {
  @FieldResolver(() => Expert, { description: "The expert." })
  expert(@Root() row: DispatchMemberRow, @Ctx() ctx: Context) {
    return expertById(ctx).load(row.expertId);
  }
}

// Expert and dispatch lists on Institution (relation fields live in the module of the type they return).
const page = (args: Record<string, unknown>) => args as PageArgsType;
extend("Institution", {
  experts: js<{ id: number }>(["id"], (r, args, ctx) => expertsAtInstitution(ctx, page(args)).load(r.id), {
    type: () => ExpertConnection,
    description: "Experts whose home institution this is, by family name, given names, then id.",
    argsType: () => PageArgsType,
  }),
  dispatchesHosted: js<{ id: number }>(["id"], (r, args, ctx) => dispatchesHostedBy(ctx, page(args)).load(r.id), {
    type: () => DispatchConnection,
    description: "Dispatches this institution received, by start date then id.",
    argsType: () => PageArgsType,
  }),
  dispatchesSent: js<{ id: number }>(["id"], (r, args, ctx) => dispatchesSentBy(ctx, page(args)).load(r.id), {
    type: () => DispatchConnection,
    description: "Dispatches this institution sent, by start date then id.",
    argsType: () => PageArgsType,
  }),
});

export const expertResolvers = [ExpertResolver, DispatchResolver, DispatchMemberResolver] as const;
