import { LocalDateResolver } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { agreementById } from "../agreements/agreement.loaders.js";
import { Agreement } from "../agreements/agreement.type.js";
import { countryByCode, institutionById } from "../institutions/institution.loaders.js";
import { Country, Institution, InstitutionFigure } from "../institutions/institution.type.js";
import { jointLabById } from "../labs/lab.loaders.js";
import { JointLab } from "../labs/lab.type.js";
import { CohortFilter } from "../programs/program.input.js";
import { cohortById, programById } from "../programs/program.loaders.js";
import { Cohort, Program } from "../programs/program.type.js";
import {
  agreementCounts,
  dispatchCounts,
  expiringAgreements,
  figureSeries,
  labProjectCounts,
  overdueMilestoneReport,
  telemedicinePartnerCounts,
} from "./activity-report.service.js";
import { INTAKE_ACCESS, STUDENT_BREAKDOWN_ACCESS } from "./report.access.js";
import {
  AgreementReportFilter,
  DispatchReportFilter,
  FigureReportFilter,
  IntakeReportFilter,
  LabProjectReportFilter,
  OverdueMilestoneReportFilter,
  StudentReportFilter,
  TelemedicineReportFilter,
} from "./report.input.js";
import {
  AgreementCount,
  AgreementDimension,
  CohortReconciliation,
  CohortReconciliationConnection,
  DispatchCount,
  DispatchDimension,
  ExpiringAgreement,
  IntakeYearCount,
  LabProjectCount,
  LabProjectDimension,
  OverdueMilestoneLabCount,
  OverdueMilestoneReport,
  StudentCount,
  StudentDimension,
  TelemedicineDimension,
  TelemedicinePartnerCount,
} from "./report.type.js";
import { centralAsianIntake, cohortReconciliation, studentCounts } from "./student-report.service.js";

const PUBLIC = "Public: anyone may ask, no login needed.";
const CONSTANT = "One SQL statement grouped in the database (relation fields add one batched statement each, whatever the number of rows).";

@Resolver()
export class ReportQueryResolver {
  @Query(() => [StudentCount], {
    description:
      "Students by nationality, program, cohort, current enrollment status and intake (academic) year: distinct students per group of the dimensions in groupBy (none: one row, the total), counted over enrollments under the filter. Rows are ordered by the dimensions in the order given; groups with no students are left out. " +
      `${CONSTANT} ${STUDENT_BREAKDOWN_ACCESS}`,
  })
  studentCounts(
    @Arg("groupBy", () => [StudentDimension], { description: "Dimensions to group by, each at most once; empty for the total." }) groupBy: string[],
    @Arg("filter", () => StudentReportFilter, { nullable: true, description: "Which enrollments count." }) filter: StudentReportFilter | null,
    @Ctx() ctx: Context,
  ) {
    return studentCounts(ctx, groupBy, filter);
  }

  @Query(() => [IntakeYearCount], {
    description:
      "Central Asian intake per year: students of a Central Asian nationality (Country.centralAsia) whose enrollment in a cohort of that intake year ever reached ENROLLED in its status history (so those who since went on leave, graduated or withdrew still count), by intake year; years with none are left out. " +
      `${CONSTANT} ${INTAKE_ACCESS}`,
  })
  centralAsianIntake(
    @Arg("filter", () => IntakeReportFilter, { nullable: true, description: "Which cohorts and students count." }) filter: IntakeReportFilter | null,
    @Ctx() ctx: Context,
  ) {
    return centralAsianIntake(ctx, filter);
  }

