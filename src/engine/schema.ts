import {
  getNamedType,
  GraphQLInterfaceType,
  GraphQLObjectType,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from "graphql";
import { Arg, Args, FieldResolver, Query, Resolver, Root as RootParam, type ClassType } from "type-graphql";
import type { Context } from "../context.js";
import { AppError } from "../shared/errors.js";
import { toGlobalId } from "../shared/global-id.js";
import { allEntities, entityOf, type Entity, type FieldMeta, type FieldSource, type JsField } from "./entity.js";
import { DENIED, ERROR, parentKeyOf, PLANNED, TYPE } from "./plan.js";
import { batchedRelation, byId, keyOfId, rootList } from "./run.js";
import { forbidden } from "../modules/auth/access.js";
import { refetch } from "./refetch.js";

// The resolvers of every declared type, derived from the declarations: type-graphql classes that only carry
// the GraphQL facts of relation, computed and root fields (arguments, types, descriptions: the SDL), and,
// once the schema is built, one resolver per field installed by installResolvers.

type Resolve = GraphQLFieldResolver<Record<string, unknown>, Context>;

/** type-graphql resolver classes for the declared fields and roots. */
export function engineResolverClasses(): Function[] {
  return allEntities().map((e) => {
    const cls = class {} as ClassType;
    Object.defineProperty(cls, "name", { value: `${e.name}EngineResolver` });
    for (const [name, src] of Object.entries(e.fields)) if (src.meta) method(cls, name, src.meta, "field");
    for (const [name, root] of Object.entries(e.roots ?? {})) method(cls, name, root.meta, "query");
    Resolver(e.type)(cls);
    return cls;
  });
}

function method(cls: ClassType, name: string, meta: FieldMeta, kind: "field" | "query") {
  const proto = cls.prototype as Record<string, unknown>;
  proto[name] = () => {
    throw new Error(`engine: ${name} has no installed resolver`);
  };
  let i = 0;
  if (kind === "field") RootParam()(proto, name, i++);
  if (meta.argsType) Args(meta.argsType)(proto, name, i++);
  for (const [arg, a] of Object.entries(meta.args ?? {}))
    Arg(arg, a.type as () => ClassType, { nullable: a.nullable, description: a.description })(proto, name, i++);
  const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
  const opts = { description: meta.description, nullable: meta.nullable, deprecationReason: meta.deprecationReason };
  if (kind === "field") FieldResolver(meta.type as () => ClassType, opts)(proto, name, descriptor);
  else Query(meta.type as () => ClassType, opts)(proto, name, descriptor);
}

/** Installs the engine's resolvers on the built schema; throws at startup for a field without a source. */
export function installResolvers(schema: GraphQLSchema): void {
  // node(id:) reads through the engine: a Node type without a declaration could never be fetched by it.
  for (const t of Object.values(schema.getTypeMap()))
    if (t instanceof GraphQLObjectType && t.getInterfaces().some((i) => i.name === "Node") && !entityOf(t.name)?.node)
      throw new Error(`engine: ${t.name} implements Node but has no declaration (an <entity>.entity.ts imported by modules/index.ts)`);
  const pageTypes = new Set<GraphQLObjectType>();
  for (const e of allEntities()) {
    const type = schema.getType(e.name);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`engine: ${e.name} is not an object type of the schema`);
    for (const field of Object.values(type.getFields())) {
      const src = sourceOf(e, field.name);
      field.resolve = fieldResolver(e, field.name, src);
      // Connections the engine writes (not a JavaScript field's page from a loader).
      if (src !== "id" && src.kind === "connection") pageTypes.add(getNamedType(field.type) as GraphQLObjectType);
    }
    const query = schema.getQueryType()!.getFields();
    for (const [name, root] of Object.entries(e.roots ?? {})) {
      const field = query[name];
      if (root.kind === "byId")
        field.resolve = ((_s, args, ctx, info) => byId(e, root.global === false ? (args[root.arg] as string) : keyOfId(e, args[root.arg] as string, root.arg), ctx, info)) as Resolve;
      else field.resolve = ((_s, args, ctx, info) => rootList(e, root, args, ctx, info)) as Resolve;
      if (root.kind === "list") pageTypes.add(getNamedType(field.type) as GraphQLObjectType);
    }
  }
  // type-graphql makes every resolveType async (it awaits the declared one), and graphql-jit needs the type's
  // name synchronously: a Promise there answered every node/nodes query compiled by graphql-jit with
  // INTERNAL_SERVER_ERROR (found by test/integration/differential.suite.ts).
  const node = schema.getType("Node");
  if (node instanceof GraphQLInterfaceType) node.resolveType = typeOfRow as never;
  // Connections, their edges and PageInfo: planned objects are read by response key.
  for (const conn of pageTypes)
    for (const f of Object.values(conn.getFields())) {
      f.resolve = planned;
      const sub = getNamedType(f.type);
      if (sub instanceof GraphQLObjectType && (f.name === "edges" || f.name === "pageInfo")) for (const g of Object.values(sub.getFields())) g.resolve = planned;
    }
}

