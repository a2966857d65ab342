import { badInput } from "../../shared/errors.js";

/** The groupBy argument of a report: known dimensions, each at most once (none: one row, the total). */
export function checkDimensions<D extends string>(groupBy: readonly D[] | null | undefined, known: readonly D[], field = "groupBy"): D[] {
  const list = [...(groupBy ?? [])];
  const seen = new Set<D>();
  for (const d of list) {
    if (!known.includes(d)) throw badInput(field, `${String(d)} is not a dimension of this report`);
    if (seen.has(d)) throw badInput(field, `${d} is listed twice`);
    seen.add(d);
  }
  return list;
}
