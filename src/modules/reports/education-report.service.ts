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

// The education reports, each one SQL statement. Results are personal data. One rule for every caller: a
// row's figures are always over all the students of its group (an offering, a cohort's year, a partner's
// year), never over the part a caller may read, so no caller sees a smaller or emptier figure than anyone
// else. A caller who may read every result counted in a row (result.scope.ts: staff of the students' home
// and host, of the teaching institution for its units; platform admins) gets that row exact; any other row,
// for any other caller, signed in or not, is the public one: every count from 1 to 4 withheld, and any count
// that a total less the shown ones would give back withheld with it (the intake report's rule,
// report.access.ts). A signed-in caller that may read none of a cohort's students gets the anonymous answer,
// not an empty list or a zero.

const small = (n: number) => n > 0 && n < SUPPRESS_BELOW;

/** Whether the caller may read a row of a table with an enrollment and a unit column, as an SQL boolean. */
function readableBy(ctx: Context, enrollment: SQL, unit: SQL): SQL {
  const scope = recordScope(enrollment, unit, ctx.viewer);
  return scope === false ? sql`false` : scope === undefined ? sql`true` : sql`(${scope})`;
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
  const readable = readableBy(ctx, sql`r.enrollment_id`, sql`r.unit_id`);
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
      select distinct on (r.offering_id, r.enrollment_id) r.offering_id, r.grade, r.passed, ${readable} as readable
      from course_results r
      where r.offering_id in (
        select o.id from offerings o join course_units u on u.id = o.unit_id join cohorts c on c.id = o.cohort_id join academic_terms t on t.id = o.term_id where ${where})
      order by r.offering_id, r.enrollment_id, r.attempt desc
    ), banded as (
      select l.offering_id, l.passed, l.readable,
        case when s.kind = 'ORDERED' then l.grade
          else (s.min_value + b.n * (s.max_value - s.min_value) / 10)::float8::text || '–' || (s.min_value + (b.n + 1) * (s.max_value - s.min_value) / 10)::float8::text end as band,
        case when s.kind = 'ORDERED' then array_position(s.grades, l.grade) else b.n end as rank
      from last l
      join offerings o on o.id = l.offering_id
      join course_units u on u.id = o.unit_id
      join grade_scales s on s.id = u.grade_scale_id
      left join lateral (select least(9, greatest(0, floor((l.grade::numeric - s.min_value) * 10 / (s.max_value - s.min_value))))::int as n where s.kind = 'NUMERIC') b on true
    ), per_grade as (
      select offering_id, band, rank, count(*)::int as n, count(*) filter (where passed)::int as passed, count(*) filter (where readable)::int as readable
      from banded group by offering_id, band, rank
    )
    select o.id as "offeringId", o.unit_id as "unitId", o.cohort_id as "cohortId", o.term_id as "termId",
      sum(g.n)::int as students, sum(g.passed)::int as passed, sum(g.readable)::int as readable,
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
    // Exact when the caller may read every last attempt counted; else the public row.
    if (Number(r.readable) === students) return { ...base, students, passed, failed: students - passed, passRate: students ? passed / students : null, grades, suppressed: false };
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
 * short of credits or of a compulsory unit. The counts are over all of them: exact for a caller who may read
 * every one's enrollment, else public (counts of 1 to 4 withheld); rows are given for the students the caller
 * may read (none, null, for callers who may read no enrollment). One statement.
 */
