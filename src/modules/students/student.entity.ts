import { EmailAddressResolver, LocalDateResolver } from "graphql-scalars";
import { inArray, sql } from "drizzle-orm";
import { ID, Int } from "type-graphql";
import { column, connection, entity, expr, extend, list, one, rootConnection, type FieldMeta, type Policy } from "../../engine/entity.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import { Country, Institution } from "../institutions/institution.type.js";
import { Cohort } from "../programs/program.type.js";
import { CohortEnrollmentFilter, EnrollmentFilter, StudentFilter } from "./student.input.js";
import type { EnrollmentStatusValue } from "./student.table.js";
import { enrollmentScope, personalData, studentScope } from "./student.scope.js";
import { enrollmentOrdering, enrollmentWhere, READERS, studentOrdering, studentWhere } from "./student.service.js";
import { enrollments, enrollmentStatusChanges, students } from "./student.table.js";
import { Enrollment, EnrollmentConnection, EnrollmentStatusChange, Student, StudentConnection } from "./student.type.js";

// Students and enrollments: read only within the caller's scope (student.scope.ts), on every path; personal
// data under its own policy.

const refused = (kind: string) => (_who: unknown, root: "byId" | "list") =>
  new AppError(
    ErrorCode.FORBIDDEN,
    root === "list" ? `This needs one of the roles ${["PLATFORM_ADMIN", ...READERS].join(", ")}` : `This ${kind} is not one your institution may see`,
  );

const personal: Policy<typeof students> = {
  allow: personalData,
  message: "Personal data is visible only to staff of the student's home and host institutions",
};
const personalMeta = (type: () => unknown): FieldMeta => ({
  type,
  nullable: true,
  description: "Personal data: staff of the student's home and host institutions only (others get null and a FORBIDDEN error).",
});
const byId = (type: () => unknown, what: string): FieldMeta => ({ type, nullable: true, description: `One ${what} by id; null when there is none.`, args: { id: { type: () => ID, description: "Global id." } } });

entity({
  name: "Student",
  type: () => Student,
  table: students,
  key: "id",
  node: true,
  scope: studentScope,
  outOfScope: refused("student"),
  policies: { dateOfBirth: personal, passportNumber: personal, email: personal },
  fields: {
    nationalityCountry: one("Country", "nationality", { type: () => Country, description: "Country of nationality." }),
    homeInstitution: one("Institution", "homeInstitutionId", { type: () => Institution, description: "The partner institution the student comes from." }),
    dateOfBirth: column("dateOfBirth", personalMeta(() => LocalDateResolver)),
    passportNumber: column("passportNumber", personalMeta(() => String)),
    email: column("email", personalMeta(() => EmailAddressResolver)),
    registeredByInstitution: one("Institution", "registeredByInstitutionId", {
      type: () => Institution,
      nullable: true,
      description: "The institution whose staff registered the student.",
    }),
    enrollments: list<typeof enrollments>("Enrollment", {
      via: "studentId",
      orderBy: (t) => [t.id],
      meta: { type: () => [Enrollment], description: "The student's enrollments, by id." },
    }),
  },
  roots: {
    students: rootConnection<typeof students>(
      studentOrdering as never,
      {
        type: () => StudentConnection,
        description: "Students, by Latin family name, given names, then id.",
        argsType: () => PageArgsType,
        args: { filter: { type: () => StudentFilter, nullable: true, description: "Which students, among those the caller may list: every condition given must hold." } },
      },
      (t, args) => studentWhere(t, args.filter as StudentFilter | null),
    ),
    student: { kind: "byId", arg: "id", meta: byId(() => Student, "student") },
  },
});

entity({
  name: "Enrollment",
  type: () => Enrollment,
  table: enrollments,
  key: "id",
  node: true,
  scope: enrollmentScope,
  outOfScope: refused("enrollment"),
  fields: {
    // An enrollment the caller may read is of a student it may read (student.scope.ts: the same rule).
    student: one("Student", "studentId", { type: () => Student, description: "The student." }, { inParentScope: true }),
    cohort: one("Cohort", "cohortId", { type: () => Cohort, description: "The cohort." }),
    yearOfStudy: expr<typeof enrollments>((t) => sql`coalesce(${t.yearOfStudy}, (select c.current_year_of_study from cohorts c where c.id = ${t.cohortId}))`, {
      type: () => Int,
      description: "The student's year of study: the cohort's current year, unless a progression decision held the student back or moved it on apart from the cohort.",
    }),
    history: list<typeof enrollmentStatusChanges>("EnrollmentStatusChange", {
      via: "enrollmentId",
      orderBy: (t) => [t.changedAt, t.id],
      meta: { type: () => [EnrollmentStatusChange], description: "Every status change, oldest first." },
    }),
  },
  roots: {
    enrollments: rootConnection<typeof enrollments>(
      enrollmentOrdering as never,
      {
        type: () => EnrollmentConnection,
        description: "Enrollments, by id (the order of nomination).",
        argsType: () => PageArgsType,
        args: { filter: { type: () => EnrollmentFilter, nullable: true, description: "Which enrollments, among those the caller may list: every condition given must hold." } },
      },
      (t, args) => enrollmentWhere(t, args.filter as EnrollmentFilter | null),
    ),
    enrollment: { kind: "byId", arg: "id", meta: byId(() => Enrollment, "enrollment") },
  },
});

// Read through its enrollment, whose scope applies.
entity({ name: "EnrollmentStatusChange", type: () => EnrollmentStatusChange, table: enrollmentStatusChanges, key: "id", node: false });

extend("Cohort", {
  enrollments: connection<typeof enrollments>("Enrollment", {
    via: "cohortId",
    ordering: enrollmentOrdering as never,
    where: (t, args) => {
      const statuses = (args.filter as CohortEnrollmentFilter | null | undefined)?.statuses as EnrollmentStatusValue[] | undefined;
      return statuses?.length ? inArray(t.status, statuses) : undefined;
    },
    meta: {
      type: () => EnrollmentConnection,
      description: "Enrollments in this cohort, by id.",
      argsType: () => PageArgsType,
      args: { filter: { type: () => CohortEnrollmentFilter, nullable: true, description: "Which of the cohort's enrollments, among those the caller may list: every condition given must hold." } },
    },
  }),
});
