import type { ApolloServerPlugin, GraphQLRequestContext } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import {
  coerceInputValue,
  getNamedType,
  GraphQLError,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  TypeInfo,
  typeFromAST,
  validate,
  ValuesOfCorrectTypeRule,
  visit,
  visitWithTypeInfo,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type ObjectFieldNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  type VariableDefinitionNode,
} from "graphql";
import type { Context } from "../context.js";
import type { AppLogger } from "../logger.js";
import { INT4_MAX, INT4_MIN, isStorableText, UNSTORABLE_TEXT } from "./args.js";
import { ErrorCode } from "./errors.js";
import { makeFormatError, markLiteralValueError } from "./format-error.js";

/**
 * The input boundary: after validation, before anything executes (so before any SQL and on both executors),
 *
 * - coerces the variables as graphql-js does and reports each failure with graphql-js's wording and the
 *   field path, `Variable "$input" got invalid value "2005-13-45" at "input.student.dateOfBirth"; …`, coded
 *   BAD_USER_INPUT with `extensions.field` = `input.student.dateOfBirth` (graphql-jit's own messages name
 *   the innermost field as if it were a variable, and neither executor gives the path as a field); the field
 *   is the argument path the variable is passed to (`$i` in `recordResults(input: $i)` is `input…`);
 * - refuses text PostgreSQL cannot store (a NUL character, an unpaired surrogate) in any string argument or
 *   variable, and integers past int4 in scalars stored as `integer` (graphql-scalars' NonNegativeInt takes
 *   any safe integer), naming the field.
 *
 * Every error found is answered at once, HTTP 400, each through the one error mapper (format-error.ts).
 * Literal values are checked once per parsed document; variables on every request.
 */
export function inputCheckPlugin(opts: { schema: () => GraphQLSchema; logger: AppLogger; hideSuggestions?: boolean }): ApolloServerPlugin<Context> {
  const format = makeFormatError(opts.logger);
  // "Did you mean …?" names fields the client did not ask for: only where introspection is on (as Apollo does for validation).
  const message = (e: GraphQLError) => (opts.hideSuggestions ? e.message.replace(/ ?Did you mean(.+?)\?$/, "") : e.message);
  return {
    async requestDidStart() {
      return {
        // A literal value validation refused is named by its argument path (formatted BAD_USER_INPUT by the mapper).
        async validationDidStart(rc: GraphQLRequestContext<Context>) {
          return async (errors?: readonly Error[]) => {
            const invalid = (errors ?? []).filter((e): e is GraphQLError => e instanceof GraphQLError);
            if (invalid.length && rc.document) for (const [e, field] of literalValueFields(opts.schema(), rc.document, invalid)) markLiteralValueError(e, field);
          };
        },
        async responseForOperation(rc: GraphQLRequestContext<Context>) {
          const { document, operation } = rc;
          if (!document || !operation) return null;
          const errors = checkOperation(opts.schema(), document, operation, rc.request.variables);
          if (!errors.length) return null;
          return {
            http: { status: 400, headers: new HeaderMap() },
            body: { kind: "single", singleResult: { errors: errors.map((e) => format({ ...e.toJSON(), message: message(e), extensions: { ...e.extensions } }, e)) } },
          };
        },
      };
    },
  };
}

/** Scalars stored in PostgreSQL `integer` columns (built-in Int is int4 already). */
const INT4_SCALARS = new Set(["NonNegativeInt", "PositiveInt", "NonPositiveInt", "NegativeInt"]);
/** graphql-js stops at 50 bad variable values; so do we. */
const MAX_ERRORS = 50;

export function checkOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: unknown): GraphQLError[] {
  const literal = literalErrors(schema, document, operation);
  const vars = variables !== null && typeof variables === "object" && !Array.isArray(variables) ? (variables as Record<string, unknown>) : {};
  const errors = [...literal, ...variableErrors(schema, operation.variableDefinitions ?? [], vars, argumentPaths(document, operation))];
  return errors.length > MAX_ERRORS ? [...errors.slice(0, MAX_ERRORS), tooMany()] : errors;
}

const tooMany = () =>
  new GraphQLError("Too many errors processing variables, error limit reached. Execution aborted.", {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: "variables" },
  });