export async function creditStanding(ctx: Context, cohortId: string, yearOfStudy: number | null | undefined, onlyAtRisk: boolean | null | undefined): Promise<CreditStandingReport> {
  const cohort = fromGlobalId(cohortId, "Cohort", "cohortId");
  // Beyond 10 no program runs (a bound before the look-up); the program's own length is checked with its row.
  if (yearOfStudy != null && (!Number.isInteger(yearOfStudy) || yearOfStudy < 1 || yearOfStudy > 10)) throw badInput("yearOfStudy", "must be from 1 to the program's length (at most 10)");
  const [c] = await queryRows(
    ctx.db,
    sql`select c.current_year_of_study as year, c.curriculum_id as curriculum, c.seats_taken as seats, (select p.length_years from programs p where p.id = c.program_id) as length
      from cohorts c where c.id = ${cohort}`,
  );
  if (!c) throw new AppError(ErrorCode.NOT_FOUND, `Cohort ${cohortId} was not found`, { id: cohortId, field: "cohortId" });
  // A year of study past the program's length has no students and no rule: a wrong question, not a zero.
  if (yearOfStudy != null && yearOfStudy > Number(c.length)) throw badInput("yearOfStudy", `must be 1 to ${Number(c.length)} (the program's length)`);
  const year = yearOfStudy ?? Number(c.year);
  const scope = enrollmentRecordScope(sql`st."enrollmentId"`, ctx.viewer);
  if (scope === false && onlyAtRisk) throw readersOnly("onlyAtRisk", "only callers who may read the cohort's results can list the students at risk; anyone else gets the cohort's counts");
  const readable = scope === false ? sql`false` : scope === undefined ? sql`true` : sql`(${scope})`;
  const where = sql`en.cohort_id = ${cohort} and en.status = 'ENROLLED' and ${yearOf(sql`en`, sql`c`)} = ${year}`;
  const rows = await queryRows(ctx.db, sql`select st.*, ${readable} as readable from (${standingQuery(where, year)}) st order by st."enrollmentId"`);
  const measured = toStandings(rows);
  const mine = measured.filter((_, i) => rows[i].readable === true || rows[i].readable === "t");
  const atRiskAll = measured.filter((s) => !s.meets).length;
  const shown = scope === false ? null : mine.filter((s) => !onlyAtRisk || !s.meets).map((s) => ({ enrollmentDbId: s.enrollmentId, creditsEarned: s.creditsEarned, creditsRequired: s.creditsRequired, creditsShort: Math.max(0, s.creditsRequired - s.creditsEarned), missingUnits: s.missingUnits, atRisk: !s.meets }));
  // Every student counted is one the caller may read: exact figures.
  if (scope !== false && mine.length === measured.length) return { cohortDbId: cohort, yearOfStudy: year, students: measured.length, atRisk: atRiskAll, suppressed: false, rows: shown };
  const students = publicCount(measured.length);
  const atRisk = publicCount(atRiskAll);
  const meeting = publicCount(measured.length - atRiskAll);
  // The public Cohort.seatsTaken (ENROLLED and ON_LEAVE) less the students counted here gives back the
  // cohort's other seat holders (those on leave, those in another year): a small difference withholds it all.
  const others = small(Number(c.seats) - measured.length);
  // Withheld together: the total less one of the two gives the other.
  const hide = students.suppressed || atRisk.suppressed || meeting.suppressed || others;
  return { cohortDbId: cohort, yearOfStudy: year, students: students.suppressed || others ? null : students.students, atRisk: hide ? null : atRisk.students, rows: shown, suppressed: hide };
}

/**
 * Recognised credits per partner (the unit's teaching institution) and academic year (of the term the
 * recognised result was earned in): distinct students, distinct units, recognitions (one per student and
 * unit), ECTS credits. One statement.
 */
export async function recognisedCredits(ctx: Context, filter: RecognisedCreditFilter | null | undefined): Promise<RecognisedCreditCount[]> {
  const mayRead = recordScope(sql`rec.enrollment_id`, sql`rec.unit_id`, ctx.viewer) !== false;
  const readable = readableBy(ctx, sql`rec.enrollment_id`, sql`rec.unit_id`);
  const f = filter ?? {};
  if (!mayRead) {
    const narrowing = (["partnerId", "programId"] as const).find((k) => f[k] != null);
    if (narrowing) throw readersOnly(`filter.${narrowing}`);
  }
  const from = checkYear(f.yearFrom, "filter.yearFrom");
  const to = checkYear(f.yearTo, "filter.yearTo");
  checkRange(from, to, "filter.yearTo");
  const conds: SQL[] = [sql`rec.status = 'RECOGNISED'`];
  if (from != null) conds.push(sql`t.academic_year >= ${from}`);
  if (to != null) conds.push(sql`t.academic_year <= ${to}`);
  if (f.partnerId != null) conds.push(sql`u.teaching_institution_id = ${fromGlobalId(f.partnerId, "Institution", "filter.partnerId")}`);
  if (f.programId != null) conds.push(sql`c.program_id = ${fromGlobalId(f.programId, "Program", "filter.programId")}`);
  const rows = await queryRows(
    ctx.db,
    sql`
    select u.teaching_institution_id as "partnerId", t.academic_year as year,
      count(distinct rec.enrollment_id)::int as students, count(distinct rec.unit_id)::int as units,
      count(*)::int as recognitions, sum(rec.credits_recognised)::float8 as credits,
      bool_and(${readable}) as whole
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
    const whole = r.whole === true || r.whole === "t";
    // Exact when the caller may read every recognition counted. Else the public row; narrowed by program (which
    // the public figures are not: the partner's year less the program's would give back the others), withheld.
    const hide = !whole && (small(students) || f.programId != null);
    return {
      partnerDbId: Number(r.partnerId),
      academicYear: Number(r.year),
      students: hide ? null : students,
      units: hide ? null : Number(r.units),
      recognitions: hide ? null : Number(r.recognitions),
      credits: hide ? null : Number(r.credits),
      suppressed: hide,
    };
  });
}
