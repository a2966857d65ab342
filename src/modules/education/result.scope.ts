import { sql, type SQL } from "drizzle-orm";
import type { Who } from "../../engine/entity.js";
import { enrollmentScope } from "../students/student.scope.js";
import { enrollments } from "../students/student.table.js";
import { courseUnits } from "./curriculum.table.js";
import type { courseResults } from "./result.table.js";

// Who may read which results, each rule once as SQL over the table under the alias a statement gives it.
// Results are personal data: staff of the student's home and host institutions (the enrollment's scope:
// student.scope.ts), and staff of the teaching institution for its own units. Never anonymous callers.

/** The roles whose staff read results: those who read enrollments, and who enter results. */
const RESULT_READERS = new Set(["INSTITUTION_ADMIN", "PARTNER_REGISTRAR"]);

/** Units an institution teaches. */
export const taughtBy = (inst: number) => sql`(select ${courseUnits.id} from ${courseUnits} where ${courseUnits.teachingInstitutionId} = ${inst})`;

/** Enrollments a caller may read, as a subquery of ids (the enrollment scope applied to the unaliased table). */
function readableEnrollments(who: Who): SQL | false | undefined {
  const scope = enrollmentScope(enrollments, who, "scan");
  if (scope === false || scope === undefined) return scope;
  return sql`(select ${enrollments.id} from ${enrollments} where ${scope})`;
}

/**
 * Rows of a table with an enrollment and a unit column (results, recognitions) that a caller may read. Two SQL
 * forms of the one rule, as for enrollments: "scan" (the readable enrollments as one set) for lists over many
 * enrollments, "probe" (each row's enrollment checked by its key) for the rows of one enrollment (a transcript),
 * which would otherwise hash every enrollment of the host's cohorts.
 */
export function recordScope(enrollment: SQL | { getSQL(): SQL }, unit: SQL | { getSQL(): SQL }, who: Who, form: "scan" | "probe" = "scan"): SQL | undefined | false {
  if (!who) return false;
  if (who.role === "PLATFORM_ADMIN") return undefined;
  if (!RESULT_READERS.has(who.role) || who.institutionId == null) return false;
  const teaching = sql`${unit} in ${taughtBy(who.institutionId)}`;
  if (form === "probe") {
    const scope = enrollmentScope(enrollments, who, "probe");
    if (scope === undefined) return undefined;
    if (scope === false) return teaching;
    // A scalar subquery by the enrollment's key: PostgreSQL turned `exists (…)` under the OR into a hash of every
    // enrollment (20 ms at the small bench scale; this form 0.5 ms, the scan form 2.3 ms).
    return sql`(coalesce((select ${scope} from ${enrollments} where ${enrollments.id} = ${enrollment}), false) or ${teaching})`;
  }
  const own = readableEnrollments(who);
  return own ? sql`(${enrollment} in ${own} or ${teaching})` : teaching;
}

export const resultScope = (t: typeof courseResults, who: Who) => recordScope(t.enrollmentId, t.unitId, who);

/** Rows of a table with an enrollment column only (progression decisions): staff of the student's home and host institutions. */
export function enrollmentRecordScope(enrollment: SQL | { getSQL(): SQL }, who: Who): SQL | undefined | false {
  if (!who) return false;
  if (who.role === "PLATFORM_ADMIN") return undefined;
  if (!RESULT_READERS.has(who.role) || who.institutionId == null) return false;
  const own = readableEnrollments(who);
  return own === false ? false : own === undefined ? undefined : sql`${enrollment} in ${own}`;
}
