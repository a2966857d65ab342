import { Ctx, Resolver, Root } from "type-graphql";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import type { Context } from "../../context.js";
import { CohortPayload } from "../students/registration.input.js";
import { programById } from "./program.loaders.js";
import { CreateCohortInput, CreateProgramInput, ProgramPayload, UpdateCohortInput, UpdateProgramInput } from "./program.mutation.input.js";
import { createCohort, createProgram, updateCohort, updateProgram } from "./program.mutation.service.js";
import { Program } from "./program.type.js";

@Resolver(() => ProgramPayload)
export class ProgramMutationResolver {
  @PayloadMutation(() => ProgramPayload, { description: "Creates a program (admins of the host institution)." })
  createProgram(@MutationInput(() => CreateProgramInput) input: CreateProgramInput, @Ctx() ctx: Context) {
    return createProgram(ctx, input);
  }

  @PayloadMutation(() => ProgramPayload, { description: "Changes a program (admins of the host institution)." })
  updateProgram(@MutationInput(() => UpdateProgramInput) input: UpdateProgramInput, @Ctx() ctx: Context) {
    return updateProgram(ctx, input);
  }

  @PayloadMutation(() => CohortPayload, { description: "Opens a cohort of a program (admins of the host institution)." })
  createCohort(@MutationInput(() => CreateCohortInput) input: CreateCohortInput, @Ctx() ctx: Context) {
    return createCohort(ctx, input);
  }

  @PayloadMutation(() => CohortPayload, { description: "Changes a cohort (admins of the host institution)." })
  updateCohort(@MutationInput(() => UpdateCohortInput) input: UpdateCohortInput, @Ctx() ctx: Context) {
    return updateCohort(ctx, input);
  }

  @PayloadField(() => Program, { description: "The program after the change." })
  program(@Root() p: ProgramPayload, @Ctx() ctx: Context) {
    return programById(ctx).load(p.programId);
  }
}

export const programMutationResolvers = [ProgramMutationResolver] as const;
