// Deterministic values from (seed, index, salt): every row of the generated data set is a pure function of
// its index, so tables can be generated in any order or chunk and a run always gives the same data.

import { mulberry32 } from "../../seeds/random.js";

export const SEED = 0x5eed_2024;

/** A 32-bit hash of (index, salt) under the fixed seed (a murmur3-style finaliser). */
export function hash(index: number, salt: number): number {
  let h = (SEED ^ Math.imul(salt + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (index >>> 16), 0xcc9e2d51);
  h = Math.imul(h ^ (index & 0xffff), 0x1b873593);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** An integer in [0, n). */
export function pick(index: number, salt: number, n: number): number {
  return hash(index, salt) % n;
}

/** A float in [0, 1). */
export function unit(index: number, salt: number): number {
  return hash(index, salt) / 4294967296;
}

/** A sequential generator for the few places where a stream is simpler: the seed data's mulberry32. */
export function stream(seed = SEED): () => number {
  return mulberry32(seed);
}
