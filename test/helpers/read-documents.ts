import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";

// A schema-aware generator of random, valid read documents (the fuzz test's, test/e2e/fuzz.test.ts, writes hostile
// ones, mostly refused; this one writes what a client would send): root fields picked from a given set, nested
// through relations and connections with random page arguments, cursors and filters drawn from what a fixture
// holds, aliases, inline and named fragments, @skip/@include with literals and variables. Every document it
// writes passes validation (response keys are given one field, type and arguments per document, so fragments
// and siblings always merge), so the differential test compares answers, not refusals. Seeded: the same rng
// gives the same documents.

/** What the fixture holds, for argument values that find something. */
export interface Pools {
  /** Global ids by type name. */
  ids: Record<string, string[]>;
  /** Cursors of the lists of a node type (its one ordering), by type name. */
  cursors: Record<string, string[]>;
  /** Values by input field, "InputType.field" (search strings, codes, years). */
  values: Record<string, unknown[]>;
  countryCodes: string[];
}

export interface GeneratorOptions {
  /** Root fields of Query the documents start from. */
  roots: readonly string[];
  /** Object types to nest through (others get leaves only). */
  types: ReadonlySet<string>;
  /** Types any caller may read every row of (no scope): the ids that cannot fail in nodes(ids:). */
  unscoped: readonly string[];
  /** Deepest object nesting below a root field. */
  maxDepth?: number;
  /** Chance that an argument or page size is one the API refuses (a coded error, which must be the same). */
  invalid?: number;
  /**
   * Emphasis: "Type.field" → weight of a relation or root field among the others (1 by default);
   * "Type.field.arg" or "Input.field" → chance that an optional argument or input field is given.
   */
  weights?: Record<string, number>;
}

export interface ReadDocument {
  query: string;
  variables: Record<string, unknown>;
}

type Rng = () => number;

