import { LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { OutputKind, ParticipantRole, ProjectStatus } from "./lab.type.js";

const KEY_DESCRIPTION = "Retrying with the same key returns the first result and writes nothing more.";

@InputType("LabFundingInput", { description: "How a lab project is funded." })
export class LabFundingInput {
  @Field(() => String, {
    description: "Amount as decimal text, 0 or more, at most 12 digits before the point and 2 after (e.g. \"1250000.00\"); a string so no precision is lost.",
  })
  amount!: string;

  @Field(() => String, { description: "ISO 4217 currency code: three letters (e.g. CNY, KZT)." })
  currency!: string;

  @Field(() => String, { nullable: true, description: "Who funds the project, up to 200 characters." })
  funder?: string | null;
}

@InputType("CreateLabProjectInput", { description: "Propose a project of a joint lab (status PROPOSED)." })
export class CreateLabProjectInput {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The joint lab (led by the caller's institution or with it as a member)." })
  labId!: string;

  @Field(() => String, { description: "Title, 1–300 characters." })
  title!: string;

  @Field(() => ID, { description: "The expert who leads the project." })
  principalInvestigatorId!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: "Planned start date, where known." })
  startDate?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Planned end date, where known; on or after startDate." })
  endDate?: string | null;

  @Field(() => LabFundingInput, { nullable: true, description: "Funding, where known." })
  funding?: LabFundingInput | null;
}

@InputType("UpdateLabProjectInput", { description: "Change a lab project's title, dates or funding; fields not given (or null) stay as they are." })
export class UpdateLabProjectInput {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The project." })
  projectId!: string;

  @Field(() => String, { nullable: true, description: "New title, 1–300 characters." })
  title?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "New start date; on or before the end date." })
  startDate?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "New end date (planned or actual); on or after the start date." })
  endDate?: string | null;

  @Field(() => LabFundingInput, { nullable: true, description: "New funding (amount, currency and funder together)." })
  funding?: LabFundingInput | null;
}

@InputType("TransitionLabProjectInput", {
  description:
    "Move a lab project to another status. Allowed: PROPOSED → ACTIVE or CANCELLED; ACTIVE → ON_HOLD, COMPLETED or CANCELLED; ON_HOLD → ACTIVE or CANCELLED.",
})
export class TransitionLabProjectInput {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The project." })
  projectId!: string;

  @Field(() => ProjectStatus, { description: "The new status." })
  to!: string;

  @Field(() => String, { nullable: true, description: "Why, up to 1,000 characters (kept in the audit trail)." })
  reason?: string | null;
}

@InputType("AddLabProjectParticipantInput", { description: "Add an expert to a lab project (not COMPLETED or CANCELLED) with a role." })
export class AddLabProjectParticipantInput {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The project." })
  projectId!: string;

  @Field(() => ID, { description: "The expert: not already a participant, and not the principal investigator." })
  expertId!: string;

  @Field(() => ParticipantRole, { description: "Their role in the project." })
  role!: string;
}

@InputType("AddLabMilestoneInput", { description: "Add a milestone to a lab project (not COMPLETED or CANCELLED)." })
export class AddLabMilestoneInput {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The project." })
  projectId!: string;

  @Field(() => String, { description: "What is to be reached, 1–300 characters." })
  title!: string;

  @Field(() => LocalDateResolver, { description: "When it is due (a past date records a milestone already overdue)." })
  dueOn!: string;
}

@InputType("CompleteLabMilestoneInput", { description: "Record that an open milestone was reached." })
export class CompleteLabMilestoneInput {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The milestone (still open: a done one is a CONFLICT)." })
  milestoneId!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: "When it was reached: not in the future; today (UTC) when not given." })
  doneOn?: string | null;
}

@InputType("AddLabOutputInput", { description: "Record a result of a lab project: a publication, patent or guideline." })
export class AddLabOutputInput {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  idempotencyKey?: string | null;

  @Field(() => ID, { description: "The project." })
  projectId!: string;

  @Field(() => OutputKind, { description: "Publication, patent or guideline." })
  kind!: string;

  @Field(() => String, { description: "Title, 1–500 characters." })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "DOI, required for a PUBLICATION: 10.<4–9 digits>/<suffix of letters, digits and -._()/:>; a https://doi.org/ (or doi:) prefix is removed. Once per project.",
  })
  doi?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Publication or grant date, not in the future." })
  publishedOn?: string | null;

  @Field(() => String, { nullable: true, description: "Where it can be read: an http or https URL, up to 2,000 characters." })
  url?: string | null;
}

@ObjectType("LabProjectPayload", { description: "The lab project a mutation created or changed." })
export class LabProjectPayload {
  projectId!: number;
}

@ObjectType("LabProjectParticipantPayload", { description: "The participant added to a lab project." })
export class LabProjectParticipantPayload {
  projectId!: number;
  expertId!: number;
}

@ObjectType("LabMilestonePayload", { description: "The milestone a mutation created or changed." })
export class LabMilestonePayload {
  milestoneId!: number;
}

@ObjectType("LabOutputPayload", { description: "The output added to a lab project." })
export class LabOutputPayload {
  outputId!: number;
  projectId!: number;
}
