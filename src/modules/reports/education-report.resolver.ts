import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { readRow } from "../../engine/run.js";
import { AcademicTerm, CourseUnit } from "../education/curriculum.type.js";
import { institutionById } from "../institutions/institution.loaders.js";
import { Institution } from "../institutions/institution.type.js";
import { cohortById } from "../programs/program.loaders.js";
import { Cohort } from "../programs/program.type.js";
import { Enrollment } from "../students/student.type.js";
import { RecognisedCreditFilter, UnitResultFilter } from "./education-report.input.js";
import { creditStanding, recognisedCredits, unitResults } from "./education-report.service.js";
import { CreditStandingReport, CreditStandingRow, RecognisedCreditCount, UnitResultCount } from "./education-report.type.js";

const ACCESS =
  "Public, one rule for every caller: a row's figures are over all the students of its group, never over the part a caller may read. A caller who may read every result counted in a row (staff of the students' home and host institutions, of the teaching institution for its units; PLATFORM_ADMIN) gets that row exact; any other row, for any other caller, signed in or not, has every count from 1 to 4 withheld (null, suppressed true), and any figure that a total less the shown ones would give back withheld with it.";

@Resolver()
export class EducationReportResolver {
  @Query(() => [UnitResultCount], {
    description: `Pass rate and grade distribution per unit, cohort and term (one row per offering with results), over each student's last attempt there; by academic year, term, unit code, cohort; at most \`first\`. One SQL statement. ${ACCESS}`,
  })
  unitResults(
    @Arg("filter", () => UnitResultFilter, { nullable: true, description: "Which offerings." }) filter: UnitResultFilter | null,
    @Arg("first", () => Int, { nullable: true, description: "At most this many rows: 1 to 200 (default 100)." }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    return unitResults(ctx, filter, first);
  }

  @Query(() => CreditStandingReport, {
    description:
      "Credits earned per student against the credit rule of a year of study (the rule advanceCohort applies): the cohort's ENROLLED students in that year, those at risk of being held back. One SQL statement. Public: the counts are over all those students, exact for a caller who may read every one's enrollment (their home and host institutions' staff, PLATFORM_ADMIN); for anyone else counts from 1 to 4 are withheld with the other share, and all withheld when the cohort's public seatsTaken less the students counted is from 1 to 4. Rows: one per student the caller may read (null for callers who may read no enrollment).",
  })
  creditStanding(
    @Arg("cohortId", () => ID, { description: "The cohort." }) cohortId: string,
    @Arg("yearOfStudy", () => Int, { nullable: true, description: "The year of study; the cohort's current year when not given." }) yearOfStudy: number | null,
    @Arg("onlyAtRisk", () => Boolean, { nullable: true, description: "Only the rows of students at risk (callers who may read them)." }) onlyAtRisk: boolean | null,
    @Ctx() ctx: Context,
  ) {
    return creditStanding(ctx, cohortId, yearOfStudy, onlyAtRisk);
  }

  @Query(() => [RecognisedCreditCount], {
    description: `Credits recognised per partner (the teaching institution of the units) and academic year (of the term the result was earned in): distinct students, distinct units, recognitions (one per student and unit) and ECTS credits; by partner then year. One SQL statement. ${ACCESS} Callers who may read no results may narrow it by years only; narrowed by program, a row the caller may not read whole is withheld.`,
  })
  recognisedCredits(
    @Arg("filter", () => RecognisedCreditFilter, { nullable: true, description: "Which recognitions count." }) filter: RecognisedCreditFilter | null,
    @Ctx() ctx: Context,
  ) {
    return recognisedCredits(ctx, filter);
  }
}

@Resolver(() => UnitResultCount)
export class UnitResultCountResolver {
  @FieldResolver(() => CourseUnit, { description: "The unit." })
  unit(@Root() row: UnitResultCount, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return readRow("CourseUnit", row.unitDbId, ctx, info);
  }

  @FieldResolver(() => Cohort, { description: "The cohort." })
  cohort(@Root() row: UnitResultCount, @Ctx() ctx: Context) {
    return cohortById(ctx).load(row.cohortDbId);
  }

  @FieldResolver(() => AcademicTerm, { description: "The term." })
  term(@Root() row: UnitResultCount, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return readRow("AcademicTerm", row.termDbId, ctx, info);
  }
}

@Resolver(() => CreditStandingReport)
export class CreditStandingReportResolver {
  @FieldResolver(() => Cohort, { description: "The cohort." })
  cohort(@Root() row: CreditStandingReport, @Ctx() ctx: Context) {
    return cohortById(ctx).load(row.cohortDbId);
  }
}

@Resolver(() => CreditStandingRow)
export class CreditStandingRowResolver {
  @FieldResolver(() => Enrollment, { description: "The student's enrollment." })
  enrollment(@Root() row: CreditStandingRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return readRow("Enrollment", row.enrollmentDbId, ctx, info);
  }
}

@Resolver(() => RecognisedCreditCount)
export class RecognisedCreditCountResolver {
  @FieldResolver(() => Institution, { description: "The partner: the institution teaching the recognised units." })
  partner(@Root() row: RecognisedCreditCount, @Ctx() ctx: Context) {
    return institutionById(ctx).load(row.partnerDbId);
  }
}

export const educationReportResolvers = [EducationReportResolver, UnitResultCountResolver, CreditStandingReportResolver, CreditStandingRowResolver, RecognisedCreditCountResolver] as const;
