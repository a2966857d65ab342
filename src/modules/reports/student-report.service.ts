import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Context } from "../../context.js";
import { checkRange, checkYear } from "../../shared/args.js";
import { badInput } from "../../shared/errors.js";
import { fromGlobalId, toGlobalId } from "../../shared/global-id.js";
import { encodeCursor, pageFlags, parsePageArgs, type Ordering, type Page, type PageArgs } from "../../shared/pagination.js";
import { placesPerYearOn } from "../agreements/agreement-version.sql.js";
import { countries } from "../institutions/country.table.js";
import type { CohortFilter } from "../programs/program.input.js";
import { cohortWhere } from "../programs/program.service.js";
import { cohorts, programs } from "../programs/program.table.js";
import { enrollments, enrollmentStatusChanges, students } from "../students/student.table.js";
import { checkDimensions } from "./report.args.js";
import { publicCount, readersOnly, requireStudentReader, studentReaderScope } from "./report.access.js";
import type { IntakeReportFilter, StudentReportFilter } from "./report.input.js";
import { STUDENT_DIMENSIONS, type CohortReconciliation, type IntakeYearCount, type StudentCount, type StudentDimensionValue } from "./report.type.js";

type EnrollmentStatusValue = (typeof enrollments.$inferSelect)["status"];

const centralAsianCodes = sql`(select ${countries.code} from ${countries} where ${countries.centralAsia})`;

/** The enrollment's status history reached this status. */
const everReached = (status: EnrollmentStatusValue) =>
  sql`exists (select 1 from ${enrollmentStatusChanges} where ${enrollmentStatusChanges.enrollmentId} = ${enrollments.id} and ${enrollmentStatusChanges.toStatus} = ${status})`;

/** Conditions on enrollments joined to their students and cohorts. */
export function studentReportWhere(f: StudentReportFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  const from = checkYear(f.yearFrom, `${path}.yearFrom`);
  const to = checkYear(f.yearTo, `${path}.yearTo`);
  checkRange(from, to, `${path}.yearTo`);
  if (from != null) conds.push(gte(cohorts.intakeYear, from));
  if (to != null) conds.push(lte(cohorts.intakeYear, to));
  if (f.nationalities?.length) conds.push(inArray(students.nationality, f.nationalities));
  if (f.centralAsian != null)
    conds.push(f.centralAsian ? inArray(students.nationality, centralAsianCodes) : sql`${students.nationality} not in ${centralAsianCodes}`);
  if (f.programId != null) conds.push(eq(cohorts.programId, fromGlobalId(f.programId, "Program", `${path}.programId`)));
  if (f.cohortId != null) conds.push(eq(enrollments.cohortId, fromGlobalId(f.cohortId, "Cohort", `${path}.cohortId`)));
  if (f.hostInstitutionId != null) {
    const host = fromGlobalId(f.hostInstitutionId, "Institution", `${path}.hostInstitutionId`);
    conds.push(inArray(cohorts.programId, sql`(select ${programs.id} from ${programs} where ${programs.hostInstitutionId} = ${host})`));
  }
  if (f.homeInstitutionId != null)
    conds.push(eq(students.homeInstitutionId, fromGlobalId(f.homeInstitutionId, "Institution", `${path}.homeInstitutionId`)));
  if (f.statuses?.length) conds.push(inArray(enrollments.status, f.statuses as EnrollmentStatusValue[]));
  if (f.everEnrolled != null) conds.push(f.everEnrolled ? everReached("ENROLLED") : sql`not ${everReached("ENROLLED")}`);
  return and(...conds);
}

const STUDENT_DIMENSION_COLUMNS: Record<StudentDimensionValue, PgColumn> = {
  NATIONALITY: students.nationality,
  PROGRAM: cohorts.programId,
  COHORT: enrollments.cohortId,
  STATUS: enrollments.status,
  INTAKE_YEAR: cohorts.intakeYear,
};

interface StudentGroupRow {
  NATIONALITY?: string;
  PROGRAM?: number;
  COHORT?: number;
  STATUS?: string;
  INTAKE_YEAR?: number;
  n: number;
}

