import { LocalDateResolver } from "graphql-scalars";
import { csvRecords } from "../../shared/csv.js";
import { badInput } from "../../shared/errors.js";
import { decodeGlobalId } from "../../shared/global-id.js";
import type { RowError } from "../students/registration.input.js";
import { MAX_BULK_ROWS } from "../students/registration.validate.js";
import type { ResultEntry } from "./result.input.js";

/** One row as given, with the names its fields have in the request (list or CSV). */
export interface ResultRow {
  row: number;
  given: { enrollmentId: string; attempt: string | number | null; grade: string; assessedOn: string };
  fieldName: (field: keyof ResultEntry) => string;
}

/** A checked row: the database ids and values (the grade is checked against the unit's scale later). */
export interface CheckedRow extends ResultRow {
  enrollmentId: number;
  attempt: number;
  grade: string;
  assessedOn: string;
}

const CSV_COLUMNS: Record<string, keyof ResultEntry> = { enrollment_id: "enrollmentId", attempt: "attempt", grade: "grade", assessed_on: "assessedOn" };
const CSV_NAME = Object.fromEntries(Object.entries(CSV_COLUMNS).map(([k, v]) => [v, k])) as Record<keyof ResultEntry, string>;

/** Rows from a list, or from CSV text parsed with csv-parse (as bulk registration reads its CSV). */
export function resultRows(list: ResultEntry[] | null | undefined, csv: string | null | undefined): ResultRow[] {
  if ((list == null) === (csv == null)) throw badInput("input.results", "give either results or csv, not both or neither");
  let rows: ResultRow[];
  if (list) rows = list.map((r, row) => ({ row, given: { ...r, attempt: r.attempt ?? null }, fieldName: (f) => `results[${row}].${f}` }));
  else {
    const records = csvRecords(csv!, Object.keys(CSV_COLUMNS), ["attempt"]);
    rows = records.map((rec, row) => ({
      row,
      given: { enrollmentId: rec.enrollment_id ?? "", attempt: rec.attempt ? rec.attempt : null, grade: rec.grade ?? "", assessedOn: rec.assessed_on ?? "" },
      fieldName: (f) => `csv[${row}].${CSV_NAME[f]}`,
    }));
  }
  const field = list ? "input.results" : "input.csv";
  if (!rows.length) throw badInput(field, "has no rows");
  if (rows.length > MAX_BULK_ROWS) throw badInput(field, `has ${rows.length} rows; at most ${MAX_BULK_ROWS}`);
  return rows;
}

/**
 * How long after its term's end an offering still takes a result: its resit session (the seed's resits sit two
 * weeks after the end; a resit a year later is entered in an offering of that year's term, as the seed's is).
 */
export const RESIT_DAYS_AFTER_TERM = 120;

/** The days an offering takes results on: its term's, from its start to RESIT_DAYS_AFTER_TERM days after its end, never before its cohort's start. */
export interface ResultWindow {
  start: string;
  end: string;
  cohortStart: string;
}

/** The last day of an offering's resit session. */
export const resitEnd = (termEnd: string) => new Date(Date.parse(`${termEnd}T00:00:00Z`) + RESIT_DAYS_AFTER_TERM * 86_400_000).toISOString().slice(0, 10);

/** Why a day is not one the offering takes a result on, or null. */
export function termDayError(day: string, w: ResultWindow): string | null {
  if (day < w.cohortStart) return `must not be before the cohort's start (${w.cohortStart})`;
  const last = resitEnd(w.end);
  if (day >= w.start && day <= last) return null;
  return `must be in the offering's term (from ${w.start}) or its resit session (at most ${RESIT_DAYS_AFTER_TERM} days after its end, ${last})`;
}

/** The row's assessment day against the offering's term and cohort (termDayError). */
export function checkTermDay(c: CheckedRow, w: ResultWindow): RowError | null {
  const message = termDayError(c.assessedOn, w);
  return message ? { code: "BAD_USER_INPUT", field: c.fieldName("assessedOn"), message } : null;
}

/**
 * Attempts at a unit are in date order: attempt n is assessed after attempt n − 1 (a resit follows the failed
 * sitting) and before attempt n + 1. Why `day` breaks that order for attempt `attempt`, or null.
 */
export function attemptOrderError(day: string, attempt: number, before: { assessedOn: string } | undefined, after: { assessedOn: string } | undefined): string | null {
  if (before && day <= before.assessedOn) return `must be after attempt ${attempt - 1}'s day (${before.assessedOn}): attempts are in date order`;
  if (after && day >= after.assessedOn) return `must be before attempt ${attempt + 1}'s day (${after.assessedOn}): attempts are in date order`;
  return null;
}

/** The format checks of one row (ids, attempt, date); the first error, or the checked row. */
export function checkResultRow(r: ResultRow, today: string): CheckedRow | RowError {
  const err = (f: keyof ResultEntry, message: string): RowError => ({ code: "BAD_USER_INPUT", field: r.fieldName(f), message });
  let enrollmentId: number;
  try {
    const d = decodeGlobalId(String(r.given.enrollmentId).trim(), r.fieldName("enrollmentId"));
    if (d.type !== "Enrollment" || !/^[1-9][0-9]{0,9}$/.test(String(d.id)) || Number(d.id) > 2_147_483_647) throw new Error();
    enrollmentId = Number(d.id);
  } catch {
    return err("enrollmentId", "must be the global id of an enrollment");
  }
  const a = r.given.attempt == null || r.given.attempt === "" ? 1 : Number(r.given.attempt);
  if (!Number.isInteger(a) || a < 1 || a > 10) return err("attempt", "must be a whole number from 1 to 10");
  const grade = String(r.given.grade ?? "").trim();
  if (!grade || grade.length > 20) return err("grade", "must be 1 to 20 characters");
  const day = String(r.given.assessedOn ?? "").trim();
  try {
    LocalDateResolver.parseValue(day);
  } catch {
    return err("assessedOn", "must be a date, YYYY-MM-DD");
  }
  if (day > today || day < "2000-01-01") return err("assessedOn", "must be a day from 2000 to today");
  return { ...r, enrollmentId, attempt: a, grade, assessedOn: day };
}
