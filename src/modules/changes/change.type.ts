import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import { Connection } from "../../shared/connection.type.js";

@ObjectType("Change", {
  description:
    "One committed change, as the change feed and the `changes` subscription deliver it. Replaying the feed from any cursor gives the same changes in the same order.",
})
export class Change {
  @Field(() => String, { description: "Cursor of this change: pass it as `after` to resume right after it." })
  cursor!: string;

  @Field(() => String, { description: "The changed object's type, e.g. Enrollment." })
  entityType!: string;

  @Field(() => ID, { nullable: true, description: "Global id of the changed object." })
  entityId!: string | null;

  @Field(() => String, { description: "What happened, e.g. enrollment.transition." })
  action!: string;

  @Field(() => DateTimeResolver, { description: "When the change committed." })
  at!: Date;

  actorInstitutionId!: number | null;

  @Field(() => String, { nullable: true, description: "For enrollment changes: the status after the change." })
  enrollmentStatus!: string | null;

  @Field(() => JSONResolver, { nullable: true, description: "The changed fields after the change (never personal data). Ids in it are global ids, as everywhere else in the API." })
  data!: unknown;
}

export const ChangeConnection = Connection(Change, "Change");
