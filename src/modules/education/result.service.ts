import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Context } from "../../context.js";
import type { Db } from "../../db/client.js";
import { anyOf, queryRows } from "../../db/rows.js";
import { checkReason } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { NotWritten, lastly, runMutation, type Tx } from "../../shared/mutation.js";
import type { Ordering } from "../../shared/pagination.js";
import { todayUtc } from "../../shared/today.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize } from "../auth/require-access.js";
import { revokeRecognitionsOf } from "./recognition.service.js";
import type { RowError } from "../students/registration.input.js";
import { enrollments } from "../students/student.table.js";
import { offerings } from "./curriculum.table.js";
import { gradeScales } from "./grade-scale.table.js";
import { checkGrade, passes } from "./grade.rules.js";
import type { CorrectResultInput, CourseResultFilter, RecordResultInput, RecordResultsInput, ResultRowOutcome } from "./result.input.js";
import { courseResults, resultCorrections, type CourseResultRow } from "./result.table.js";
import { attemptOrderError, checkResultRow, checkTermDay, resultRows, termDayError, type CheckedRow } from "./result.validate.js";

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

type Scale = Parameters<typeof passes>[0] & { name: string };

/** What the database holds for the request's enrollments: each one's cohort and status, and its attempts at the unit. */
interface Held {
  enrollments: Map<number, { cohortId: number; status: string }>;
  /** By "enrollment:attempt". */
  attempts: Map<string, { id: number; grade: string; passed: boolean; assessedOn: string }>;
}

/** One statement with one parameter whatever the number of rows (drizzle's inArray makes one per id). */
async function heldFor(tx: Tx, ids: number[], unitId: number): Promise<Held> {
  const held: Held = { enrollments: new Map(), attempts: new Map() };
  if (!ids.length) return held;
  const rows = await queryRows(
    tx as unknown as Db,
    sql`select ${enrollments.id} as id, ${enrollments.cohortId} as "cohortId", ${enrollments.status}::text as status,
        r.id as "resultId", r.attempt, r.grade, r.passed, to_char(r.assessed_on, 'YYYY-MM-DD') as "assessedOn"
      from ${enrollments} left join ${courseResults} r on r.enrollment_id = ${enrollments.id} and r.unit_id = ${unitId}
      where ${anyOf(enrollments.id, ids)}`,
  );
  for (const r of rows) {
    held.enrollments.set(Number(r.id), { cohortId: Number(r.cohortId), status: String(r.status) });
    if (r.resultId != null)
      held.attempts.set(`${r.id}:${r.attempt}`, { id: Number(r.resultId), grade: String(r.grade), passed: r.passed === true || r.passed === "t", assessedOn: String(r.assessedOn) });
  }
  return held;
}

/**
 * Records results of one offering: the teaching institution's staff, one row or many (list or CSV). Every
 * row is checked first (format, the unit's scale, the offering's cohort, attempts in order and none after a
 * pass, duplicates in the request); if any fails, nothing is written and every row says why. A row the
 * database already holds with the same grade and date is accepted and not written again (`unchanged`), so a
 * retry without an idempotency key writes nothing twice either; the same attempt with another grade is a
 * CONFLICT (correctResult changes it, with a reason). A closed term takes no new result (TERM_CLOSED); a row's
 * assessment day is in the offering's term or its resit session (checkTermDay), and not in the future.
 *
 * Four statements whatever the number of rows: the offering locked and checked (with its unit's scale), what
 * is held for the rows' enrollments, the results as one INSERT … SELECT FROM json_to_recordset, their audit
 * rows (whose audience the audit insert computes), sent with the COMMIT.
 */
