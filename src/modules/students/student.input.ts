import { CountryCodeResolver, DateTimeResolver } from "graphql-scalars";
import { Field, ID, InputType, Int } from "type-graphql";
import { EnrollmentStatus } from "./student.type.js";

@InputType("StudentFilter", { description: "Filters on students; all given ones must hold." })
export class StudentFilter {
  @Field(() => [CountryCodeResolver], { nullable: true, description: "Of one of these nationalities." })
  nationalities?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "Of a Central Asian nationality (true) or not (false)." })
  centralAsian?: boolean | null;

  @Field(() => ID, { nullable: true, description: "From this home institution." })
  homeInstitutionId?: string | null;

  @Field(() => ID, { nullable: true, description: "With an enrollment in this program." })
  programId?: string | null;

  @Field(() => ID, { nullable: true, description: "With an enrollment in this cohort." })
  cohortId?: string | null;

  @Field(() => [EnrollmentStatus], { nullable: true, description: "With an enrollment in one of these statuses." })
  enrollmentStatuses?: string[] | null;

  @Field(() => Int, { nullable: true, description: "With an enrollment in a cohort of this intake year." })
  intakeYear?: number | null;

  @Field(() => String, { nullable: true, description: "Part of a name, passport or Latin form (case-insensitive)." })
  search?: string | null;
}

@InputType("EnrollmentFilter", { description: "Filters on enrollments; all given ones must hold." })
export class EnrollmentFilter {
  @Field(() => ID, { nullable: true, description: "In this cohort." })
  cohortId?: string | null;

  @Field(() => ID, { nullable: true, description: "In cohorts of this program." })
  programId?: string | null;

  @Field(() => ID, { nullable: true, description: "In programs hosted by this institution." })
  hostInstitutionId?: string | null;

  @Field(() => ID, { nullable: true, description: "Of this student." })
  studentId?: string | null;

  @Field(() => [EnrollmentStatus], { nullable: true, description: "In one of these statuses." })
  statuses?: string[] | null;

  @Field(() => [CountryCodeResolver], { nullable: true, description: "Of students of one of these nationalities." })
  nationalities?: string[] | null;

  @Field(() => Int, { nullable: true, description: "In cohorts of intake years from this one." })
  intakeYearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "In cohorts of intake years up to this one." })
  intakeYearTo?: number | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "Status changed at or after this time." })
  changedFrom?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "Status changed before this time." })
  changedBefore?: Date | null;
}

@InputType("CohortEnrollmentFilter", { description: "Filters on the enrollments of one cohort." })
export class CohortEnrollmentFilter {
  @Field(() => [EnrollmentStatus], { nullable: true, description: "In one of these statuses." })
  statuses?: string[] | null;
}
