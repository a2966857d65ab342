import type { PageArgs } from "../../shared/pagination.js";
import { sqlRelation, sqlType } from "../../shared/prefetch.registry.js";
import { institutions } from "../institutions/institution.table.js";
import { cohorts } from "../programs/program.table.js";
import { enrollmentsOfCohortList, type EnrollmentStatusValue } from "./student.loaders.js";
import { enrollments, students } from "./student.table.js";

// Students and enrollments for the one-statement planner (shared/prefetch.ts). Each relation here is what
// its resolver in student.resolver.ts loads: the same list specification (with the caller's scope), or a
// byKey load of the same row.
sqlType("Enrollment", enrollments);
// Personal fields check access by the row's id (always read), then return their own column.
sqlType("Student", students, {
  reads: {
    nationalityCountry: ["nationality"],
    registeredByInstitution: ["registeredByInstitutionId"],
    dateOfBirth: ["dateOfBirth"],
    passportNumber: ["passportNumber"],
    email: ["email"],
    enrollments: [],
  },
});

sqlRelation("Cohort", "enrollments", {
  kind: "connection",
  parentKey: "id",
  list: (ctx, args) => enrollmentsOfCohortList(ctx, args as PageArgs, (args.filter as { statuses?: EnrollmentStatusValue[] | null } | null | undefined)?.statuses),
});
sqlRelation("Enrollment", "student", { kind: "one", parentKey: "studentId", target: students.id });
sqlRelation("Enrollment", "cohort", { kind: "one", parentKey: "cohortId", target: cohorts.id });
sqlRelation("Student", "homeInstitution", { kind: "one", parentKey: "homeInstitutionId", target: institutions.id });
