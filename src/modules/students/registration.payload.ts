import { sql, type SQL } from "drizzle-orm";
import type { GraphQLObjectType, GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context.js";
import type { Entity, Who } from "../../engine/entity.js";
import { entityOf } from "../../engine/entity.js";
import { DENIED, DENIED_MARK, Planner } from "../../engine/plan.js";
import { cachedPlan } from "../../engine/plan-cache.js";
import { envOf, pathSignature } from "../../engine/run.js";
import { execPrebuilt, prebuilt } from "../../shared/prebuilt-sql.js";
import { forbidden } from "../auth/access.js";
import { enrollmentScope } from "./student.scope.js";
import { enrollments } from "./student.table.js";

// A single write's payload objects (the student and the nomination of registerStudent, the enrollment of
// transitionEnrollment) in one statement: each object planned by the read engine as `student(id:)` and
// `enrollment(id:)` plan it, under the types' scopes and policies, and the nomination check beside them. They
// were one statement each (the check, the student and the enrollment: three for a registration), and the read
// engine renders its keyed statement afresh for every batch; this one is rendered once per plan.

const notVisible = () => forbidden("This nomination is not one your institution may see");

/** What a payload field reads: `student` (checked against its nomination) or `enrollment`. */
type Kind = "student" | "enrollment";

interface Ask {
  kind: Kind;
  info: GraphQLResolveInfo;
  studentId: number;
  enrollmentId: number;
}

/**
 * One object of a payload, read with the other payload fields of this request in one statement. `student` is
 * shown only while the caller may see the nomination and it is still this student's (a merge of a held
 * registration moves the nomination to the existing student); either is FORBIDDEN when out of the caller's scope.
 */
export function payloadObject(ctx: Context, info: GraphQLResolveInfo, kind: Kind, studentId: number, enrollmentId: number): Promise<unknown> {
  const field = `${kind}\n${pathSignature(info)}`;
  const asks = asked.get(ctx) ?? new Map<string, Ask>();
  asked.set(ctx, asks);
  asks.set(field, { kind, info, studentId, enrollmentId });
  return ctx.loaders
    .get<string, unknown>("payload:objects", (keys) => readObjects(ctx, keys))
    .load(`${field}\n${studentId}\n${enrollmentId}`)
    .then((value) => {
      if (value && typeof value === "object" && DENIED in value) throw notVisible();
      return value;
    });
}

/** The fields asked this request, by `kind\npath`: each key of the loader names one (with its row). */
const asked = new WeakMap<Context, Map<string, Ask>>();

async function readObjects(ctx: Context, keys: readonly string[]): Promise<unknown[]> {
  const asks = asked.get(ctx)!;
  const fields = [...new Set(keys.map((k) => k.split("\n", 3).slice(0, 2).join("\n")))].sort();
  const rows = [...new Set(keys.map((k) => k.split("\n").slice(2).join(",")))].map((r) => r.split(",").map(Number));
  const statement = cachedPlan(ctx, `payload\n${fields.join("\n")}\n${ctx.read.strategy}`, (who) => plan(fields.map((f) => asks.get(f)!), who, ctx), (s) => s.bytes);
  const found = await execPrebuilt(ctx.db, statement, { sids: `{${rows.map((r) => r[0]).join(",")}}`, eids: `{${rows.map((r) => r[1]).join(",")}}` });
  const byRow = new Map(found.map((r) => [`${r.sid},${r.eid}`, r]));
  return keys.map((k) => {
    const parts = k.split("\n");
    const row = byRow.get(`${parts[2]},${parts[3]}`);
    const column = `v${fields.indexOf(`${parts[0]}\n${parts[1]}`)}`;
    if (!row) return null;
    if (parts[0] === "student" && !row.ok) return { [DENIED]: 1 };
    const v = row[column];
    return typeof v === "string" ? JSON.parse(v) : (v ?? null);
  });
}

/**
 * `select k.sid, k.eid, ok, v0, v1… from unnest(sids, eids)`: each v the JSON of one field's object as
 * engine/run.ts's byId plans it (a row out of the caller's scope marked DENIED), `ok` the nomination check.
 */
function plan(asks: Ask[], who: Who, ctx: Context) {
  const p = new Planner(envOf(ctx, asks[0].info, who));
  const values = asks.map((a, i) => {
    const e = entityOf(a.kind === "student" ? "Student" : "Enrollment")!;
    return sql`${object(p, e, a.info, who, sql.raw(a.kind === "student" ? "k.sid" : "k.eid"))} as ${sql.identifier(`v${i}`)}`;
  });
  const scope = enrollmentScope(enrollments, who);
  const ok = asks.some((a) => a.kind === "student") && scope !== false
    ? sql`exists (select 1 from ${enrollments} where ${enrollments.id} = k.eid and ${enrollments.studentId} = k.sid${scope ? sql` and ${scope}` : sql``})`
    : sql`false`;
  return prebuilt<"sids" | "eids">((q) => sql`select k.sid, k.eid, ${ok} as ok, ${sql.join(values, sql`, `)}
    from unnest(${q.sids}::int[], ${q.eids}::int[]) as k(sid, eid)`);
}

/** One row's JSON by its key, as engine/run.ts's byId writes it: outside the caller's scope, the DENIED mark. */
function object(p: Planner, e: Entity, info: GraphQLResolveInfo, who: Who, key: SQL): SQL {
  const { t, name } = p.alias(e.table);
  const type = info.schema.getType(e.name) as GraphQLObjectType;
  const scope = e.scope?.(t, who);
  const obj = p.object(e, type, info.fieldNodes, t);
  const json = scope === undefined ? obj : sql`(case when ${scope === false ? sql`false` : scope} then ${obj} else ${DENIED_MARK} end)`;
  return sql`(select ${json} from ${e.table} as ${sql.identifier(name)} where ${p.col(e, t, e.key)} = ${key})`;
}
