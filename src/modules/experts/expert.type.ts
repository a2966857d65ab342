import { CountryCodeResolver, DateTimeResolver, LocalDateResolver, NonNegativeIntResolver } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { Connection } from "../../shared/connection.type.js";
import { graphqlEnum } from "../../shared/enum.js";
import { Node } from "../../shared/node.type.js";
import { dispatchPurpose, dispatchRole, dispatchStatus } from "./expert.table.js";

export const DispatchStatus = graphqlEnum(dispatchStatus.enumValues, "DispatchStatus", "Where a dispatch stands: planned, under way, completed or cancelled.", { CANCELLED: "Called off; its experts are free again on those dates.", COMPLETED: "Done, with its outcome recorded; final.", IN_PROGRESS: "Under way.", PLANNED: "Planned, not started yet." });
export const DispatchPurpose = graphqlEnum(dispatchPurpose.enumValues, "DispatchPurpose", "What a dispatch was sent to do.", { COMPLEX_CASE_DIAGNOSIS: "Diagnosis of complex cases with local doctors.", HEALTH_EDUCATION: "Health education for the public or patients.", RESEARCH_COLLABORATION: "Joint research with the host.", SURGICAL_SUPPORT: "Taking part in or supporting operations.", TECHNICAL_TRAINING: "Training the host's medical staff." });
export const DispatchRole = graphqlEnum(dispatchRole.enumValues, "DispatchRole", "The role of an expert in a dispatch team.", { LEAD: "Leads the team (one per dispatch).", MEMBER: "A member of the team." });

@ObjectType("Expert", {
  implements: Node,
  description: "A member of the academic or clinical staff: sent on dispatches, principal investigator or participant of lab projects.",
})
export class Expert extends Node {
  homeInstitutionId!: number;

  @Field(() => String, { description: "Stable short code, unique." })
  code!: string;

  @Field(() => String, { description: "Family name." })
  familyName!: string;

  @Field(() => String, { description: "Given names." })
  givenNames!: string;

  @Field(() => String, { description: "Medical or academic specialty, e.g. \"Cardiology\"." })
  specialty!: string;

  @Field(() => Boolean, { description: "True when the sources do not name this person and the record stands in for one they count." })
  illustrative!: boolean;

  @Field(() => LocalDateResolver, { nullable: true, description: "Inactive from this day (no new dispatches or projects); null while active." })
  deactivatedOn!: string | null;

  @Field(() => DateTimeResolver, { description: "When the record was created." })
  createdAt!: Date;
}

@ObjectType("Dispatch", {
  implements: Node,
  description: "A team of one or more experts sent from an institution to a host institution abroad for a date range.",
})
export class Dispatch extends Node {
  sendingInstitutionId!: number;
  hostInstitutionId!: number;

  @Field(() => String, { description: "Stable short code, unique." })
  code!: string;

  @Field(() => String, { description: "Title." })
  title!: string;

  @Field(() => CountryCodeResolver, { description: "ISO 3166-1 alpha-2 code of the host institution's country." })
  countryCode!: string;

  @Field(() => LocalDateResolver, { description: "First day of the dispatch." })
  startDate!: string;

  @Field(() => LocalDateResolver, { description: "Last day of the dispatch (on or after startDate)." })
  endDate!: string;

  @Field(() => DispatchStatus, { description: "Status." })
  status!: string;

  @Field(() => NonNegativeIntResolver, { nullable: true, description: "Outcome: patients or cases seen; null until recorded." })
  casesSeen!: number | null;

  @Field(() => NonNegativeIntResolver, { nullable: true, description: "Outcome: people trained; null until recorded." })
  peopleTrained!: number | null;

  @Field(() => String, { nullable: true, description: "Outcome: notes on what the dispatch achieved." })
  outcomeNotes!: string | null;

  @Field(() => Boolean, { description: "True when the sources do not describe this dispatch and it stands in for dispatches they count." })
  illustrative!: boolean;

  @Field(() => DateTimeResolver, { description: "When the record was created." })
  createdAt!: Date;
}

@ObjectType("DispatchMember", { description: "An expert on a dispatch team, with their role." })
export class DispatchMember {
  dispatchId!: number;
  expertId!: number;

  @Field(() => DispatchRole, { description: "Leader or member of the team." })
  role!: string;
}

export const ExpertConnection = Connection(Expert, "Expert");
export const DispatchConnection = Connection(Dispatch, "Dispatch");
