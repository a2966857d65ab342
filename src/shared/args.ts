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

/**
 * Characters no stored text takes: control characters other than tab and line breaks (a terminal's escape
 * sequences, a bell), and the bidirectional embeddings, overrides and isolates, which make text display as
 * something other than what it holds (a name printed on a transcript, a line of the audit trail).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** The refusal for text holding UNSAFE characters, or null. */
export function unsafeText(text: string): string | null {
  const m = UNSAFE.exec(text);
  return m ? `must not contain control or text-direction characters (U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} at ${m.index + 1})` : null;
}

/** Required text: trimmed, `min` to `max` characters, no UNSAFE character, else BAD_USER_INPUT naming the field. */
export function checkText(value: string | null | undefined, field: string, max: number, min = 1): string {
  const t = (value ?? "").trim();
  if (t.length < min || t.length > max) throw badInput(field, `must be ${min} to ${max.toLocaleString("en")} characters`);
  const unsafe = unsafeText(t);
  if (unsafe) throw badInput(field, unsafe);
  return t;
}

/**
 * A reason a rule asks for (a correction's, an override's, a refusal's): checkText, with at least `min`
 * characters that show. Invisible format characters (Unicode Cf: zero-width space, word joiner, BOM) do not
 * count: three zero-width spaces are no reason. The text is kept as given (a joiner may belong to its script).
 */
export function checkReason(value: string | null | undefined, field: string, max: number, min = 3): string {
  const t = checkText(value, field, max, min);
  if (t.replace(/\p{Cf}/gu, "").trim().length < min) throw badInput(field, `must show ${min} to ${max.toLocaleString("en")} characters (invisible format characters do not count)`);
  return t;
}

/** Optional text: null and undefined pass through; anything else as checkText. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null | undefined {
  return value == null ? value : checkText(value, field, max);
}

/** A LocalDate (already checked by its scalar) within the years the API accepts. */
export function checkDate(value: string, field: string): string {
  const year = Number(value.slice(0, 4));
  if (!(year >= 1900 && year <= 2100)) throw badInput(field, "must be a date between 1900 and 2100");
  return value;
}

/**
 * A date as stored at its precision (DatePrecision): a month's first day, a year's 1 January, a day as given. A
 * date given more exactly than its precision (2026-11-10 for MONTH) would read as a day the source never gave.
 */
export function atPrecision(date: string, precision: "DAY" | "MONTH" | "YEAR"): string {
  if (precision === "MONTH") return `${date.slice(0, 7)}-01`;
  if (precision === "YEAR") return `${date.slice(0, 4)}-01-01`;
  return date;
}

/** Largest value of a PostgreSQL `integer` column: ids, counts and capacities are stored as int4. */
export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;

// U+0000, and a UTF-16 surrogate without its partner: PostgreSQL cannot store either in text (SQLSTATE
// 22021 for NUL; a lone surrogate has no UTF-8 form and would arrive as U+FFFD, silently changed).
// eslint-disable-next-line no-control-regex -- U+0000 is what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store the text exactly as given. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

export const UNSTORABLE_TEXT = "must not contain a NUL character (U+0000) or an unpaired surrogate (U+D800–U+DFFF)";
