import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type PubSub } from "type-graphql";
import { resolvers } from "./modules/index.js";
import { engineResolverClasses, installResolvers } from "./engine/schema.js";

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
  built ??= buildSchema({ resolvers: [...resolvers, ...engineResolverClasses()] as [Function, ...Function[]], validate: false, pubSub: noTopics }).then((schema) => {
    // Declared types are read by the engine: their resolvers are derived from the declarations.
    installResolvers(schema);
    return schema;
  });
  return built;
}

/** The SDL committed in schema/schema.graphql: sorted so that file order in the code does not churn it. */
export function printSdl(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
