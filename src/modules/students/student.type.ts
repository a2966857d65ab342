import { CountryCodeResolver, DateTimeResolver } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { Connection } from "../../shared/connection.type.js";
import { graphqlEnum } from "../../shared/enum.js";
import { Node } from "../../shared/node.type.js";
import { enrollmentStatus } from "./student.table.js";

export const EnrollmentStatus = graphqlEnum(
  enrollmentStatus.enumValues,
  "EnrollmentStatus",
  "NOMINATED → ADMITTED → ENROLLED ⇄ ON_LEAVE → GRADUATED; REJECTED from NOMINATED or ADMITTED; WITHDRAWN from any active status.", { ADMITTED: "Admitted by the host institution; not yet enrolled.", ENROLLED: "Studying; takes a seat of the cohort.", GRADUATED: "Finished the program; final.", NOMINATED: "Registered by the home institution, waiting for the host's decision.", ON_LEAVE: "On leave of absence; keeps a seat of the cohort.", REJECTED: "Not admitted by the host; final.", WITHDRAWN: "Left before finishing; final." });

@ObjectType("Student", {
  implements: Node,
  description:
    "An international student. Listed only to staff of the student's home institution and of institutions hosting the student's programs, and to platform admins.",
})
export class Student extends Node {
  homeInstitutionId!: number;
  registeredByInstitutionId!: number | null;

  @Field(() => String, { description: "Family name as in the passport." })
  familyName!: string;

  @Field(() => String, { description: "Given names as in the passport." })
  givenNames!: string;

  @Field(() => String, { description: "Family name, Latin transliteration." })
  familyNameLatin!: string;

  @Field(() => String, { description: "Given names, Latin transliteration." })
  givenNamesLatin!: string;

  @Field(() => CountryCodeResolver, { description: "Nationality (ISO 3166-1 alpha-2)." })
  nationality!: string;

  @Field(() => Boolean, { description: "True for invented (illustrative) seed people." })
  illustrative!: boolean;

  @Field(() => DateTimeResolver, { nullable: true, description: "When the student's personal data was erased on request (names are then a pseudonym); null otherwise." })
  erasedAt!: Date | null;

  @Field(() => DateTimeResolver, { description: "When the student was registered." })
  createdAt!: Date;
}

@ObjectType("Enrollment", { implements: Node, description: "A student in a cohort, with its status." })
export class Enrollment extends Node {
  studentId!: number;
  cohortId!: number;

  @Field(() => EnrollmentStatus, { description: "Current status." })
  status!: string;

  @Field(() => DateTimeResolver, { description: "When the status last changed." })
  statusChangedAt!: Date;

  @Field(() => DateTimeResolver, { description: "When the student was nominated into the cohort." })
  createdAt!: Date;
}

@ObjectType("EnrollmentStatusChange", { description: "One change of an enrollment's status: who, when, why." })
export class EnrollmentStatusChange {
  @Field(() => EnrollmentStatus, { nullable: true, description: "Status before; null for the first one." })
  fromStatus!: string | null;

  @Field(() => EnrollmentStatus, { description: "Status after." })
  toStatus!: string;

  @Field(() => DateTimeResolver, { description: "When." })
  changedAt!: Date;

  @Field(() => String, { description: "Who (the subject of the account)." })
  actor!: string;

  @Field(() => String, { nullable: true, description: "Why." })
  reason!: string | null;
}

export const StudentConnection = Connection(Student, "Student");
export const EnrollmentConnection = Connection(Enrollment, "Enrollment");