/** A planned object's value by response key; a plain object's (a page from outside the engine) by field name. */
const planned: Resolve = (src, _args, _ctx, info) => (src[PLANNED] ? unmark(src[info.path.key as string]) : src[info.fieldName]);

function unmark(v: unknown): unknown {
  if (v && typeof v === "object" && !Array.isArray(v) && ERROR in v) {
    const [message, extensions] = (v as Record<string, [string, Record<string, unknown>]>)[ERROR];
    throw new AppError(extensions.code as never, message, extensions);
  }
  return v;
}

function sourceOf(e: Entity, name: string): FieldSource | "id" {
  if (name === "id" && e.node) return "id";
  const src = e.fields[name] ?? (e.columns.has(name) ? { kind: "column" as const, column: name } : undefined);
  if (!src) throw new Error(`engine: ${e.name}.${name} has no source: declare it in the type's entity`);
  return src;
}

function fieldResolver(e: Entity, name: string, src: FieldSource | "id"): Resolve {
  const policy = e.policies?.[name];
  const read = (v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v) && DENIED in v) throw forbidden(policy?.message ?? `${e.name}.${name} is not yours to read`);
    return unmark(v);
  };
  if (src === "id")
    return (row, _a, _c, info) => (row[PLANNED] ? row[info.path.key as string] : toGlobalId(e.name, row[e.key] as number));
  if (src.kind === "column" && !policy)
    return (row, _a, _c, info) => (row[PLANNED] ? row[info.path.key as string] : row[src.column]);
  if (src.kind === "js") {
    const decode = jsDecoder(e, src);
    return (row, args, ctx, info) => {
      if (!row[PLANNED] && !policy) return src.resolve(row, args, ctx, info);
      const v = row[PLANNED] ? read(row[info.path.key as string]) : undefined;
      return v === undefined ? refetch(e, row, ctx, info).then((r) => src.resolve(decode(read(r[info.path.key as string])), args, ctx, info)) : src.resolve(decode(v), args, ctx, info);
    };
  }
  if (src.kind === "one" || src.kind === "list" || src.kind === "connection")
    return (row, args, ctx, info) => {
      const key = info.path.key as string;
      if (row[PLANNED]) {
        if (key in row) return read(row[key]);
        return batchedRelation(src, row[parentKeyOf(key)], args, ctx, info);
      }
      const parent = src.kind === "one" ? row[src.from] : row[src.parentKey ?? e.key];
      return batchedRelation(src, parent, args, ctx, info);
    };
  // Computed in SQL, or under a policy: a plain row asks the engine for the field.
  return (row, _a, ctx, info) => {
    const key = info.path.key as string;
    if (row[PLANNED]) return read(row[key]);
    return refetch(e, row, ctx, info).then((r) => read(r[key]));
  };
}

/** The columns a JavaScript field reads, from their JSON values (json_build_array) to the row's values. */
function jsDecoder(e: Entity, src: JsField) {
  const columns = src.reads.map((p) => [p, e.columns.get(p)!] as const);
  return (v: unknown) => {
    if (!Array.isArray(v)) return v as Record<string, unknown>;
    const row: Record<string, unknown> = {};
    columns.forEach(([p, c], i) => {
      const x = v[i];
      row[p] = x == null || typeof x !== "string" || c.getSQLType() === "text" || c.dataType === "string" ? x : c.mapFromDriverValue(x);
    });
    return row;
  };
}

/** The resolveType of Node: a planned row names its type; plain rows carry `__typename` (shared/node.resolver.ts). */
export const typeOfRow = (value: Record<string, unknown>): string | undefined => (value[TYPE] as string | undefined) ?? (value.__typename as string | undefined);

export type { GraphQLResolveInfo };
export { entityOf };
