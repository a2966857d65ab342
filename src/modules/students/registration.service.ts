import { and, eq, inArray, sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import { AppError, ErrorCode, badInput, notFound } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { NotWritten, runMutation, type Tx } from "../../shared/mutation.js";
import { audit } from "../audit/audit.service.js";
import { forbidden, requireRole } from "../auth/access.js";
import type { Viewer } from "../auth/auth.roles.js";
import { countries } from "../institutions/country.table.js";
import { cohorts, programPartners } from "../programs/program.table.js";
import type { RegisterStudentsInput, RegistrationResult, RowError } from "./registration.input.js";
import { candidateRows, checkRow, type CandidateRow } from "./registration.validate.js";
import { enrollments, enrollmentStatusChanges, students } from "./student.table.js";

export interface RegistrationOutcome {
  written: boolean;
  accepted: number;
  rejected: number;
  results: RegistrationResult[];
}

/** The home institution of the students: a registrar's own; a platform admin names one. */
function homeInstitution(v: Viewer, given: string | null | undefined): number {
  if (v.role === "PLATFORM_ADMIN") {
    if (!given) throw badInput("input.homeInstitutionId", "platform admins must name the students' home institution");
    return fromGlobalId(given, "Institution", "input.homeInstitutionId");
  }
  const own = v.institutionId!;
  if (given && fromGlobalId(given, "Institution", "input.homeInstitutionId") !== own)
    throw forbidden("A registrar registers students of its own institution only");
  return own;
}

/**
 * Registers students into a cohort: all rows are checked first (format, nationality, duplicates in the
 * request, the same person already registered elsewhere or already in the cohort); if any row fails,
 * nothing is written and every row says why. Otherwise one transaction writes students, nominations,
 * their first history rows and audit rows with multi-row inserts.
 */
export async function registerStudents(ctx: Context, input: RegisterStudentsInput, operation = "registerStudents"): Promise<RegistrationOutcome> {
  const v = requireRole(ctx, ["PARTNER_REGISTRAR"]);
  const cohortId = fromGlobalId(input.cohortId, "Cohort", "input.cohortId");
  const home = homeInstitution(v, input.homeInstitutionId);
  const rows = candidateRows(input.students, input.csv);

  return runMutation(ctx, {
    operation,
    input,
    run: async (tx) => {
      const [cohort] = await tx.select({ id: cohorts.id, programId: cohorts.programId }).from(cohorts).where(eq(cohorts.id, cohortId));
      if (!cohort) throw notFound("Cohort", input.cohortId);
      if (v.role !== "PLATFORM_ADMIN") {
        const partner = await tx
          .select({ p: programPartners.programId })
          .from(programPartners)
          .where(and(eq(programPartners.programId, cohort.programId), eq(programPartners.institutionId, home)));
        if (!partner.length) throw forbidden("Your institution is not a partner of this cohort's program");
      }
      const errors = await checkRows(tx, rows, home, cohortId);
      const results: RegistrationResult[] = rows.map((r) => ({
        row: r.row,
        studentId: null,
        enrollmentId: null,
        existingStudent: false,
        error: errors.get(r.row) ?? null,
      }));
      if (errors.size) throw new NotWritten<RegistrationOutcome>({ written: false, accepted: rows.length - errors.size, rejected: errors.size, results });
      await write(tx, ctx, rows, results, home, cohortId, v);
      return { written: true, accepted: rows.length, rejected: 0, results };
    },
  });
}

async function checkRows(tx: Tx, rows: CandidateRow[], home: number, cohortId: number): Promise<Map<number, RowError>> {
  const errors = new Map<number, RowError>();
  const today = new Date();
  for (const r of rows) {
    const e = checkRow(r, today);
    if (e) errors.set(r.row, e);
  }
  const ok = rows.filter((r) => !errors.has(r.row));
  const known = new Set((await tx.select({ code: countries.code }).from(countries)).map((c) => c.code));
  const seen = new Map<string, number>();
  for (const r of ok) {
    if (!known.has(r.data.nationality)) {
      errors.set(r.row, { code: "BAD_USER_INPUT", field: r.fieldName("nationality"), message: `${r.data.nationality} is not a country of this API` });
      continue;
    }
    const person = `${r.data.nationality}:${r.data.passportNumber}`;
    const first = seen.get(person);
    if (first != null)
      errors.set(r.row, { code: "CONFLICT", field: r.fieldName("passportNumber"), message: `the same person as row ${first}` });
    else seen.set(person, r.row);
  }
  const existing = await existingStudents(tx, rows.filter((r) => !errors.has(r.row)));
  const inCohort = existing.size
    ? new Set(
        (
          await tx
            .select({ studentId: enrollments.studentId })
            .from(enrollments)
            .where(and(eq(enrollments.cohortId, cohortId), inArray(enrollments.studentId, [...existing.values()].map((s) => s.id))))
        ).map((e) => e.studentId),
      )
    : new Set<number>();
  for (const r of rows) {
    const s = existing.get(`${r.data.nationality}:${r.data.passportNumber}`);
    if (!s || errors.has(r.row)) continue;
    if (s.homeInstitutionId !== home)
      errors.set(r.row, { code: "CONFLICT", field: r.fieldName("passportNumber"), message: "this person is registered by another home institution" });
    else if (inCohort.has(s.id))
      errors.set(r.row, { code: "CONFLICT", field: r.fieldName("passportNumber"), message: "this student is already nominated into this cohort" });
  }
  return errors;
}

/** Students already registered, by "nationality:passport": one statement with one JSON parameter, whatever the number of rows. */
async function existingStudents(tx: Tx, rows: CandidateRow[]) {
  const found = new Map<string, { id: number; homeInstitutionId: number }>();
  if (!rows.length) return found;
  const keys = JSON.stringify(rows.map((r) => ({ nat: r.data.nationality, pass: r.data.passportNumber })));
  const list = await tx
    .select({ id: students.id, nationality: students.nationality, passportNumber: students.passportNumber, homeInstitutionId: students.homeInstitutionId })
    .from(students)
    .where(sql`(${students.nationality}, ${students.passportNumber}) in (select nat, pass from json_to_recordset(${keys}::json) as k(nat char(2), pass text))`);
  for (const s of list) found.set(`${s.nationality}:${s.passportNumber}`, s);
  return found;
}

async function write(tx: Tx, ctx: Context, rows: CandidateRow[], results: RegistrationResult[], home: number, cohortId: number, v: Viewer) {
  const existing = await existingStudents(tx, rows);
  const fresh = rows.filter((r) => !existing.has(`${r.data.nationality}:${r.data.passportNumber}`));
  const ids = new Map<number, number>(); // row -> student id
  for (const r of rows) {
    const s = existing.get(`${r.data.nationality}:${r.data.passportNumber}`);
    if (s) {
      ids.set(r.row, s.id);
      results[r.row].existingStudent = true;
    }
  }
  // Multi-row inserts as INSERT … SELECT FROM json_to_recordset($1): one parameter whatever the number of rows
  // (drizzle's .values([...]) makes a parameter and runs its type checks for every value of every row).
  const json = (x: unknown) => sql`${JSON.stringify(x)}::json`;
  // tx.execute answers an array on postgres.js and { rows } on PGlite.
  const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { id: number }[];
  if (fresh.length) {
    const inserted = rowsOf(await tx.execute(sql`
      insert into ${students} (family_name, given_names, family_name_latin, given_names_latin, date_of_birth, nationality, email, passport_number, home_institution_id, registered_by_institution_id, registered_by)
      select f, g, fl, gl, dob, nat, email, pass, ${home}::int, ${v.institutionId ?? home}::int, ${v.subject}::text
      from json_to_recordset(${json(fresh.map((r) => ({ f: r.data.familyName, g: r.data.givenNames, fl: r.data.familyNameLatin, gl: r.data.givenNamesLatin, dob: r.data.dateOfBirth, nat: r.data.nationality, email: r.data.email ?? null, pass: r.data.passportNumber })))})
        as t(f text, g text, fl text, gl text, dob date, nat char(2), email text, pass text)
      returning id`));
    fresh.forEach((r, k) => ids.set(r.row, inserted[k].id));
  }
  const enrolled = rowsOf(await tx.execute(sql`
    insert into ${enrollments} (student_id, cohort_id, status)
    select value::int, ${cohortId}::int, 'NOMINATED' from json_array_elements_text(${json(rows.map((r) => ids.get(r.row)!))})
    returning id`));
  const enrollmentIds = enrolled.map((e) => e.id);
  await tx.execute(sql`
    insert into ${enrollmentStatusChanges} (enrollment_id, from_status, to_status, actor, reason)
    select value::int, null, 'NOMINATED', ${v.subject}::text, 'registered' from json_array_elements_text(${json(enrollmentIds)})`);
  rows.forEach((r, k) => {
    results[r.row].studentId = ids.get(r.row)!;
    results[r.row].enrollmentId = enrollmentIds[k];
  });
  // Audit rows name the records; personal data stays out of the audit trail.
  await audit(tx, ctx, [
    ...fresh.map((r) => ({ action: "student.register", entityType: "Student", entityId: ids.get(r.row)!, after: { nationality: r.data.nationality, homeInstitutionId: home } })),
    ...rows.map((r, k) => ({ action: "enrollment.nominate", entityType: "Enrollment", entityId: enrollmentIds[k], after: { studentId: ids.get(r.row), cohortId, status: "NOMINATED" } })),
  ]);
}

/** One student: the bulk path with one row; a refused row becomes a GraphQL error naming its field. */
export async function registerStudent(ctx: Context, input: { idempotencyKey?: string | null; cohortId: string; homeInstitutionId?: string | null; student: RegisterStudentsInput["students"] extends (infer T)[] | null | undefined ? T : never }) {
  const out = await registerStudents(
    ctx,
    { idempotencyKey: input.idempotencyKey, cohortId: input.cohortId, homeInstitutionId: input.homeInstitutionId, students: [input.student], csv: null },
    "registerStudent",
  );
  const r = out.results[0];
  if (r.error) {
    const field = r.error.field.replace(/^students\[0\]/, "input.student");
    throw new AppError(r.error.code as ErrorCode, `${field}: ${r.error.message}`, { field });
  }
  return { studentId: r.studentId!, enrollmentId: r.enrollmentId!, existingStudent: r.existingStudent };
}
