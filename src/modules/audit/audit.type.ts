import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Connection } from "../../shared/connection.type.js";
import { Node } from "../../shared/node.type.js";

@ObjectType("AuditEntry", { implements: Node, description: "One recorded change: who, when, what (before and after)." })
export class AuditEntry extends Node {
  entityId!: number | null;

  @Field(() => DateTimeResolver, { description: "When the change committed." })
  at!: Date;

  @Field(() => String, { nullable: true, description: "The request that made it (x-request-id)." })
  requestId!: string | null;

  @Field(() => String, { description: "Subject of the account that made it." })
  actorSubject!: string;

  @Field(() => String, { nullable: true, description: "The account's role." })
  actorRole!: string | null;

  @Field(() => String, { description: "What was done, e.g. enrollment.transition." })
  action!: string;

  @Field(() => String, { description: "The type of the changed object, e.g. Enrollment." })
  entityType!: string;

  @Field(() => JSONResolver, { nullable: true, description: "The changed fields before (no personal data)." })
  before!: unknown;

  @Field(() => JSONResolver, { nullable: true, description: "The changed fields after (no personal data)." })
  after!: unknown;
}

@InputType("AuditFilter", { description: "Filters on the audit trail." })
export class AuditFilter {
  @Field(() => String, { nullable: true, description: "This action, e.g. enrollment.transition." })
  action?: string | null;

  @Field(() => ID, { nullable: true, description: "Changes of this object (any global id)." })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: "Changes made by this subject." })
  actorSubject?: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "At or after this time." })
  from?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "Before this time." })
  before?: Date | null;
}

export const AuditEntryConnection = Connection(AuditEntry, "AuditEntry");