function badVariable(message: string, field: string, node: VariableDefinitionNode, originalError?: Error): GraphQLError {
  return new GraphQLError(message, { nodes: node, originalError, extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

/**
 * graphql-js's CoerceVariableValues (execution/values.ts), with the path of each failure kept as the field,
 * then the storage checks on what coerced.
 */
function variableErrors(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  inputs: Record<string, unknown>,
  argumentPath: ReadonlyMap<string, string | null>,
): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const def of definitions) {
    if (errors.length > MAX_ERRORS) break;
    const name = def.variable.name.value;
    // The message names the variable (graphql-js's words); the field is the argument it is passed to.
    const field = argumentPath.get(name) ?? name;
    const type = typeFromAST(schema, def.type);
    if (!type || !isInputType(type)) continue; // validation has refused it already
    if (!Object.hasOwn(inputs, name)) {
      if (!def.defaultValue && isNonNullType(type)) errors.push(badVariable(`Variable "$${name}" of required type "${String(type)}" was not provided.`, field, def));
      continue;
    }
    const value = inputs[name];
    if (value === null && isNonNullType(type)) {
      errors.push(badVariable(`Variable "$${name}" of non-null type "${String(type)}" must not be null.`, field, def));
      continue;
    }
    let coerced = true;
    coerceInputValue(value, type, (path, invalid, error) => {
      coerced = false;
      const at = path.length ? ` at "${name}${printPath(path)}"` : "";
      // A required field left out is reported at its object ("input.results[3]"): the field is the one missing.
      const missing = /^Field "([_A-Za-z][_0-9A-Za-z]*)" of required type ".*" was not provided\.$/.exec(error.message)?.[1];
      errors.push(badVariable(`Variable "$${name}" got invalid value ${inspect(invalid)}${at}; ${error.message}`, `${field}${printPath(missing ? [...path, missing] : path)}`, def, error));
    });
    if (!coerced) continue;
    storable(value, type, [], (path, invalid, reason) => {
      const at = path.length ? ` at "${name}${printPath(path)}"` : "";
      errors.push(badVariable(`Variable "$${name}" got invalid value ${short(invalid)}${at}; ${reason}`, `${field}${printPath(path)}`, def));
    });
  }
  return errors;
}

/**
 * Where each variable of the operation is passed: the argument path a literal in its place would be named
 * by (`input`, `filter.search` for `institutions(filter: { search: $s })`, `enrollments.after` for a nested
 * field's argument), the form field a client maps an error to, whatever it called the variable. A variable
 * passed at two different paths, or to a directive, has no one argument: null, and its errors name it.
 * Depends on the document only: kept with it.
 */
const argumentPathsOf = new WeakMap<DocumentNode, Map<OperationDefinitionNode, Map<string, string | null>>>();

function argumentPaths(document: DocumentNode, operation: OperationDefinitionNode): ReadonlyMap<string, string | null> {
  let byOperation = argumentPathsOf.get(document);
  if (!byOperation) argumentPathsOf.set(document, (byOperation = new Map()));
  let paths = byOperation.get(operation);
  if (!paths) byOperation.set(operation, (paths = findArgumentPaths(document, operation)));
  return paths;
}

function findArgumentPaths(document: DocumentNode, operation: OperationDefinitionNode): Map<string, string | null> {
  const paths = new Map<string, string | null>();
  const use = (name: string, path: string | null) => paths.set(name, !paths.has(name) || paths.get(name) === path ? path : null);
  walkArgumentValues(document, operation.directives, operation.selectionSet, true, (node, path, inDirective) => {
    if (node.kind === Kind.VARIABLE) use(node.name.value, inDirective ? null : printField(path));
  });
  return paths;
}

/**
 * Calls `onValue` with every value node in the arguments of a selection set and its directives (and every
 * object field node of a literal object), with its argument path: the argument's name (a nested field's
 * argument after its field, "enrollments.after"), then input fields and list positions.
 */
function walkArgumentValues(
  document: DocumentNode,
  directives: readonly DirectiveNode[] | undefined,
  selectionSet: SelectionSetNode,
  root: boolean,
  onValue: (node: ValueNode | ObjectFieldNode, path: Path, inDirective: boolean) => void,
): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const inValue = (node: ValueNode, path: Path, inDirective: boolean): void => {
    onValue(node, path, inDirective);
    if (node.kind === Kind.LIST) node.values.forEach((v, i) => inValue(v, [...path, i], inDirective));
    else if (node.kind === Kind.OBJECT)
      for (const f of node.fields) {
        onValue(f, [...path, f.name.value], inDirective);
        inValue(f.value, [...path, f.name.value], inDirective);
      }
  };
  const inDirectives = (list: readonly DirectiveNode[] | undefined) => {
    for (const d of list ?? []) for (const a of d.arguments ?? []) inValue(a.value, [a.name.value], true);
  };
  // Fragments inlined where they are spread, so a field's depth is its depth in the operation (a cycle is
  // refused by validation; `spreading` guards anyway).
  const spreading = new Set<string>();
  const inSelections = (set: SelectionSetNode, root: boolean): void => {
    for (const s of set.selections) {
      inDirectives(s.directives);
      if (s.kind === Kind.FIELD) {
        // An argument of a nested field is named after its field, as literal values are ("enrollments.after").
        for (const a of s.arguments ?? []) inValue(a.value, root ? [a.name.value] : [s.name.value, a.name.value], false);
        if (s.selectionSet) inSelections(s.selectionSet, false);
      } else if (s.kind === Kind.INLINE_FRAGMENT) inSelections(s.selectionSet, root);
      else {
        const f = fragments.get(s.name.value);
        if (!f || spreading.has(f.name.value)) continue;
        spreading.add(f.name.value);
        inDirectives(f.directives);
        inSelections(f.selectionSet, root);
        spreading.delete(f.name.value);
      }
    }
  };
  inDirectives(directives);
  inSelections(selectionSet, root);
}

