import { LocalDateResolver, NonNegativeIntResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { DispatchPurpose, DispatchRole } from "./expert.type.js";

const KEY_DESCRIPTION = "Retrying with the same key returns the first result and writes nothing more.";

@InputType("DispatchTeamMemberInput", { description: "One expert of a dispatch team and their role." })
export class DispatchTeamMemberInput {
  @Field(() => ID, {
    description: "The expert: their home institution is the sending institution or one of its hospitals (an institution whose parent it is).",
  })
  expertId!: string;

  @Field(() => DispatchRole, { description: "LEAD (exactly one per team) or MEMBER." })
  role!: string;
}

@InputType("CreateDispatchInput", { description: "Plan a dispatch: a team of experts sent to a host institution for a date range (status PLANNED)." })
export class CreateDispatchInput {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  idempotencyKey?: string | null;

  @Field(() => String, { description: "Title, 1–200 characters." })
  title!: string;

  @Field(() => ID, { description: "The institution that sends the team (the caller's own, unless a platform admin)." })
  sendingInstitutionId!: string;

  @Field(() => ID, { description: "The institution that receives the team; the dispatch's country is its country." })
  hostInstitutionId!: string;

  @Field(() => LocalDateResolver, { description: "First day of the dispatch." })
  startDate!: string;

  @Field(() => LocalDateResolver, { description: "Last day of the dispatch, on or after startDate." })
  endDate!: string;

  @Field(() => [DispatchPurpose], { description: "What the team is sent to do: at least one purpose (repeats count once)." })
  purposes!: string[];

  @Field(() => [DispatchTeamMemberInput], {
    description:
      "The team: 1 to 50 experts, each once, exactly one of them LEAD. No expert may be on another dispatch (not cancelled) whose dates overlap these (OVERLAPPING_DISPATCH).",
  })
  team!: DispatchTeamMemberInput[];
}

@InputType("AddDispatchMembersInput", { description: "Add experts, as MEMBERs, to the team of a PLANNED or IN_PROGRESS dispatch." })
export class AddDispatchMembersInput {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The dispatch." })
  dispatchId!: string;

  @Field(() => [ID], {
    description:
      "The experts to add: 1 or more, each once, none already on the team, the team at most 50 after; same institution rule and overlap rule as createDispatch.",
  })
  expertIds!: string[];
}

@InputType("StartDispatchInput", { description: "Record that a PLANNED dispatch is under way (status IN_PROGRESS)." })
export class StartDispatchInput {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The dispatch." })
  dispatchId!: string;
}

@InputType("CompleteDispatchInput", { description: "Record that a PLANNED or IN_PROGRESS dispatch is completed, with its outcome." })
export class CompleteDispatchInput {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The dispatch." })
  dispatchId!: string;

  @Field(() => NonNegativeIntResolver, { description: "Patients or cases seen, 0 to 1,000,000." })
  casesSeen!: number;

  @Field(() => NonNegativeIntResolver, { description: "People trained, 0 to 1,000,000." })
  peopleTrained!: number;

  @Field(() => String, { nullable: true, description: "Notes on what the dispatch achieved, up to 5,000 characters." })
  notes?: string | null;
}

@InputType("CancelDispatchInput", {
  description: "Cancel a PLANNED or IN_PROGRESS dispatch; its experts are free again for other dispatches on those dates.",
})
export class CancelDispatchInput {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The dispatch." })
  dispatchId!: string;

  @Field(() => String, { description: "Why, 1–1,000 characters (kept in the audit trail)." })
  reason!: string;
}

@ObjectType("DispatchPayload", { description: "The dispatch a mutation created or changed." })
export class DispatchPayload {
  dispatchId!: number;
}
