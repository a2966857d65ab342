import { GraphQLInterfaceType, GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema, type GraphQLTypeResolver } from "graphql";
import { getMetadataStorage } from "type-graphql";

/**
 * type-graphql wraps every field in its own resolver. For a @FieldResolver that wrapper, on every call,
 * copies the parent row into a new instance of the object class (convertToType), sorts and maps the
 * parameter metadata (getParams) and allocates a ResolverData; for a plain @Field it still allocates a
 * ResolverData to run an empty middleware chain. The dashboard of the benchmark resolves about 10,000
 * fields, so those copies were a large part of its allocation (BENCHMARKS.md §5).
 *
 * This pass, run once on the built schema, replaces them where nothing is lost:
 * - a plain @Field with no middleware, no @Authorized roles and not marked `simple: false` gets the
 *   executor's default property read (what type-graphql's own `simpleResolvers` option does). Fields whose
 *   value can be a promise are marked `simple: false`: graphql-jit reads resolver-less fields inline and
 *   would not await them;
 * - a @FieldResolver method whose parameters are only @Root(), @Ctx() and @Info() (no arguments to convert
 *   or validate) and which has no middleware or roles is called directly on the resolver class's one
 *   instance, with the row as it is.
 * Resolvers with arguments, middleware, roles or other parameter kinds keep type-graphql's wrapper.
 * Nothing in this project uses global middleware; the pass refuses to run if some is configured.
 */
export function leanResolvers(schema: GraphQLSchema, resolverClasses: readonly Function[], globalMiddlewares: readonly unknown[] = []): { plain: number; methods: number } {
  if (globalMiddlewares.length) throw new Error("leanResolvers: global middlewares would be skipped");
  const storage = getMetadataStorage();
  const counts = { plain: 0, methods: 0 };
  const instances = new Map<Function, object>();
  const instanceOf = (target: Function) => {
    let inst = instances.get(target);
    if (!inst) instances.set(target, (inst = new (target as new () => object)()));
    return inst;
  };

  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!(type instanceof GraphQLObjectType)) continue;
    const fields = type.getFields();
    for (const fieldMeta of objectType.fields ?? []) {
      const field = fields[fieldMeta.schemaName];
      if (!field) continue;
      // `simple: false` on a @Field: its value may be a promise, so it keeps a resolver.
      if (fieldMeta.middlewares?.length || fieldMeta.roles?.length || fieldMeta.simple === false) continue;
      const candidates = storage.fieldResolvers.filter((r) => r.getObjectType?.() === objectType.target && r.methodName === fieldMeta.name);
      if (!candidates.length) {
        field.resolve = undefined;
        counts.plain++;
        continue;
      }
      // A resolver class listed in buildSchema, or the base class it inherits the method from (NodeResolver's
      // `id`). Methods on the object class itself (kind "internal", a connection's totalCount) keep their wrapper.
      const listed = candidates.filter(
        (r) => r.kind === "external" && resolverClasses.some((c) => c === r.target || Object.prototype.isPrototypeOf.call(r.target, c)),
      );
      if (listed.length !== 1 || candidates.some((r) => r.kind === "internal")) continue;
      const resolverMeta = listed[0];
      if (resolverMeta.middlewares?.length || resolverMeta.roles?.length) continue;
      const params = [...(resolverMeta.params ?? [])].sort((a, b) => a.index - b.index);
      const plainParams = params.every(
        (p) => p.kind === "info" || (p.kind === "context" && !p.propertyName) || (p.kind === "root" && !p.propertyName && !p.getType),
      );
      if (!plainParams) continue;
      const method = (resolverMeta.target.prototype as Record<string, (...a: unknown[]) => unknown>)[resolverMeta.methodName];
      const instance = instanceOf(resolverMeta.target);
      const kinds = params.map((p) => p.kind);
      field.resolve = leanCall(method, instance, kinds);
      counts.methods++;
    }
  }
  // type-graphql makes every interface's resolveType async (it awaits the user's function), and graphql-jit
  // needs a type name synchronously. The user's function here returns one: call it directly.
  for (const iface of storage.interfaceTypes) {
    const type = schema.getType(iface.name);
    if (!(type instanceof GraphQLInterfaceType) || !iface.resolveType) continue;
    const userResolveType = iface.resolveType as (...a: unknown[]) => unknown;
    const nameOf = (t: unknown) => (typeof t === "function" ? storage.objectTypes.find((o) => o.target === t)?.name : ((t as string | null | undefined) ?? undefined));
    type.resolveType = ((value, ctx, info, abstractType) => {
      const t = userResolveType(value, ctx, info, abstractType);
      return t instanceof Promise ? t.then(nameOf) : nameOf(t);
    }) as GraphQLTypeResolver<unknown, unknown>;
  }
  return counts;
}

function leanCall(method: (...a: unknown[]) => unknown, instance: object, kinds: string[]): GraphQLFieldResolver<unknown, unknown> {
  // The common shapes without an argument array per call.
  const key = kinds.join(",");
  if (key === "root") return (root) => method.call(instance, root);
  if (key === "root,context") return (root, _args, ctx) => method.call(instance, root, ctx);
  return (root, _args, ctx, info) =>
    method.apply(
      instance,
      kinds.map((k) => (k === "root" ? root : k === "context" ? ctx : info)),
    );
}
