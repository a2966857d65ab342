import { sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { isUniqueViolation } from "../../shared/db-errors.js";
import { dataTag, lastlyThen, NotWritten, runMutation, type Tx } from "../../shared/mutation.js";
import { execPrebuilt, prebuilt } from "../../shared/prebuilt-sql.js";
import { auditLog } from "../audit/audit.table.js";
import { requireRole } from "../auth/access.js";
import type { Viewer } from "../auth/auth.roles.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { requireAccess } from "../auth/require-access.js";
import { countries } from "../institutions/country.table.js";
import { cohorts, programs } from "../programs/program.table.js";
import type { RegisterStudentsInput, RegistrationResult, RowError } from "./registration.input.js";
import { candidateRows, checkRow, personOfRow, type CandidateRow } from "./registration.validate.js";
import { identityReviews } from "./identity-review.table.js";
import { enrollments, enrollmentStatusChanges, students } from "./student.table.js";
import { studentCorrections } from "./student-correction.table.js";

export interface RegistrationOutcome {
  written: boolean;
  accepted: number;
  rejected: number;
  results: RegistrationResult[];
}

/** The home institution of the students: a registrar's own (or its own named); a platform admin names one. */
function homeInstitution(v: Viewer, given: string | null | undefined): number {
  if (given) return fromGlobalId(given, "Institution", "input.homeInstitutionId");
  if (v.role === "PLATFORM_ADMIN") throw badInput("input.homeInstitutionId", "platform admins must name the students' home institution");
  return v.institutionId!;
}

/**
 * Registers students into a cohort: all rows are checked first (format, nationality, duplicates in the
 * request, already nominated into this cohort); if any row fails, nothing is written and every row says
 * why. Otherwise one transaction writes students, nominations, their first history rows and audit rows
 * with multi-row inserts.
 *
 * The same person (nationality + passport number) is never a second confirmed student. When the caller's
 * home institution already has the person, that student is reused (`existingStudent: true`). When only
 * another home institution has them, the row is answered exactly as for a new person (the answer must not
 * depend on another institution's data: a partner may not learn that a passport is known elsewhere), and the
 * nomination is held for a platform admin's identity review: its student is provisional
 * (students.held_for_review) and an identity_reviews row, seen only by platform admins, waits for a merge
 * into the existing student or a rejection (identity-review.service.ts). Both paths run the same statements.
 */
export async function registerStudents(ctx: Context, input: RegisterStudentsInput, operation = "registerStudents"): Promise<RegistrationOutcome> {
  const v = requireRole(ctx, rolesOf(Permission.StudentRegister));
  const cohortId = fromGlobalId(input.cohortId, "Cohort", "input.cohortId");
  const home = homeInstitution(v, input.homeInstitutionId);
  await requireAccess(ctx, Permission.StudentRegister, [home], { field: "input.homeInstitutionId" });
  const rows = candidateRows(input.students, input.csv);

  return runMutation(ctx, {
    operation,
    input,
    run: async (tx) => {
      // The access check and the look-up of the people side by side: one round trip. The look-up only reads,
      // and its answer is used only once the check has passed.
      const checked = checkRows(tx, rows, home, cohortId);
      checked.catch(() => {}); // a refusal below answers; the look-up's own failure is thrown by the await after it
      await requireAccess(ctx, Permission.CohortNominate, [cohortId], { field: "input.cohortId", given: input.cohortId, db: tx });
      const { errors, known } = await checked;
      const results: RegistrationResult[] = rows.map((r) => ({ row: r.row, studentId: null, enrollmentId: null, existingStudent: false, error: errors.get(r.row) ?? null }));
      if (errors.size) throw new NotWritten<RegistrationOutcome>({ written: false, accepted: rows.length - errors.size, rejected: errors.size, results });
      return write(tx, ctx, rows, known, home, cohortId, v);
    },
    retry: samePersonRegisteredMeanwhile,
    // A refusal stored under an idempotency key names no student: the people of its rows, for an erasure to find it.
    dataOf: () => rows.map((r) => dataTag("person", ...personOfRow(r.data))),
  });
}

const personOf = (r: CandidateRow) => `${r.data.nationality}:${r.data.passportNumber}`;

/** What the database knows of one person, as far as this caller may be told (see `existingStudents`). */
interface KnownPerson {
  /** The caller's home institution's student for the person (its own data). */
  own?: { id: number; held: boolean; inCohort: boolean };
  /** A confirmed student of another home institution: never shown to the caller, only used to hold the row. */
  elsewhere?: { id: number };
}

async function checkRows(tx: Tx, rows: CandidateRow[], home: number, cohortId: number) {
  const errors = new Map<number, RowError>();
  const today = new Date();
  for (const r of rows) {
    const e = checkRow(r, today);
    if (e) errors.set(r.row, e);
  }
  const ok = rows.filter((r) => !errors.has(r.row));
  // One statement: which nationalities are countries of this API, and who is known for each person.
  const { known, countryCodes } = await existingStudents(tx, ok, home, cohortId);
  const seen = new Map<string, number>();
  for (const r of ok) {
    if (!countryCodes.has(r.data.nationality)) {
      errors.set(r.row, { code: "BAD_USER_INPUT", field: r.fieldName("nationality"), message: `${r.data.nationality} is not a country of this API` });
      continue;
    }
    const person = personOf(r);
    const first = seen.get(person);
    if (first != null)
      errors.set(r.row, { code: "CONFLICT", field: r.fieldName("passportNumber"), message: `the same person as row ${first}` });
    else seen.set(person, r.row);
  }
  for (const r of rows) {
    if (errors.has(r.row)) continue;
    // Only the caller's own students are refused here; another institution's student changes nothing in the answer.
    if (known.get(personOf(r))?.own?.inCohort)
      errors.set(r.row, { code: "CONFLICT", field: r.fieldName("passportNumber"), message: "this student is already nominated into this cohort" });
  }
  return { errors, known };
}

// From the keys to the students, one index probe per key: `offset 0` keeps each branch a subquery run per key (the
// key is the one asked for: a student found by a former number answers under it). Written as
// `(nationality, passport) in (keys)` PostgreSQL hashed the keys and scanned every student (18 ms for one key at
// the benchmark's small scale, 10,000 students).
//
// Every student found is locked (FOR KEY SHARE) until the registration ends, and one erased meanwhile is not found:
// an erasure locks its student (FOR UPDATE) before it checks for pending identity reviews (student-privacy.service.ts),
// so the two take the same row's lock first and one waits for the other. Without it an erasure could run between
// this look-up and the insert of a review held against the student it found, and leave a pending review linked to an
// erased record (outside finding S2). Waiting for an erasure, the lock reads the row anew (READ COMMITTED): erased, it
// is left out and the person is registered afresh. The lock blocks only FOR UPDATE (an erasure, a merge's delete),
// not corrections or other registrations; with nobody found it locks nothing.
const lookUpStatement = prebuilt<"keys" | "cohortId" | "home">((p) => sql`
  with found as (
    select s.id, k.nat as nationality, k.pass as "passportNumber", exists (select 1 from ${countries} co where co.code = k.nat) as country,
      s.home_institution_id as "homeInstitutionId", s.held_for_review as held,
      exists (select 1 from ${enrollments} e where e.student_id = s.id and e.cohort_id = ${p.cohortId}) as "inCohort"
    from json_to_recordset(${p.keys}::json) as k(nat char(2), pass text)
    left join lateral (
      (select * from ${students} c where c.nationality = k.nat and c.passport_number = k.pass and not c.held_for_review offset 0)
      union all
      (select * from ${students} h where h.nationality = k.nat and h.passport_number = k.pass and h.held_for_review and h.home_institution_id = ${p.home} offset 0)
      union all
      -- A confirmed student by a number it held before a correction (a passport renewal): the same person.
      (select f.* from ${studentCorrections} sc join ${students} f on f.id = sc.student_id
        where sc.field = 'PASSPORT_NUMBER' and sc.old_value = k.pass and f.nationality = k.nat and not f.held_for_review offset 0)
    ) as s on true),
  locked as (select l.id from ${students} l where l.id in (select id from found) and l.erased_at is null order by l.id for key share)
  select l.id, f.nationality, f."passportNumber", f.country, f."homeInstitutionId", f.held, f."inCohort"
  from found f left join locked l on l.id = f.id`);

/**
 * Students already registered for these people, by "nationality:passport", in one statement with one JSON
 * parameter whatever the number of rows: the caller's home institution's own student (and whether it is
 * already in the cohort), and a confirmed student of another home institution; and which of the rows'
 * nationalities are countries of this API.
 */
async function existingStudents(tx: Tx, rows: CandidateRow[], home: number, cohortId: number) {
  const found = new Map<string, KnownPerson>();
  const countryCodes = new Set<string>();
  if (!rows.length) return { known: found, countryCodes };
  const keys = JSON.stringify(rows.map((r) => ({ nat: r.data.nationality, pass: r.data.passportNumber })));
  const list = rowsOf<{ id: number | null; nationality: string; passportNumber: string; country: boolean; homeInstitutionId: number; held: boolean; inCohort: boolean }>(
    await execPrebuilt(tx, lookUpStatement, { keys, cohortId, home }),
  );
  for (const s of list) {
    if (s.country) countryCodes.add(s.nationality.trim());
    if (s.id == null) continue;
    const key = `${s.nationality}:${s.passportNumber}`;
    const p = found.get(key) ?? {};
    if (s.homeInstitutionId === home) {
      if (!p.own || p.own.held) p.own = { id: s.id, held: s.held, inCohort: s.inCohort }; // a confirmed one first
    } else p.elsewhere = { id: s.id };
    found.set(key, p);
  }
  return { known: found, countryCodes };
}

// tx.execute answers an array on postgres.js and { rows } on PGlite.
const rowsOf = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as T[];

// New students, the nominations, their first history rows, an identity review for each held one and the audit rows,
// in one statement (INSERT … SELECT FROM json_to_recordset($1): one parameter whatever the number of rows; drizzle's
// .values([...]) makes a parameter and runs its type checks for every value of every row).
//
// Audit rows name the records; personal data stays out of the audit trail. A held nomination's rows are the same as a
// new person's; its review is recorded privately (platform admins only: no actor institution, visible to nobody in
// the feed). The others are visible to the student's home and the cohort's host, what the audit insert's own rule
// (audit.service.ts) gives a new student and its nomination, written here because that rule reads the rows before
// this statement. Ids in the order of the separate insert this replaces: students, nominations, reviews.
//
// A person another request registered since the look-up (its row not yet committed then) makes the students' insert
// wait for that request and then fail on students_nationality_passport: the mutation runs again (`retry` below) and
// its look-up finds them, to be reused or held like any other.
const writeStatement = prebuilt<"batch" | "home" | "registeredBy" | "subject" | "cohortId" | "institutionId" | "requestId" | "role">((p) => sql`
  with x as (
    select * from json_to_recordset(${p.batch}::json)
      as t("row" int, sid int, ex int, f text, g text, fl text, gl text, dob date, nat char(2), email text, pass text, held boolean)),
  s as (
    insert into ${students} (family_name, given_names, family_name_latin, given_names_latin, date_of_birth, nationality, email, passport_number, home_institution_id, registered_by_institution_id, registered_by, held_for_review)
    select f, g, fl, gl, dob, nat, email, pass, ${p.home}::int, ${p.registeredBy}::int, ${p.subject}::text, held from x where sid is null
    returning id, nationality, passport_number, held_for_review),
  n as (
    select x."row", coalesce(x.sid, s.id) as sid, x.ex, s.id is not null as created, x.nat from x
    left join s on x.sid is null and s.nationality = x.nat and s.passport_number = x.pass and s.held_for_review = x.held),
  en as (insert into ${enrollments} (student_id, cohort_id, status) select sid, ${p.cohortId}::int, 'NOMINATED' from n returning id, student_id),
  hs as (
    insert into ${enrollmentStatusChanges} (enrollment_id, from_status, to_status, actor, reason)
    select en.id, null, 'NOMINATED', ${p.subject}::text, 'registered' from en),
  rv as (
    insert into ${identityReviews} (enrollment_id, held_student_id, existing_student_id, requested_by, requested_by_institution_id, request_id)
    select en.id, en.student_id, n.ex, ${p.subject}::text, ${p.institutionId}::int, ${p.requestId}::text from en join n on n.sid = en.student_id where n.ex is not null
    returning id, enrollment_id),
  w as (select n."row", n.sid, en.id as eid, rv.id as review, n.created, n.ex, n.nat from n join en on en.student_id = n.sid left join rv on rv.enrollment_id = en.id),
  vis as (
    select case when p.host_institution_id = ${p.home}::int then array[${p.home}::int] else array[${p.home}::int, p.host_institution_id] end as v
    from ${cohorts} c join ${programs} p on p.id = c.program_id where c.id = ${p.cohortId}::int),
  au as (
    insert into ${auditLog} (request_id, actor_subject, actor_role, actor_institution_id, action, entity_type, entity_id, after, visible_to)
    select ${p.requestId}::text, ${p.subject}::text, ${p.role}::text, a.ai, a.action, a.t, a.e, a.after, a.vt from (
      select 0 as k, w."row", ${p.institutionId}::int as ai, 'student.register' as action, 'Student' as t, w.sid as e,
        jsonb_build_object('nationality', w.nat, 'homeInstitutionId', ${p.home}::int) as after, (select v from vis) as vt
      from w where w.created
      union all
      select 1, w."row", ${p.institutionId}::int, 'enrollment.nominate', 'Enrollment', w.eid,
        jsonb_build_object('studentId', w.sid, 'cohortId', ${p.cohortId}::int, 'status', 'NOMINATED'), (select v from vis)
      from w
      union all
      select 2, w."row", null, 'identityReview.open', 'IdentityReview', w.review,
        jsonb_build_object('enrollmentId', w.eid, 'heldStudentId', w.sid, 'existingStudentId', w.ex, 'status', 'PENDING'), '{}'::int[]
      from w where w.review is not null
      order by 1, 2) as a)
  select "row", sid, eid, review, created from w`);

/** A concurrent registration of the same person committed between the look-up and the insert (see writeStatement). */
const samePersonRegisteredMeanwhile = (e: unknown) => isUniqueViolation(e, "students_nationality_passport");

function write(tx: Tx, ctx: Context, rows: CandidateRow[], known: Map<string, KnownPerson>, home: number, cohortId: number, v: Viewer) {
  const batch = rows.map((r) => {
    const p = known.get(personOf(r));
    // Held against a confirmed student of another home institution: the caller has no student for the person, or only
    // a provisional one (held earlier) while the confirmed one is elsewhere.
    const ex = p?.own ? (p.own.held && p.elsewhere ? p.elsewhere.id : null) : (p?.elsewhere?.id ?? null);
    const d = r.data;
    return p?.own
      ? { row: r.row, sid: p.own.id, ex }
      : { row: r.row, sid: null, ex, f: d.familyName, g: d.givenNames, fl: d.familyNameLatin, gl: d.givenNamesLatin, dob: d.dateOfBirth, nat: d.nationality, email: d.email ?? null, pass: d.passportNumber, held: ex != null };
  });
  const statement = execPrebuilt(tx, writeStatement, {
    batch: JSON.stringify(batch), home, registeredBy: v.institutionId ?? home, subject: v.subject, cohortId, institutionId: v.institutionId ?? null, requestId: ctx.requestId, role: v.role,
  });
  // The last statement: sent with COMMIT where the driver pipelines them; the answer is made of its rows.
  return lastlyThen(tx, statement, (found): RegistrationOutcome => {
    const results: RegistrationResult[] = rows.map((r) => ({ row: r.row, studentId: null, enrollmentId: null, existingStudent: false, error: null }));
    for (const w of found) {
      const row = Number(w.row);
      results[row].studentId = Number(w.sid);
      results[row].enrollmentId = Number(w.eid);
      results[row].existingStudent = !w.created;
    }
    return { written: true, accepted: rows.length, rejected: 0, results };
  });
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
