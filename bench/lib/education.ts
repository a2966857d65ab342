// The benchmark's education records (issue 13), a deterministic function of the world like the rest of the
// data set (generate.ts): per program a curriculum (5 years × 6 units of 10 ECTS, every third unit taught by
// the program's first partner on a 2–5 scale, the rest by the host in percent) with the program's conversion
// table, every institution's terms, offerings of the years a cohort has completed, and for every ENROLLED,
// ON_LEAVE or GRADUATED enrollment a result at each unit of those years (about 5% failed first and passed at a
// resit), the partner's passed units recognised by the host. Loaded with COPY, triggers and FK checks off.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sql } from "postgres";
import { pick } from "./random.js";
import { LAST_INTAKE_YEAR } from "./scales.js";
import type { World } from "./generate.js";

export const UNITS_PER_YEAR = 6;
export const YEARS = 5;
const FIRST_YEAR = LAST_INTAKE_YEAR - 13; // the oldest intake (10 per program) and its terms
const PCT = 1;
const UZ5 = 2;
const UZ_TO_PCT: Record<string, string> = { "5": "90", "4": "78", "3": "65", "2": "40" };

type Value = string | number | boolean | null;
const esc = (v: Value) => (v === null ? "\\N" : String(v));

async function copyRows(sql: Sql, table: string, columns: string[], rows: () => Iterable<Value[]>): Promise<number> {
  const target = await sql.unsafe(`copy ${table} (${columns.map((c) => `"${c}"`).join(", ")}) from stdin`).writable();
  let n = 0;
  async function* lines() {
    let out = "";
    let k = 0;
    for (const r of rows()) {
      out += r.map(esc).join("\t") + "\n";
      n++;
      if (++k === 2000) {
        yield out;
        out = "";
        k = 0;
      }
    }
    if (out) yield out;
  }
  await pipeline(Readable.from(lines()), target);
  return n;
}

/** Unit u (0-based within its curriculum) of program p: its id, year, term and teacher. */
export function unitOf(w: World, programId: number, u: number) {
  const perProgram = YEARS * UNITS_PER_YEAR;
  const partnerTaught = u % 3 === 2;
  return {
    id: (programId - 1) * perProgram + u + 1,
    code: `U${String(u + 1).padStart(2, "0")}`,
    year: Math.floor(u / UNITS_PER_YEAR) + 1,
    term: (u % UNITS_PER_YEAR) < UNITS_PER_YEAR / 2 ? 1 : 2,
    teacher: partnerTaught ? w.partnersOfProgram(programId)[0] : w.hostOfProgram(programId),
    scale: partnerTaught ? UZ5 : PCT,
  };
}

/** Years of study cohort c has completed (0 for this year's intake). */
export const completedYears = (w: World, cohortId: number) => Math.min(YEARS, LAST_INTAKE_YEAR - w.yearOfCohort(cohortId));

const termIndex = (w: World, institutionId: number, academicYear: number, term: number) =>
  (institutionId - 1) * 14 * 2 + (academicYear - FIRST_YEAR) * 2 + (term - 1) + 1;

/** The offering of unit u of cohort c: offerings are numbered cohort by cohort, unit by unit. */
const offeringId = (c: number, u: number) => (c - 1) * YEARS * UNITS_PER_YEAR + u + 1;

interface ResultRow {
  id: number;
  enrollment: number;
  cohort: number;
  unit: ReturnType<typeof unitOf>;
  u: number;
  attempt: number;
  grade: string;
  passed: boolean;
  on: string;
}

/** Every result, in id order (the same sequence for results and recognitions). */
function* results(w: World): Generator<ResultRow> {
  let id = 0;
  for (let k = 0; k < w.s.enrollments; k++) {
    const c = w.cohortOfEnrollment(k);
    const status = w.statusOfEnrollment(k, c);
    if (status !== "ENROLLED" && status !== "ON_LEAVE" && status !== "GRADUATED") continue;
    const done = completedYears(w, c);
    const program = w.programOfCohort(c);
    for (let u = 0; u < done * UNITS_PER_YEAR; u++) {
      const unit = unitOf(w, program, u);
      const academicYear = w.yearOfCohort(c) + unit.year - 1;
      const on = unit.term === 1 ? `${academicYear + 1}-01-15` : `${academicYear + 1}-06-30`;
      const h = k * 64 + u;
      const resit = pick(h, 101, 20) === 0;
      const pctGrade = (lo: number, span: number, salt: number) => String(lo + pick(h, salt, span));
      if (resit) {
        yield { id: ++id, enrollment: k + 1, cohort: c, unit, u, attempt: 1, grade: unit.scale === PCT ? pctGrade(35, 24, 102) : "2", passed: false, on };
        yield { id: ++id, enrollment: k + 1, cohort: c, unit, u, attempt: 2, grade: unit.scale === PCT ? pctGrade(60, 15, 103) : "3", passed: true, on: on.replace(/-(15|30)$/, "-28") };
      } else yield { id: ++id, enrollment: k + 1, cohort: c, unit, u, attempt: 1, grade: unit.scale === PCT ? pctGrade(60, 39, 104) : ["3", "4", "4", "5", "5"][pick(h, 105, 5)], passed: true, on };
    }
  }
}

