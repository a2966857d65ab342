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

/**
 * The last day a term starting on `start` may end: a term lasts at most twelve months, so it ends before the
 * same day a year later (2026-09-01 → 2027-08-31). A semester, a trimester or a whole-year module fits; a
 * "term" of several years would put results of every year of study in one term.
 */
export function lastTermDay(start: string): string {
  const d = new Date(`${start}T00:00:00Z`);
  // A year later (29 February rolls over to 1 March), less one day.
  return new Date(Date.UTC(d.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate()) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * The academic years in which a unit of year of study `unitYear` may be offered to a cohort of intake `intake`
 * in a program of `length` years: from the year the unit is taught (intake + unitYear − 1; a later year is a
 * resit session) to the cohort's last year (intake + length − 1).
 */
export function offeringYears(intake: number, unitYear: number, length: number): { first: number; last: number } {
  return { first: intake + unitYear - 1, last: intake + length - 1 };
}