export async function recordResults(ctx: Context, input: RecordResultsInput, operation = "recordResults"): Promise<RecordOutcome> {
  const v = requireRole(ctx, rolesOf(Permission.ResultEnter));
  const offeringId = fromGlobalId(input.offeringId, "Offering", "input.offeringId");
  const rows = resultRows(input.results, input.csv);
  const today = new Date().toISOString().slice(0, 10);
  // The rows' own format, before the transaction (the grade against the unit's scale once it is read).
  const formatted = rows.map((r) => checkResultRow(r, today));
  return runMutation(ctx, {
    operation,
    input,
    run: async (tx) => {
      // The offering's row lock orders concurrent entries of one offering (attempt numbers stay in order).
      const [o] = await lockAndAuthorize(tx, ctx, Permission.ResultEnter, [offeringId], { field: "input.offeringId", given: input.offeringId }, {
        unitId: offerings.unitId,
        cohortId: offerings.cohortId,
        closed: sql<boolean>`(select t.closed_at is not null from academic_terms t where t.id = offerings.term_id)`,
        termStart: sql<string>`(select t.start_date::text from academic_terms t where t.id = offerings.term_id)`,
        termEnd: sql<string>`(select t.end_date::text from academic_terms t where t.id = offerings.term_id)`,
        cohortStart: sql<string>`(select c.start_date::text from cohorts c where c.id = offerings.cohort_id)`,
        credits: sql<number>`(select u.ects_credits::float8 from course_units u where u.id = offerings.unit_id)`,
        scale: sql<string>`(select row_to_json(g)::text from (
          select s.name, s.kind, s.grades, s.min_value::float8 as "minValue", s.max_value::float8 as "maxValue", s.pass_mark as "passMark"
          from course_units u join ${gradeScales} s on s.id = u.grade_scale_id where u.id = offerings.unit_id) g)`,
      });
      if (o.closed) throw new AppError(ErrorCode.TERM_CLOSED, "The offering's term is closed: only a correction with a reason changes its results", { field: "input.offeringId" });
      const scale = JSON.parse(o.scale) as Scale;
      const errors = new Map<number, RowError>();
      const checked: CheckedRow[] = [];
      for (const [k, c] of formatted.entries()) {
        if ("code" in c) {
          errors.set(rows[k].row, c);
          continue;
        }
        const day = checkTermDay(c, { start: o.termStart, end: o.termEnd, cohortStart: o.cohortStart });
        if (day) {
          errors.set(c.row, day);
          continue;
        }
        const g = checkGrade(scale, c.grade);
        if ("error" in g) errors.set(c.row, { code: "BAD_USER_INPUT", field: c.fieldName("grade"), message: `${g.error} (${scale.name})` });
        else checked.push({ ...c, grade: g.grade });
      }
      const held = await heldFor(tx, [...new Set(checked.map((c) => c.enrollmentId))], o.unitId);
      // The first checked row of each attempt in the request: a resit's earlier attempt may come in the same request.
      const inRequest = new Map<string, CheckedRow>();
      for (const c of checked) if (!inRequest.has(`${c.enrollmentId}:${c.attempt}`)) inRequest.set(`${c.enrollmentId}:${c.attempt}`, c);
      const asked = new Map<string, CheckedRow>();
      const fresh: (CheckedRow & { passed: boolean })[] = [];
      const outcomes = new Map<number, { resultId: number | null; unchanged: boolean }>();
      for (const c of checked) {
        const err = (f: "enrollmentId" | "attempt" | "grade" | "assessedOn", code: string, message: string) => errors.set(c.row, { code, field: c.fieldName(f), message });
        const e = held.enrollments.get(c.enrollmentId);
        // The same answer for an enrollment of another cohort as for none: the row names nothing else.
        if (!e || e.cohortId !== o.cohortId) { err("enrollmentId", "BAD_USER_INPUT", "is not an enrollment of the offering's cohort"); continue; }
        if (!ASSESSED.has(e.status)) { err("enrollmentId", "BAD_USER_INPUT", `the enrollment is ${e.status}: results are entered for ENROLLED or ON_LEAVE students`); continue; }
        const key = `${c.enrollmentId}:${c.attempt}`;
        const first = asked.get(key);
        if (first) { err("attempt", "CONFLICT", `the same attempt as row ${first.row}`); continue; }
        asked.set(key, c);
        const same = held.attempts.get(key);
        if (same) {
          if (same.grade === c.grade && same.assessedOn === c.assessedOn) outcomes.set(c.row, { resultId: same.id, unchanged: true });
          // The field that differs is named: the grade (and the grade when both do), else the day.
          else err(same.grade === c.grade ? "assessedOn" : "grade", "CONFLICT", `attempt ${c.attempt} is already recorded (${same.grade} on ${same.assessedOn}); correct it with correctResult and a reason`);
          continue;
        }
        if (c.attempt > 1) {
          const prev = `${c.enrollmentId}:${c.attempt - 1}`;
          const before = held.attempts.get(prev);
          const earlier = inRequest.get(prev);
          const prevPassed = before ? before.passed : earlier ? passes(scale, earlier.grade) : null;
          if (prevPassed == null) { err("attempt", "BAD_USER_INPUT", `attempt ${c.attempt - 1} is not recorded: resits follow a failed attempt`); continue; }
          if (prevPassed) { err("attempt", "CONFLICT", `the unit was passed at attempt ${c.attempt - 1}: no resit follows a pass`); continue; }
          const order = attemptOrderError(c.assessedOn, c.attempt, before ?? earlier, undefined);
          if (order) { err("assessedOn", "BAD_USER_INPUT", order); continue; }
        }
        fresh.push({ ...c, passed: passes(scale, c.grade) });
      }
      const results: ResultRowOutcome[] = rows.map((r) => ({ row: r.row, resultId: null, unchanged: false, error: errors.get(r.row) ?? null }));
      if (errors.size) throw new NotWritten<RecordOutcome>({ written: false, accepted: rows.length - errors.size, rejected: errors.size, results });
      for (const [row, out] of outcomes) Object.assign(results[row], out);
      if (fresh.length) {
        // One INSERT … SELECT FROM json_to_recordset($1): one parameter whatever the number of rows (drizzle's
        // .values([...]) makes a parameter, and maps and checks a value, for every column of every row).
        const inserted = await queryRows(
          tx as unknown as Db,
          sql`insert into ${courseResults} (enrollment_id, offering_id, unit_id, attempt, grade, passed, credits_earned, assessed_on, entered_by, entered_by_institution_id)
            select x.e, ${offeringId}::int, ${o.unitId}::int, x.a, x.g, x.p, case when x.p then ${o.credits}::numeric else 0 end, x.d, ${v.subject}::text, ${v.institutionId}::int
            from json_to_recordset(${JSON.stringify(fresh.map((c) => ({ e: c.enrollmentId, a: c.attempt, g: c.grade, p: c.passed, d: c.assessedOn })))}::json) as x(e int, a int, g text, p boolean, d date)
            returning id, enrollment_id as e, attempt as a`,
        );
        const byKey = new Map(inserted.map((r) => [`${r.e}:${r.a}`, Number(r.id)]));
        const entries = fresh.map((c) => {
          const id = byKey.get(`${c.enrollmentId}:${c.attempt}`)!;
          results[c.row].resultId = id;
          return {
            action: "result.record",
            entityType: "CourseResult",
            entityId: id,
            after: { enrollmentId: c.enrollmentId, offeringId, unitId: o.unitId, attempt: c.attempt, grade: c.grade, passed: c.passed, creditsEarned: c.passed ? o.credits : 0, assessedOn: c.assessedOn },
          };
        });
        // The last statement, sent with the COMMIT (lastly): one round trip fewer.
        await lastly(tx, audit(tx, ctx, entries));
      }
      // written: whether anything was; every row already recorded (all unchanged) writes nothing.
      return { written: fresh.length > 0, accepted: rows.length, rejected: 0, results };
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
 * Corrects a result's grade, its assessment day or both (staff of the teaching institution), also after its
 * term is closed: the old and new grade and day, who and why go to the result's corrections and the audit
 * trail; passed and credits follow the grade. A new day is checked as on entry (not in the future, not before
 * the cohort's start, in the offering's term or its resit session, between the attempts before and after it).
 * A recognition that rests on the result is withdrawn with the correction's reason when the grade changes
 * (revokeRecognitionsOf): its converted grade and credits came from the old grade; a new day alone keeps it.
 */
export async function correctResult(ctx: Context, input: CorrectResultInput) {
  const v = requireRole(ctx, rolesOf(Permission.ResultCorrect));
  const id = fromGlobalId(input.resultId, "CourseResult", "input.resultId");
  const reason = checkReason(input.reason, "input.reason", 1000);
  if (input.grade == null && input.assessedOn == null) throw badInput("input.grade", "give the right grade, the right assessedOn or both");
  const newDay = input.assessedOn == null ? null : String(input.assessedOn);
  if (newDay != null && (newDay > todayUtc() || newDay < "2000-01-01")) throw badInput("input.assessedOn", "must be a day from 2000 to today");
  return runMutation(ctx, {
    operation: "correctResult",
    input,
    run: async (tx) => {
      const [r] = await lockAndAuthorize(tx, ctx, Permission.ResultCorrect, [id], { field: "input.resultId", given: input.resultId }, {
        grade: courseResults.grade,
        passed: courseResults.passed,
        creditsEarned: courseResults.creditsEarned,
        assessedOn: sql<string>`course_results.assessed_on::text`,
        enrollmentId: courseResults.enrollmentId,
        attempt: courseResults.attempt,
        unitId: courseResults.unitId,
        credits: sql<number>`(select u.ects_credits::float8 from course_units u where u.id = course_results.unit_id)`,
        scaleId: sql<number>`(select u.grade_scale_id from course_units u where u.id = course_results.unit_id)`,
        termStart: sql<string>`(select t.start_date::text from offerings o join academic_terms t on t.id = o.term_id where o.id = course_results.offering_id)`,
        termEnd: sql<string>`(select t.end_date::text from offerings o join academic_terms t on t.id = o.term_id where o.id = course_results.offering_id)`,
        cohortStart: sql<string>`(select c.start_date::text from offerings o join cohorts c on c.id = o.cohort_id where o.id = course_results.offering_id)`,
      });
      let grade = r.grade;
      let passed = r.passed;
      if (input.grade != null) {
        const [scale] = await tx.select().from(gradeScales).where(eq(gradeScales.id, r.scaleId));
        const g = checkGrade(scale, input.grade);
        if ("error" in g) throw badInput("input.grade", `${g.error} (${scale.name})`);
        grade = g.grade;
        passed = passes(scale, grade);
      }
      const day = newDay ?? r.assessedOn;
      if (grade === r.grade && day === r.assessedOn)
        throw input.grade != null ? badInput("input.grade", "is the grade already recorded") : badInput("input.assessedOn", "is the day already recorded");
      // The attempts before and after this one, for the date order and for a pass's later resit.
      const around = await tx
        .select({ attempt: courseResults.attempt, assessedOn: sql<string>`${courseResults.assessedOn}::text` })
        .from(courseResults)
        .where(and(eq(courseResults.enrollmentId, r.enrollmentId), eq(courseResults.unitId, r.unitId), inArray(courseResults.attempt, [r.attempt - 1, r.attempt + 1])));
      // A later attempt exists only after a fail: turning this one into a pass would leave a resit after a pass.
      if (passed && around.some((a) => a.attempt > r.attempt))
        throw new AppError(ErrorCode.CONFLICT, `attempt ${r.attempt} has a later resit: correct the last attempt instead`, { field: "input.resultId" });
      if (day !== r.assessedOn) {
        const wrong =
          termDayError(day, { start: r.termStart, end: r.termEnd, cohortStart: r.cohortStart }) ??
          attemptOrderError(day, r.attempt, around.find((a) => a.attempt === r.attempt - 1), around.find((a) => a.attempt === r.attempt + 1));
        if (wrong) throw badInput("input.assessedOn", wrong);
      }
      const creditsEarned = passed ? r.credits : 0;
      await tx.update(courseResults).set({ grade, passed, creditsEarned, assessedOn: day, correctedAt: sql`now()` }).where(eq(courseResults.id, id));
      await tx.insert(resultCorrections).values({ resultId: id, oldGrade: r.grade, newGrade: grade, oldAssessedOn: r.assessedOn, newAssessedOn: day, reason, correctedBy: v.subject });
      if (grade !== r.grade) await revokeRecognitionsOf(tx, ctx, id, reason);
      await audit(tx, ctx, {
        action: "result.correct",
        entityType: "CourseResult",
        entityId: id,
        before: { grade: r.grade, passed: r.passed, creditsEarned: r.creditsEarned, ...(day !== r.assessedOn && { assessedOn: r.assessedOn }) },
        after: { grade, passed, creditsEarned, ...(day !== r.assessedOn && { assessedOn: day }), reason },
      });
      return { resultId: id };
    },
  });
}