/** Loads the education tables (empty before) of a loaded world. `sql`: one connection of a superuser. */
export async function loadEducation(sql: Sql, w: World, timed: (name: string, fn: () => Promise<number>) => Promise<void>): Promise<void> {
  const s = w.s;
  await sql`set session_replication_role = replica`;
  await timed("grade_scales", () =>
    copyRows(sql, "grade_scales", ["id", "code", "name", "kind", "grades", "min_value", "max_value", "pass_mark"], () => [
      [PCT, "PCT-100", "Percentage, 0–100 (pass 60)", "NUMERIC", "{}", 0, 100, "60"],
      [UZ5, "UZ-5", "Five-point scale, 2–5 (pass 3)", "ORDERED", "{2,3,4,5}", null, null, "3"],
    ]),
  );
  const programs = Array.from({ length: s.programs }, (_, i) => i + 1);
  await timed("curricula", () =>
    copyRows(sql, "curricula", ["id", "program_id", "version", "valid_from_intake", "host_scale_id", "credits_per_year", "compulsory_required", "illustrative", "created_by"], () =>
      programs.map((p) => [p, p, 1, FIRST_YEAR, PCT, 60, true, true, "generator"]),
    ),
  );
  await sql`update cohorts set curriculum_id = program_id`;
  await timed("grade_conversions", () =>
    copyRows(sql, "grade_conversions", ["id", "from_scale_id", "to_scale_id", "program_id", "rows", "illustrative"], () =>
      programs.map((p) => [p, UZ5, PCT, p, JSON.stringify(Object.entries(UZ_TO_PCT).map(([from, to]) => ({ from, to }))), true]),
    ),
  );
  await timed("course_units", () =>
    copyRows(sql, "course_units", ["id", "curriculum_id", "code", "title_en", "names", "year_of_study", "term", "ects_credits", "credit_hours", "compulsory", "language", "teaching_institution_id", "grade_scale_id"], function* () {
      for (const p of programs)
        for (let u = 0; u < YEARS * UNITS_PER_YEAR; u++) {
          const x = unitOf(w, p, u);
          yield [x.id, p, x.code, `Unit ${x.code} of programme ${p}`, JSON.stringify({ ru: `Курс ${x.code}`, zh: `课程 ${x.code}` }), x.year, x.term, 10, 20, u % UNITS_PER_YEAR !== 5, x.scale === UZ5 ? "ru" : "zh", x.teacher, x.scale];
        }
    }),
  );
  await timed("academic_terms", () =>
    copyRows(sql, "academic_terms", ["id", "institution_id", "name", "academic_year", "start_date", "end_date"], function* () {
      for (let inst = 1; inst <= s.institutions; inst++)
        for (let y = FIRST_YEAR; y < FIRST_YEAR + 14; y++)
          for (const term of [1, 2])
            yield [termIndex(w, inst, y, term), inst, `${y}-${String(y + 1).slice(2)} ${term === 1 ? "autumn" : "spring"}`, y, term === 1 ? `${y}-09-01` : `${y + 1}-02-20`, term === 1 ? `${y + 1}-01-20` : `${y + 1}-07-10`];
    }),
  );
  // Every unit of every cohort gets an offering id (numbered cohort by cohort); only completed years are written.
  await timed("offerings", () =>
    copyRows(sql, "offerings", ["id", "unit_id", "term_id", "cohort_id", "academic_year"], function* () {
      for (let c = 1; c <= w.cohorts; c++) {
        const p = w.programOfCohort(c);
        for (let u = 0; u < completedYears(w, c) * UNITS_PER_YEAR; u++) {
          const x = unitOf(w, p, u);
          const year = w.yearOfCohort(c) + x.year - 1;
          yield [offeringId(c, u), x.id, termIndex(w, x.teacher, year, x.term), c, year];
        }
      }
    }),
  );
  await timed("course_results", () =>
    copyRows(sql, "course_results", ["id", "enrollment_id", "offering_id", "unit_id", "attempt", "grade", "passed", "credits_earned", "assessed_on", "entered_by", "entered_by_institution_id"], function* () {
      for (const r of results(w)) yield [r.id, r.enrollment, offeringId(r.cohort, r.u), r.unit.id, r.attempt, r.grade, r.passed, r.passed ? 10 : 0, r.on, "generator", r.unit.teacher];
    }),
  );
  let rec = 0;
  await timed("recognitions", () =>
    copyRows(sql, "recognitions", ["id", "enrollment_id", "unit_id", "result_id", "status", "conversion_id", "converted_grade", "credits_recognised", "decided_by", "decided_by_institution_id", "decided_at"], function* () {
      for (const r of results(w))
        if (r.unit.scale === UZ5 && r.passed)
          yield [++rec, r.enrollment, r.unit.id, r.id, "RECOGNISED", w.programOfCohort(r.cohort), UZ_TO_PCT[r.grade], 10, "generator", w.hostOfProgram(w.programOfCohort(r.cohort)), `${r.on}T12:00:00Z`];
    }),
  );
  await sql`set session_replication_role = origin`;
  for (const t of ["grade_scales", "curricula", "grade_conversions", "course_units", "academic_terms", "offerings", "course_results", "recognitions"])
    await sql.unsafe(`select setval(pg_get_serial_sequence('${t}', 'id'), greatest(1, (select coalesce(max(id), 0) from ${t})))`);
}

/**
 * The enrollment the transcript operation reads: the first ENROLLED one of program 1's cohort that has completed
 * every year (the longest transcript a current student has), a student of a partner, read by the host's admin.
 */
export function transcriptEnrollment(w: World): number {
  const cohort = w.cohortsOfProgram(1).find((c) => LAST_INTAKE_YEAR - w.yearOfCohort(c) === YEARS)!;
  for (let k = 0; k < w.s.enrollments; k++) {
    const c = w.cohortOfEnrollment(k);
    if (c === cohort && w.statusOfEnrollment(k, c) === "ENROLLED") return k + 1;
  }
  throw new Error("no ENROLLED enrollment in program 1's fifth-year cohort");
}