  @Query(() => CohortReconciliationConnection, {
    description:
      "Cohort reconciliation, by intake year then cohort id: for each cohort, the places its program's agreement sets per year, capacity, enrollments ever NOMINATED and ever ADMITTED, now ENROLLED and ON_LEAVE, GRADUATED, WITHDRAWN, REJECTED, and seats left. One SQL statement for the whole page (count … FILTER (WHERE …) per status, GROUP BY cohort); totalCount is one more, run only when asked. " +
      STUDENT_BREAKDOWN_ACCESS,
  })
  cohortReconciliation(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => CohortFilter, { nullable: true, description: "Which cohorts: by program, host institution, intake years." })
    filter: CohortFilter | null,
    @Ctx() ctx: Context,
  ) {
    return cohortReconciliation(ctx, page, filter);
  }

  @Query(() => [DispatchCount], {
    description:
      "Experts dispatched by host country, purpose, expert specialty and start year: distinct experts and distinct dispatches per group (two numbers, since one expert goes on several dispatches and a dispatch sends several experts). CANCELLED dispatches never count; a dispatch's year is the year it starts. Rows are ordered by the dimensions in the order given. " +
      `${CONSTANT} ${PUBLIC}`,
  })
  dispatchCounts(
    @Arg("groupBy", () => [DispatchDimension], { description: "Dimensions to group by, each at most once; empty for the total." }) groupBy: string[],
    @Arg("filter", () => DispatchReportFilter, { nullable: true, description: "Which dispatches count." }) filter: DispatchReportFilter | null,
    @Ctx() ctx: Context,
  ) {
    return dispatchCounts(ctx, groupBy, filter);
  }

  @Query(() => [LabProjectCount], {
    description:
      "Joint lab projects by status and lab: projects, and distinct labs with such projects, per group. Labs without projects do not appear. Rows are ordered by the dimensions in the order given. " +
      `${CONSTANT} ${PUBLIC}`,
  })
  labProjectCounts(
    @Arg("groupBy", () => [LabProjectDimension], { description: "Dimensions to group by, each at most once; empty for the total." }) groupBy: string[],
    @Arg("filter", () => LabProjectReportFilter, { nullable: true, description: "Which projects count." }) filter: LabProjectReportFilter | null,
    @Ctx() ctx: Context,
  ) {
    return labProjectCounts(ctx, groupBy, filter);
  }

  @Query(() => OverdueMilestoneReport, {
    description:
      "Overdue milestones: open milestones due before asOf of projects that are not COMPLETED or CANCELLED (as overdueMilestones), the total and per joint lab. " +
      `One SQL statement (GROUPING SETS for the total and the labs). ${PUBLIC}`,
  })
  overdueMilestoneReport(
    @Arg("asOf", () => LocalDateResolver, { nullable: true, description: "The day to measure against; today (UTC) when not given." })
    asOf: string | null,
    @Arg("filter", () => OverdueMilestoneReportFilter, { nullable: true, description: "Which labs' projects count." })
    filter: OverdueMilestoneReportFilter | null,
    @Ctx() ctx: Context,
  ) {
    return overdueMilestoneReport(ctx, asOf, filter);
  }

  @Query(() => [AgreementCount], {
    description:
      "Agreements by focus area, status, signing year and party country: distinct agreements and distinct party institutions per group. With filter.expiringWithinDays, only the agreements expiring soon. Parties, focus areas and validity are those of the terms in force on one day: filter.inForceOn, else filter.asOf (with expiringWithinDays), else today. Rows are ordered by the dimensions in the order given. " +
      `${CONSTANT} ${PUBLIC}`,
  })
  agreementCounts(
    @Arg("groupBy", () => [AgreementDimension], { description: "Dimensions to group by, each at most once; empty for the total." }) groupBy: string[],
    @Arg("filter", () => AgreementReportFilter, { nullable: true, description: "Which agreements count." }) filter: AgreementReportFilter | null,
    @Ctx() ctx: Context,
  ) {
    return agreementCounts(ctx, groupBy, filter);
  }

  @Query(() => [ExpiringAgreement], {
    description:
      "Agreements expiring soon: validUntil from asOf to asOf + withinDays (both included), by validUntil then id, at most `first`. validUntil and the filter's conditions on terms are those of the terms in force on asOf (filter.inForceOn, if given, is that day). Any status unless filter.statuses says otherwise. " +
      `One SQL statement (the agreement comes with it). ${PUBLIC}`,
  })
  expiringAgreements(
    @Arg("withinDays", () => Int, { description: "Days ahead: 1 to 3650." }) withinDays: number,
    @Arg("asOf", () => LocalDateResolver, { nullable: true, description: "The day to count from; today (UTC) when not given." }) asOf: string | null,
    @Arg("filter", () => AgreementReportFilter, { nullable: true, description: "Which agreements (without expiringWithinDays and asOf)." })
    filter: AgreementReportFilter | null,
    @Arg("first", () => Int, { nullable: true, description: "At most this many: 1 to 100 (default 20)." }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    return expiringAgreements(ctx, withinDays, asOf, filter, first);
  }

  @Query(() => [TelemedicinePartnerCount], {
    description:
      "Telemedicine partners by the partner hospital's country and by Xinjiang hospital: distinct partner hospitals abroad, distinct Xinjiang hospitals and links per group. Rows are ordered by the dimensions in the order given. " +
      `${CONSTANT} ${PUBLIC}`,
  })
  telemedicinePartnerCounts(
    @Arg("groupBy", () => [TelemedicineDimension], { description: "Dimensions to group by, each at most once; empty for the total." }) groupBy: string[],
    @Arg("filter", () => TelemedicineReportFilter, { nullable: true, description: "Which links count." }) filter: TelemedicineReportFilter | null,
    @Ctx() ctx: Context,
  ) {
    return telemedicinePartnerCounts(ctx, groupBy, filter);
  }

  @Query(() => [InstitutionFigure], {
    description:
      "Institution and regional figures over time, each with its source: ordered by metric (in the order of FigureMetric), then date, then id; at most `first`. " +
      `One SQL statement (source and institution add one batched statement each). ${PUBLIC}`,
  })
  figureSeries(
    @Arg("filter", () => FigureReportFilter, { nullable: true, description: "Which figures." }) filter: FigureReportFilter | null,
    @Arg("first", () => Int, { nullable: true, description: "At most this many: 1 to 100 (default 100)." }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    return figureSeries(ctx, filter, first);
  }
}

@Resolver(() => StudentCount)
export class StudentCountResolver {
  @FieldResolver(() => Country, { nullable: true, description: "The nationality's country (grouped by NATIONALITY)." })
  country(@Root() row: StudentCount, @Ctx() ctx: Context) {
    return row.nationality == null ? null : countryByCode(ctx).load(row.nationality);
  }

  @FieldResolver(() => Program, { nullable: true, description: "The program (grouped by PROGRAM)." })
  program(@Root() row: StudentCount, @Ctx() ctx: Context) {
    return row.programDbId == null ? null : programById(ctx).load(row.programDbId);
  }

  @FieldResolver(() => Cohort, { nullable: true, description: "The cohort (grouped by COHORT)." })
  cohort(@Root() row: StudentCount, @Ctx() ctx: Context) {
    return row.cohortDbId == null ? null : cohortById(ctx).load(row.cohortDbId);
  }
}

@Resolver(() => CohortReconciliation)
export class CohortReconciliationResolver {
  @FieldResolver(() => Cohort, { description: "The cohort." })
  cohort(@Root() row: CohortReconciliation, @Ctx() ctx: Context) {
    return cohortById(ctx).load(row.cohortDbId);
  }

  @FieldResolver(() => Program, { description: "The cohort's program." })
  program(@Root() row: CohortReconciliation, @Ctx() ctx: Context) {
    return programById(ctx).load(row.programDbId);
  }
}

@Resolver(() => DispatchCount)
export class DispatchCountResolver {
  @FieldResolver(() => Country, { nullable: true, description: "The host country (grouped by COUNTRY)." })
  country(@Root() row: DispatchCount, @Ctx() ctx: Context) {
    return row.countryCode == null ? null : countryByCode(ctx).load(row.countryCode);
  }
}

@Resolver(() => LabProjectCount)
export class LabProjectCountResolver {
  @FieldResolver(() => JointLab, { nullable: true, description: "The joint lab (grouped by LAB)." })
  lab(@Root() row: LabProjectCount, @Ctx() ctx: Context) {
    return row.labDbId == null ? null : jointLabById(ctx).load(row.labDbId);
  }
}

@Resolver(() => OverdueMilestoneLabCount)
export class OverdueMilestoneLabCountResolver {
  @FieldResolver(() => JointLab, { description: "The joint lab." })
  lab(@Root() row: OverdueMilestoneLabCount, @Ctx() ctx: Context) {
    return jointLabById(ctx).load(row.labDbId);
  }
}

@Resolver(() => AgreementCount)
export class AgreementCountResolver {
  @FieldResolver(() => Country, { nullable: true, description: "The party country (grouped by PARTY_COUNTRY)." })
  partyCountry(@Root() row: AgreementCount, @Ctx() ctx: Context) {
    return row.partyCountryCode == null ? null : countryByCode(ctx).load(row.partyCountryCode);
  }
}

@Resolver(() => ExpiringAgreement)
export class ExpiringAgreementResolver {
  @FieldResolver(() => Agreement, { description: "The agreement." })
  agreement(@Root() row: ExpiringAgreement, @Ctx() ctx: Context) {
    return agreementById(ctx).load(row.agreementDbId);
  }
}

@Resolver(() => TelemedicinePartnerCount)
export class TelemedicinePartnerCountResolver {
  @FieldResolver(() => Country, { nullable: true, description: "The partner hospitals' country (grouped by PARTNER_COUNTRY)." })
  partnerCountry(@Root() row: TelemedicinePartnerCount, @Ctx() ctx: Context) {
    return row.partnerCountryCode == null ? null : countryByCode(ctx).load(row.partnerCountryCode);
  }

  @FieldResolver(() => Institution, { nullable: true, description: "The Xinjiang hospital (grouped by XINJIANG_HOSPITAL)." })
  xinjiangHospital(@Root() row: TelemedicinePartnerCount, @Ctx() ctx: Context) {
    return row.xinjiangHospitalDbId == null ? null : institutionById(ctx).load(row.xinjiangHospitalDbId);
  }
}

export const reportResolvers = [
  ReportQueryResolver,
  StudentCountResolver,
  CohortReconciliationResolver,
  DispatchCountResolver,
  LabProjectCountResolver,
  OverdueMilestoneLabCountResolver,
  AgreementCountResolver,
  ExpiringAgreementResolver,
  TelemedicinePartnerCountResolver,
] as const;
