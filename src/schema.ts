import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type PubSub } from "type-graphql";
import { resolvers } from "./modules/index.js";
import { leanResolvers } from "./shared/lean-resolvers.js";
import { prefetchRelations } from "./shared/prefetch.js";

let built: Promise<GraphQLSchema> | undefined;

// Every subscription here brings its own `subscribe` (the change hub, fed by PostgreSQL NOTIFY);
// type-graphql still wants a PubSub for topic-based ones, of which there are none.
const noTopics: PubSub = {
  publish() {
    throw new Error("topic subscriptions are not used");
  },
  subscribe() {
    throw new Error("topic subscriptions are not used");
  },
};

/** The executable schema (built once per process: type-graphql's metadata is global). */
export function createSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers: [...resolvers] as [Function, ...Function[]], validate: false, pubSub: noTopics }).then((schema) => {
    leanResolvers(schema, resolvers);
    prefetchRelations(schema);
    return schema;
  });
  return built;
}

/** The SDL committed in schema/schema.graphql: sorted so that file order in the code does not churn it. */
export function printSdl(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