/**
 * Distinct students per group, one statement:
 * SELECT <dimensions>, count(DISTINCT students.id) FROM enrollments JOIN students JOIN cohorts
 * WHERE <filter> AND <caller's scope> GROUP BY <dimensions> ORDER BY <dimensions>.
 */
async function countStudents(ctx: Context, dims: StudentDimensionValue[], where: SQL | undefined, needsStudents = true): Promise<StudentGroupRow[]> {
  // Distinct enrollments.student_id: the join to students is made only when a dimension or a filter reads students.
  const fields: Record<string, PgColumn | SQL> = { n: sql<number>`count(distinct ${enrollments.studentId})::int` };
  for (const d of dims) fields[d] = STUDENT_DIMENSION_COLUMNS[d];
  const cols = dims.map((d) => STUDENT_DIMENSION_COLUMNS[d]);
  let q = ctx.db.select(fields).from(enrollments).$dynamic();
  if (needsStudents || dims.includes("NATIONALITY")) q = q.innerJoin(students, eq(students.id, enrollments.studentId));
  q = q.innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId)).where(where);
  if (cols.length) q = q.groupBy(...cols).orderBy(...cols.map((c) => asc(c)));
  // Without dimensions there is no GROUP BY: one row, the total (0 when nothing matches).
  return (await q) as unknown as StudentGroupRow[];
}

/** studentCounts: distinct students the caller may list, grouped by the dimensions asked for. */
export async function studentCounts(ctx: Context, groupBy: string[], filter: StudentReportFilter | null | undefined): Promise<StudentCount[]> {
  const scope = requireStudentReader(ctx);
  const dims = checkDimensions(groupBy as StudentDimensionValue[], STUDENT_DIMENSIONS);
  const readsStudents = !!filter && (filter.nationalities?.length || filter.centralAsian != null || filter.homeInstitutionId != null);
  const rows = await countStudents(ctx, dims, and(studentReportWhere(filter), scope.enrollments), !!readsStudents);
  return rows.map((r) => ({
    nationality: r.NATIONALITY ?? null,
    programDbId: r.PROGRAM ?? null,
    programId: r.PROGRAM != null ? toGlobalId("Program", r.PROGRAM) : null,
    cohortDbId: r.COHORT ?? null,
    cohortId: r.COHORT != null ? toGlobalId("Cohort", r.COHORT) : null,
    status: r.STATUS ?? null,
    intakeYear: r.INTAKE_YEAR ?? null,
    students: Number(r.n),
  }));
}

/**
 * centralAsianIntake: per intake year, distinct students of a Central Asian nationality whose enrollment in
 * a cohort of that year ever reached ENROLLED (from the status history). Callers who may list students
 * count those students with every filter; anyone else counts all students, by years only, small counts
 * withheld.
 */
export async function centralAsianIntake(ctx: Context, filter: IntakeReportFilter | null | undefined): Promise<IntakeYearCount[]> {
  const scope = studentReaderScope(ctx.viewer);
  if (!scope && filter) {
    const narrowing = (["nationalities", "programId", "hostInstitutionId"] as const).find((k) => filter[k] != null);
    if (narrowing) throw readersOnly(`filter.${narrowing}`);
  }
  const where = and(studentReportWhere({ ...(filter ?? {}), centralAsian: true, everEnrolled: true }), scope?.enrollments);
  const rows = await countStudents(ctx, ["INTAKE_YEAR"], where);
  return rows.map((r) => {
    const n = Number(r.n);
    return { intakeYear: r.INTAKE_YEAR!, ...(scope ? { students: n, suppressed: false } : publicCount(n)) };
  });
}

interface ReconciliationRow {
  cohortId: number;
  programId: number;
  intakeYear: number;
  capacity: number;
  seatsTaken: number;
  placesAgreed: number | null;
  nominated: number;
  admitted: number;
  enrolled: number;
  onLeave: number;
  graduated: number;
  withdrawn: number;
  rejected: number;
}

/** Cohort reconciliation is listed by intake year, then cohort id (as `cohorts`), with its own cursors. */
const reconciliationOrdering: Ordering<CohortReconciliation> = {
  name: "cohortReconciliation.intake",
  columns: [cohorts.intakeYear, cohorts.id],
  key: (r) => [r.intakeYear, r.cohortDbId],
};

