import { Arg, Ctx, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import { IssueTranscriptInput, IssueTranscriptPayload } from "./transcript.input.js";
import { issueTranscript, readTranscript, transcriptPath, verifyTranscript } from "./transcript.service.js";
import { Transcript, TranscriptVerification } from "./transcript.type.js";

@Resolver()
export class TranscriptResolver {
  @Query(() => Transcript, {
    description:
      "A student's transcript of records: results by year and term, in the teaching institution's scale and the host's, recognitions, totals and standing. Staff of the student's home and host institutions and platform admins see it whole; a teaching institution's staff its own units only.",
  })
  transcript(@Arg("enrollmentId", () => ID, { description: "The student's enrollment." }) enrollmentId: string, @Ctx() ctx: Context) {
    return readTranscript(ctx, enrollmentId);
  }

  @Query(() => TranscriptVerification, { description: "Confirms a transcript's verification code to anyone: when and by whom it was issued and whether it still holds; never its content." })
  verifyTranscript(@Arg("code", () => String, { description: "The code printed on the document (any case, dashes optional)." }) code: string, @Ctx() ctx: Context) {
    return verifyTranscript(ctx.db, code);
  }

  @PayloadMutation(() => IssueTranscriptPayload, {
    description: "Issues a student's transcript as a PDF document with a verification code (staff of the student's home or host institution, platform admins).",
  })
  async issueTranscript(@MutationInput(() => IssueTranscriptInput) input: IssueTranscriptInput, @Ctx() ctx: Context) {
    const r = await issueTranscript(ctx, input);
    return { code: r.code, issuedAt: new Date(r.issuedAt), url: transcriptPath(r.code), enrollmentId: input.enrollmentId };
  }
}

@Resolver(() => IssueTranscriptPayload)
export class IssueTranscriptPayloadResolver {
  @PayloadField(() => Transcript, { description: "The transcript as the record holds it now (what the document shows)." })
  transcript(@Root() p: IssueTranscriptPayload, @Ctx() ctx: Context) {
    return readTranscript(ctx, p.enrollmentId);
  }
}

export const transcriptResolvers = [TranscriptResolver, IssueTranscriptPayloadResolver] as const;
