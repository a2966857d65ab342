import DataLoader from "dataloader";
import { defaultFieldResolver, GraphQLObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from "graphql";
import type { Context } from "../context.js";
import { PREFETCHED, relationsByType, sqlTypeOf, type Prefetched, type Relation } from "./prefetch.registry.js";
import { planRelation, type RelationPlan } from "./prefetch.plan.js";
import { runPlan } from "./prefetch.sql.js";

// Nested reads in one statement. A query such as the portal's enrollment dashboard (institution → programs →
// cohorts → enrollments → student) costs one batched statement per level through the loaders, and the
// server's CPU then goes to reading 25,000 cells of whole rows and building the objects (BENCHMARKS.md §7).
// Where a relation field's selection holds further relations, the whole subtree below it is read in one
// statement instead, as PostgreSQL-built JSON, with only the columns the selection needs. The lists use the
// same specifications (order, scope conditions, page arguments) as their loaders, so what a caller may see
// does not change; each field's own resolver stays the fallback for anything the planner does not know.

/**
 * Run once on the built schema (after leanResolvers): every registered relation field first answers from
 * its row's prefetched values, then tries to plan its subtree as one statement, then falls back to its own
 * resolver (single-level selections, anything the planner does not know, bad arguments: the resolver
 * raises the same error it always did).
 */
export function prefetchRelations(schema: GraphQLSchema): number {
  let n = 0;
  for (const [typeName, fields] of relationsByType()) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`prefetch: ${typeName} is not an object type`);
    if (!sqlTypeOf(typeName)) throw new Error(`prefetch: ${typeName} has relations but no table`);
    for (const [fieldName, relation] of fields) {
      const field = type.getFields()[fieldName];
      if (!field) throw new Error(`prefetch: ${typeName}.${fieldName} is not a field`);
      const original = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, Context>;
      field.resolve = (root: Prefetched, args, ctx: Context, info) => {
        const pre = root[PREFETCHED];
        if (pre !== undefined) {
          const key = info.fieldNodes[0].alias?.value ?? fieldName;
          if (key in pre) return pre[key];
        }
        const loader = ctx.prefetch === false ? null : planLoader(ctx, info, type, relation);
        if (!loader) return original(root, args, ctx, info);
        const parentKey = (root as Record<string, unknown>)[relation.parentKey] as number | null;
        return parentKey == null ? null : loader.load(parentKey);
      };
      n++;
    }
  }
  return n;
}

/** The batch loader of one relation field in this request, or null when its subtree is not worth planning. */
function planLoader(ctx: Context, info: GraphQLResolveInfo, parentType: GraphQLObjectType, relation: Relation) {
  // By every field node merged into this field (and the parent type): a fragment's field node can be merged
  // with other siblings elsewhere in the operation, and then its selection, and so its plan, differ.
  const locations = info.fieldNodes.map((n) => (n.loc ? `${n.loc.start}-${n.loc.end}` : undefined));
  if (locations.includes(undefined)) return null; // a document parsed without locations: the field's own loader
  return ctx.loaders.memo(`prefetch:${parentType.name}:${locations.join(",")}`, () => {
    const plan = planRelation(ctx, info, parentType, info.fieldNodes, relation);
    // One level only: the field's own loader reads it in one statement already.
    if (!plan || !hasNested(plan)) return null;
    return new DataLoader<number, unknown>((keys) => runPlan(ctx.db, plan, keys), { maxBatchSize: 1000 });
  });
}

const hasNested = (plan: RelationPlan) => plan.node.relations.length > 0;
