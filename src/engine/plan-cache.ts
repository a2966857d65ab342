import type { SQL } from "drizzle-orm";
import type { Context } from "../context.js";
import type { Viewer } from "../modules/auth/auth.roles.js";
import type { Who } from "./entity.js";

// Plans are kept with their document in the operation cache (shared/operation-cache.ts), under a slot naming
// the field, the strategy and the variables. What a plan depends on in the caller is what the scopes and
// policies it applied read: planning hands them a viewer that records each property read, and the plan is
// kept with those properties' values. A later caller reuses it only when it has the same values: a plan made
// for a platform admin (which read only `role`) serves every platform admin; one made for an institution
// admin serves the admins of that institution. Nothing about scopes is restated here.

type Reads = [keyof Viewer | "anonymous", unknown][];
interface Variant<T> {
  reads: Reads;
  value: T;
}

/** A viewer that records what is read of it. */
export function recorder(who: Who): { who: Who; reads: Reads } {
  const reads: Reads = [["anonymous", who === null]];
  if (!who) return { who: null, reads };
  const seen = new Set<string>();
  const proxy = {} as Viewer;
  for (const key of Object.keys(who) as (keyof Viewer)[])
    Object.defineProperty(proxy, key, {
      enumerable: true,
      get() {
        if (!seen.has(key)) {
          seen.add(key);
          reads.push([key, who[key]]);
        }
        return who[key];
      },
    });
  return { who: proxy, reads };
}

const matches = (reads: Reads, who: Who) => reads.every(([k, v]) => (k === "anonymous" ? (who === null) === v : who !== null && who[k] === v));

const MAX_VARIABLES = 4096;
const MAX_VARIANTS = 16;

/** A plan for this request, from the cache when one made for the same document, slot and caller values is held. */
export function cachedPlan<T>(ctx: Context, slot: string, build: (who: Who) => T, sizeOf: (value: T) => number): T {
  const make = () => {
    const r = recorder(ctx.viewer);
    return { reads: r.reads, value: build(r.who) };
  };
  const variables = ctx.read.variables;
  if (!ctx.read.cache || !ctx.read.document || variables.length > MAX_VARIABLES) return make().value;
  const variants = ctx.read.cache.derive(ctx.read.document, `${slot}\n${variables}`, () => [] as Variant<T>[], () => 64);
  const found = variants.find((v) => matches(v.reads, ctx.viewer));
  if (found) return found.value;
  const made = make();
  // The slot's size was counted when it was made; a variant is counted by adding it as its own slot.
  if (variants.length < MAX_VARIANTS) {
    const kept = ctx.read.cache.keep(ctx.read.document, `${slot}\n${variables}\n#${variants.length}`, sizeOf(made.value), () => made.value);
    if (kept !== undefined) variants.push(made);
  }
  return made.value;
}

/** Estimated heap bytes of a statement object (its chunks, strings and parameters) and of its text, kept with it (db/client.ts). */
export function sqlBytes(query: SQL | null): number {
  let bytes = 64;
  const stack: unknown[] = query ? [query] : [];
  while (stack.length) {
    const c = stack.pop() as { queryChunks?: unknown[]; value?: unknown } | string | null;
    bytes += 48;
    if (typeof c === "string") bytes += 2 * c.length;
    else if (c && Array.isArray(c.queryChunks)) stack.push(...c.queryChunks);
    else if (c && Array.isArray(c.value)) stack.push(...c.value);
    else if (c && typeof c.value === "string") bytes += 2 * c.value.length;
  }
  return 2 * bytes;
}
