import { CountryCodeResolver, EmailAddressResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Enrollment, EnrollmentStatus, Student } from "./student.type.js";

@InputType("StudentRegistration", { description: "One student to register: the passport data of one person." })
export class StudentRegistration {
  @Field(() => String, { description: "Family name as in the passport (any script), 1–100 characters." })
  familyName!: string;

  @Field(() => String, { description: "Given names as in the passport (any script), 1–100 characters." })
  givenNames!: string;

  @Field(() => String, { description: "Family name in Latin letters (A–Z, space, hyphen, apostrophe, dot)." })
  familyNameLatin!: string;

  @Field(() => String, { description: "Given names in Latin letters." })
  givenNamesLatin!: string;

  @Field(() => LocalDateResolver, { description: "Date of birth (personal data); the student must be 15 or older." })
  dateOfBirth!: string;

  @Field(() => CountryCodeResolver, { description: "Nationality: the country that issued the passport." })
  nationality!: string;

  @Field(() => EmailAddressResolver, { nullable: true, description: "Email (personal data)." })
  email?: string | null;

  @Field(() => String, { description: "Passport number (personal data): 5–20 letters and digits." })
  passportNumber!: string;
}

@InputType("RegisterStudentInput", { description: "Nominate one student into a cohort of a joint program." })
export class RegisterStudentInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The cohort (of a program in which the caller's institution is a partner)." })
  cohortId!: string;

  @Field(() => ID, { nullable: true, description: "Home institution; only platform admins give it (a registrar's students are its own)." })
  homeInstitutionId?: string | null;

  @Field(() => StudentRegistration, { description: "The student." })
  student!: StudentRegistration;
}

@InputType("RegisterStudentsInput", {
  description:
    "Nominate up to 1,000 students into a cohort, as a list or as CSV text (one of the two). All rows are checked first; if any row is bad nothing is written and every row gets its result.",
})
export class RegisterStudentsInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The cohort." })
  cohortId!: string;

  @Field(() => ID, { nullable: true, description: "Home institution; only platform admins give it." })
  homeInstitutionId?: string | null;

  @Field(() => [StudentRegistration], { nullable: true, description: "The students, as a list." })
  students?: StudentRegistration[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The students as CSV with a header row: family_name,given_names,family_name_latin,given_names_latin,date_of_birth,nationality,email,passport_number (email may be empty).",
  })
  csv?: string | null;
}

@InputType("TransitionEnrollmentInput", { description: "Move an enrollment to another status." })
export class TransitionEnrollmentInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The enrollment." })
  enrollmentId!: string;

  @Field(() => EnrollmentStatus, { description: "The new status." })
  to!: string;

  @Field(() => String, { nullable: true, description: "Why (kept in the history), up to 1,000 characters." })
  reason?: string | null;
}

@ObjectType("RowError", { description: "Why one row of a bulk request was refused." })
export class RowError {
  @Field(() => String, { description: "Machine-readable code: BAD_USER_INPUT, CONFLICT, …" })
  code!: string;

  @Field(() => String, { description: "The field, e.g. students[3].passportNumber or csv[3].passport_number." })
  field!: string;

  @Field(() => String, { description: "What is wrong." })
  message!: string;
}

@ObjectType("RegistrationResult", { description: "The result of one row." })
export class RegistrationResult {
  @Field(() => Int, { description: "Row number, from 0 (for CSV: data rows after the header)." })
  row!: number;

  studentId!: number | null;
  enrollmentId!: number | null;

  @Field(() => Boolean, { description: "True when the person was already a student and only the nomination is new." })
  existingStudent!: boolean;

  @Field(() => RowError, { nullable: true, description: "Why the row was refused; null when it was accepted." })
  error!: RowError | null;
}

@ObjectType("RegisterStudentsPayload", { description: "What a bulk registration did." })
export class RegisterStudentsPayload {
  @Field(() => Boolean, { nullable: true, description: "True when every row was written; false when nothing was." })
  written!: boolean;

  @Field(() => Int, { nullable: true, description: "Rows without an error." })
  accepted!: number;

  @Field(() => Int, { nullable: true, description: "Rows with an error." })
  rejected!: number;

  @Field(() => [RegistrationResult], { nullable: true, description: "One result per row, in input order." })
  results!: RegistrationResult[];
}

@ObjectType("RegisterStudentPayload", { description: "The registered student and their nomination." })
export class RegisterStudentPayload {
  studentId!: number;
  enrollmentId!: number;

  @Field(() => Boolean, { nullable: true, description: "True when the person was already a student and only the nomination is new." })
  existingStudent!: boolean;
}

@ObjectType("EnrollmentPayload", { description: "The changed enrollment." })
export class EnrollmentPayload {
  enrollmentId!: number;
}

@ObjectType("CohortPayload", { description: "The changed cohort." })
export class CohortPayload {
  cohortId!: number;
}

export { Enrollment, Student };
