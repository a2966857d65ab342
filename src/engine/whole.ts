import { sql, type SQL } from "drizzle-orm";
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  GraphQLObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { collectFields } from "graphql/execution/collectFields.js";
import type { Context } from "../context.js";
import { queryRows } from "../db/rows.js";
import { allEntities, type Entity, type Root } from "./entity.js";
import { recordActualCost } from "../shared/limits/actual-cost.js";
import { literal, long, object, takeCostMarks, withCostMark, type Pair } from "./json.js";
import { DENIED_MARK, DENIED_TEXT, ownCost, Planner } from "./plan.js";
import { cachedPlan, sqlBytes } from "./plan-cache.js";
import { keyOfId, planRootList } from "./run.js";

// A query whose every root field is a declared root, with nothing that needs JavaScript (a computed leaf, a
// refused argument, a scope that refuses the caller), is answered by one statement that writes the
// response's `data` as JSON text; no resolver runs. Where a policy or a scope denies a value, the text holds
// a mark, and the resolvers answer instead, raising the error at its path. The same builders as every other read
// (plan.ts) in their "raw" output, which also marks what each value cost: the marks are taken out of the text
// and added up into the answer's actual cost (extensions.cost.actual), so the answer is never parsed to be
// counted. Anything else returns null here and runs through the resolvers.

const rootsByField = () => {
  const m = new Map<string, { e: Entity; root: Root }>();
  for (const e of allEntities()) for (const [name, root] of Object.entries(e.roots ?? {})) m.set(name, { e, root });
  return m;
};
let roots: Map<string, { e: Entity; root: Root }> | undefined;

export interface WholeRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null | undefined;
  rawVariables: Record<string, unknown> | undefined;
  ctx: Context;
}

/** The operation's `data` as JSON text, or null when it is not answerable whole. */
export async function answerWhole(op: WholeRequest): Promise<string | null> {
  const query = cachedPlan(op.ctx, `whole\n${op.operationName ?? ""}`, (who) => planWhole(op, who), sqlBytes);
  if (!query) return null;
  const rows = await queryRows(op.ctx.db, query);
  const text = rows[0]?.data;
  // Something was denied (a policy, a scope): the resolvers answer, with the error at its path.
  if (typeof text !== "string" || text.includes(DENIED_TEXT)) return null;
  const answer = takeCostMarks(text);
  recordActualCost(op.ctx, answer.cost);
  return answer.text;
}

/** Exported for the tests. */
export function planWhole({ schema, document, operationName, rawVariables }: WholeRequest, who: Context["viewer"]): SQL | null {
  roots ??= rootsByField();
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  const queryType = schema.getQueryType();
  if (!operation || operation.operation !== "query" || !queryType) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const p = new Planner({ schema, fragments, variableValues: coerced.coerced, who, mode: "raw", strategy: "inline" });
  const pairs: Pair[] = [];
  try {
    for (const [key, nodes] of collectFields(schema, fragments, coerced.coerced, queryType, operation.selectionSet)) {
      const name = nodes[0].name.value;
      if (name === "__typename") {
        pairs.push([key, literal(queryType.name)]);
        continue;
      }
      const found = roots.get(name);
      if (!found) return null;
      const { e, root } = found;
      const field = queryType.getFields()[name];
      const args = getArgumentValues(field, nodes[0], coerced.coerced);
      // What the root field's value costs of its own (a row found is one object; a connection is one object).
      const cost = ownCost(queryType.name, field);
      const { t, name: alias } = p.alias(e.table);
      const scope = e.scope?.(t, who);
      // A scope that refuses the caller everything: an error, which the resolvers raise.
      if (scope === false) return null;
      if (root.kind === "byId") {
        const id = root.global === false ? (args[root.arg] as string) : keyOfId(e, args[root.arg] as string, root.arg);
        const obj = p.object(e, getNamedType(field.type) as GraphQLObjectType, nodes, t, { mark: cost.perValue + cost.perItem });
        // A row outside the caller's scope: marked, and answered by the resolvers (an error for the caller).
        const json = scope === undefined ? obj : sql`(case when ${scope} then ${obj} else ${DENIED_MARK} end)`;
        // No row: null for a caller who sees every row; marked too for one whose scope depends on the row, so the
        // resolvers answer it as out of scope (which ids exist is not told).
        const none = scope === undefined ? sql`'null'` : DENIED_MARK;
        pairs.push([key, long(sql`coalesce((select ${json} from ${e.table} as ${sql.identifier(alias)} where ${p.col(e, t, e.key)} = ${id}), ${none})`)]);
      } else {
        // A root plain list whose own cost would count its rows cannot be marked here (planRootList gives no
        // count of them): the resolvers answer it. A root connection is one object.
        if (root.kind !== "list" && cost.perItem) return null;
        const value = planRootList(p, e, root, getNamedType(field.type) as GraphQLObjectType, nodes, args, who);
        pairs.push([key, withCostMark(value, cost.perValue + (root.kind === "list" ? cost.perItem : 0))]);
      }
    }
  } catch {
    return null; // a refused argument: the resolvers report it where it is
  }
  if (p.impure.length) return null;
  return sql`select ${object(pairs)} as data`;
}
