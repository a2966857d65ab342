import { Kind, visit, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { LRUCache } from "lru-cache";

// Estimated heap bytes, measured with --expose-gc over 2,000 distinct documents (scripts/measure-documents.ts):
// a parsed document keeps its AST and token list, about 80 bytes per character of its text; a graphql-jit
// compilation about 20 KB plus its generated code. Rounded up, so that the bound errs on the safe side.
const DOCUMENT_BYTES_PER_CHAR = 100;
const DOCUMENT_BYTES_FIXED = 2_048;
export const COMPILED_BYTES_PER_CHAR = 150;
export const COMPILED_BYTES_FIXED = 24_576;
/** A key or a JSON value kept in memory: two bytes a character (V8 strings may be two-byte) plus the entry. */
export const bytesOfText = (s: string) => 2 * s.length + 64;

interface Entry {
  document: DocumentNode;
  /** Estimated bytes of the document and of everything derived from it. */
  size: number;
  /** Requests that found the document here: compiling is worth it only for a document that comes back. */
  hits: number;
  derived: Map<string, unknown>;
}

/**
 * Everything kept per query document, in one LRU bounded by estimated bytes: Apollo's parsed and validated
 * document (this is Apollo's `documentStore`), and what the executor, the cost step and the one-statement
 * planner derive from it (a graphql-jit compilation, costs, SQL plans). When a document falls out, what was
 * derived from it goes with it; a client sending distinct documents only makes older ones fall out.
 * Derived values of a document that is not held here (evicted, or a WebSocket operation) are computed and
 * not kept.
 */
export class OperationCache {
  private readonly lru: LRUCache<string, Entry>;
  private readonly keys = new WeakMap<DocumentNode, string>();
  /** At most this share of the cache for one document with what is derived from it. */
  private readonly maxEntryBytes: number;

  constructor(readonly maxBytes: number) {
    this.maxEntryBytes = Math.max(1, Math.floor(maxBytes / 8));
    this.lru = new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: (e) => Math.max(1, e.size), maxEntrySize: this.maxEntryBytes });
  }

  // Apollo's KeyValueCache<DocumentNode> (documentStore): keyed by the query text's hash.
  async get(key: string): Promise<DocumentNode | undefined> {
    const entry = this.lru.get(key);
    if (entry) entry.hits++;
    return entry?.document;
  }

  async set(key: string, document: DocumentNode): Promise<void> {
    const size = DOCUMENT_BYTES_FIXED + DOCUMENT_BYTES_PER_CHAR * sourceLength(document);
    this.lru.set(key, { document, size, hits: 0, derived: new Map() });
    if (this.lru.has(key)) this.keys.set(document, key);
  }

  async delete(key: string): Promise<boolean> {
    return this.lru.delete(key);
  }

  /** How many requests found this document in the cache (0: first seen, or not kept). */
  hits(document: DocumentNode): number {
    return this.entryOf(document)?.hits ?? 0;
  }

  /**
   * A value derived from a document (slot names what and for which operation, variables or caller), kept
   * as long as the document is, with its estimated size counted against the bound.
   */
  derive<T>(document: DocumentNode, slot: string, compute: () => T, sizeOf: (value: T) => number): T {
    const entry = this.entryOf(document);
    if (!entry) return compute();
    if (entry.derived.has(slot)) return entry.derived.get(slot) as T;
    const value = compute();
    const size = sizeOf(value) + bytesOfText(slot);
    if (entry.size + size > this.maxEntryBytes) return value; // this document already holds its share
    this.add(document, entry, slot, value, size);
    return value;
  }

  /**
   * Like `derive`, for a value whose size is known before it is computed: computed only when it will be kept
   * (the document is held and has room), undefined otherwise, so that an expensive value (a compilation) is
   * never computed to be thrown away.
   */
  keep<T>(document: DocumentNode, slot: string, size: number, compute: () => T): T | undefined {
    const entry = this.entryOf(document);
    if (!entry) return undefined;
    if (entry.derived.has(slot)) return entry.derived.get(slot) as T;
    const bytes = size + bytesOfText(slot);
    if (entry.size + bytes > this.maxEntryBytes) return undefined;
    const value = compute();
    this.add(document, entry, slot, value, bytes);
    return value;
  }

  private add(document: DocumentNode, entry: Entry, slot: string, value: unknown, bytes: number) {
    entry.derived.set(slot, value);
    entry.size += bytes;
    // lru-cache counts a size when an entry is set with a new value object only: delete and set it again, so
    // that its new size counts (and older documents make room).
    const key = this.keys.get(document)!;
    this.lru.delete(key);
    this.lru.set(key, entry);
  }

  /** Estimated bytes held now. */
  get bytes(): number {
    return this.lru.calculatedSize;
  }

  get documents(): number {
    return this.lru.size;
  }

  /** What is kept, most recently used first (tests, diagnostics): hits, derived slots and estimated bytes. */
  entries(): { hits: number; slots: string[]; bytes: number }[] {
    return [...this.lru.values()].map((e) => ({ hits: e.hits, slots: [...e.derived.keys()], bytes: e.size }));
  }

  private entryOf(document: DocumentNode): Entry | undefined {
    const key = this.keys.get(document);
    if (key === undefined) return undefined;
    const entry = this.lru.peek(key);
    return entry?.document === document ? entry : undefined;
  }
}

/**
 * The variables the read engine's plans of this operation may depend on, as the plans' cache key (JSON of
 * their values). A plan reads the variables of the fields it plans; a mutation's own arguments (its `input`,
 * different in every request) are read by the mutation, never by the plans of its payload, so a variable used
 * only there is left out: without that every mutation's payload was planned afresh on every request.
 */
export function planVariablesKey(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, cache?: OperationCache): string {
  if (operation.operation !== "mutation" || !variables) return JSON.stringify(variables ?? {});
  const compute = () => plannedVariables(document, operation);
  const names = cache ? cache.derive(document, `plan-variables\n${operation.name?.value ?? ""}`, compute, (n) => 16 + 16 * n.length) : compute();
  return JSON.stringify(names.map((n) => (Object.hasOwn(variables, n) ? [variables[n]] : []))); // absent ≠ null
}

/** Variables used in the operation (and its fragments) other than in its root fields' argument values, sorted. */
function plannedVariables(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const names = new Set<string>();
  const collect = (node: Parameters<typeof visit>[0]) =>
    visit(node, {
      Variable(v) {
        names.add(v.name.value);
      },
      VariableDefinition: () => false, // a definition (and its default) is not a use
    });
  for (const s of operation.selectionSet.selections) {
    if (s.kind !== Kind.FIELD) {
      collect(s); // a fragment at the root: every use inside counts
      continue;
    }
    for (const d of s.directives ?? []) collect(d);
    if (s.selectionSet) collect(s.selectionSet);
  }
  for (const d of operation.directives ?? []) collect(d);
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) collect(def);
  return [...names].sort();
}

function sourceLength(document: DocumentNode): number {
  return document.loc?.source.body.length ?? 1_000;
}

/** A bounded string cache with Apollo's KeyValueCache shape: the persisted-queries (APQ) store. */
export class TextCache {
  private readonly lru: LRUCache<string, string>;
  constructor(maxBytes: number) {
    this.lru = new LRUCache<string, string>({ maxSize: maxBytes, sizeCalculation: (v, k) => bytesOfText(v) + bytesOfText(k) });
  }
  async get(key: string) {
    return this.lru.get(key);
  }
  async set(key: string, value: string) {
    this.lru.set(key, value);
  }
  async delete(key: string) {
    return this.lru.delete(key);
  }
}
