import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { Context } from "../../context.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import { parsePageArgs } from "../../shared/pagination.js";
import { institutionById } from "../institutions/institution.loaders.js";
import { Institution } from "../institutions/institution.type.js";
import { changeOrdering, listChanges, toChange, type ChangeRow } from "./change.service.js";
import { Change, ChangeConnection } from "./change.type.js";

const FEED_DESCRIPTION =
  "Public changes for everyone; changes of students, enrollments and their records only for the admins and registrars (the roles that read personal data) of the student's home and host institutions; everything for platform admins.";

@Resolver(() => Change)
export class ChangeResolver {
  @Query(() => ChangeConnection, {
    description: `The change feed, oldest first, replayable from any cursor (\`after: endCursor\`). ${FEED_DESCRIPTION} A change appears once every transaction that began before it has finished, so none can appear behind a cursor already handed out.`,
  })
  changes(@Args(() => PageArgsType) page: PageArgsType, @Ctx() ctx: Context) {
    return listChanges(ctx, page);
  }

  @Subscription(() => Change, {
    name: "changes",
    description: `Changes as they commit, from any server process (PostgreSQL LISTEN/NOTIFY). With \`after\`, first replays the feed after that cursor. ${FEED_DESCRIPTION}`,
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { after?: string | null }, Context>) => {
      if (!context.changes) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, "Subscriptions are served over WebSocket at /graphql");
      const after = args.after ? (parsePageArgs({ first: 1, after: args.after }, changeOrdering as never).after as [number, number]) : null;
      return context.changes.subscribe(context.viewer, after);
    },
  })
  changed(
    @Root() row: ChangeRow,
    @Arg("after", () => String, { nullable: true, description: "Replay the feed after this cursor first." }) _after: string | null,
  ): Change {
    return toChange(row);
  }

  @FieldResolver(() => Institution, { nullable: true, description: "The institution whose staff made the change." })
  actorInstitution(@Root() c: Change, @Ctx() ctx: Context) {
    return c.actorInstitutionId == null ? null : institutionById(ctx).load(c.actorInstitutionId);
  }
}

export const changeResolvers = [ChangeResolver] as const;
