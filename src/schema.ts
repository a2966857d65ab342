import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { resolvers } from "./modules/index.js";

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema (built once per process: type-graphql's metadata is global). */
export function createSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers: [...resolvers] as [Function, ...Function[]], validate: false });
  return built;
}

/** The SDL committed in schema/schema.graphql: sorted so that file order in the code does not churn it. */
export function printSdl(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
