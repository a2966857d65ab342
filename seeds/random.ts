// A tiny deterministic PRNG: the illustrative people must come out the same on every run and machine,
// so nothing here reads Math.random or the clock.

/** The seed data's notion of "today": statuses (completed, overdue, expiring) are written as of this day. */
export const SEED_TODAY = "2026-11-23";

/** One fixed seed for the whole seed data; each module draws from its own stream (see `random`). */
const BASE_SEED = 20_241_110;

// mulberry32: 32-bit state, good enough spread for test data, and a few lines long.
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// FNV-1a: turns a stream name into a seed, so adding draws to one module does not reshuffle another.
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Random {
  /** [0, 1) */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A new shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
  /** Picks by weight: [[item, weight], ...]. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
}

export function random(stream: string): Random {
  const next = mulberry32(BASE_SEED ^ hash(stream));
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)],
    chance: (p) => next() < p,
    shuffle(items) {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    weighted(entries) {
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of entries) {
        r -= w;
        if (r < 0) return item;
      }
      return entries[entries.length - 1][0];
    },
  };
}

// Calendar helpers on "YYYY-MM-DD" strings, in UTC so the time zone of the machine never matters.

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A random day in [from, to]. */
export function dayIn(r: Random, from: string, to: string): string {
  return addDays(from, r.int(0, Math.max(0, daysBetween(from, to))));
}

/** A timestamp on that day during office hours in Central Asia (UTC+5/+6), i.e. 03:00–11:59 UTC. */
export function officeTime(r: Random, day: string): Date {
  return new Date(`${day}T${String(r.int(3, 11)).padStart(2, "0")}:${String(r.int(0, 59)).padStart(2, "0")}:00Z`);
}
