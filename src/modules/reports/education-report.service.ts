import { sql, type SQL } from "drizzle-orm";
import type { Context } from "../../context.js";
import { queryRows } from "../../db/rows.js";
import { checkRange, checkYear } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { standingQuery, toStandings, yearOf } from "../education/progression.rules.js";
import { enrollmentRecordScope, recordScope } from "../education/result.scope.js";
import { publicCount, readersOnly, SUPPRESS_BELOW } from "./report.access.js";
import type { CreditStandingReport, RecognisedCreditCount, UnitResultCount } from "./education-report.type.js";
import type { RecognisedCreditFilter, UnitResultFilter } from "./education-report.input.js";

// The education reports, each one SQL statement. Results are personal data: a caller who may read results
// (result.scope.ts: staff of the students' home and host, and of the teaching institution for its units)
// counts exactly the results it may read; anyone else counts all of them, with every count from 1 to 4
// withheld, and any count that a total less the shown ones would give back withheld with it (the intake
// report's rule, report.access.ts).

const small = (n: number) => n > 0 && n < SUPPRESS_BELOW;

/** The caller's condition on a table with an enrollment and a unit column; null: counts over all, suppressed. */
function recordReader(ctx: Context, enrollment: SQL, unit: SQL): { where: SQL | undefined } | null {
  const scope = recordScope(enrollment, unit, ctx.viewer);
  return scope === false ? null : { where: scope };
}

const MAX_ROWS = 200;
function checkFirst(first: number | null | undefined, fallback: number): number {
  if (first == null) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > MAX_ROWS) throw badInput("first", `must be 1 to ${MAX_ROWS}`);
  return first;
}

/**
 * Pass rate and grade distribution per unit, cohort and term (an offering): each student's last attempt in
 * the offering, grades of a numeric scale in ten bands of its range. One statement:
 * last attempts (DISTINCT ON) → counts per offering, grade → one row per offering with its distribution.
 */
