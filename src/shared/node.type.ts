import { Field, ID, InterfaceType } from "type-graphql";

// Every type implementing Node is declared for the read engine (<entity>.entity.ts), which writes its `id`
// (the global id of its key) and installs the synchronous resolveType graphql-jit needs (engine/schema.ts).
@InterfaceType("Node", {
  description: "An object with a global id, fetchable with `node(id:)`.",
  resolveType: (value: Record<string, unknown>) => (value["#t"] ?? value.__typename) as string | undefined,
})
export abstract class Node {
  @Field(() => ID, { description: "Global, opaque id." })
  id!: string;
}
