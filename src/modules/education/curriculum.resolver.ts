import type { GraphQLResolveInfo } from "graphql";
import { Ctx, Info, Resolver, Root } from "type-graphql";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import type { Context } from "../../context.js";
import { readRow } from "../../engine/run.js";
import {
  AcademicTermPayload,
  CloseAcademicTermInput,
  CreateAcademicTermInput,
  CreateCurriculumVersionInput,
  CreateOfferingInput,
  CurriculumPayload,
  OfferingPayload,
} from "./curriculum.input.js";
import { closeAcademicTerm, createAcademicTerm, createCurriculumVersion, createOffering } from "./curriculum.service.js";
import { AcademicTerm, Curriculum, Offering } from "./curriculum.type.js";

@Resolver()
export class CurriculumMutationResolver {
  @PayloadMutation(() => CurriculumPayload, { description: "Makes a new curriculum version of a program (admins of the host). Cohorts that follow a version keep it." })
  createCurriculumVersion(@MutationInput(() => CreateCurriculumVersionInput) input: CreateCurriculumVersionInput, @Ctx() ctx: Context) {
    return createCurriculumVersion(ctx, input);
  }

  @PayloadMutation(() => AcademicTermPayload, { description: "Adds an academic term of an institution (its admins and registrars)." })
  createAcademicTerm(@MutationInput(() => CreateAcademicTermInput) input: CreateAcademicTermInput, @Ctx() ctx: Context) {
    return createAcademicTerm(ctx, input);
  }

  @PayloadMutation(() => AcademicTermPayload, { description: "Closes a term's results (admins and registrars of its institution): afterwards only a correction with a reason changes one. From the term's end date on; a closed term is not reopened." })
  closeAcademicTerm(@MutationInput(() => CloseAcademicTermInput) input: CloseAcademicTermInput, @Ctx() ctx: Context) {
    return closeAcademicTerm(ctx, input);
  }

  @PayloadMutation(() => OfferingPayload, { description: "Offers a unit of a cohort's curriculum to the cohort in a term (admins of the host)." })
  createOffering(@MutationInput(() => CreateOfferingInput) input: CreateOfferingInput, @Ctx() ctx: Context) {
    return createOffering(ctx, input);
  }
}

@Resolver(() => CurriculumPayload)
export class CurriculumPayloadResolver {
  @PayloadField(() => Curriculum, { description: "The new version." })
  curriculum(@Root() p: CurriculumPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return readRow("Curriculum", p.curriculumId, ctx, info);
  }
}

@Resolver(() => AcademicTermPayload)
export class AcademicTermPayloadResolver {
  @PayloadField(() => AcademicTerm, { description: "The term." })
  term(@Root() p: AcademicTermPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return readRow("AcademicTerm", p.termId, ctx, info);
  }
}

@Resolver(() => OfferingPayload)
export class OfferingPayloadResolver {
  @PayloadField(() => Offering, { description: "The offering." })
  offering(@Root() p: OfferingPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return readRow("Offering", p.offeringId, ctx, info);
  }
}

export const curriculumResolvers = [CurriculumMutationResolver, CurriculumPayloadResolver, AcademicTermPayloadResolver, OfferingPayloadResolver] as const;
