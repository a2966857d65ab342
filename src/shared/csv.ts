import { parse } from "csv-parse/sync";
import { badInput } from "./errors.js";

/**
 * The records of a bulk input's CSV text (`input.csv`), parsed with csv-parse: a header row naming exactly the
 * `columns` (those in `optional` may be left out), a record per line. Bad CSV or a wrong header is
 * BAD_USER_INPUT naming `input.csv`; rows are checked by their caller.
 */
export function csvRecords(csv: string, columns: readonly string[], optional: readonly string[] = []): Record<string, string>[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true, max_record_size: 10_000 });
  } catch (e) {
    throw badInput("input.csv", `is not valid CSV (${(e as Error).message.split("\n")[0].slice(0, 200)})`);
  }
  const header = records.length ? Object.keys(records[0]) : [];
  const unknown = header.filter((h) => !columns.includes(h));
  const missing = columns.filter((c) => !optional.includes(c) && !header.includes(c));
  if (records.length && (unknown.length || missing.length))
    throw badInput("input.csv", `header must be ${columns.join(",")}${unknown.length ? `; unknown: ${unknown.join(",")}` : ""}${missing.length ? `; missing: ${missing.join(",")}` : ""}`);
  return records;
}
