import type { SQL } from "drizzle-orm";
import type { Context } from "../../context.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import type { Viewer } from "../auth/auth.roles.js";
import { requireRole } from "../auth/access.js";
import { enrollmentScope } from "../students/student.scope.js";
import { enrollments } from "../students/student.table.js";

// The access rule of the student reports. Aggregates are public; breakdowns that could single out a
// person are not. Withholding small groups does not hold for breakdowns a caller chooses freely: a total
// minus the groups shown (or the public Cohort.seatsTaken minus ENROLLED) gives back the withheld one. So
// the free breakdowns (studentCounts, cohortReconciliation) need a role that may list students and count
// only those students; the one public student figure, the Central Asian intake per year, can be narrowed
// by years only, so every row is one year's count and no subtraction reveals a withheld one.

/** Roles that may list students (platform admins always may). */
export const STUDENT_READERS = ["INSTITUTION_ADMIN", "PARTNER_REGISTRAR"] as const;

/** Counts of 1 to 4 are withheld from callers who may not list students. */
export const SUPPRESS_BELOW = 5;

/**
 * What the caller may count: the enrollments it may list (enrollmentScope; their students are ones it may
 * list too). undefined: all of them.
 */
export interface StudentReportScope {
  enrollments: SQL | undefined;
}

/** Free student breakdowns: UNAUTHENTICATED without a token, FORBIDDEN for roles that may list no students. */
export function requireStudentReader(ctx: Context): StudentReportScope {
  const v = requireRole(ctx, STUDENT_READERS);
  return scopeOf(v)!;
}

/** The caller's scope when it may list students; null when it may not (anonymous and the other roles). */
export function studentReaderScope(v: Viewer | null): StudentReportScope | null {
  return scopeOf(v);
}

function scopeOf(v: Viewer | null): StudentReportScope | null {
  const e = enrollmentScope(enrollments, v, "scan");
  if (e === false) return null;
  return { enrollments: e };
}

/** A public count: `students` null and `suppressed` true when from 1 to SUPPRESS_BELOW - 1. */
export function publicCount(n: number): { students: number | null; suppressed: boolean } {
  return n > 0 && n < SUPPRESS_BELOW ? { students: null, suppressed: true } : { students: n, suppressed: false };
}

/** A filter field that only callers who may list students may use; `rule`: the report's own words for it. */
export function readersOnly(field: string, rule = "only callers who may list students can narrow this figure beyond years; anyone else gets it per intake year"): AppError {
  return new AppError(ErrorCode.FORBIDDEN, `${field}: ${rule}`, { field });
}

/** The rule as written in each student report's description. */
export const STUDENT_BREAKDOWN_ACCESS =
  "Access: needs a signed-in INSTITUTION_ADMIN or PARTNER_REGISTRAR (or PLATFORM_ADMIN), and counts only the students the caller may list " +
  "(as `students`: an institution admin its own students and those in programs it hosts, a partner registrar its own); " +
  "anonymous callers get UNAUTHENTICATED, other roles FORBIDDEN.";

export const INTAKE_ACCESS =
  "Access: public. Callers who may list students (INSTITUTION_ADMIN, PARTNER_REGISTRAR, PLATFORM_ADMIN) get exact counts of those students and may use every filter; " +
  "anyone else gets counts over all students, may narrow them by years only (other filters are FORBIDDEN), and any count from 1 to 4 is withheld (students null, suppressed true).";
