import { sql } from "drizzle-orm";
import { Kind, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo } from "graphql";
import type { Context } from "../context.js";
import { queryRows } from "../db/rows.js";
import type { Entity } from "./entity.js";
import { Planner } from "./plan.js";
import { cachedPlan, sqlBytes } from "./plan-cache.js";
import { envOf, pathSignature } from "./run.js";

/**
 * A field of a row that did not come from the planner (a mutation's payload, a loader outside the engine)
 * and needs SQL (an expression, a policy): the row is read again by its key with just that field, under
 * the type's scope and policies, batched with the other rows of the same field.
 */
export function refetch(e: Entity, row: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo): Promise<Record<string, unknown>> {
  const slot = `refetch\n${pathSignature(info)}`;
  const keyType = e.columns.get(e.key)!.getSQLType();
  return ctx.loaders
    .get<number | string, Record<string, unknown>>(slot, async (keys) => {
      const query = cachedPlan(
        ctx,
        slot,
        (who) => {
          const p = new Planner(envOf(ctx, info, who));
          const { t, name } = p.alias(e.table);
          const parent: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: "_" }, selectionSet: { kind: Kind.SELECTION_SET, selections: info.fieldNodes } };
          const obj = p.object(e, info.schema.getType(e.name) as GraphQLObjectType, [parent], t);
          const scope = e.scope?.(t, who);
          const json = scope === undefined ? obj : sql`(case when ${scope === false ? sql`false` : scope} then ${obj} end)`;
          return sql`(select ${json} from ${e.table} as ${sql.identifier(name)} where ${p.col(e, t, e.key)} = k.v)`;
        },
        sqlBytes,
      );
      const array = /int|serial/.test(keyType) ? sql`${`{${keys.join(",")}}`}::int[]` : sql`${textArray(keys)}::text[]`;
      const rows = await queryRows(ctx.db, sql`select k.v as key, ${query} as value from unnest(${array}) as k(v)`);
      const byKey = new Map(rows.map((r) => [String(r.key), typeof r.value === "string" ? JSON.parse(r.value) : null]));
      return keys.map((k) => byKey.get(String(k)) ?? {});
    })
    .load(row[e.key] as number);
}

/** Text keys (country codes) as one array literal parameter. */
export const textArray = (keys: readonly (string | number)[]) => `{${keys.map((k) => `"${String(k).replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
