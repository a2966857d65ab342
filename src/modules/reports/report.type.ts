import { CountryCodeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Connection } from "../../shared/connection.type.js";
import { graphqlEnum } from "../../shared/enum.js";
import { AgreementStatus, FocusArea } from "../agreements/agreement.type.js";
import { DispatchPurpose } from "../experts/expert.type.js";
import { ProjectStatus } from "../labs/lab.type.js";
import { EnrollmentStatus } from "../students/student.type.js";

// Report rows: one row per group of a GROUP BY. A dimension field is set when the report was grouped by
// it and null otherwise; relation fields (country, program, cohort, lab, institution) go through the
// request's loaders, so a report runs a fixed number of statements whatever the number of groups.

export const STUDENT_DIMENSIONS = ["NATIONALITY", "PROGRAM", "COHORT", "STATUS", "INTAKE_YEAR"] as const;
export type StudentDimensionValue = (typeof STUDENT_DIMENSIONS)[number];
export const StudentDimension = graphqlEnum(
  STUDENT_DIMENSIONS,
  "StudentDimension",
  "What a student report is grouped by: the student's nationality, the program or cohort of the enrollment, the enrollment's current status, or the cohort's intake (academic) year.", { COHORT: "One group per cohort of the enrollment.", INTAKE_YEAR: "One group per intake (academic) year of the cohort.", NATIONALITY: "One group per nationality of the student.", PROGRAM: "One group per program of the enrollment.", STATUS: "One group per current enrollment status." });

export const DISPATCH_DIMENSIONS = ["COUNTRY", "PURPOSE", "SPECIALTY", "YEAR"] as const;
export type DispatchDimensionValue = (typeof DISPATCH_DIMENSIONS)[number];
export const DispatchDimension = graphqlEnum(
  DISPATCH_DIMENSIONS,
  "DispatchDimension",
  "What a dispatch report is grouped by: the host country, a purpose of the dispatch, the specialty of a team member, or the year the dispatch starts.", { COUNTRY: "One group per host country.", PURPOSE: "One group per purpose (a dispatch with several purposes counts in each).", SPECIALTY: "One group per specialty of a team member.", YEAR: "One group per year the dispatch starts." });

export const LAB_PROJECT_DIMENSIONS = ["STATUS", "LAB"] as const;
export type LabProjectDimensionValue = (typeof LAB_PROJECT_DIMENSIONS)[number];
export const LabProjectDimension = graphqlEnum(
  LAB_PROJECT_DIMENSIONS,
  "LabProjectDimension",
  "What a lab project report is grouped by: the project's status or its joint lab.", { LAB: "One group per joint lab.", STATUS: "One group per project status." });

export const AGREEMENT_DIMENSIONS = ["FOCUS_AREA", "STATUS", "SIGNED_YEAR", "PARTY_COUNTRY"] as const;
export type AgreementDimensionValue = (typeof AGREEMENT_DIMENSIONS)[number];
export const AgreementDimension = graphqlEnum(
  AGREEMENT_DIMENSIONS,
  "AgreementDimension",
  "What an agreement report is grouped by: a focus area of the agreement, its status, the year it was signed, or the country of a party.", { FOCUS_AREA: "One group per focus area of the agreement (an agreement with several areas counts in each).", PARTY_COUNTRY: "One group per country of a party (an agreement counts once in each of its parties' countries).", SIGNED_YEAR: "One group per year the agreement was signed.", STATUS: "One group per agreement status." });

export const TELEMEDICINE_DIMENSIONS = ["PARTNER_COUNTRY", "XINJIANG_HOSPITAL"] as const;
export type TelemedicineDimensionValue = (typeof TELEMEDICINE_DIMENSIONS)[number];
export const TelemedicineDimension = graphqlEnum(
  TELEMEDICINE_DIMENSIONS,
  "TelemedicineDimension",
  "What a telemedicine report is grouped by: the country of the partner hospital abroad, or the Xinjiang hospital.", { PARTNER_COUNTRY: "One group per country of the partner hospital abroad.", XINJIANG_HOSPITAL: "One group per Xinjiang hospital." });

@ObjectType("StudentCount", {
  description: "One group of a student report: the dimension fields it was grouped by, and how many distinct students are in the group.",
})
export class StudentCount {
  programDbId!: number | null;
  cohortDbId!: number | null;

  @Field(() => CountryCodeResolver, { nullable: true, description: "Nationality of the students (grouped by NATIONALITY)." })
  nationality!: string | null;

