import { LocalDateResolver } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { Connection } from "../../shared/connection.type.js";
import { graphqlEnum } from "../../shared/enum.js";
import { Node } from "../../shared/node.type.js";
import { DatePrecision } from "../institutions/institution.type.js";
import { eventKind } from "./event.table.js";

export const EventKind = graphqlEnum(eventKind.enumValues, "EventKind", "What kind of milestone a cooperation event is.", { AGREEMENT_SIGNING: "An agreement was signed.", CENTRE_OPENING: "A centre (such as a TCM centre) opened.", CONSULTATION_DAY: "A free consultation or similar day of care.", FIRST_PROCEDURE: "A medical first, such as a first operation of its kind in a country.", MINISTERIAL_MEETING: "A meeting of ministers.", POLICY: "A policy or an action plan.", PROGRAM_LAUNCH: "A program of study was launched." });

@ObjectType("CooperationEvent", {
  implements: Node,
  description: "A dated milestone of the cooperation (a first operation, a ministers' meeting, a consultation day…), with the institutions and countries involved.",
})
export class CooperationEvent extends Node {
  sourceId!: number | null;

  @Field(() => String, { description: "Stable short code, unique." })
  code!: string;

  @Field(() => EventKind, { description: "What kind of event it is." })
  kind!: string;

  @Field(() => String, { description: "Title." })
  title!: string;

  @Field(() => String, { nullable: true, description: "What happened." })
  description!: string | null;

  @Field(() => LocalDateResolver, { description: "When it happened (see occurredOnPrecision)." })
  occurredOn!: string;

  @Field(() => DatePrecision, { description: "How much of occurredOn the source gives." })
  occurredOnPrecision!: string;
}

export const CooperationEventConnection = Connection(CooperationEvent, "CooperationEvent");
