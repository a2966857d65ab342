import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";

@InputType("IssueTranscriptInput", { description: "Which student's transcript to issue as a document." })
export class IssueTranscriptInput {
  @Field(() => String, { nullable: true, description: "Retrying with the same key returns the first result (the same code) and issues nothing more." })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The student's enrollment (staff of the student's home or host institution, or a platform admin)." })
  enrollmentId!: string;
}

@ObjectType("IssueTranscriptPayload", { description: "The issued document: its verification code and where to download it." })
export class IssueTranscriptPayload {
  @Field(() => String, { nullable: true, description: "The verification code printed on the document; verifyTranscript(code:) confirms it to anyone." })
  code!: string;

  @Field(() => DateTimeResolver, { nullable: true, description: "When it was issued (the document's issue date)." })
  issuedAt!: Date;

  @Field(() => String, { nullable: true, description: "Path of the PDF on this server (GET, with the same bearer token): /transcripts/<code>.pdf." })
  url!: string;

  enrollmentId!: string;
}