/**
 * The argument path of each literal value graphql-js's ValuesOfCorrectTypeRule refused (a custom scalar's
 * bad literal, a wrong enum value, a string for an Int, a field unknown to or missing from an input object),
 * keyed by the validation error: such a value is the client's bad input, answered BAD_USER_INPUT naming its
 * field as the same value in a variable is, not GRAPHQL_VALIDATION_FAILED without one. Run only when
 * validation failed; the other validation errors are not in the map.
 */
export function literalValueFields(schema: GraphQLSchema, document: DocumentNode, errors: readonly GraphQLError[]): Map<GraphQLError, string> {
  const fields = new Map<GraphQLError, string>();
  if (!errors.length) return fields;
  // Which errors are the rule's: the same message at the same node (validation errors carry no rule name).
  const ofRule = new Map<string, Set<unknown>>();
  for (const e of validate(schema, document, [ValuesOfCorrectTypeRule])) {
    const at = ofRule.get(e.message) ?? new Set();
    at.add(e.nodes?.[0]);
    ofRule.set(e.message, at);
  }
  const theirs = errors.filter((e) => e.nodes?.[0] && ofRule.get(e.message)?.has(e.nodes[0]));
  if (!theirs.length) return fields;
  const paths = new Map<unknown, Path>();
  const record = (node: unknown, path: Path) => void (paths.has(node) || paths.set(node, path));
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].map((t) => t?.name));
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) {
      for (const v of d.variableDefinitions ?? []) if (v.defaultValue) walkDefault(v.defaultValue, [v.variable.name.value], record);
      walkArgumentValues(document, d.directives, d.selectionSet, true, record);
    }
  }
  // Fragments no operation spreads (refused by validation too): on their own, after the operations' paths.
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) walkArgumentValues(document, d.directives, d.selectionSet, roots.has(d.typeCondition.name.value), record);
  for (const e of theirs) {
    const path = paths.get(e.nodes![0]);
    if (!path) continue;
    // A required field left out is reported at its object: the field is the one missing (as for variables).
    const missing = /^Field "[^"]*\.([_A-Za-z][_0-9A-Za-z]*)" of required type ".*" was not provided\.$/.exec(e.message)?.[1];
    fields.set(e, printField(missing ? [...path, missing] : path));
  }
  return fields;
}

function walkDefault(node: ValueNode, path: Path, record: (node: ValueNode | ObjectFieldNode, path: Path) => void): void {
  record(node, path);
  if (node.kind === Kind.LIST) node.values.forEach((v, i) => walkDefault(v, [...path, i], record));
  else if (node.kind === Kind.OBJECT)
    for (const f of node.fields) {
      record(f, [...path, f.name.value]);
      walkDefault(f.value, [...path, f.name.value], record);
    }
}

type Path = readonly (string | number)[];

/** Walks a value as given (JSON from the client) along its input type; reports what PostgreSQL cannot store. */
function storable(value: unknown, type: GraphQLInputType, path: Path, report: (path: Path, value: unknown, reason: string) => void): void {
  if (value == null) return;
  if (isNonNullType(type)) return storable(value, type.ofType, path, report);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((item, i) => storable(item, type.ofType, [...path, i], report));
    else storable(value, type.ofType, path, report); // one value given for a list: graphql-js wraps it
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== "object") return;
    for (const [name, field] of Object.entries(type.getFields()))
      if (Object.hasOwn(value, name)) storable((value as Record<string, unknown>)[name], field.type, [...path, name], report);
    return;
  }
  if (!isScalarType(type)) return; // enum values are names
  if (typeof value === "number" && INT4_SCALARS.has(type.name) && (value > INT4_MAX || value < INT4_MIN)) {
    report(path, value, `${type.name} cannot represent a value beyond ${INT4_MAX}`);
    return;
  }
  anyText(value, path, report);
}

/** Every string in a value (and the keys of objects, for scalars such as JSON). */
function anyText(value: unknown, path: Path, report: (path: Path, value: unknown, reason: string) => void): void {
  if (typeof value === "string") {
    if (!isStorableText(value)) report(path, value, UNSTORABLE_TEXT);
  } else if (Array.isArray(value)) value.forEach((v, i) => anyText(v, [...path, i], report));
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (!isStorableText(k)) report(path, k, UNSTORABLE_TEXT);
      anyText(v, [...path, k], report);
    }
}

