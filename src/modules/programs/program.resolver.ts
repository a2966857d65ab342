import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { loadPresent } from "../../shared/loaders.js";
import { LocalizedName, localizedNames } from "../../shared/localized.type.js";
import { NodeResolver, registerNode } from "../../shared/node.type.js";
import { institutionById, type InstitutionRow } from "../institutions/institution.loaders.js";
import { Institution } from "../institutions/institution.type.js";
import { CohortFilter, ProgramFilter } from "./program.input.js";
import {
  cohortById,
  cohortsOfProgram,
  partnerRowsOfInstitution,
  partnersOfProgram,
  programById,
  programsHostedBy,
  type CohortRow,
  type ProgramRow,
} from "./program.loaders.js";
import { listCohorts, listPrograms } from "./program.service.js";
import { Cohort, CohortConnection, Program, ProgramConnection } from "./program.type.js";

registerNode("Program", (ctx, id) => programById(ctx).load(id as number));
registerNode("Cohort", (ctx, id) => cohortById(ctx).load(id as number));

@Resolver(() => Program)
export class ProgramResolver extends NodeResolver(Program, "Program") {
  @Query(() => ProgramConnection, { description: "Programs, by English title then id." })
  programs(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => ProgramFilter, { nullable: true }) filter: ProgramFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listPrograms(ctx, page, filter);
  }

  @Query(() => Program, { nullable: true, description: "One program by id; null when there is none." })
  program(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: Context) {
    return programById(ctx).load(fromGlobalId(id, "Program", "id"));
  }

  @FieldResolver(() => [LocalizedName], { description: "Titles in every language held, English first." })
  names(@Root() row: ProgramRow): LocalizedName[] {
    return localizedNames(row.titleEn, row.names);
  }

  @FieldResolver(() => Institution, { description: "The host institution." })
  host(@Root() row: ProgramRow, @Ctx() ctx: Context) {
    return institutionById(ctx).load(row.hostInstitutionId);
  }

  @FieldResolver(() => [Institution], { description: "Partner institutions of a joint program (empty otherwise)." })
  async partners(@Root() row: ProgramRow, @Ctx() ctx: Context) {
    const links = await partnersOfProgram(ctx).load(row.id);
    return loadPresent(institutionById(ctx), links.map((l) => l.institutionId));
  }

  @FieldResolver(() => Boolean, { description: "True when the program has partner institutions." })
  async joint(@Root() row: ProgramRow, @Ctx() ctx: Context) {
    return (await partnersOfProgram(ctx).load(row.id)).length > 0;
  }

  @FieldResolver(() => CohortConnection, { description: "Its cohorts, by intake year then id." })
  cohorts(@Root() row: ProgramRow, @Args(() => PageArgsType) page: PageArgsType, @Ctx() ctx: Context) {
    return cohortsOfProgram(ctx, page).load(row.id);
  }
}

@Resolver(() => Cohort)
export class CohortResolver extends NodeResolver(Cohort, "Cohort") {
  @Query(() => CohortConnection, { description: "Cohorts, by intake year then id." })
  cohorts(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => CohortFilter, { nullable: true }) filter: CohortFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listCohorts(ctx, page, filter);
  }

  @Query(() => Cohort, { nullable: true, description: "One cohort by id; null when there is none." })
  cohort(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: Context) {
    return cohortById(ctx).load(fromGlobalId(id, "Cohort", "id"));
  }

  @FieldResolver(() => Program, { description: "The program of this intake." })
  async program(@Root() row: CohortRow, @Ctx() ctx: Context) {
    return programById(ctx).load(row.programId);
  }
}

/** Program lists on Institution (relation fields live in the module of the type they return). */
@Resolver(() => Institution)
export class InstitutionProgramsResolver {
  @FieldResolver(() => ProgramConnection, { description: "Programs this institution hosts, by title then id." })
  programs(@Root() row: InstitutionRow, @Args(() => PageArgsType) page: PageArgsType, @Ctx() ctx: Context) {
    return programsHostedBy(ctx, page).load(row.id);
  }

  @FieldResolver(() => [Program], { description: "Joint programs in which this institution is a partner." })
  async partnerPrograms(@Root() row: InstitutionRow, @Ctx() ctx: Context) {
    const links = await partnerRowsOfInstitution(ctx).load(row.id);
    return loadPresent(programById(ctx), links.map((l) => l.programId));
  }
}

export const programResolvers = [ProgramResolver, CohortResolver, InstitutionProgramsResolver] as const;
