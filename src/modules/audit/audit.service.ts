import { eq, inArray, sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import type { Tx } from "../../shared/mutation.js";
import { cohorts, programs } from "../programs/program.table.js";
import { enrollments, students } from "../students/student.table.js";
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
   * `visibility`'s (a course result: the student's home and host and the teaching institution).
   */
  visibleTo?: number[];
}

/** Entity types whose changes only platform admins see. */
const PRIVATE_TYPES = new Set(["IdentityReview"]);

/**
 * Who may see a change of a student or an enrollment in the change feed: staff of the student's home
 * institution and of the institutions hosting its programs (the personal-data rule). Other changes are public.
 */
async function visibility(tx: Tx, list: AuditEntry[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  const enrollmentIds = list.filter((e) => e.entityType === "Enrollment" && e.entityId != null).map((e) => e.entityId!);
  const studentIds = list.filter((e) => e.entityType === "Student" && e.entityId != null).map((e) => e.entityId!);
  if (enrollmentIds.length) {
    const rows = await tx
      .select({ id: enrollments.id, home: students.homeInstitutionId, host: programs.hostInstitutionId })
      .from(enrollments)
      .innerJoin(students, eq(students.id, enrollments.studentId))
      .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
      .innerJoin(programs, eq(programs.id, cohorts.programId))
      .where(inArray(enrollments.id, [...new Set(enrollmentIds)]));
    for (const r of rows) out.set(`Enrollment:${r.id}`, [...new Set([r.home, r.host])]);
  }
  if (studentIds.length) {
    const rows = await tx
      .select({ id: students.id, home: students.homeInstitutionId, hosts: sql<number[]>`array_remove(array_agg(distinct ${programs.hostInstitutionId}), null)` })
      .from(students)
      .leftJoin(enrollments, eq(enrollments.studentId, students.id))
      .leftJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
      .leftJoin(programs, eq(programs.id, cohorts.programId))
      .where(inArray(students.id, [...new Set(studentIds)]))
      .groupBy(students.id);
    for (const r of rows) out.set(`Student:${r.id}`, [...new Set([r.home, ...(r.hosts ?? []).map(Number)])]);
  }
  return out;
}

/** Writes audit rows inside the caller's transaction: the change and its record commit or fail together. */
export async function audit(tx: Tx, ctx: Context, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (!list.length) return;
  const v = ctx.viewer!;
  const scoped = await visibility(tx, list);
  // One INSERT … SELECT FROM json_to_recordset($1), whatever the number of entries.
  const rows = list.map((e) => {
    const hidden = e.private || PRIVATE_TYPES.has(e.entityType);
    return {
      a: e.action, t: e.entityType, e: e.entityId, b: e.before ?? null, af: e.after ?? null,
      ai: e.private ? null : v.institutionId,
      vt: hidden ? [] : (e.visibleTo ?? scoped.get(`${e.entityType}:${e.entityId}`) ?? (e.entityType === "Student" || e.entityType === "Enrollment" ? [] : null)),
    };
  });
  await tx.execute(sql`
    insert into ${auditLog} (request_id, actor_subject, actor_role, actor_institution_id, action, entity_type, entity_id, before, after, visible_to)
    select ${ctx.requestId}::text, ${v.subject}::text, ${v.role}::text, ai, a, t, e, b, af, vt
    from json_to_recordset(${JSON.stringify(rows)}::json) as x(a text, t text, e int, b jsonb, af jsonb, ai int, vt int[])`);
}
