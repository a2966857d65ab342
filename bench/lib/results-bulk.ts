// Bulk result entry (issue 13): the operation brings its own curriculum (apart from the generated one), in
// the host's name: a program, a curriculum version with one unit per call (the API's calls and the floor's
// calls on units of their own), an open term, one offering per unit, and a cohort of BULK_ROWS enrolled
// existing students. Each call enters BULK_ROWS first attempts of one offering as CSV (recordResults, the
// host's admin); the floor writes the same rows by hand. Everything is removed at the end (removeEducationBench).
import type { Sql } from "postgres";
import { toGlobalId } from "../../src/shared/global-id.js";
import type { Operation } from "./operations.js";

const PREFIX = "BENCH-EDU-";

export interface EducationBench {
  host: number;
  /** The API's offerings (one per call), then the floor's. */
  apiOfferings: { id: number; unitId: number }[];
  floorOfferings: { id: number; unitId: number }[];
  /** The cohort's enrollments and each student's home institution (the audit rows' visibility). */
  enrollments: { id: number; home: number }[];
}

export async function setupEducationBench(sql: Sql, o: { host: number; calls: number; rows: number; runTag: string }): Promise<EducationBench> {
  await removeEducationBench(sql);
  return sql.begin(async (tx) => {
    const code = `${PREFIX}${o.runTag}`;
    const [scale] = await tx`insert into grade_scales (code, name, kind, min_value, max_value, pass_mark) values (${code}, 'Bench percent', 'NUMERIC', 0, 100, '60') returning id`;
    const [program] = await tx`
      insert into programs (code, title_en, host_institution_id, level, isced_field, length_years, launch_year)
      values (${code}, 'Bench education program', ${o.host}, 'BACHELOR', '0917', 5, 2020) returning id`;
    const [curriculum] = await tx`insert into curricula (program_id, version, valid_from_intake, host_scale_id, created_by) values (${program.id}, 1, 2020, ${scale.id}, 'bench') returning id`;
    const units = await tx`
      insert into course_units ${tx(
        Array.from({ length: 2 * (o.calls + 1) }, (_, k) => ({
          curriculum_id: curriculum.id, code: `U${k}`, title_en: `Bench unit ${k}`, year_of_study: 1, term: 1, ects_credits: 5, credit_hours: 10,
          compulsory: true, language: "zh", teaching_institution_id: o.host, grade_scale_id: scale.id,
        })),
      )} returning id`;
    const [term] = await tx`
      insert into academic_terms (institution_id, name, academic_year, start_date, end_date) values (${o.host}, ${code}, 2026, '2026-09-01', '2027-01-20') returning id`;
    const [cohort] = await tx`
      insert into cohorts (program_id, intake_year, name, capacity, start_date, expected_graduation, curriculum_id)
      values (${program.id}, 2026, ${code}, ${o.rows}, '2026-09-01', '2031-07-01', ${curriculum.id}) returning id`;
    const offerings = await tx`insert into offerings ${tx(units.map((u) => ({ unit_id: u.id, term_id: term.id, cohort_id: cohort.id, academic_year: 2026 })))} returning id, unit_id`;
    const enrollments = await tx`
      insert into enrollments (student_id, cohort_id, status)
      select id, ${cohort.id}, 'ENROLLED' from students order by id limit ${o.rows} returning id, student_id`;
    const homes = new Map((await tx`select id, home_institution_id from students where id in ${tx(enrollments.map((e) => e.student_id))}`).map((s) => [s.id, s.home_institution_id as number]));
    const all = offerings.map((x) => ({ id: x.id as number, unitId: x.unit_id as number }));
    return {
      host: o.host,
      // One more each than the measured calls: the API's check request and the floor's warm-up call.
      apiOfferings: all.slice(0, o.calls + 1),
      floorOfferings: all.slice(o.calls + 1),
      enrollments: enrollments.map((e) => ({ id: e.id as number, home: homes.get(e.student_id)! })),
    };
  });
}

