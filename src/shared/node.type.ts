import { Field, FieldResolver, ID, InterfaceType, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "../context.js";
import { toGlobalId } from "./global-id.js";

@InterfaceType("Node", {
  description: "An object with a global id, fetchable with `node(id:)`.",
  // A row planned by the engine names its type under "#t"; other rows carry __typename (node.resolver.ts).
  resolveType: (value: Record<string, unknown>) => (value["#t"] ?? value.__typename) as string | undefined,
})
export abstract class Node {
  @Field(() => ID, { description: "Global, opaque id." })
  id!: string;
}

type Loader = (ctx: Context, id: number | string) => Promise<object | null>;
const nodeLoaders = new Map<string, Loader>();

/** Each node type says how to load one by database id (through its loader), for node(id) and nodes(ids). */
export function registerNode(typename: string, load: Loader): void {
  nodeLoaders.set(typename, load);
}

export function nodeLoader(typename: string): Loader | undefined {
  return nodeLoaders.get(typename);
}

/** Base of every node type's resolver: serves `id` as the global id of the row's database id. */
export function NodeResolver<T extends object, Row extends object = { id: number }>(
  type: ClassType<T>,
  typename: string,
  keyOf: (row: Row) => number | string = (r) => (r as unknown as { id: number }).id,
) {
  // Not listed in buildSchema itself: type-graphql 2 builds only the listed resolvers and their inherited fields.
  @Resolver(() => type)
  abstract class BaseNodeResolver {
    @FieldResolver(() => ID, { description: "Global, opaque id." })
    id(@Root() row: Row): string {
      return toGlobalId(typename, keyOf(row));
    }
  }
  return BaseNodeResolver;
}
