import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Context } from "../../context.js";
import { checkText } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { NotWritten, runMutation, type Tx } from "../../shared/mutation.js";
import type { Ordering } from "../../shared/pagination.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize } from "../auth/require-access.js";
import { cohorts, programs } from "../programs/program.table.js";
import type { RowError } from "../students/registration.input.js";
import { enrollments, students } from "../students/student.table.js";
import { offerings } from "./curriculum.table.js";
import { gradeScales } from "./grade-scale.table.js";
import { checkGrade, passes } from "./grade.rules.js";
import type { CorrectResultInput, CourseResultFilter, RecordResultInput, RecordResultsInput, ResultRowOutcome } from "./result.input.js";
import { courseResults, resultCorrections, type CourseResultRow } from "./result.table.js";
import { checkResultRow, resultRows, type CheckedRow } from "./result.validate.js";

/** Results are listed by id (the order of entry). */
export const resultOrdering: Ordering<CourseResultRow> = { name: "result.id", columns: [courseResults.id], key: (r) => [r.id] };

export function resultWhere(t: typeof courseResults, f: CourseResultFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.enrollmentId != null) conds.push(eq(t.enrollmentId, fromGlobalId(f.enrollmentId, "Enrollment", `${path}.enrollmentId`)));
  if (f.offeringId != null) conds.push(eq(t.offeringId, fromGlobalId(f.offeringId, "Offering", `${path}.offeringId`)));
  if (f.unitId != null) conds.push(eq(t.unitId, fromGlobalId(f.unitId, "CourseUnit", `${path}.unitId`)));
  if (f.cohortId != null) {
    const c = fromGlobalId(f.cohortId, "Cohort", `${path}.cohortId`);
    conds.push(inArray(t.offeringId, sql`(select ${offerings.id} from ${offerings} where ${offerings.cohortId} = ${c})`));
  }
  if (f.passed != null) conds.push(eq(t.passed, f.passed));
  return and(...conds);
}

export interface RecordOutcome {
  written: boolean;
  accepted: number;
  rejected: number;
  results: ResultRowOutcome[];
}

/** Statuses in which a student's results are entered. */
const ASSESSED = new Set(["ENROLLED", "ON_LEAVE"]);

/** The staff who may see a result's change in the feed: the student's home and host, the teaching institution. */
async function watchers(tx: Tx, enrollmentIds: number[]): Promise<Map<number, number[]>> {
  const rows = await tx
    .select({ id: enrollments.id, home: students.homeInstitutionId, host: programs.hostInstitutionId })
    .from(enrollments)
    .innerJoin(students, eq(students.id, enrollments.studentId))
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .where(inArray(enrollments.id, [...new Set(enrollmentIds)]));
  return new Map(rows.map((r) => [r.id, [r.home, r.host]]));
}

/**
 * Records results of one offering: the teaching institution's staff, one row or many (list or CSV). Every
 * row is checked first (format, the unit's scale, the offering's cohort, attempts in order and none after a
 * pass, duplicates in the request); if any fails, nothing is written and every row says why. A row the
 * database already holds with the same grade and date is accepted and not written again (`unchanged`), so a
 * retry without an idempotency key writes nothing twice either; the same attempt with another grade is a
 * CONFLICT (correctResult changes it, with a reason). A closed term takes no new result (TERM_CLOSED).
 */