export async function unitResults(ctx: Context, filter: UnitResultFilter | null | undefined, first: number | null | undefined): Promise<UnitResultCount[]> {
  const limit = checkFirst(first, 100);
  const reader = recordReader(ctx, sql`r.enrollment_id`, sql`r.unit_id`);
  const conds: SQL[] = [];
  const f = filter ?? {};
  if (f.programId != null) conds.push(sql`c.program_id = ${fromGlobalId(f.programId, "Program", "filter.programId")}`);
  if (f.cohortId != null) conds.push(sql`o.cohort_id = ${fromGlobalId(f.cohortId, "Cohort", "filter.cohortId")}`);
  if (f.unitId != null) conds.push(sql`o.unit_id = ${fromGlobalId(f.unitId, "CourseUnit", "filter.unitId")}`);
  if (f.termId != null) conds.push(sql`o.term_id = ${fromGlobalId(f.termId, "AcademicTerm", "filter.termId")}`);
  if (f.teachingInstitutionId != null) conds.push(sql`u.teaching_institution_id = ${fromGlobalId(f.teachingInstitutionId, "Institution", "filter.teachingInstitutionId")}`);
  const year = checkYear(f.academicYear, "filter.academicYear");
  if (year != null) conds.push(sql`t.academic_year = ${year}`);
  const where = conds.length ? sql.join(conds, sql` and `) : sql`true`;
  const rows = await queryRows(
    ctx.db,
    sql`
    with last as (
      select distinct on (r.offering_id, r.enrollment_id) r.offering_id, r.grade, r.passed
      from course_results r
      where ${reader?.where ?? sql`true`} and r.offering_id in (
        select o.id from offerings o join course_units u on u.id = o.unit_id join cohorts c on c.id = o.cohort_id join academic_terms t on t.id = o.term_id where ${where})
      order by r.offering_id, r.enrollment_id, r.attempt desc
    ), banded as (
      select l.offering_id, l.passed,
        case when s.kind = 'ORDERED' then l.grade
          else (s.min_value + b.n * (s.max_value - s.min_value) / 10)::float8::text || '–' || (s.min_value + (b.n + 1) * (s.max_value - s.min_value) / 10)::float8::text end as band,
        case when s.kind = 'ORDERED' then array_position(s.grades, l.grade) else b.n end as rank
      from last l
      join offerings o on o.id = l.offering_id
      join course_units u on u.id = o.unit_id
      join grade_scales s on s.id = u.grade_scale_id
      left join lateral (select least(9, greatest(0, floor((l.grade::numeric - s.min_value) * 10 / (s.max_value - s.min_value))))::int as n where s.kind = 'NUMERIC') b on true
    ), per_grade as (
      select offering_id, band, rank, count(*)::int as n, count(*) filter (where passed)::int as passed from banded group by offering_id, band, rank
    )
    select o.id as "offeringId", o.unit_id as "unitId", o.cohort_id as "cohortId", o.term_id as "termId",
      sum(g.n)::int as students, sum(g.passed)::int as passed,
      json_agg(json_build_object('grade', g.band, 'students', g.n) order by g.rank) as grades
    from per_grade g
    join offerings o on o.id = g.offering_id
    join course_units u on u.id = o.unit_id
    join academic_terms t on t.id = o.term_id
    group by o.id, t.academic_year, t.start_date, u.code
    order by t.academic_year, t.start_date, u.code, o.cohort_id, o.id
    limit ${limit}`,
  );
  return rows.map((r) => {
    const students = Number(r.students);
    const passed = Number(r.passed);
    const grades = (typeof r.grades === "string" ? JSON.parse(r.grades) : r.grades) as { grade: string; students: number }[];
    const base = { offeringDbId: Number(r.offeringId), unitDbId: Number(r.unitId), cohortDbId: Number(r.cohortId), termDbId: Number(r.termId) };
    if (reader) return { ...base, students, passed, failed: students - passed, passRate: students ? passed / students : null, grades, suppressed: false };
    if (small(students)) return { ...base, students: null, passed: null, failed: null, passRate: null, grades: null, suppressed: true };
    // The split withheld when either side is small (the total less one gives the other); the distribution when any band is.
    const split = small(passed) || small(students - passed);
    const bands = grades.some((g) => small(g.students));
    return {
      ...base,
      students,
      passed: split ? null : passed,
      failed: split ? null : students - passed,
      passRate: split ? null : passed / students,
      grades: bands ? null : grades,
      suppressed: split || bands,
    };
  });
}

/**
 * Credits earned per student against the credit rule of a year (progression.rules.ts, the rule advanceCohort
 * applies): the cohort's ENROLLED students in that year (default: the cohort's current year), at risk when
 * short of credits or of a compulsory unit. Callers who may read the students' enrollments get one row per
 * student; anyone else (anonymous too) the counts only, counts of 1 to 4 withheld. One statement.
 */
