import { EmailAddressResolver, LocalDateResolver } from "graphql-scalars";
import { unsafeText } from "../../shared/args.js";
import { csvRecords } from "../../shared/csv.js";
import { badInput } from "../../shared/errors.js";
import type { RowError, StudentRegistration } from "./registration.input.js";

export const MAX_BULK_ROWS = 1000;

/** One row, normalised, with the names its fields have in the request (list or CSV). */
export interface CandidateRow {
  row: number;
  data: StudentRegistration;
  fieldName: (field: keyof StudentRegistration) => string;
}

const CSV_COLUMNS: Record<string, keyof StudentRegistration> = {
  family_name: "familyName",
  given_names: "givenNames",
  family_name_latin: "familyNameLatin",
  given_names_latin: "givenNamesLatin",
  date_of_birth: "dateOfBirth",
  nationality: "nationality",
  email: "email",
  passport_number: "passportNumber",
};
const CSV_NAME = Object.fromEntries(Object.entries(CSV_COLUMNS).map(([k, v]) => [v, k])) as Record<keyof StudentRegistration, string>;

/** Rows from a list, or from CSV text parsed with csv-parse. */
export function candidateRows(students: StudentRegistration[] | null | undefined, csv: string | null | undefined): CandidateRow[] {
  if ((students == null) === (csv == null)) throw badInput("input.students", "give either students or csv, not both or neither");
  let rows: CandidateRow[];
  if (students) {
    rows = students.map((data, row) => ({ row, data, fieldName: (f) => `students[${row}].${f}` }));
  } else {
    const records = csvRecords(csv!, Object.keys(CSV_COLUMNS), ["email"]);
    rows = records.map((rec, row) => {
      const data = Object.fromEntries(Object.entries(rec).map(([k, v]) => [CSV_COLUMNS[k], v === "" && k === "email" ? null : v]));
      return { row, data: data as unknown as StudentRegistration, fieldName: (f) => `csv[${row}].${CSV_NAME[f]}` };
    });
  }
  if (rows.length === 0) throw badInput(students ? "input.students" : "input.csv", "has no rows");
  if (rows.length > MAX_BULK_ROWS) throw badInput(students ? "input.students" : "input.csv", `has ${rows.length} rows; at most ${MAX_BULK_ROWS}`);
  return rows;
}

const LATIN = /^[A-Za-z][A-Za-z' .-]*$/;
const PASSPORT = /^[A-Z0-9]{5,20}$/;

function asString(v: unknown): string {
  return typeof v === "string" ? v.trim() : "";
}

/** The person a row names (nationality, passport number) as checkRow normalises them, whether or not the row is valid. */
export function personOfRow(d: StudentRegistration): [string, string] {
  return [asString(d.nationality).toUpperCase(), asString(d.passportNumber).toUpperCase().replace(/\s+/g, "")];
}

/** Checks and normalises one row (trims, upper-cases the passport); returns the first error or null. */
export function checkRow(c: CandidateRow, today: Date): RowError | null {
  const d = c.data;
  const err = (field: keyof StudentRegistration, message: string): RowError => ({ code: "BAD_USER_INPUT", field: c.fieldName(field), message });
  for (const f of ["familyName", "givenNames"] as const) {
    const v = asString(d[f]);
    if (v.length < 1 || v.length > 100) return err(f, "must be 1 to 100 characters");
    const unsafe = /[\t\r\n]/.test(v) ? "must be one line" : unsafeText(v);
    if (unsafe) return err(f, unsafe);
    d[f] = v;
  }
  for (const f of ["familyNameLatin", "givenNamesLatin"] as const) {
    const v = asString(d[f]);
    if (v.length < 1 || v.length > 100 || !LATIN.test(v)) return err(f, "must be 1 to 100 Latin letters, spaces, hyphens, apostrophes or dots");
    d[f] = v;
  }
  const dob = asString(d.dateOfBirth);
  try {
    LocalDateResolver.parseValue(dob);
  } catch {
    return err("dateOfBirth", "must be a date, YYYY-MM-DD");
  }
  const cutoff = new Date(Date.UTC(today.getUTCFullYear() - 15, today.getUTCMonth(), today.getUTCDate())).toISOString().slice(0, 10);
  if (dob > cutoff || dob < "1930-01-01") return err("dateOfBirth", "the student must be born between 1930 and 15 years ago");
  d.dateOfBirth = dob;
  const nat = asString(d.nationality).toUpperCase();
  if (!/^[A-Z]{2}$/.test(nat)) return err("nationality", "must be an ISO 3166-1 alpha-2 code");
  d.nationality = nat;
  if (d.email != null && d.email !== "") {
    try {
      d.email = EmailAddressResolver.parseValue(asString(d.email)) as string;
    } catch {
      return err("email", "is not an email address");
    }
  } else d.email = null;
  const passport = asString(d.passportNumber).toUpperCase().replace(/\s+/g, "");
  if (!PASSPORT.test(passport)) return err("passportNumber", "must be 5 to 20 letters and digits");
  d.passportNumber = passport;
  return null;
}