export async function recordResults(ctx: Context, input: RecordResultsInput, operation = "recordResults"): Promise<RecordOutcome> {
  const v = requireRole(ctx, rolesOf(Permission.ResultEnter));
  const offeringId = fromGlobalId(input.offeringId, "Offering", "input.offeringId");
  const rows = resultRows(input.results, input.csv);
  const today = new Date().toISOString().slice(0, 10);
  return runMutation(ctx, {
    operation,
    input,
    run: async (tx) => {
      // The offering's row lock orders concurrent entries of one offering (attempt numbers stay in order).
      const [o] = await lockAndAuthorize(tx, ctx, Permission.ResultEnter, [offeringId], { field: "input.offeringId", given: input.offeringId }, {
        unitId: offerings.unitId,
        cohortId: offerings.cohortId,
        closed: sql<boolean>`(select t.closed_at is not null from academic_terms t where t.id = offerings.term_id)`,
        teacher: sql<number>`(select u.teaching_institution_id from course_units u where u.id = offerings.unit_id)`,
        credits: sql<number>`(select u.ects_credits::float8 from course_units u where u.id = offerings.unit_id)`,
        scaleId: sql<number>`(select u.grade_scale_id from course_units u where u.id = offerings.unit_id)`,
      });
      if (o.closed) throw new AppError(ErrorCode.TERM_CLOSED, "The offering's term is closed: only a correction with a reason changes its results", { field: "input.offeringId" });
      const [scale] = await tx.select().from(gradeScales).where(eq(gradeScales.id, o.scaleId));
      const errors = new Map<number, RowError>();
      const checked: CheckedRow[] = [];
      for (const r of rows) {
        const c = checkResultRow(r, today);
        if ("code" in c) {
          errors.set(r.row, c);
          continue;
        }
        const g = checkGrade(scale, c.grade);
        if ("error" in g) errors.set(r.row, { code: "BAD_USER_INPUT", field: r.fieldName("grade"), message: `${g.error} (${scale.name})` });
        else checked.push({ ...c, grade: g.grade });
      }
      const ids = [...new Set(checked.map((c) => c.enrollmentId))];
      const ens = new Map(
        ids.length ? (await tx.select({ id: enrollments.id, cohortId: enrollments.cohortId, status: enrollments.status }).from(enrollments).where(inArray(enrollments.id, ids))).map((e) => [e.id, e]) : [],
      );
      const held = new Map(
        ids.length
          ? (await tx.select().from(courseResults).where(and(eq(courseResults.unitId, o.unitId), inArray(courseResults.enrollmentId, ids)))).map((r) => [`${r.enrollmentId}:${r.attempt}`, r])
          : [],
      );
      const asked = new Map<string, CheckedRow>();
      const fresh: CheckedRow[] = [];
      const outcomes = new Map<number, { resultId: number | null; unchanged: boolean }>();
      for (const c of checked) {
        const err = (f: "enrollmentId" | "attempt" | "grade", code: string, message: string) => errors.set(c.row, { code, field: c.fieldName(f), message });
        const e = ens.get(c.enrollmentId);
        // The same answer for an enrollment of another cohort as for none: the row names nothing else.
        if (!e || e.cohortId !== o.cohortId) { err("enrollmentId", "BAD_USER_INPUT", "is not an enrollment of the offering's cohort"); continue; }
        if (!ASSESSED.has(e.status)) { err("enrollmentId", "BAD_USER_INPUT", `the enrollment is ${e.status}: results are entered for ENROLLED or ON_LEAVE students`); continue; }
        const key = `${c.enrollmentId}:${c.attempt}`;
        const first = asked.get(key);
        if (first) { err("attempt", "CONFLICT", `the same attempt as row ${first.row}`); continue; }
        asked.set(key, c);
        const same = held.get(key);
        if (same) {
          if (same.grade === c.grade && same.assessedOn === c.assessedOn) outcomes.set(c.row, { resultId: same.id, unchanged: true });
          else err("grade", "CONFLICT", `attempt ${c.attempt} is already recorded (${same.grade} on ${same.assessedOn}); correct it with correctResult and a reason`);
          continue;
        }
        if (c.attempt > 1) {
          const before = held.get(`${c.enrollmentId}:${c.attempt - 1}`);
          const inRequest = checked.find((x) => x.enrollmentId === c.enrollmentId && x.attempt === c.attempt - 1);
          const prevPassed = before ? before.passed : inRequest ? passes(scale, inRequest.grade) : null;
          if (prevPassed == null) { err("attempt", "BAD_USER_INPUT", `attempt ${c.attempt - 1} is not recorded: resits follow a failed attempt`); continue; }
          if (prevPassed) { err("attempt", "CONFLICT", `the unit was passed at attempt ${c.attempt - 1}: no resit follows a pass`); continue; }
        }
        fresh.push(c);
      }
      const results: ResultRowOutcome[] = rows.map((r) => ({ row: r.row, resultId: null, unchanged: false, error: errors.get(r.row) ?? null }));
      if (errors.size) throw new NotWritten<RecordOutcome>({ written: false, accepted: rows.length - errors.size, rejected: errors.size, results });
      for (const [row, out] of outcomes) Object.assign(results[row], out);
      if (fresh.length) {
        const inserted = await tx
          .insert(courseResults)
          .values(
            fresh.map((c) => {
              const passed = passes(scale, c.grade);
              return { enrollmentId: c.enrollmentId, offeringId, unitId: o.unitId, attempt: c.attempt, grade: c.grade, passed, creditsEarned: passed ? o.credits : 0, assessedOn: c.assessedOn, enteredBy: v.subject, enteredByInstitutionId: v.institutionId };
            }),
          )
          .returning();
        const byKey = new Map(inserted.map((r) => [`${r.enrollmentId}:${r.attempt}`, r]));
        for (const c of fresh) results[c.row].resultId = byKey.get(`${c.enrollmentId}:${c.attempt}`)!.id;
        const seen = await watchers(tx, inserted.map((r) => r.enrollmentId));
        await audit(
          tx,
          ctx,
          inserted.map((r) => ({
            action: "result.record",
            entityType: "CourseResult",
            entityId: r.id,
            after: { enrollmentId: r.enrollmentId, offeringId, unitId: r.unitId, attempt: r.attempt, grade: r.grade, passed: r.passed, creditsEarned: r.creditsEarned, assessedOn: r.assessedOn },
            visibleTo: [...new Set([...(seen.get(r.enrollmentId) ?? []), o.teacher])],
          })),
        );
      }
      return { written: true, accepted: rows.length, rejected: 0, results };
    },
  });
}

