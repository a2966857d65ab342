import { sql, type SQL } from "drizzle-orm";
import type { Context } from "../../context.js";
import type { Tx } from "../../shared/mutation.js";
import { execPrebuilt, prebuilt } from "../../shared/prebuilt-sql.js";
import { cohorts, programs } from "../programs/program.table.js";
import { enrollments, students } from "../students/student.table.js";
import { courseUnits } from "../education/curriculum.table.js";
import { courseResults } from "../education/result.table.js";
import { auditLog } from "./audit.table.js";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
  /**
   * Seen only by platform admins: the row names no actor institution (so the auditLog of the actor's own
   * institution does not list it) and is visible to nobody else in the change feed. For records whose mere
   * existence would tell the actor's institution about another institution's data (an identity review).
   */
  private?: boolean;
  /**
   * Institutions whose staff may see the change in the feed, when the entity's own rule is not one of
   * the audit insert's own (a recognition: the student's home and host and the teaching institution).
   */
  visibleTo?: number[];
}

/**
 * Entity types whose changes only platform admins see in the change feed (visible to no institution). Their rows
 * keep the actor's institution, so that institution's admins still list them in their auditLog. Webhook
 * endpoints and deliveries: only the institution's admins may read them, and the feed cannot tell an
 * institution's admins from its other staff.
 */
const PRIVATE_TYPES = new Set(["IdentityReview", "WebhookEndpoint", "WebhookDelivery"]);

/**
 * Who may see a change of a student or an enrollment in the change feed: staff of the student's home
 * institution and of the institutions hosting its programs (the personal-data rule), and for an enrollment the
 * institution that nominated it when that is not the student's home (a merged nomination: student.scope.ts),
 * computed by the audit insert itself from `x.e` (no statement of its own). Other changes are public.
 */
const enrollmentVisibility = sql`(select case when s.home_institution_id = p.host_institution_id then array[s.home_institution_id] else array[s.home_institution_id, p.host_institution_id] end
    || case when en.nominated_by_institution_id is null or en.nominated_by_institution_id in (s.home_institution_id, p.host_institution_id) then '{}'::int[] else array[en.nominated_by_institution_id] end
  from ${enrollments} en join ${students} s on s.id = en.student_id join ${cohorts} c on c.id = en.cohort_id join ${programs} p on p.id = c.program_id
  where en.id = x.e)`;
const studentVisibility = sql`(select array[s.home_institution_id] || array(
    select distinct p.host_institution_id from ${enrollments} en join ${cohorts} c on c.id = en.cohort_id join ${programs} p on p.id = c.program_id
    where en.student_id = s.id and p.host_institution_id <> s.home_institution_id order by 1)
  from ${students} s where s.id = x.e)`;

/**
 * Who may see a change of a course result: staff of the student's home and host institutions and of the unit's
 * teaching institution (result.scope.ts's rule for reading it), each once. It reads the result, so the result
 * must be written by an earlier statement than the audit rows' (not a CTE of the same one).
 */
const resultVisibility = sql`(select array(select distinct i from unnest(array[s.home_institution_id, p.host_institution_id, u.teaching_institution_id]) as i order by 1)
  from ${courseResults} r join ${courseUnits} u on u.id = r.unit_id join ${enrollments} en on en.id = r.enrollment_id
  join ${students} s on s.id = en.student_id join ${cohorts} c on c.id = en.cohort_id join ${programs} p on p.id = c.program_id
  where r.id = x.e)`;

/** Writes audit rows inside the caller's transaction: the change and its record commit or fail together. */
export async function audit(tx: Tx, ctx: Context, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const values = auditValues(ctx, entries);
  if (values) await execPrebuilt(tx, insertAudit, values);
}

/**
 * The INSERT of audit rows with its values as placeholders (`requestId`, `subject`, `role`, `rows`: the JSON of
 * auditRows), for a statement built once (shared/prebuilt-sql.ts) that writes them in the same statement as its
 * change. Its visibility subqueries see the rows as they were before the statement, which is what they read (a
 * student's home, a program's host).
 */
export function auditInsertOf(p: Record<"requestId" | "subject" | "role" | "rows", SQL>): SQL {
  // One INSERT … SELECT FROM json_to_recordset($1), whatever the number of entries; `own`: the entity's own rule decides.
  return sql`
    insert into ${auditLog} (request_id, actor_subject, actor_role, actor_institution_id, action, entity_type, entity_id, before, after, visible_to)
    select ${p.requestId}::text, ${p.subject}::text, ${p.role}::text, ai, a, t, e, b, af,
      case when not own then vt
        when t = 'Enrollment' then coalesce(${enrollmentVisibility}, '{}')
        when t = 'Student' then coalesce(${studentVisibility}, '{}')
        when t = 'CourseResult' then coalesce(${resultVisibility}, '{}') end
    from json_to_recordset(${p.rows}::json) as x(a text, t text, e int, b jsonb, af jsonb, ai int, vt int[], own boolean)`;
}

/** The placeholders' values of auditInsertOf for these entries (null for none). */
export function auditValues(ctx: Context, entries: AuditEntry | AuditEntry[]): Record<"requestId" | "subject" | "role" | "rows", unknown> | null {
  const list = Array.isArray(entries) ? entries : [entries];
  if (!list.length) return null;
  const v = ctx.viewer!;
  const rows = list.map((e) => {
    const hidden = e.private || PRIVATE_TYPES.has(e.entityType);
    return {
      a: e.action, t: e.entityType, e: e.entityId, b: e.before ?? null, af: e.after ?? null,
      ai: e.private ? null : v.institutionId,
      vt: hidden ? [] : (e.visibleTo ?? null),
      own: !hidden && e.visibleTo == null,
    };
  });
  return { requestId: ctx.requestId, subject: v.subject, role: v.role, rows: JSON.stringify(rows) };
}

const insertAudit = prebuilt(auditInsertOf);

/**
 * The INSERT of these audit rows, for a mutation that writes them in the same statement as its change (a
 * data-modifying CTE ahead of it: one round trip); null for no entries.
 */
export function auditInsert(ctx: Context, entries: AuditEntry | AuditEntry[]): SQL | null {
  const values = auditValues(ctx, entries);
  return values && insertAudit(values);
}
