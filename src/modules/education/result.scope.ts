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

/** Rows of a table with an enrollment and a unit column (results, recognitions) that a caller may read. */
export function recordScope(enrollment: SQL | { getSQL(): SQL }, unit: SQL | { getSQL(): SQL }, who: Who): SQL | undefined | false {
  if (!who) return false;
  if (who.role === "PLATFORM_ADMIN") return undefined;
  if (!RESULT_READERS.has(who.role) || who.institutionId == null) return false;
  const own = readableEnrollments(who);
  const teaching = sql`${unit} in ${taughtBy(who.institutionId)}`;
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
