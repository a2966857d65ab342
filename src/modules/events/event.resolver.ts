import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { loadPresent } from "../../shared/loaders.js";
import { NodeResolver, registerNode } from "../../shared/node.type.js";
import { countryByCode, institutionById, sourceById } from "../institutions/institution.loaders.js";
import { Country, Institution, Source } from "../institutions/institution.type.js";
import { CooperationEventFilter } from "./event.input.js";
import { countriesOfEvent, eventById, institutionsOfEvent, type CooperationEventRow } from "./event.loaders.js";
import { listEvents } from "./event.service.js";
import { CooperationEvent, CooperationEventConnection } from "./event.type.js";

registerNode("CooperationEvent", (ctx, id) => eventById(ctx).load(id as number));

@Resolver(() => CooperationEvent)
export class CooperationEventResolver extends NodeResolver(CooperationEvent, "CooperationEvent") {
  @Query(() => CooperationEventConnection, { description: "Cooperation events, by date then id." })
  cooperationEvents(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => CooperationEventFilter, { nullable: true }) filter: CooperationEventFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listEvents(ctx, page, filter);
  }

  @Query(() => CooperationEvent, { nullable: true, description: "One cooperation event by id; null when there is none." })
  cooperationEvent(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: Context) {
    return eventById(ctx).load(fromGlobalId(id, "CooperationEvent", "id"));
  }

  @FieldResolver(() => Source, { nullable: true, description: "The document that reports it, where recorded." })
  source(@Root() row: CooperationEventRow, @Ctx() ctx: Context) {
    return row.sourceId == null ? null : sourceById(ctx).load(row.sourceId);
  }

  @FieldResolver(() => [Institution], { description: "Institutions involved, by id." })
  async institutions(@Root() row: CooperationEventRow, @Ctx() ctx: Context) {
    const links = await institutionsOfEvent(ctx).load(row.id);
    return loadPresent(institutionById(ctx), links.map((l) => l.institutionId));
  }

  @FieldResolver(() => [Country], { description: "Countries involved, by code." })
  async countries(@Root() row: CooperationEventRow, @Ctx() ctx: Context) {
    const links = await countriesOfEvent(ctx).load(row.id);
    return loadPresent(countryByCode(ctx), links.map((l) => l.countryCode));
  }
}

export const eventResolvers = [CooperationEventResolver] as const;