export async function creditStanding(ctx: Context, cohortId: string, yearOfStudy: number | null | undefined, onlyAtRisk: boolean | null | undefined): Promise<CreditStandingReport> {
  const cohort = fromGlobalId(cohortId, "Cohort", "cohortId");
  if (yearOfStudy != null && (!Number.isInteger(yearOfStudy) || yearOfStudy < 1 || yearOfStudy > 10)) throw badInput("yearOfStudy", "must be 1 to 10");
  const [c] = await queryRows(ctx.db, sql`select c.current_year_of_study as year, c.curriculum_id as curriculum, c.seats_taken as seats from cohorts c where c.id = ${cohort}`);
  if (!c) throw new AppError(ErrorCode.NOT_FOUND, `Cohort ${cohortId} was not found`, { id: cohortId, field: "cohortId" });
  const year = yearOfStudy ?? Number(c.year);
  const scope = enrollmentRecordScope(sql`en.id`, ctx.viewer);
  const where = sql`en.cohort_id = ${cohort} and en.status = 'ENROLLED' and ${yearOf(sql`en`, sql`c`)} = ${year}`;
  if (scope === false) {
    if (onlyAtRisk) throw readersOnly("onlyAtRisk");
    const [n] = await queryRows(ctx.db, sql`select count(*)::int as students, (count(*) filter (where not s.meets))::int as "atRisk" from (${standingQuery(where, year)}) s`);
    const students = publicCount(Number(n?.students ?? 0));
    const atRisk = publicCount(Number(n?.atRisk ?? 0));
    const meeting = publicCount(Number(n?.students ?? 0) - Number(n?.atRisk ?? 0));
    // The public Cohort.seatsTaken (ENROLLED and ON_LEAVE) less the students counted here gives back the
    // cohort's other seat holders (those on leave, those in another year): a small difference withholds it all.
    const others = small(Number(c.seats) - Number(n?.students ?? 0));
    // Withheld together: the total less one of the two gives the other.
    const hide = students.suppressed || atRisk.suppressed || meeting.suppressed || others;
    return { cohortDbId: cohort, yearOfStudy: year, students: students.suppressed || others ? null : students.students, atRisk: hide ? null : atRisk.students, rows: null, suppressed: hide };
  }
  const measured = toStandings(await queryRows(ctx.db, standingQuery(scope ? sql`${where} and ${scope}` : where, year)));
  const rows = measured.filter((s) => !onlyAtRisk || !s.meets);
  return {
    cohortDbId: cohort,
    yearOfStudy: year,
    students: measured.length,
    atRisk: measured.filter((s) => !s.meets).length,
    suppressed: false,
    rows: rows.map((s) => ({ enrollmentDbId: s.enrollmentId, creditsEarned: s.creditsEarned, creditsRequired: s.creditsRequired, creditsShort: Math.max(0, s.creditsRequired - s.creditsEarned), missingUnits: s.missingUnits, atRisk: !s.meets })),
  };
}

/**
 * Recognised credits per partner (the unit's teaching institution) and academic year (of the term the
 * recognised result was earned in): distinct students, units recognised, ECTS credits. One statement.
 */
export async function recognisedCredits(ctx: Context, filter: RecognisedCreditFilter | null | undefined): Promise<RecognisedCreditCount[]> {
  const reader = recordReader(ctx, sql`rec.enrollment_id`, sql`rec.unit_id`);
  const f = filter ?? {};
  if (!reader) {
    const narrowing = (["partnerId", "programId"] as const).find((k) => f[k] != null);
    if (narrowing) throw readersOnly(`filter.${narrowing}`);
  }
  const from = checkYear(f.yearFrom, "filter.yearFrom");
  const to = checkYear(f.yearTo, "filter.yearTo");
  checkRange(from, to, "filter.yearTo");
  const conds: SQL[] = [sql`rec.status = 'RECOGNISED'`];
  if (reader?.where) conds.push(reader.where);
  if (from != null) conds.push(sql`t.academic_year >= ${from}`);
  if (to != null) conds.push(sql`t.academic_year <= ${to}`);
  if (f.partnerId != null) conds.push(sql`u.teaching_institution_id = ${fromGlobalId(f.partnerId, "Institution", "filter.partnerId")}`);
  if (f.programId != null) conds.push(sql`c.program_id = ${fromGlobalId(f.programId, "Program", "filter.programId")}`);
  const rows = await queryRows(
    ctx.db,
    sql`
    select u.teaching_institution_id as "partnerId", t.academic_year as year,
      count(distinct rec.enrollment_id)::int as students, count(*)::int as units, sum(rec.credits_recognised)::float8 as credits
    from recognitions rec
    join course_units u on u.id = rec.unit_id
    join course_results r on r.id = rec.result_id
    join offerings o on o.id = r.offering_id
    join academic_terms t on t.id = o.term_id
    join cohorts c on c.id = o.cohort_id
    where ${sql.join(conds, sql` and `)}
    group by u.teaching_institution_id, t.academic_year
    order by u.teaching_institution_id, t.academic_year`,
  );
  return rows.map((r) => {
    const students = Number(r.students);
    const hide = !reader && small(students);
    return {
      partnerDbId: Number(r.partnerId),
      academicYear: Number(r.year),
      students: hide ? null : students,
      units: hide ? null : Number(r.units),
      credits: hide ? null : Number(r.credits),
      suppressed: hide,
    };
  });
}
