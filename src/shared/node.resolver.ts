import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import { entityOf } from "../engine/entity.js";
import { byId } from "../engine/run.js";
import type { Context } from "../context.js";
import { badInput } from "./errors.js";
import { decodeGlobalId } from "./global-id.js";
import { Node } from "./node.type.js";

// Every node type is declared for the read engine: read under its scope and policies like any other read.
function loadNode(ctx: Context, info: GraphQLResolveInfo, id: string, field: string): Promise<object | null> {
  const { type, id: key } = decodeGlobalId(id, field);
  const e = entityOf(type);
  if (!e?.node) throw badInput(field, `"${id}" is not the id of a known type`);
  return byId(e, key, ctx, info, true) as Promise<object | null>;
}

@Resolver()
export class NodeQueryResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global id; null when there is none." })
  node(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadNode(ctx, info, id, "id");
  }

  @Query(() => [Node], { nullable: "items", description: "Objects by global ids (at most 100), in the order asked; null for each missing one, and for each refused one (a bad id, no access) with its error at its index, the others still answered." })
  nodes(@Arg("ids", () => [ID], { description: "Global ids, at most 100." }) ids: string[], @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    if (ids.length > 100) throw badInput("ids", `at most 100 ids, got ${ids.length}`);
    // A list of promises, not one: an id refused (no access, a bad id) is null with its error at nodes[i], and the
    // others, and the document's other fields, are still answered.
    return ids.map((id, i) => Promise.resolve().then(() => loadNode(ctx, info, id, `ids[${i}]`)).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
  }
}
