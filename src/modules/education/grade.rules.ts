import type { GradeConversionRow, GradeScaleRow } from "./grade-scale.table.js";

// The rules of grades, as pure functions: the services and the seed use the same ones.

type Scale = Pick<GradeScaleRow, "kind" | "grades" | "minValue" | "maxValue" | "passMark">;

/** A grade normalised to how the scale writes it, or the reason it is not one of the scale's grades. */
export function checkGrade(scale: Scale, given: string): { grade: string } | { error: string } {
  const g = given.trim();
  if (scale.kind === "ORDERED") {
    const found = scale.grades.find((x) => x.toUpperCase() === g.toUpperCase());
    return found ? { grade: found } : { error: `must be one of ${scale.grades.join(", ")}` };
  }
  if (!/^-?\d+(\.\d{1,2})?$/.test(g)) return { error: `must be a number from ${scale.minValue} to ${scale.maxValue}` };
  const n = Number(g);
  if (n < scale.minValue! || n > scale.maxValue!) return { error: `must be a number from ${scale.minValue} to ${scale.maxValue}` };
  return { grade: String(n) };
}

/** Whether a (checked) grade passes: at or above the scale's pass mark. */
export function passes(scale: Scale, grade: string): boolean {
  if (scale.kind === "ORDERED") return scale.grades.indexOf(grade) >= scale.grades.indexOf(scale.passMark);
  return Number(grade) >= Number(scale.passMark);
}

/** A grade through a conversion table; null when no row of the table covers it. */
export function convertGrade(table: Pick<GradeConversionRow, "rows">, grade: string): string | null {
  const n = Number(grade);
  for (const r of table.rows) {
    if (r.from != null && r.from === grade) return r.to;
    if (r.from == null && r.min != null && r.max != null && Number.isFinite(n) && n >= r.min && n <= r.max) return r.to;
  }
  return null;
}