  @Field(() => ID, { nullable: true, description: "Global id of the program (grouped by PROGRAM)." })
  programId!: string | null;

  @Field(() => ID, { nullable: true, description: "Global id of the cohort (grouped by COHORT)." })
  cohortId!: string | null;

  @Field(() => EnrollmentStatus, { nullable: true, description: "Current status of the enrollments (grouped by STATUS)." })
  status!: string | null;

  @Field(() => Int, { nullable: true, description: "Intake (academic) year of the cohort (grouped by INTAKE_YEAR)." })
  intakeYear!: number | null;

  @Field(() => Int, { description: "Distinct students in the group. A student with enrollments in two groups counts in both." })
  students!: number;
}

@ObjectType("IntakeYearCount", {
  description:
    "Central Asian students who started in one intake year: enrollments in a cohort of that year whose history reached ENROLLED, counted as distinct students.",
})
export class IntakeYearCount {
  @Field(() => Int, { description: "Intake (academic) year of the cohorts." })
  intakeYear!: number;

  @Field(() => Int, { nullable: true, description: "Distinct students; null when withheld (see suppressed)." })
  students!: number | null;

  @Field(() => Boolean, { description: "True when the count is withheld: it is from 1 to 4 and the caller may not list students." })
  suppressed!: boolean;
}

@ObjectType("CohortReconciliation", {
  description:
    "One cohort's places and students side by side: places the founding agreement sets per year, capacity, how many were nominated and admitted (ever), where the enrollments stand now, and seats left. The student counts cover the students the caller may list; capacity, seatsTaken and seatsLeft cover all (they are public on Cohort).",
})
export class CohortReconciliation {
  cohortDbId!: number;
  programDbId!: number;

  @Field(() => ID, { description: "Global id of the cohort." })
  cohortId!: string;

  @Field(() => Int, { description: "Intake (academic) year of the cohort." })
  intakeYear!: number;

  @Field(() => Int, { nullable: true, description: "Places per year set by the program's founding agreement, as the version of its terms in force on the cohort's start date sets them; null when the program has no agreement or the agreement sets none." })
  placesAgreed!: number | null;

  @Field(() => Int, { description: "Capacity of the cohort: most students ENROLLED or ON_LEAVE at once." })
  capacity!: number;

  @Field(() => Int, { description: "Enrollments that were ever NOMINATED (in their status history)." })
  nominated!: number;

  @Field(() => Int, { description: "Enrollments that were ever ADMITTED (in their status history)." })
  admitted!: number;

  @Field(() => Int, { description: "Enrollments ENROLLED now." })
  enrolled!: number;

  @Field(() => Int, { description: "Enrollments ON_LEAVE now." })
  onLeave!: number;

  @Field(() => Int, { description: "Enrollments GRADUATED." })
  graduated!: number;

  @Field(() => Int, { description: "Enrollments WITHDRAWN." })
  withdrawn!: number;

  @Field(() => Int, { description: "Enrollments REJECTED." })
  rejected!: number;

  @Field(() => Int, { description: "Seats taken (ENROLLED + ON_LEAVE, all students; public like Cohort.seatsTaken)." })
  seatsTaken!: number;

  @Field(() => Int, { description: "Seats left: capacity − ENROLLED − ON_LEAVE, all students (public like Cohort.seatsLeft)." })
  seatsLeft!: number;
}

export const CohortReconciliationConnection = Connection(CohortReconciliation, "CohortReconciliation");

@ObjectType("DispatchCount", {
  description:
    "One group of a dispatch report: the dimension fields it was grouped by, distinct experts and distinct dispatches. CANCELLED dispatches never count.",
})
export class DispatchCount {
  @Field(() => CountryCodeResolver, { nullable: true, description: "Country of the host institution (grouped by COUNTRY)." })
  countryCode!: string | null;

  @Field(() => DispatchPurpose, { nullable: true, description: "Purpose (grouped by PURPOSE: a dispatch counts under each of its purposes)." })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: "Specialty of the experts (grouped by SPECIALTY: a dispatch counts under each specialty on its team)." })
  specialty!: string | null;

  @Field(() => Int, { nullable: true, description: "Year the dispatch starts (grouped by YEAR)." })
  year!: number | null;

  @Field(() => Int, { description: "Distinct experts on the group's dispatches." })
  experts!: number;

  @Field(() => Int, { description: "Distinct dispatches in the group." })
  dispatches!: number;
}

@ObjectType("LabProjectCount", {
  description: "One group of a lab project report: the dimension fields it was grouped by, projects, and distinct joint labs with such projects.",
})
export class LabProjectCount {
  labDbId!: number | null;

