import { EmailAddressResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";

@InputType("CorrectStudentInput", {
  description: "Corrects a student's personal data; fields left out stay as they are. Each changed field keeps its old value in the student's history.",
})
export class CorrectStudentInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result and writes nothing more." })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The student." })
  studentId!: string;

  @Field(() => String, { nullable: true, description: "Family name as in the passport." })
  familyName?: string | null;

  @Field(() => String, { nullable: true, description: "Given names as in the passport." })
  givenNames?: string | null;

  @Field(() => String, { nullable: true, description: "Family name, Latin transliteration." })
  familyNameLatin?: string | null;

  @Field(() => String, { nullable: true, description: "Given names, Latin transliteration." })
  givenNamesLatin?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Date of birth." })
  dateOfBirth?: string | null;

  @Field(() => String, { nullable: true, description: "Passport number (platform admins only; staff get FORBIDDEN whatever the number. A renewal: the old number stays in the history and still identifies the person)." })
  passportNumber?: string | null;

  @Field(() => EmailAddressResolver, { nullable: true, description: "Email address; null removes it (the only optional field: the others are replaced, never removed)." })
  email?: string | null;

  @Field(() => String, { description: "Why, 1–500 characters (e.g. \"passport renewed\"); kept in the history and the audit trail." })
  reason!: string;
}

@ObjectType("StudentPayload", { description: "The changed student." })
export class StudentPayload {
  studentId!: number;
}