/** One result: the bulk path with one row; a refused row becomes a GraphQL error naming its field. */
export async function recordResult(ctx: Context, input: RecordResultInput) {
  const out = await recordResults(ctx, { idempotencyKey: input.idempotencyKey, offeringId: input.offeringId, results: [input.result], csv: null }, "recordResult");
  const r = out.results[0];
  if (r.error) {
    const field = r.error.field.replace(/^results\[0\]/, "input.result");
    throw new AppError(r.error.code as ErrorCode, `${field}: ${r.error.message}`, { field });
  }
  return { resultId: r.resultId! };
}

/**
 * Corrects a result's grade (staff of the teaching institution), also after its term is closed: the old and
 * new grade, who and why go to the result's corrections and the audit trail; passed and credits follow.
 */
export async function correctResult(ctx: Context, input: CorrectResultInput) {
  const v = requireRole(ctx, rolesOf(Permission.ResultCorrect));
  const id = fromGlobalId(input.resultId, "CourseResult", "input.resultId");
  const reason = checkText(input.reason, "input.reason", 1000, 3);
  return runMutation(ctx, {
    operation: "correctResult",
    input,
    run: async (tx) => {
      const [r] = await lockAndAuthorize(tx, ctx, Permission.ResultCorrect, [id], { field: "input.resultId", given: input.resultId }, {
        grade: courseResults.grade,
        passed: courseResults.passed,
        creditsEarned: courseResults.creditsEarned,
        enrollmentId: courseResults.enrollmentId,
        attempt: courseResults.attempt,
        unitId: courseResults.unitId,
        credits: sql<number>`(select u.ects_credits::float8 from course_units u where u.id = course_results.unit_id)`,
        scaleId: sql<number>`(select u.grade_scale_id from course_units u where u.id = course_results.unit_id)`,
        teacher: sql<number>`(select u.teaching_institution_id from course_units u where u.id = course_results.unit_id)`,
      });
      const [scale] = await tx.select().from(gradeScales).where(eq(gradeScales.id, r.scaleId));
      const g = checkGrade(scale, input.grade);
      if ("error" in g) throw badInput("input.grade", `${g.error} (${scale.name})`);
      if (g.grade === r.grade) throw badInput("input.grade", "is the grade already recorded");
      const passed = passes(scale, g.grade);
      // A later attempt exists only after a fail: turning this one into a pass would leave a resit after a pass.
      if (passed) {
        const later = await tx.select({ id: courseResults.id }).from(courseResults).where(and(eq(courseResults.enrollmentId, r.enrollmentId), eq(courseResults.unitId, r.unitId), sql`${courseResults.attempt} > ${r.attempt}`));
        if (later.length) throw new AppError(ErrorCode.CONFLICT, `attempt ${r.attempt} has a later resit: correct the last attempt instead`, { field: "input.resultId" });
      }
      const creditsEarned = passed ? r.credits : 0;
      await tx.update(courseResults).set({ grade: g.grade, passed, creditsEarned, correctedAt: sql`now()` }).where(eq(courseResults.id, id));
      await tx.insert(resultCorrections).values({ resultId: id, oldGrade: r.grade, newGrade: g.grade, reason, correctedBy: v.subject });
      const seen = await watchers(tx, [r.enrollmentId]);
      await audit(tx, ctx, {
        action: "result.correct",
        entityType: "CourseResult",
        entityId: id,
        before: { grade: r.grade, passed: r.passed, creditsEarned: r.creditsEarned },
        after: { grade: g.grade, passed, creditsEarned, reason },
        visibleTo: [...new Set([...(seen.get(r.enrollmentId) ?? []), r.teacher])],
      });
      return { resultId: id };
    },
  });
}