export class ReadDocumentGenerator {
  private readonly maxDepth: number;
  private readonly invalid: number;
  // Per document:
  private vars = new Map<string, { type: string; value: unknown }>();
  private keys = new Map<string, string>();
  private fragments = new Map<string, { type: string; body: string }>();
  private building = new Set<string>();
  private aliases = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly r: Rng,
    private readonly pools: Pools,
    private readonly opts: GeneratorOptions,
  ) {
    this.maxDepth = opts.maxDepth ?? 4;
    this.invalid = opts.invalid ?? 0.03;
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  private chance(p: number): boolean {
    return this.r() < p;
  }
  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  /** A field, by the weights given ("Type.field"). */
  private pickField(type: string, fs: readonly GraphQLField<unknown, unknown>[]): GraphQLField<unknown, unknown> {
    const w = fs.map((f) => this.opts.weights?.[`${type}.${f.name}`] ?? 1);
    let x = this.r() * w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < fs.length; i++) if ((x -= w[i]) < 0) return fs[i];
    return fs[fs.length - 1];
  }
  private given(key: string, fallback: number): boolean {
    return this.chance(this.opts.weights?.[key] ?? fallback);
  }
  private some<T>(xs: readonly T[], max = xs.length): T[] {
    const out = xs.filter(() => this.chance(0.5));
    return (out.length ? out : [this.pick(xs)]).slice(0, max);
  }

  document(): ReadDocument {
    this.vars = new Map();
    this.keys = new Map();
    this.fragments = new Map();
    this.building = new Set();
    this.aliases = 0;
    const query = this.schema.getQueryType()!;
    const fields = query.getFields();
    const parts: string[] = [];
    const n = this.pick([1, 1, 1, 2, 2, 3]);
    for (let i = 0; i < n; i++) {
      const f = this.pickField(query.name, this.opts.roots.map((name) => fields[name]));
      if (!f) throw new Error(`generator: no root field among ${this.opts.roots.join(",")}`);
      parts.push(this.field(f, 0, query));
    }
    if (this.chance(0.1)) parts.push("__typename");
    const decl = this.vars.size ? `(${[...this.vars].map(([name, v]) => `$${name}: ${v.type}`).join(", ")})` : "";
    const fragments = [...this.fragments].map(([name, f]) => `\nfragment ${name} on ${f.type} { ${f.body} }`).join("");
    return {
      query: `query Q${decl} { ${parts.join(" ")} }${fragments}`,
      variables: Object.fromEntries([...this.vars].filter(([, v]) => v.value !== undefined).map(([name, v]) => [name, v.value])),
    };
  }

  // ── fields ─────────────────────────────────────────────────────────────

  /** One field with its arguments, alias, directives and selection. */
  private field(f: GraphQLField<unknown, unknown>, depth: number, parent: GraphQLObjectType): string {
    const args = this.args(f, parent);
    const named = getNamedType(f.type);
    const typeText = String(f.type);
    // One response key, one field: a key already given another field, type or arguments gets an alias.
    const signature = `${f.name}|${typeText}|${args}`;
    let key = f.name;
    const wantAlias = this.aliases < 12 && this.chance(0.12);
    if (wantAlias || (this.keys.has(key) && this.keys.get(key) !== signature)) key = `a${++this.aliases}`;
    this.keys.set(key, signature);
    const head = `${key === f.name ? "" : `${key}: `}${f.name}${args}`;
    if (isLeafType(named)) return `${head}${this.directive(0.06)}`;
    const selection = this.selection(named, depth + 1);
    return `${head}${this.directive(0.06, selection)} { ${selection} }`;
  }

  /**
   * @skip or @include, with a literal or a variable, now and then: on fields and inline fragments, but not on a
   * selection that holds a fragment nor on a named fragment's spread. graphql-jit gets those wrong (faults
   * pinned in differential.suite.ts: it collects a fragment's fields under a skipped selection when the same
   * field is selected elsewhere, and applies one spread's condition to every spread of a fragment), which would
   * hide everything else this test finds.
   */
  private directive(p: number, selection = ""): string {
    if (selection.includes("...")) return "";
    if (!this.chance(p)) return "";
    const which = this.chance(0.5) ? "include" : "skip";
    const cond = this.chance(0.6) ? `$${this.variable("Boolean!", this.chance(0.5))}` : String(this.chance(0.5));
    return ` @${which}(if: ${cond})`;
  }

  private variable(type: string, value: unknown): string {
    const name = `v${this.vars.size}`;
    this.vars.set(name, { type, value });
    return name;
  }

  // ── selections ─────────────────────────────────────────────────────────

  private selection(type: GraphQLNamedType, depth: number): string {
    if (isInterfaceType(type)) return this.abstract(type.name, depth);
    if (!isObjectType(type)) throw new Error(`generator: ${type.name} is not an object type`);
    if (type.name.endsWith("Connection")) return this.connection(type, depth);
    if (!this.opts.types.has(type.name)) return this.leaves(type, 1 + Math.floor(this.r() * 3));
    return this.object(type, depth);
  }

  /** Node: __typename, id and inline fragments on some of the types that implement it. */
  private abstract(name: string, depth: number): string {
    const parts = [this.chance(0.7) ? "__typename" : "id"];
    if (this.chance(0.5)) parts.push("id");
    const impls = this.schema.getPossibleTypes(this.schema.getType(name) as never).filter((t) => this.opts.types.has(t.name));
    for (const t of this.some(impls, 3)) {
      const body = this.object(t, depth);
      parts.push(`... on ${t.name}${this.directive(0.1, body)} { ${body} }`);
    }
    return parts.join(" ");
  }

  private leaves(type: GraphQLObjectType, n: number): string {
    const leaves = Object.values(type.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && !f.args.length);
    return [...new Set(Array.from({ length: n }, () => this.pick(leaves)))].map((f) => this.field(f, 99, type)).join(" ") || "__typename";
  }

  /** An object of a declared type: some leaves (personal data often), some relations while depth allows. */
  private object(type: GraphQLObjectType, depth: number): string {
    const all = Object.values(type.getFields());
    const leaves = all.filter((f) => isLeafType(getNamedType(f.type)));
    const objects = all.filter((f) => !isLeafType(getNamedType(f.type)));
    // Relations to declared types first; fields of other modules (agreements, experts…) now and then.
    const declared = objects.filter((f) => this.opts.types.has(getNamedType(f.type).name) || getNamedType(f.type).name.endsWith("Connection") && this.opts.types.has(getNamedType(f.type).name.replace(/Connection$/, "")));
    const other = objects.filter((f) => !declared.includes(f));
    const chosen: GraphQLField<unknown, unknown>[] = [];
    for (let i = this.int(1, 4); i > 0; i--) chosen.push(this.pick(leaves));
    for (const f of leaves) if (["dateOfBirth", "passportNumber", "email"].includes(f.name) && this.chance(0.3)) chosen.push(f);
    if (depth <= this.maxDepth) {
      const rels = this.pick([0, 1, 1, 1, 2, 2]) - (depth > 2 ? 1 : 0);
      for (let i = 0; i < rels && declared.length; i++) chosen.push(this.pickField(type.name, declared));
      if (other.length && this.chance(0.08)) chosen.push(this.pick(other));
    }
    const unique = [...new Set(chosen)];
    // Aliases of one relation with other arguments.
    if (depth <= this.maxDepth && this.chance(0.1)) {
      const withArgs = unique.filter((f) => f.args.length);
      if (withArgs.length) unique.push(this.pick(withArgs));
    }
    const parts = unique.map((f) => (this.opts.types.has(getNamedType(f.type).name) || isLeafType(getNamedType(f.type)) || getNamedType(f.type).name.endsWith("Connection") ? this.field(f, depth, type) : this.foreign(f)));
    if (this.chance(0.15)) parts.push("__typename");
    return this.group(type, parts, depth);
  }

  /** A field returning a type outside the engine: its leaves only. */
  private foreign(f: GraphQLField<unknown, unknown>): string {
    const named = getNamedType(f.type) as GraphQLObjectType;
    const key = this.keys.has(f.name) && this.keys.get(f.name) !== `${f.name}|${String(f.type)}|` ? `a${++this.aliases}` : f.name;
    this.keys.set(key, `${f.name}|${String(f.type)}|`);
    return `${key === f.name ? "" : `${key}: `}${f.name} { ${named.name.endsWith("Connection") ? "totalCount" : this.leaves(named, 2)} }`;
  }

  /** Some of the parts moved into an inline fragment or a named fragment (new or one already written). */
  private group(type: GraphQLObjectType, parts: string[], depth: number): string {
    if (parts.length > 1 && this.chance(0.15)) {
      const moved = parts.splice(this.int(0, parts.length - 1), this.int(1, parts.length - 1));
      parts.push(`...${this.chance(0.7) ? ` on ${type.name}` : ""}${this.directive(0.25, moved.join(" "))} { ${moved.join(" ")} }`);
    }
    if (this.chance(0.12)) {
      const existing = [...this.fragments].filter(([n, f]) => f.type === type.name && !this.building.has(n));
      if (existing.length && this.chance(0.5)) parts.push(`...${this.pick(existing)[0]}`);
      else {
        const name = `F${this.fragments.size}`;
        this.fragments.set(name, { type: type.name, body: "" });
        this.building.add(name);
        const body = this.object(type, Math.max(depth, this.maxDepth - 1));
        this.building.delete(name);
        this.fragments.set(name, { type: type.name, body });
        parts.push(`...${name}`);
      }
    }
    return parts.join(" ");
  }

  private connection(type: GraphQLObjectType, depth: number): string {
    const fields = type.getFields();
    const parts: string[] = [];
    if (this.chance(0.45)) parts.push(this.field(fields.totalCount, depth, type));
    if (this.chance(0.35)) {
      const info = fields.pageInfo;
      const sub = getNamedType(info.type) as GraphQLObjectType;
      const pick = this.some(Object.values(sub.getFields()));
      parts.push(`${this.keyFor(info)} { ${pick.map((f) => this.field(f, depth, sub)).join(" ")} }`);
    }
    if (this.chance(0.7) || !parts.length) parts.push(this.field(fields.nodes, depth - 1, type));
    if (this.chance(0.25)) {
      const edge = getNamedType(fields.edges.type) as GraphQLObjectType;
      const ef = edge.getFields();
      const inner = [this.chance(0.7) ? this.field(ef.cursor, depth, edge) : "", this.chance(0.8) ? this.field(ef.node, depth - 1, edge) : ""].filter(Boolean);
      parts.push(`${this.keyFor(fields.edges)} { ${inner.join(" ") || "__typename"} }`);
    }
    if (this.chance(0.05)) parts.push("__typename");
    return parts.join(" ");
  }

  /** The response key of a field without arguments whose selection is built by hand. */
  private keyFor(f: GraphQLField<unknown, unknown>): string {
    const signature = `${f.name}|${String(f.type)}|`;
    if (this.keys.has(f.name) && this.keys.get(f.name) !== signature) {
      const key = `a${++this.aliases}`;
      this.keys.set(key, signature);
      return `${key}: ${f.name}`;
    }
    this.keys.set(f.name, signature);
    return f.name;
  }

  // ── arguments ──────────────────────────────────────────────────────────

  private args(f: GraphQLField<unknown, unknown>, parent: GraphQLObjectType): string {
    if (!f.args.length) return "";
    const out: string[] = [];
    const names = new Set(f.args.map((a) => a.name));
    const target = this.nodeTypeOf(f);
    if (names.has("first")) out.push(...this.page(target));
    for (const a of f.args) {
      if (["first", "last", "after", "before"].includes(a.name)) continue;
      let value: unknown;
      if (a.name === "id") value = this.id(getNamedType(f.type).name);
      // One id that may fail (another type's, a scoped type's, not an id) and the others of unscoped types:
      // nodes(ids:) fails as a whole with the first of its ids to fail, and which is first is timing.
      else if (a.name === "ids") value = [this.id("Node"), ...Array.from({ length: this.int(0, 3) }, () => this.pick(this.opts.unscoped.flatMap((t) => this.pools.ids[t] ?? [])))].sort(() => this.r() - 0.5);
      else if (a.name === "code") value = this.chance(0.9) ? this.pick(this.pools.countryCodes) : "FR";
      else if (!isNonNullType(a.type) && !this.given(`${parent.name}.${f.name}.${a.name}`, 0.45)) continue;
      else value = this.value(a.type, `${parent.name}.${f.name}`, a.name);
      out.push(this.arg(a.name, a.type, value));
    }
    return out.length ? `(${out.join(", ")})` : "";
  }

  /** `name: literal` or `name: $v` (the variable declared with the argument's own type). */
  private arg(name: string, type: GraphQLInputType, value: unknown): string {
    if (this.chance(0.3)) return `${name}: $${this.variable(String(type), value)}`;
    return `${name}: ${literal(value, type)}`;
  }

  /** first/last/after/before: mostly valid, with cursors of the list's own ordering. */
  private page(target: string | undefined): string[] {
    const size = () => (this.chance(this.invalid) ? this.pick([0, 101, -1]) : this.pick([1, 1, 2, 2, 3, 5, 10]));
    const cursor = () => {
      const own = target ? this.pools.cursors[target] : undefined;
      if (this.chance(this.invalid) || !own?.length) return this.pick(["bm9wZQ", Object.values(this.pools.cursors).flat()[0] ?? "x"]);
      return this.pick(own);
    };
    const out: [string, GraphQLInputType, unknown][] = [];
    const intT = this.schema.getType("Int") as GraphQLInputType;
    const strT = this.schema.getType("String") as GraphQLInputType;
    const mode = this.r();
    if (mode < 0.25) return [];
    if (mode < 0.55) out.push(["first", intT, size()]);
    else if (mode < 0.7) out.push(["last", intT, size()]);
    else if (mode < 0.82) out.push(["first", intT, size()], ["after", strT, cursor()]);
    else if (mode < 0.92) out.push(["last", intT, size()], ["before", strT, cursor()]);
    else if (mode < 0.96) out.push(["after", strT, cursor()], ["before", strT, cursor()]);
    else out.push(["first", intT, size()], ["last", intT, size()]);
    return out.map(([n, t, v]) => this.arg(n, t, v));
  }

  private nodeTypeOf(f: GraphQLField<unknown, unknown>): string | undefined {
    const named = getNamedType(f.type);
    return named.name.endsWith("Connection") ? named.name.replace(/Connection$/, "") : undefined;
  }

  /** A global id: of the type asked for mostly, else missing, of another type, or not an id. */
  private id(type: string): string {
    const all = Object.values(this.pools.ids).flat();
    const own = type === "Node" ? all : (this.pools.ids[type] ?? []);
    const x = this.r();
    if (x < 1 - 3 * this.invalid && own.length) return this.pick(own);
    if (x < 1 - 2 * this.invalid) return Buffer.from(`${type === "Node" ? "Institution" : type}:999999`).toString("base64url");
    if (x < 1 - this.invalid) return this.pick(all);
    return "bm90LWFuLWlk";
  }

  private value(type: GraphQLInputType, where: string, name: string): unknown {
    if (isNonNullType(type)) return this.value(type.ofType, where, name);
    if (isListType(type)) return Array.from({ length: this.int(1, 3) }, () => this.value(type.ofType, where, name));
    const pool = this.pools.values[`${where}.${name}`];
    if (pool?.length) return this.pick(pool);
    if (isEnumType(type)) return this.pick(type.getValues()).name;
    if (isInputObjectType(type)) {
      if (this.chance(0.1)) return this.chance(0.5) ? null : {};
      const out: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        if (!isNonNullType(field.type) && !this.given(`${type.name}.${field.name}`, 0.35)) continue;
        const named = getNamedType(field.type);
        const fp = this.pools.values[`${type.name}.${field.name}`];
        if (fp?.length) out[field.name] = isListType(isNonNullType(field.type) ? field.type.ofType : field.type) ? this.some(fp as unknown[], 3) : this.pick(fp);
        else if (named.name === "ID") out[field.name] = this.id(idType(field.name));
        else if (isEnumType(named) && isListType(isNonNullType(field.type) ? field.type.ofType : field.type)) out[field.name] = this.some(named.getValues().map((v) => v.name), 3);
        else out[field.name] = this.value(field.type, type.name, field.name);
      }
      return out;
    }
    switch (type.name) {
      case "Boolean":
        return this.chance(0.5);
      case "Int":
        return this.pick([1, 2, 2020, 2022, 2023, 2024, 2025]);
      case "CountryCode":
        return this.pick(this.pools.countryCodes);
      case "ID":
        return this.id(idType(name));
      case "DateTime":
        return this.pick(["2023-01-01T00:00:00Z", "2023-06-01T12:00:00.000Z", "2024-01-01T00:00:00+05:00"]);
      case "LocalDate":
        return this.pick(["2023-01-01", "2024-12-31"]);
      default:
        return this.pick(["a", "Al", "be"]);
    }
  }
}

/** The type an ID input field names (hostInstitutionId → Institution). */
function idType(field: string): string {
  if (/institution|parent/i.test(field)) return "Institution";
  if (/program/i.test(field)) return "Program";
  if (/cohort/i.test(field)) return "Cohort";
  if (/student/i.test(field)) return "Student";
  if (/enrollment/i.test(field)) return "Enrollment";
  return "Node";
}

/** A value as GraphQL literal text: enum values bare, input objects with bare keys. */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return "null";
  if (isNonNullType(type)) return literal(value, type.ofType);
  if (isListType(type)) return Array.isArray(value) ? `[${value.map((v) => literal(v, type.ofType)).join(", ")}]` : literal(value, type.ofType);
  if (isEnumType(type)) return String(value);
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${literal(v, fields[k].type)}`)
      .join(", ")} }`;
  }
  return JSON.stringify(value);
}