const nowIn = (status: EnrollmentStatusValue) => sql<number>`(count(${enrollments.id}) filter (where ${enrollments.status} = ${status}))::int`;
const everIn = (status: EnrollmentStatusValue) => sql<number>`(count(${enrollments.id}) filter (where ${everReached(status)}))::int`;

/**
 * cohortReconciliation: one page of cohorts with their counts, one statement for the whole page:
 * SELECT cohort, the places of the agreement's version in force on its start date, count(enrollments) FILTER
 * (WHERE …) per status FROM cohorts JOIN programs LEFT JOIN enrollments (those the caller may list) WHERE <filter> AND (intake_year, id) > cursor
 * GROUP BY cohort ORDER BY intake_year, id LIMIT n + 1. totalCount is one COUNT of the cohorts, run only when asked.
 */
export async function cohortReconciliation(ctx: Context, args: PageArgs, filter: CohortFilter | null | undefined): Promise<Page<CohortReconciliation>> {
  const scope = requireStudentReader(ctx);
  const req = parsePageArgs(args, reconciliationOrdering as Ordering<unknown>);
  const filterWhere = cohortWhere(cohorts, filter);
  const keyAt = (values: unknown[], op: ">" | "<") => {
    const [year, id] = values;
    if (typeof year !== "number" || typeof id !== "number") throw badInput(op === ">" ? "after" : "before", "is not a cursor of this list");
    return sql`(${cohorts.intakeYear}, ${cohorts.id}) ${sql.raw(op)} (${year}::int, ${id}::int)`;
  };
  const where = and(filterWhere, req.after ? keyAt(req.after, ">") : undefined, req.before ? keyAt(req.before, "<") : undefined);
  const dir = req.backward ? desc : asc;
  const rows = (await ctx.db
    .select({
      cohortId: cohorts.id,
      programId: cohorts.programId,
      intakeYear: cohorts.intakeYear,
      capacity: cohorts.capacity,
      seatsTaken: cohorts.seatsTaken,
      // The places of the agreement's version in force on the cohort's start date (agreement-version.sql.ts).
      placesAgreed: placesPerYearOn(programs.agreementId, sql`${cohorts.startDate}`),
      nominated: everIn("NOMINATED"),
      admitted: everIn("ADMITTED"),
      enrolled: nowIn("ENROLLED"),
      onLeave: nowIn("ON_LEAVE"),
      graduated: nowIn("GRADUATED"),
      withdrawn: nowIn("WITHDRAWN"),
      rejected: nowIn("REJECTED"),
    })
    .from(cohorts)
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .leftJoin(enrollments, and(eq(enrollments.cohortId, cohorts.id), scope.enrollments))
    .where(where)
    .groupBy(cohorts.id, programs.id)
    .orderBy(dir(cohorts.intakeYear), dir(cohorts.id))
    .limit(req.limit + 1)) as ReconciliationRow[];

  const hasMore = rows.length > req.limit;
  const slice = hasMore ? rows.slice(0, req.limit) : rows;
  if (req.backward) slice.reverse();
  const nodes = slice.map(toReconciliation);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(reconciliationOrdering.name, reconciliationOrdering.key(node)), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      ...pageFlags(req, hasMore),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    countFn: async () => {
      const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(cohorts).where(filterWhere);
      return Number(r.n);
    },
  };
}

function toReconciliation(r: ReconciliationRow): CohortReconciliation {
  return {
    cohortDbId: r.cohortId,
    programDbId: r.programId,
    cohortId: toGlobalId("Cohort", r.cohortId),
    intakeYear: r.intakeYear,
    placesAgreed: r.placesAgreed,
    capacity: r.capacity,
    nominated: Number(r.nominated),
    admitted: Number(r.admitted),
    enrolled: Number(r.enrolled),
    onLeave: Number(r.onLeave),
    graduated: Number(r.graduated),
    withdrawn: Number(r.withdrawn),
    rejected: Number(r.rejected),
    seatsTaken: r.seatsTaken,
    seatsLeft: r.capacity - r.seatsTaken,
  };
}
