import { CountryCodeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, Int } from "type-graphql";
import { DispatchPurpose, DispatchStatus } from "../experts/expert.type.js";
import { AgreementFilter } from "../agreements/agreement.input.js";
import { FigureMetric } from "../institutions/institution.type.js";
import { ProjectStatus } from "../labs/lab.type.js";
import { EnrollmentStatus } from "../students/student.type.js";

@InputType("StudentReportFilter", { description: "Which enrollments a student report counts; all given conditions must hold." })
export class StudentReportFilter {
  @Field(() => Int, { nullable: true, description: "In cohorts of this intake year or later." })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "In cohorts of this intake year or earlier." })
  yearTo?: number | null;

  @Field(() => [CountryCodeResolver], { nullable: true, description: "Of students of one of these nationalities." })
  nationalities?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "Of students of a Central Asian nationality (true) or not (false)." })
  centralAsian?: boolean | null;

  @Field(() => ID, { nullable: true, description: "In cohorts of this program." })
  programId?: string | null;

  @Field(() => ID, { nullable: true, description: "In this cohort." })
  cohortId?: string | null;

  @Field(() => ID, { nullable: true, description: "In programs hosted by this institution." })
  hostInstitutionId?: string | null;

  @Field(() => ID, { nullable: true, description: "Of students from this home institution." })
  homeInstitutionId?: string | null;

  @Field(() => [EnrollmentStatus], { nullable: true, description: "Currently in one of these statuses." })
  statuses?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whose status history reached ENROLLED (true: the students who started) or never did (false).",
  })
  everEnrolled?: boolean | null;
}

@InputType("IntakeReportFilter", { description: "Which cohorts the Central Asian intake counts; all given conditions must hold." })
export class IntakeReportFilter {
  @Field(() => Int, { nullable: true, description: "Intake year from (inclusive)." })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Intake year to (inclusive)." })
  yearTo?: number | null;

  @Field(() => [CountryCodeResolver], { nullable: true, description: "Only students of these (Central Asian) nationalities." })
  nationalities?: string[] | null;

  @Field(() => ID, { nullable: true, description: "In cohorts of this program." })
  programId?: string | null;

  @Field(() => ID, { nullable: true, description: "In programs hosted by this institution." })
  hostInstitutionId?: string | null;
}

@InputType("DispatchReportFilter", { description: "Which dispatches a dispatch report counts (never CANCELLED ones); all given conditions must hold." })
export class DispatchReportFilter {
  @Field(() => Int, { nullable: true, description: "Starting in this year or later." })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Starting in this year or earlier." })
  yearTo?: number | null;

  @Field(() => [CountryCodeResolver], { nullable: true, description: "To a host institution in one of these countries." })
  countryCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "To a host in Central Asia (true) or elsewhere (false)." })
  centralAsia?: boolean | null;

  @Field(() => [DispatchPurpose], { nullable: true, description: "For one of these purposes (grouped by PURPOSE: only these purposes are shown)." })
  purposes?: string[] | null;

  @Field(() => String, { nullable: true, description: "Counting only team members of exactly this specialty, 1–100 characters." })
  specialty?: string | null;

  @Field(() => ID, { nullable: true, description: "Hosted by this institution." })
  hostInstitutionId?: string | null;

  @Field(() => ID, { nullable: true, description: "Sent by this institution." })
  sendingInstitutionId?: string | null;

  @Field(() => [DispatchStatus], { nullable: true, description: "In one of these statuses (PLANNED, IN_PROGRESS, COMPLETED; CANCELLED is refused)." })
  statuses?: string[] | null;
}

@InputType("LabProjectReportFilter", { description: "Which lab projects a lab project report counts; all given conditions must hold." })
export class LabProjectReportFilter {
  @Field(() => ID, { nullable: true, description: "Of this joint lab." })
  labId?: string | null;

  @Field(() => ID, { nullable: true, description: "Of joint labs this institution leads or is a member of." })
  institutionId?: string | null;

  @Field(() => CountryCodeResolver, { nullable: true, description: "Of joint labs with the lead or a member institution in this country." })
  countryCode?: string | null;

  @Field(() => [ProjectStatus], { nullable: true, description: "In one of these statuses." })
  statuses?: string[] | null;

  @Field(() => Int, { nullable: true, description: "Starting in this year or later." })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Starting in this year or earlier." })
  yearTo?: number | null;
}

@InputType("OverdueMilestoneReportFilter", { description: "Which projects' overdue milestones count; all given conditions must hold." })
export class OverdueMilestoneReportFilter {
  @Field(() => ID, { nullable: true, description: "Of this joint lab's projects." })
  labId?: string | null;

  @Field(() => ID, { nullable: true, description: "Of joint labs this institution leads or is a member of." })
  institutionId?: string | null;
}

@InputType("AgreementReportFilter", {
  description:
    "Which agreements an agreement report counts: the agreements list's filter, plus years and the expiry window; all given conditions must hold. Grouped by FOCUS_AREA, focusAreas limits the areas shown.",
})
export class AgreementReportFilter extends AgreementFilter {
  @Field(() => Int, { nullable: true, description: "Signed in this year or later." })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Signed in this year or earlier." })
  yearTo?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Valid until a day from asOf to asOf + this many days (1–3650): the agreements expiring soon.",
  })
  expiringWithinDays?: number | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "The day expiringWithinDays counts from; today (UTC) when not given." })
  asOf?: string | null;
}

@InputType("TelemedicineReportFilter", { description: "Which telemedicine links a telemedicine report counts; all given conditions must hold." })
export class TelemedicineReportFilter {
  @Field(() => [CountryCodeResolver], { nullable: true, description: "With the partner hospital in one of these countries." })
  partnerCountryCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "With the partner hospital in Central Asia (true) or elsewhere (false)." })
  centralAsia?: boolean | null;

  @Field(() => ID, { nullable: true, description: "With this Xinjiang hospital." })
  xinjiangHospitalId?: string | null;

  @Field(() => Int, { nullable: true, description: "Linked in this year or later (links without a date are left out)." })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Linked in this year or earlier (links without a date are left out)." })
  yearTo?: number | null;
}

@InputType("FigureReportFilter", { description: "Which dated figures a figure series holds; all given conditions must hold." })
export class FigureReportFilter {
  @Field(() => [FigureMetric], { nullable: true, description: "Of these metrics." })
  metrics?: string[] | null;

  @Field(() => ID, { nullable: true, description: "Of this institution." })
  institutionId?: string | null;

  @Field(() => String, { nullable: true, description: "Of this region (ISO 3166-2, e.g. CN-XJ)." })
  regionCode?: string | null;

  @Field(() => Int, { nullable: true, description: "Standing at a date in this year or later." })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Standing at a date in this year or earlier." })
  yearTo?: number | null;
}