  @Field(() => ProjectStatus, { nullable: true, description: "Project status (grouped by STATUS)." })
  status!: string | null;

  @Field(() => ID, { nullable: true, description: "Global id of the joint lab (grouped by LAB)." })
  labId!: string | null;

  @Field(() => Int, { description: "Projects in the group." })
  projects!: number;

  @Field(() => Int, { description: "Distinct joint labs that have projects in the group." })
  labs!: number;
}

@ObjectType("OverdueMilestoneLabCount", { description: "Overdue milestones of one joint lab's projects." })
export class OverdueMilestoneLabCount {
  labDbId!: number;

  @Field(() => ID, { description: "Global id of the joint lab." })
  labId!: string;

  @Field(() => Int, { description: "Overdue milestones." })
  milestones!: number;

  @Field(() => Int, { description: "Distinct projects with an overdue milestone." })
  projects!: number;

  @Field(() => LocalDateResolver, { description: "Due date of the oldest overdue milestone." })
  oldestDueOn!: string;
}

@ObjectType("OverdueMilestoneReport", {
  description:
    "Open milestones (not done) due before asOf, of projects that are not COMPLETED or CANCELLED (the rule of overdueMilestones): the total and the count per joint lab.",
})
export class OverdueMilestoneReport {
  @Field(() => LocalDateResolver, { description: "The day overdue is measured against." })
  asOf!: string;

  @Field(() => Int, { description: "Overdue milestones in all." })
  milestones!: number;

  @Field(() => Int, { description: "Distinct projects with an overdue milestone." })
  projects!: number;

  @Field(() => Int, { description: "Distinct joint labs with an overdue milestone." })
  labs!: number;

  @Field(() => [OverdueMilestoneLabCount], { description: "Per joint lab, by lab id; labs with none are left out." })
  byLab!: OverdueMilestoneLabCount[];
}

@ObjectType("AgreementCount", {
  description: "One group of an agreement report: the dimension fields it was grouped by, distinct agreements and distinct parties.",
})
export class AgreementCount {
  @Field(() => FocusArea, { nullable: true, description: "Focus area (grouped by FOCUS_AREA: an agreement counts under each of its areas)." })
  focusArea!: string | null;

  @Field(() => AgreementStatus, { nullable: true, description: "Status (grouped by STATUS)." })
  status!: string | null;

  @Field(() => Int, { nullable: true, description: "Year signed (grouped by SIGNED_YEAR; null also for agreements not signed yet)." })
  signedYear!: number | null;

  @Field(() => CountryCodeResolver, {
    nullable: true,
    description: "Country of a party (grouped by PARTY_COUNTRY: an agreement counts under each country among its parties).",
  })
  partyCountryCode!: string | null;

  @Field(() => Int, { description: "Distinct agreements in the group." })
  agreements!: number;

  @Field(() => Int, {
    description: "Distinct institutions party to the group's agreements; grouped by PARTY_COUNTRY, only the parties of that country.",
  })
  parties!: number;
}

@ObjectType("ExpiringAgreement", { description: "An agreement whose validity ends within the window asked for." })
export class ExpiringAgreement {
  agreementDbId!: number;

  @Field(() => LocalDateResolver, { description: "Last day of validity under the terms in force on asOf (the agreement's own validUntil is today's)." })
  validUntil!: string;

  @Field(() => Int, { description: "Days from asOf to validUntil (0 when it ends on asOf)." })
  daysLeft!: number;
}

@ObjectType("TelemedicinePartnerCount", {
  description: "One group of a telemedicine report: the dimension fields it was grouped by, distinct partner hospitals abroad, distinct Xinjiang hospitals and links.",
})
export class TelemedicinePartnerCount {
  xinjiangHospitalDbId!: number | null;

  @Field(() => CountryCodeResolver, { nullable: true, description: "Country of the partner hospitals (grouped by PARTNER_COUNTRY)." })
  partnerCountryCode!: string | null;

  @Field(() => ID, { nullable: true, description: "Global id of the Xinjiang hospital (grouped by XINJIANG_HOSPITAL)." })
  xinjiangHospitalId!: string | null;

  @Field(() => Int, { description: "Distinct partner hospitals abroad." })
  partners!: number;

  @Field(() => Int, { description: "Distinct Xinjiang hospitals." })
  xinjiangHospitals!: number;

  @Field(() => Int, { description: "Telemedicine links." })
  links!: number;
}
