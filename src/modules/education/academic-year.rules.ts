/**
 * The academic year a day belongs to, named by its first calendar year ("2026-27" is 2026): from 1 July to
 * 30 June, so an autumn term starting in September and a spring term starting in February are the same
 * year's, as every partner's calendar has them. A term belongs to the year it starts in; a cohort's intake
 * is the year it starts in.
 */
export function academicYearOf(day: string): number {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 7 ? year : year - 1;
}

/** "2026-27" for 2026. */
export function academicYearLabel(year: number): string {
  return `${year}-${String(year + 1).slice(2)}`;
}
