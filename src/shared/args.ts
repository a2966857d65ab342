import { badInput } from "./errors.js";

/** A year argument: 1900–2100, named in the error. */
export function checkYear(value: number | null | undefined, field: string): number | undefined {
  if (value == null) return undefined;
  if (!Number.isInteger(value) || value < 1900 || value > 2100) throw badInput(field, `must be a year between 1900 and 2100, got ${value}`);
  return value;
}

/** A from–to pair must be in order. */
export function checkRange<T extends string | number>(from: T | null | undefined, to: T | null | undefined, field: string): void {
  if (from != null && to != null && from > to) throw badInput(field, `the range starts (${from}) after it ends (${to})`);
}
