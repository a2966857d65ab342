import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type PubSub } from "type-graphql";
import { resolvers } from "./modules/index.js";
import { engineResolverClasses, installResolvers } from "./engine/schema.js";

let built: Promise<GraphQLSchema> | undefined;

const ROOT_DESCRIPTIONS = {
  Query:
    "Reads. Public facts (institutions, programs, cohorts, agreements, labs, experts, dispatches, telemedicine links, events, figures, reports) need no token; students, enrollments, identity reviews and the audit trail need a signed-in caller and show only what its role and institution may see.",
  Mutation:
    "Changes. Each takes one `input` with an optional `idempotencyKey`, runs in one transaction with its audit row, and answers a nullable payload: in a document with several mutations, one that fails answers null with its error and the others' answers stay.",
  Subscription: "Live events over graphql-ws on the same path as HTTP (`/graphql`); send the token as `connectionParams.authorization`.",
} as const;

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
    // type-graphql makes the root types without a way to describe them.
    schema.getQueryType()!.description = ROOT_DESCRIPTIONS.Query;
    schema.getMutationType()!.description = ROOT_DESCRIPTIONS.Mutation;
    schema.getSubscriptionType()!.description = ROOT_DESCRIPTIONS.Subscription;
    return schema;
  });
  return built;
}

/** The SDL committed in schema/schema.graphql: sorted so that file order in the code does not churn it. */
export function printSdl(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