// Literal values depend on the document and the operation only: checked once per parsed document (Apollo's
// document store hands every request of one query text the same DocumentNode).
const literalChecks = new WeakMap<DocumentNode, Map<OperationDefinitionNode, GraphQLError[]>>();

function literalErrors(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): GraphQLError[] {
  let byOperation = literalChecks.get(document);
  if (!byOperation) literalChecks.set(document, (byOperation = new Map()));
  let errors = byOperation.get(operation);
  if (!errors) byOperation.set(operation, (errors = findLiteralErrors(schema, document, operation)));
  return errors;
}

function findLiteralErrors(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const fields: string[] = [];
  const report = (node: ValueNode, field: string, reason: string) =>
    errors.push(new GraphQLError(`${field}: ${reason}`, { nodes: node, extensions: { code: ErrorCode.BAD_USER_INPUT, field } }));
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field: { enter: (node) => void fields.push(node.name.value), leave: () => void fields.pop() },
    VariableDefinition(node) {
      const type = typeFromAST(schema, node.type);
      if (node.defaultValue && type && isInputType(type)) walkLiteral(node.defaultValue, type, [node.variable.name.value], report);
      return false;
    },
    Argument(node) {
      const arg = typeInfo.getArgument();
      // An argument of a nested field is named after its field, as the page arguments are ("enrollments.after").
      if (arg) walkLiteral(node.value, arg.type, fields.length > 1 ? [fields.at(-1)!, node.name.value] : [node.name.value], report);
      return false;
    },
  });
  // The operation and the fragments it may spread (validation has refused unused ones).
  visit(operation, visitor);
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) visit(d, visitor);
  return errors;
}

function walkLiteral(node: ValueNode, type: GraphQLInputType, path: Path, report: (node: ValueNode, field: string, reason: string) => void): void {
  const named = getNamedType(type);
  switch (node.kind) {
    case Kind.STRING:
      if (!isStorableText(node.value)) report(node, printField(path), UNSTORABLE_TEXT);
      return;
    case Kind.INT:
      if (INT4_SCALARS.has(named.name) && Math.abs(Number(node.value)) > INT4_MAX)
        report(node, printField(path), `${named.name} cannot represent a value beyond ${INT4_MAX}, got ${node.value.slice(0, 30)}`);
      return;
    case Kind.LIST: {
      const item = isNonNullType(type) ? type.ofType : type;
      node.values.forEach((v, i) => walkLiteral(v, isListType(item) ? item.ofType : item, [...path, i], report));
      return;
    }
    case Kind.OBJECT:
      for (const f of node.fields) {
        // An input object's field, or (for a scalar such as JSON) the scalar again.
        const fieldType = isInputObjectType(named) ? named.getFields()[f.name.value]?.type : (named as GraphQLInputType);
        if (fieldType) walkLiteral(f.value, fieldType, [...path, f.name.value], report);
      }
      return;
    default:
      return; // variables are checked with their values; enums, numbers and booleans are stored as given
  }
}

/** graphql-js's printPathArray: `.field` and `[index]`. */
function printPath(path: Path): string {
  return path.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("");
}

const printField = (path: Path) => printPath(path).slice(1);

/** A value in an error message, shortened: a refused text may be a whole CSV. */
function short(value: unknown): string {
  const s = inspect(value);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** graphql-js's inspect (jsutils/inspect.ts), so messages read exactly as graphql-js words them. */
export function inspect(value: unknown, seen: unknown[] = []): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "function":
      return value.name ? `[function ${value.name}]` : "[function]";
    case "object": {
      if (value === null) return "null";
      if (seen.includes(value)) return "[Circular]";
      const now = [...seen, value];
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === "function") {
        const json = withJson.toJSON();
        if (json !== value) return typeof json === "string" ? json : inspect(json, now);
      } else if (Array.isArray(value)) {
        if (value.length === 0) return "[]";
        if (now.length > 2) return "[Array]";
        const items = value.slice(0, 10).map((v) => inspect(v, now));
        const more = value.length - 10;
        if (more === 1) items.push("... 1 more item");
        else if (more > 1) items.push(`... ${more} more items`);
        return `[${items.join(", ")}]`;
      }
      const entries = Object.entries(value);
      if (entries.length === 0) return "{}";
      if (now.length > 2) return `[${tagOf(value)}]`;
      return `{ ${entries.map(([k, v]) => `${k}: ${inspect(v, now)}`).join(", ")} }`;
    }
    default:
      return String(value);
  }
}

function tagOf(value: object): string {
  const tag = Object.prototype.toString.call(value).replace(/^\[object /, "").replace(/]$/, "");
  const name = tag === "Object" && typeof value.constructor === "function" ? value.constructor.name : "";
  return name || tag;
}