/** Removes what setupEducationBench wrote (this run's, or an interrupted run's). Audit rows go with the bench's subjects. */
export async function removeEducationBench(sql: Sql): Promise<void> {
  const like = `${PREFIX}%`;
  await sql.begin(async (tx) => {
    const programs = tx`select id from programs where code like ${like}`;
    const cohorts = tx`select id from cohorts where program_id in (${programs})`;
    const curricula = tx`select id from curricula where program_id in (${programs})`;
    await tx`delete from course_results where offering_id in (select id from offerings where cohort_id in (${cohorts}))`;
    await tx`delete from offerings where cohort_id in (${cohorts})`;
    await tx`delete from progression_decisions where enrollment_id in (select id from enrollments where cohort_id in (${cohorts}))`;
    await tx`delete from enrollment_status_changes where enrollment_id in (select id from enrollments where cohort_id in (${cohorts}))`;
    await tx`delete from enrollments where cohort_id in (${cohorts})`;
    await tx`delete from cohorts where program_id in (${programs})`;
    await tx`delete from course_units where curriculum_id in (${curricula})`;
    await tx`delete from curricula where program_id in (${programs})`;
    await tx`delete from academic_terms where name like ${like}`;
    await tx`delete from programs where code like ${like}`;
    await tx`delete from grade_scales where code like ${like}`;
  });
}

const gql = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

const RECORD = /* GraphQL */ `
  mutation ResultsBulk($input: RecordResultsInput!) {
    recordResults(input: $input) { written accepted rejected results { row error { field message } } }
  }`;

/** The grade of enrollment k at call c: mixed passes and fails (percent). */
const gradeOf = (k: number, c: number) => String(35 + ((k * 37 + c * 11) % 65));

/** recordResults: `calls` calls of `rows` CSV rows each, one offering per call; the floor: the same rows by hand. */
export function resultsBulkOperation(ed: EducationBench, o: { calls: number; rows: number; subject: string; auditVisibleTo: boolean }): Operation {
  let apiCall = 0;
  let floorCall = 0;
  const assessedOn = "2026-12-01";
  const csv = (c: number) => ["enrollment_id,attempt,grade,assessed_on", ...ed.enrollments.map((e, k) => `${toGlobalId("Enrollment", e.id)},1,${gradeOf(k, c)},${assessedOn}`)].join("\n");
  return {
    name: "results-bulk",
    what: `recordResults: ${o.calls} calls × ${o.rows.toLocaleString("en")} CSV rows (first attempts at one offering each), one after another, by the teaching (host) institution's admin`,
    role: "INSTITUTION_ADMIN",
    institutionId: ed.host,
    asked: null,
    body: () => {
      // The check request takes the first offering; the measured calls the next ones (a call per offering).
      const off = ed.apiOfferings[apiCall++ % ed.apiOfferings.length];
      return gql(RECORD, { input: { offeringId: toGlobalId("Offering", off.id), csv: csv(apiCall) } });
    },
    ok: (b) => !b.includes('"errors"') && b.includes('"written":true'),
    describe: (d) => {
      const r = d.recordResults;
      if (!r.written) throw new Error(`bulk results refused rows: ${JSON.stringify(r.results.filter((x: any) => x.error).slice(0, 3))}`);
      return `${r.accepted} results written`;
    },
    floor: (sql) => {
      const off = ed.floorOfferings[floorCall % ed.floorOfferings.length];
      const c = ++floorCall;
      return sql.begin(async (tx) => {
        const inserted = await tx`
          insert into course_results ${tx(
            ed.enrollments.map((e, k) => {
              const grade = gradeOf(k, c);
              const passed = Number(grade) >= 60;
              return { enrollment_id: e.id, offering_id: off.id, unit_id: off.unitId, attempt: 1, grade, passed, credits_earned: passed ? 5 : 0, assessed_on: assessedOn, entered_by: o.subject, entered_by_institution_id: ed.host };
            }),
          )} returning id, enrollment_id, grade, passed`;
        const home = new Map(ed.enrollments.map((e) => [e.id, e.home]));
        await tx`insert into audit_log ${tx(
          inserted.map((r) => ({
            request_id: "floor", actor_subject: o.subject, actor_role: "INSTITUTION_ADMIN", actor_institution_id: ed.host, action: "result.record", entity_type: "CourseResult", entity_id: r.id,
            after: JSON.stringify({ enrollmentId: r.enrollment_id, offeringId: off.id, unitId: off.unitId, attempt: 1, grade: r.grade, passed: r.passed, assessedOn }),
            ...(o.auditVisibleTo ? { visible_to: `{${[...new Set([home.get(r.enrollment_id), ed.host])].join(",")}}` } : {}),
          })),
        )}`;
      });
    },
    floorWhat: `one transaction of multi-row INSERTs of the same rows: ${o.rows} results and ${o.rows} audit rows`,
    amount: o.calls,
    connections: 1,
  };
}
