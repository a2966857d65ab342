import { sql, type SQL } from "drizzle-orm";
import type { Who } from "../../engine/entity.js";
import { cohorts, programs } from "../programs/program.table.js";
import { enrollments, enrollmentStatusChanges, students } from "./student.table.js";

// Who may read which students and enrollments, and whose personal data: each rule once, as SQL over the
// table under the alias a statement gives it. The read engine applies them to every read (student.entity.ts);
// reports and mutations call the same functions.

// program_id = any(array(…)): the host's few programs first, then their cohorts through the (program_id, …)
// index. As `program_id in (subquery)` PostgreSQL hashed the programs and scanned all 20,000 cohorts (3 ms).
export const hostedCohorts = (inst: number) =>
  sql`(select ${cohorts.id} from ${cohorts} where ${cohorts.programId} = any(array(select ${programs.id} from ${programs} where ${programs.hostInstitutionId} = ${inst})))`;

/**
 * Students an institution nominated into a program while another institution is their home: an identity review
 * merged its nomination (registered by its registrar) into the student another home had registered before
 * (enrollments.nominated_by_institution_id). It keeps its nomination, and the student behind it as far as names
 * and nationality go: the person it registered itself. Not the personal data (personalData below is the home's
 * and the hosts'), nor the other home's corrections or nominations.
 */
// = any(array(…)): an init plan over the partial index, so a registrar's `home = … or …` stays a BitmapOr of two
// index scans (as `in (subquery)` under an OR it would be a filter on every student).
const nominatedBy = (t: typeof students, inst: number) =>
  sql`${t.id} = any(array(select ${enrollments.studentId} from ${enrollments} where ${enrollments.nominatedByInstitutionId} = ${inst}))`;

/** Students at the caller's institution, enrolled in a program it hosts, or nominated by it (a merged nomination). */
const ofInstitution = (t: typeof students, inst: number) =>
  sql`(${t.homeInstitutionId} = ${inst} or ${t.id} in (select ${enrollments.studentId} from ${enrollments} where ${enrollments.cohortId} in ${hostedCohorts(inst)}) or ${nominatedBy(t, inst)})`;

/**
 * Which students a caller may read: platform admins all; a partner registrar those whose home institution is
 * its own, and those of its merged nominations; an institution admin those from its institution, enrolled in a
 * program it hosts, or of its institution's merged nominations. Others none.
 */
export function studentScope(t: typeof students, v: Who): SQL | undefined | false {
  if (!v) return false;
  if (v.role === "PLATFORM_ADMIN") return undefined;
  const inst = v.institutionId!;
  if (v.role === "PARTNER_REGISTRAR") return sql`(${t.homeInstitutionId} = ${inst} or ${nominatedBy(t, inst)})`;
  if (v.role === "INSTITUTION_ADMIN") return ofInstitution(t, inst);
  return false;
}

/**
 * Which enrollments a caller may read: those of its institution's students (home), of programs it hosts
 * (institution admins), and its merged nominations (nominated_by_institution_id: the nomination, not the other
 * home's other enrollments of the student). Each is of a student the caller may read (studentScope above), which
 * Enrollment.student relies on. Two SQL forms of the one rule: "scan" for lists that search all enrollments,
 * "probe" for a list under a parent row (a cohort's enrollments), whose few rows come from the parent's index
 * and are each checked.
 */
export function enrollmentScope(t: typeof enrollments, v: Who, form: "scan" | "probe" = "probe"): SQL | undefined | false {
  if (!v) return false;
  if (v.role === "PLATFORM_ADMIN") return undefined;
  const inst = v.institutionId!;
  const nominated = sql`${t.nominatedByInstitutionId} = ${inst}`;
  const ownStudents = sql`${t.studentId} in (select ${students.id} from ${students} where ${students.homeInstitutionId} = ${inst})`;
  // A registrar's scan: the forms below, for the same reason (alone, `in (subquery)` was a semi-join; under an OR it is not).
  if (v.role === "PARTNER_REGISTRAR")
    return form === "probe"
      ? sql`(${ownStudents} or ${nominated})`
      : sql`(${t.studentId} = any(array(select ${students.id} from ${students} where ${students.homeInstitutionId} = ${inst})) or ${nominated})`;
  if (v.role !== "INSTITUTION_ADMIN") return false;
  // probe: `in (subquery)` is a hash lookup per row; `= any(array)` compared each row with all of the
  // host's cohorts (500 at the benchmark's scale), 0.8 ms for a dashboard of 1,000 enrollments.
  if (form === "probe") return sql`(${ownStudents} or ${t.cohortId} in ${hostedCohorts(inst)} or ${nominated})`;
  // scan: = any(array(subquery)): the arrays are computed once (init plans), so the OR can be a BitmapOr of
  // the enrollments' student and cohort indexes (and the merged nominations' partial index) instead of a scan of
  // every enrollment against two hashed subplans.
  return sql`(${t.studentId} = any(array(select ${students.id} from ${students} where ${students.homeInstitutionId} = ${inst})) or ${t.cohortId} = any(array${hostedCohorts(inst)}) or ${nominated})`;
}

/**
 * Students whose personal data an institution's staff hold: those from the institution, and those it hosts in a
 * program unless their nomination there ended before the host admitted them (rejected, or withdrawn while still
 * nominated): a student it never admitted, data it no longer needs. The enrollment row and the names stay
 * visible to it, as the record of how the nomination ended. A student withdrawn after admission keeps the host's
 * part: it holds the student's record (results, transcripts).
 */
const holdsPersonalData = (t: typeof students, inst: number) => sql`(${t.homeInstitutionId} = ${inst} or ${hostsPersonalData(t, inst)})`;

/**
 * A nomination that ended before the host admitted the student: REJECTED, or WITHDRAWN from NOMINATED (what its
 * status history records; a withdrawal with no history, as some seeded ones, counts as after admission). Written
 * against `enrollments` as the statement names it (the subquery below).
 */
const endedUnadmitted = sql`(${enrollments.status} = 'REJECTED' or (${enrollments.status} = 'WITHDRAWN' and exists (select 1 from ${enrollmentStatusChanges} h
  where h.enrollment_id = ${enrollments.id} and h.to_status = 'WITHDRAWN' and h.from_status = 'NOMINATED')))`;

/** The host's part of that rule: a student in a program the institution hosts, whose nomination there did not end unadmitted. */
export const hostsPersonalData = (t: typeof students, inst: number) =>
  sql`${t.id} in (select ${enrollments.studentId} from ${enrollments} where ${enrollments.cohortId} in ${hostedCohorts(inst)} and not ${endedUnadmitted})`;

/** Personal data (passport, date of birth, email, corrections): staff of the student's home and host institutions, and platform admins. */
export function personalData(t: typeof students, v: Who): SQL | boolean {
  if (!v) return false;
  if (v.role === "PLATFORM_ADMIN") return true;
  return holdsPersonalData(t, v.institutionId!);
}
