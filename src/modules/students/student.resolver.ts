import { EmailAddressResolver, LocalDateResolver, NonNegativeIntResolver } from "graphql-scalars";
import { forbidden, personalDataVisible } from "../auth/access.js";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { NodeResolver, registerNode } from "../../shared/node.type.js";
import { countryByCode, institutionById } from "../institutions/institution.loaders.js";
import { Country, Institution } from "../institutions/institution.type.js";
import { cohortById, type CohortRow } from "../programs/program.loaders.js";
import { Cohort } from "../programs/program.type.js";
import { CohortEnrollmentFilter, EnrollmentFilter, StudentFilter } from "./student.input.js";
import {
  enrollmentById,
  enrollmentsOfCohort,
  enrollmentsOfStudent,
  historyOfEnrollment,
  studentById,
  type EnrollmentRow,
  type EnrollmentStatusValue,
  type StudentRow,
} from "./student.loaders.js";
import { listEnrollments, listStudents, requireVisible } from "./student.service.js";
import { Enrollment, EnrollmentConnection, EnrollmentStatusChange, Student, StudentConnection } from "./student.type.js";

registerNode("Student", (ctx, id) => requireVisible(ctx, "Student", id as number, (i) => studentById(ctx).load(i)));
registerNode("Enrollment", (ctx, id) => requireVisible(ctx, "Enrollment", id as number, (i) => enrollmentById(ctx).load(i)));

async function personal(ctx: Context, row: StudentRow): Promise<StudentRow> {
  if (!(await personalDataVisible(ctx).load(row.id)))
    throw forbidden("Personal data is visible only to staff of the student's home and host institutions");
  return row;
}

@Resolver(() => Student)
export class StudentResolver extends NodeResolver(Student, "Student") {
  @Query(() => StudentConnection, { description: "Students, by Latin family name, given names, then id." })
  students(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => StudentFilter, { nullable: true }) filter: StudentFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listStudents(ctx, page, filter);
  }

  @Query(() => Student, { nullable: true, description: "One student by id; null when there is none." })
  student(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: Context) {
    return requireVisible(ctx, "Student", fromGlobalId(id, "Student", "id"), (i) => studentById(ctx).load(i));
  }

  @FieldResolver(() => Country, { description: "Country of nationality." })
  nationalityCountry(@Root() row: StudentRow, @Ctx() ctx: Context) {
    return countryByCode(ctx).load(row.nationality);
  }

  @FieldResolver(() => Institution, { description: "The partner institution the student comes from." })
  homeInstitution(@Root() row: StudentRow, @Ctx() ctx: Context) {
    return institutionById(ctx).load(row.homeInstitutionId);
  }

  @FieldResolver(() => LocalDateResolver, { nullable: true, description: "Personal data: staff of the student's home and host institutions only (others get null and a FORBIDDEN error)." })
  async dateOfBirth(@Root() row: StudentRow, @Ctx() ctx: Context) {
    return (await personal(ctx, row)).dateOfBirth;
  }

  @FieldResolver(() => String, { nullable: true, description: "Personal data: staff of the student's home and host institutions only (others get null and a FORBIDDEN error)." })
  async passportNumber(@Root() row: StudentRow, @Ctx() ctx: Context) {
    return (await personal(ctx, row)).passportNumber;
  }

  @FieldResolver(() => EmailAddressResolver, { nullable: true, description: "Personal data: staff of the student's home and host institutions only (others get null and a FORBIDDEN error)." })
  async email(@Root() row: StudentRow, @Ctx() ctx: Context) {
    return (await personal(ctx, row)).email;
  }

  @FieldResolver(() => Institution, { nullable: true, description: "The institution whose staff registered the student." })
  registeredByInstitution(@Root() row: StudentRow, @Ctx() ctx: Context) {
    return row.registeredByInstitutionId == null ? null : institutionById(ctx).load(row.registeredByInstitutionId);
  }
}

@Resolver(() => Enrollment)
export class EnrollmentResolver extends NodeResolver(Enrollment, "Enrollment") {
  @Query(() => EnrollmentConnection, { description: "Enrollments, by id (the order of nomination)." })
  enrollments(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => EnrollmentFilter, { nullable: true }) filter: EnrollmentFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listEnrollments(ctx, page, filter);
  }

  @Query(() => Enrollment, { nullable: true, description: "One enrollment by id; null when there is none." })
  enrollment(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: Context) {
    return requireVisible(ctx, "Enrollment", fromGlobalId(id, "Enrollment", "id"), (i) => enrollmentById(ctx).load(i));
  }

  @FieldResolver(() => Student, { description: "The student." })
  student(@Root() row: EnrollmentRow, @Ctx() ctx: Context) {
    return studentById(ctx).load(row.studentId);
  }

  @FieldResolver(() => Cohort, { description: "The cohort." })
  cohort(@Root() row: EnrollmentRow, @Ctx() ctx: Context) {
    return cohortById(ctx).load(row.cohortId);
  }

  @FieldResolver(() => [EnrollmentStatusChange], { description: "Every status change, oldest first." })
  history(@Root() row: EnrollmentRow, @Ctx() ctx: Context) {
    return historyOfEnrollment(ctx).load(row.id);
  }
}

/** Enrollment fields on Student and Cohort (relation fields live in the module of the type they return). */
@Resolver(() => Student)
export class StudentEnrollmentsResolver {
  @FieldResolver(() => [Enrollment], { description: "The student's enrollments, by id." })
  enrollments(@Root() row: StudentRow, @Ctx() ctx: Context) {
    return enrollmentsOfStudent(ctx).load(row.id);
  }
}

@Resolver(() => Cohort)
export class CohortEnrollmentsResolver {
  @FieldResolver(() => EnrollmentConnection, { description: "Enrollments in this cohort, by id." })
  enrollments(
    @Root() row: CohortRow,
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => CohortEnrollmentFilter, { nullable: true }) filter: CohortEnrollmentFilter | null,
    @Ctx() ctx: Context,
  ) {
    return enrollmentsOfCohort(ctx, page, filter?.statuses as EnrollmentStatusValue[] | undefined).load(row.id);
  }

  @FieldResolver(() => NonNegativeIntResolver, { description: "Students ENROLLED or ON_LEAVE: the seats taken." })
  seatsTaken(@Root() row: CohortRow) {
    return row.seatsTaken;
  }

  @FieldResolver(() => NonNegativeIntResolver, { description: "Capacity less seats taken." })
  seatsLeft(@Root() row: CohortRow) {
    return Math.max(0, row.capacity - row.seatsTaken);
  }
}

export const studentResolvers = [StudentResolver, EnrollmentResolver, StudentEnrollmentsResolver, CohortEnrollmentsResolver] as const;
