import { inArray, sql, type SQL } from "drizzle-orm";
import type { Context } from "../../context.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import { cohorts, programs } from "../programs/program.table.js";
import { enrollments, students } from "../students/student.table.js";
import type { RoleName, Viewer } from "./auth.roles.js";

// Access rules, checked in services over sets of ids (not only at the root field), so a nested list,
// node(id) or a mutation cannot reach what the root query would refuse. Read scopes are here; what a
// mutation may change is a permission (permission.ts), checked through require-access.ts.

export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw new AppError(ErrorCode.UNAUTHENTICATED, "Sign in: this needs a bearer token", { http: { status: 401 } });
  return ctx.viewer;
}

export function requireRole(ctx: Context, roles: readonly RoleName[]): Viewer {
  const v = requireViewer(ctx);
  if (v.role !== "PLATFORM_ADMIN" && !roles.includes(v.role))
    throw new AppError(ErrorCode.FORBIDDEN, `This needs one of the roles ${["PLATFORM_ADMIN", ...roles].join(", ")}`);
  return v;
}

export function forbidden(message: string): AppError {
  return new AppError(ErrorCode.FORBIDDEN, message);
}

// program_id = any(array(…)): the host's few programs first, then their cohorts through the (program_id, …)
// index. As `program_id in (subquery)` PostgreSQL hashed the programs and scanned all 20,000 cohorts (3 ms).
const hostedCohorts = (inst: number) =>
  sql`(select ${cohorts.id} from ${cohorts} where ${cohorts.programId} = any(array(select ${programs.id} from ${programs} where ${programs.hostInstitutionId} = ${inst})))`;

/**
 * Which students a caller may list: platform admins all; a partner registrar those whose home institution
 * is its own; an institution admin those from its institution or enrolled in a program it hosts. Others
 * none. Returns a condition on `students`, or false for none.
 */
export function studentScope(v: Viewer | null): SQL | undefined | false {
  if (!v) return false;
  if (v.role === "PLATFORM_ADMIN") return undefined;
  const inst = v.institutionId!;
  if (v.role === "PARTNER_REGISTRAR") return sql`${students.homeInstitutionId} = ${inst}`;
  if (v.role === "INSTITUTION_ADMIN")
    return sql`(${students.homeInstitutionId} = ${inst} or ${students.id} in (select ${enrollments.studentId} from ${enrollments} where ${enrollments.cohortId} in ${hostedCohorts(inst)}))`;
  return false;
}

/**
 * Which enrollments a caller may list: those of the students it may see, by the same rule. Two SQL forms
 * of the one rule: "scan" for lists that search all enrollments, "probe" for a list under a parent row
 * (a cohort's enrollments), whose few rows come from the parent's index and are each checked.
 */
export function enrollmentScope(v: Viewer | null, form: "scan" | "probe" = "scan"): SQL | undefined | false {
  if (!v) return false;
  if (v.role === "PLATFORM_ADMIN") return undefined;
  const inst = v.institutionId!;
  const ownStudents = sql`${enrollments.studentId} in (select ${students.id} from ${students} where ${students.homeInstitutionId} = ${inst})`;
  if (v.role === "PARTNER_REGISTRAR") return ownStudents;
  if (v.role !== "INSTITUTION_ADMIN") return false;
  // probe: `in (subquery)` is a hash lookup per row; `= any(array)` compared each row with all of the
  // host's cohorts (500 at the benchmark's scale), 0.8 ms for a dashboard of 1,000 enrollments.
  if (form === "probe") return sql`(${ownStudents} or ${enrollments.cohortId} in ${hostedCohorts(inst)})`;
  // scan: = any(array(subquery)): the arrays are computed once (init plans), so the OR can be a BitmapOr of
  // the enrollments' student and cohort indexes instead of a scan of every enrollment against two hashed subplans.
  return sql`(${enrollments.studentId} = any(array(select ${students.id} from ${students} where ${students.homeInstitutionId} = ${inst})) or ${enrollments.cohortId} = any(array${hostedCohorts(inst)}))`;
}

/** Students of these ids whose personal data the caller may see: staff of their home or host institutions. */
export function personalDataVisible(ctx: Context) {
  const v = ctx.viewer;
  return ctx.loaders.get<number, boolean>("personalDataVisible", async (ids) => {
    if (!v) return ids.map(() => false);
    if (v.role === "PLATFORM_ADMIN") return ids.map(() => true);
    const inst = v.institutionId!;
    const rows = await ctx.db
      .select({ id: students.id })
      .from(students)
      .where(
        sql`${inArray(students.id, [...ids])} and (${students.homeInstitutionId} = ${inst} or ${students.id} in (select ${enrollments.studentId} from ${enrollments} where ${enrollments.cohortId} in ${hostedCohorts(inst)}))`,
      );
    const ok = new Set(rows.map((r) => r.id));
    return ids.map((id) => ok.has(id));
  });
}
