import type { GraphQLResolveInfo } from "graphql";
import { Ctx, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { readRow } from "../../engine/run.js";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import { Cohort } from "../programs/program.type.js";
import { CohortPayload } from "../students/registration.input.js";
import {
  AdvanceCohortInput,
  AdvanceCohortPayload,
  AdvanceCohortYearInput,
  GraduateCohortInput,
  GraduateCohortPayload,
  GraduateStudentInput,
  OverrideProgressionInput,
  ProgressionDecisionPayload,
} from "./progression.input.js";
import { advanceCohort, advanceCohortCurrentYear, graduateCohort, graduateStudent, overrideProgression } from "./progression.service.js";
import { ProgressionDecision } from "./progression.type.js";

const decisions = (ids: number[], ctx: Context, info: GraphQLResolveInfo) => Promise.all(ids.map((id) => readRow("ProgressionDecision", id, ctx, info)));

@Resolver(() => AdvanceCohortPayload)
export class AdvanceCohortResolver {
  @PayloadMutation(() => AdvanceCohortPayload, {
    description:
      "Measures the cohort's ENROLLED students in a year of study against the year's credit rule, once every term of the year has ended: those who meet it move on, the others are held back with what they lack; one decision per student and year (admins of the program's host).",
  })
  advanceCohort(@MutationInput(() => AdvanceCohortInput) input: AdvanceCohortInput, @Ctx() ctx: Context) {
    return advanceCohort(ctx, input);
  }

  // Kept for existing clients (the schema policy: deprecation first, removal after its date), on the same
  // rule-checked path as advanceCohort: it no longer moves a student who does not meet the year's rule.
  @PayloadMutation(() => CohortPayload, {
    description:
      "Advances the cohort's current year as advanceCohort does for that year: students who meet the year's credit rule move on, the others are held back (their decisions: Enrollment.progressionDecisions); the cohort moves on (admins of the program's host).",
    deprecationReason: "Use advanceCohort instead: it names the year and answers who moved on and who was held back. Removal after 2027-06-30.",
  })
  advanceCohortYear(@MutationInput(() => AdvanceCohortYearInput) input: AdvanceCohortYearInput, @Ctx() ctx: Context) {
    return advanceCohortCurrentYear(ctx, input);
  }

  @PayloadField(() => Cohort, { description: "The cohort after the change." })
  cohort(@Root() p: AdvanceCohortPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return readRow("Cohort", p.cohortId, ctx, info);
  }

  @PayloadField(() => [ProgressionDecision], { description: "Students who met the rule and moved on (ADVANCED), by enrollment." })
  advanced(@Root() p: AdvanceCohortPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return decisions(p.advanced, ctx, info);
  }

  @PayloadField(() => [ProgressionDecision], { description: "Students held back (HELD_BACK), by enrollment, with the credits short and the compulsory units not passed." })
  heldBack(@Root() p: AdvanceCohortPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return decisions(p.heldBack, ctx, info);
  }
}

@Resolver(() => ProgressionDecisionPayload)
export class ProgressionDecisionResolver {
  @PayloadMutation(() => ProgressionDecisionPayload, {
    description:
      "Moves one ENROLLED student held back in a year on to the next although the year's credit rule is not met, with a reason: the HELD_BACK decision becomes OVERRIDE_ADVANCED; never past the cohort's year (admins of the program's host).",
  })
  overrideProgression(@MutationInput(() => OverrideProgressionInput) input: OverrideProgressionInput, @Ctx() ctx: Context) {
    return overrideProgression(ctx, input);
  }

  @PayloadMutation(() => ProgressionDecisionPayload, {
    description:
      "Graduates one ENROLLED student in the program's final year (an earlier year is INVALID_TRANSITION, override or not): eligible when every compulsory unit is passed and every year's credits reached, otherwise only with override and a reason; records the awarding institutions (admins of the program's host).",
  })
  graduateStudent(@MutationInput(() => GraduateStudentInput) input: GraduateStudentInput, @Ctx() ctx: Context) {
    return graduateStudent(ctx, input);
  }

  @PayloadField(() => ProgressionDecision, { description: "The decision." })
  decision(@Root() p: ProgressionDecisionPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return readRow("ProgressionDecision", p.decisionId, ctx, info);
  }
}

@Resolver(() => GraduateCohortPayload)
export class GraduateCohortResolver {
  @PayloadMutation(() => GraduateCohortPayload, {
    description: "Graduates every eligible ENROLLED student of the cohort in the program's last year; the others are recorded NOT_ELIGIBLE with what they lack (admins of the program's host).",
  })
  graduateCohort(@MutationInput(() => GraduateCohortInput) input: GraduateCohortInput, @Ctx() ctx: Context) {
    return graduateCohort(ctx, input);
  }

  @PayloadField(() => Cohort, { description: "The cohort after the change." })
  cohort(@Root() p: GraduateCohortPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return readRow("Cohort", p.cohortId, ctx, info);
  }

  @PayloadField(() => [ProgressionDecision], { description: "Students who graduated (GRADUATED), by enrollment." })
  graduated(@Root() p: GraduateCohortPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return decisions(p.graduated, ctx, info);
  }

  @PayloadField(() => [ProgressionDecision], { description: "Students not eligible (NOT_ELIGIBLE), by enrollment, with what they lack." })
  notEligible(@Root() p: GraduateCohortPayload, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return decisions(p.notEligible, ctx, info);
  }
}

export const progressionResolvers = [AdvanceCohortResolver, ProgressionDecisionResolver, GraduateCohortResolver] as const;
