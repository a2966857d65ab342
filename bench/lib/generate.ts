// The benchmark's data set: a deterministic function of the scale (every row is computed from its index
// under a fixed seed, see random.ts), loaded with COPY … FROM STDIN through postgres.js.
//
// Rules the schema enforces and how the generator keeps them:
// - cohorts.seats_taken is kept by a trigger on enrollments (drizzle/0002). Loading runs with
//   session_replication_role = replica (no triggers, no FK checks: the generator is consistent by
//   construction), so the loader computes seats_taken itself in a first pass over the enrollments, gives each
//   cohort a capacity above it (the CHECK seats_taken BETWEEN 0 AND capacity still holds on COPY), and checks
//   the result against a COUNT afterwards.
// - dispatch_members carry their dispatch's dates (copied by a trigger, not run here) and an exclusion
//   constraint refuses overlapping periods of one expert (constraints do run on COPY). Experts go in pairs;
//   dispatch d goes to pair d mod P in slot d div P, and a slot is 45 days with trips of at most 24, so one
//   expert's trips never overlap.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sql } from "postgres";
import { cyrillic, familyName, givenName, NAME_COUNTS } from "./names.js";
import { pick, unit } from "./random.js";
import { cohortsOf, LAST_INTAKE_YEAR, type Scale } from "./scales.js";
import { loadEducation } from "./education.js";

/** Bumped whenever the generated data changes, so an old data set is reloaded rather than reused. */
export const GENERATOR_VERSION = 1;

const CENTRAL_ASIA = ["KZ", "KG", "TJ", "TM", "UZ"];
const OTHERS = ["RU", "PK", "MN", "AF"];

const COUNTRIES: [string, string, boolean][] = [
  ["CN", "China", false],
  ["KZ", "Kazakhstan", true],
  ["KG", "Kyrgyzstan", true],
  ["TJ", "Tajikistan", true],
  ["TM", "Turkmenistan", true],
  ["UZ", "Uzbekistan", true],
  ["RU", "Russia", false],
  ["PK", "Pakistan", false],
  ["MN", "Mongolia", false],
  ["AF", "Afghanistan", false],
];

const ISCED = ["0912", "0913", "0917", "0915", "0911", "0914", "0916"];
const FIELD_TITLES: Record<string, string> = {
  "0912": "Clinical Medicine",
  "0913": "Nursing",
  "0917": "Traditional Chinese Medicine",
  "0915": "Rehabilitation",
  "0911": "Stomatology",
  "0914": "Medical Imaging",
  "0916": "Pharmacy",
};
const LEVELS = ["BACHELOR", "MASTER", "DOCTORATE", "RESIDENCY"];
const SPECIALTIES = ["cardiology", "oncology", "neurology", "paediatrics", "surgery", "TCM", "infectious diseases", "radiology", "nephrology", "endocrinology"];
const PURPOSES = ["COMPLEX_CASE_DIAGNOSIS", "HEALTH_EDUCATION", "TECHNICAL_TRAINING", "RESEARCH_COLLABORATION", "SURGICAL_SUPPORT"];
const FOCUS = ["TELEMEDICINE", "JOINT_RESEARCH", "TCM", "NATURAL_MEDICINES", "BIOLOGICS", "DISEASE_PREVENTION"];
const PROJECT_STATUS = ["PROPOSED", "ACTIVE", "ACTIVE", "ACTIVE", "ON_HOLD", "COMPLETED", "COMPLETED", "CANCELLED"];

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoTime = (ms: number) => new Date(ms).toISOString();
const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** The shape of the generated world, shared by the loader and the operations (which ids to ask for). */
export class World {
  readonly cohorts: number;
  readonly partners: number;
  readonly pairs: number;
  constructor(readonly s: Scale) {
    this.cohorts = cohortsOf(s);
    this.partners = s.institutions - s.hosts;
    this.pairs = Math.floor(s.experts / 2);
    if (s.enrollments > 2 * s.students) throw new Error("a scale has at most two enrollments per student");
    if (this.partners < 4 || s.hosts < 1) throw new Error("a scale needs at least one host and four partner institutions");
  }

  /** Country of an institution (1-based id). */
  countryOf(institutionId: number): string {
    const j = institutionId - 1;
    if (j < this.s.hosts) return "CN";
    const p = j - this.s.hosts;
    return p % 10 === 9 ? OTHERS[p % OTHERS.length] : CENTRAL_ASIA[p % CENTRAL_ASIA.length];
  }

  hostOfProgram(programId: number): number {
    return ((programId - 1) % this.s.hosts) + 1;
  }

  /** The two partner institutions (ids) of a program. */
  partnersOfProgram(programId: number): [number, number] {
    const pi = programId - 1;
    const a = (pi * 7) % this.partners;
    const b = (pi * 7 + 3) % this.partners;
    return [this.s.hosts + a + 1, this.s.hosts + b + 1];
  }

  programOfCohort(cohortId: number): number {
    return Math.floor((cohortId - 1) / this.s.intakesPerProgram) + 1;
  }

  yearOfCohort(cohortId: number): number {
    return LAST_INTAKE_YEAR - (this.s.intakesPerProgram - 1) + ((cohortId - 1) % this.s.intakesPerProgram);
  }

  /** Cohort ids of a program, oldest intake first. */
  cohortsOfProgram(programId: number): number[] {
    const first = (programId - 1) * this.s.intakesPerProgram + 1;
    return Array.from({ length: this.s.intakesPerProgram }, (_, k) => first + k);
  }

  /** The cohort (1-based id) of enrollment k (0-based). */
  cohortOfEnrollment(k: number): number {
    const S = this.s.students;
    const i = k % S;
    const c1 = pick(i, 11, this.cohorts);
    if (k < S) return c1 + 1;
    return ((c1 + 1 + pick(i, 12, this.cohorts - 1)) % this.cohorts) + 1;
  }

  studentOfEnrollment(k: number): number {
    return (k % this.s.students) + 1;
  }

  statusOfEnrollment(k: number, cohortId: number): string {
    const age = LAST_INTAKE_YEAR - this.yearOfCohort(cohortId);
    const u = unit(k, 21);
    if (age >= 6) return u < 0.8 ? "GRADUATED" : u < 0.92 ? "WITHDRAWN" : "REJECTED";
    if (age >= 1) return u < 0.75 ? "ENROLLED" : u < 0.8 ? "ON_LEAVE" : u < 0.9 ? "WITHDRAWN" : "REJECTED";
    return u < 0.4 ? "NOMINATED" : u < 0.65 ? "ADMITTED" : u < 0.9 ? "ENROLLED" : "REJECTED";
  }

  /** Home institution of student i (0-based): a partner of the program of its first cohort. */
  homeOfStudent(i: number): number {
    const c1 = pick(i, 11, this.cohorts) + 1;
    return this.partnersOfProgram(this.programOfCohort(c1))[pick(i, 13, 2)];
  }
}

function esc(v: string | number | boolean | null): string {
  if (v === null) return "\\N";
  if (typeof v !== "string") return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : v;
}

/** COPY rows 0..count-1 of one table, made by `row(i)`, in chunks of text lines. */
async function copy(sql: Sql, table: string, columns: string[], count: number, row: (i: number) => (string | number | boolean | null)[]) {
  const target = await sql.unsafe(`copy ${table} (${columns.map((c) => `"${c}"`).join(", ")}) from stdin`).writable();
  async function* lines() {
    const CHUNK = 2000;
    for (let start = 0; start < count; start += CHUNK) {
      let out = "";
      const end = Math.min(count, start + CHUNK);
      for (let i = start; i < end; i++) out += row(i).map(esc).join("\t") + "\n";
      yield out;
    }
  }
  await pipeline(Readable.from(lines()), target);
}

export interface LoadReport {
  seconds: Record<string, number>;
  rows: Record<string, number>;
}

/**
 * Loads the whole data set into an empty, migrated database. `sql` must be a one-connection client
 * (max: 1) of a superuser: the session turns off triggers and FK checks for the load.
 */
export async function loadWorld(sql: Sql, w: World, log: (msg: string) => void): Promise<LoadReport> {
  const s = w.s;
  const seconds: Record<string, number> = {};
  const rows: Record<string, number> = {};
  const timed = async (name: string, n: number, fn: () => Promise<void>) => {
    const t0 = performance.now();
    await fn();
    seconds[name] = (performance.now() - t0) / 1000;
    rows[name] = n;
    log(`  ${name.padEnd(22)} ${String(n).padStart(9)} rows  ${seconds[name].toFixed(1)} s`);
  };

  await sql`set session_replication_role = replica`;
  await sql`set synchronous_commit = off`;
  await sql`set maintenance_work_mem = '512MB'`;

  await timed("countries", COUNTRIES.length, () =>
    copy(sql, "countries", ["code", "name_en", "names", "central_asia"], COUNTRIES.length, (i) => [COUNTRIES[i][0], COUNTRIES[i][1], "{}", COUNTRIES[i][2]]),
  );

  const created = isoTime(Date.UTC(2015, 0, 1));
  await timed("institutions", s.institutions, () =>
    copy(
      sql,
      "institutions",
      ["id", "slug", "kind", "country_code", "city", "name_en", "names", "international_department", "illustrative", "created_at"],
      s.institutions,
      (j) => {
        const id = j + 1;
        const host = j < s.hosts;
        const cc = w.countryOf(id);
        const name = host
          ? `Xinjiang ${j % 3 === 0 ? "Medical University" : "Affiliated Hospital"} H${pad(id, 3)}`
          : `${cc} Medical University P${pad(id, 3)}`;
        return [id, `bench-${host ? "h" : "p"}-${pad(id, 3)}`, host && j % 3 !== 0 ? "HOSPITAL" : "UNIVERSITY", cc, host ? "Urumqi" : null, name, "{}", host && j % 5 === 1, true, created];
      },
    ),
  );

  await timed("programs", s.programs, () =>
    copy(
      sql,
      "programs",
      ["id", "code", "title_en", "names", "host_institution_id", "level", "isced_field", "length_years", "teaching_languages", "launch_year", "illustrative", "created_at"],
      s.programs,
      (pi) => {
        const id = pi + 1;
        const field = ISCED[pick(pi, 1, ISCED.length)];
        const level = LEVELS[pick(pi, 2, LEVELS.length)];
        return [id, `BP-${pad(id, 5)}`, `${FIELD_TITLES[field]} ${level.toLowerCase()} programme ${pad(id, 5)}`, "{}", w.hostOfProgram(id), level, field, 5, "{en,ru,zh}", 2012, true, created];
      },
    ),
  );

  await timed("program_partners", s.programs * 2, () =>
    copy(sql, "program_partners", ["program_id", "institution_id"], s.programs * 2, (k) => {
      const programId = Math.floor(k / 2) + 1;
      return [programId, w.partnersOfProgram(programId)[k % 2]];
    }),
  );

  // First pass over the enrollments: seats taken per cohort, so that capacities can be set above them.
  const seated = new Int32Array(w.cohorts + 1);
  for (let k = 0; k < s.enrollments; k++) {
    const c = w.cohortOfEnrollment(k);
    const st = w.statusOfEnrollment(k, c);
    if (st === "ENROLLED" || st === "ON_LEAVE") seated[c]++;
  }

  await timed("cohorts", w.cohorts, () =>
    copy(
      sql,
      "cohorts",
      ["id", "program_id", "intake_year", "name", "capacity", "start_date", "expected_graduation", "current_year_of_study", "seats_taken", "created_at"],
      w.cohorts,
      (ci) => {
        const id = ci + 1;
        const year = w.yearOfCohort(id);
        const capacity = seated[id] + 5 + pick(ci, 31, 40);
        return [id, w.programOfCohort(id), year, `BP-${pad(w.programOfCohort(id), 5)} ${year}`, capacity, `${year}-09-01`, `${year + 5}-07-01`, Math.min(10, Math.max(1, LAST_INTAKE_YEAR - year + 1)), seated[id], created];
      },
    ),
  );

  await timed("students", s.students, () =>
    copy(
      sql,
      "students",
      ["id", "family_name", "given_names", "family_name_latin", "given_names_latin", "date_of_birth", "nationality", "email", "passport_number", "home_institution_id", "registered_by_institution_id", "registered_by", "illustrative", "created_at"],
      s.students,
      (i) => {
        const female = pick(i, 14, 2) === 1;
        const fam = familyName(pick(i, 15, NAME_COUNTS.roots), pick(i, 16, NAME_COUNTS.suffixes), female);
        const given = givenName(pick(i, 17, NAME_COUNTS.given), female);
        const home = w.homeOfStudent(i);
        const email = pick(i, 19, 10) < 6 ? `${given}.${fam}.${i + 1}@example.org`.toLowerCase() : null;
        return [i + 1, cyrillic(fam), cyrillic(given), fam, given, isoDate(Date.UTC(1995, 0, 1) + pick(i, 18, 12 * 365) * DAY), w.countryOf(home), email, `BG${pad(i + 1, 8)}`, home, home, "generator", true, created];
      },
    ),
  );

  await timed("enrollments", s.enrollments, () =>
    copy(sql, "enrollments", ["id", "student_id", "cohort_id", "status", "status_changed_at", "created_at"], s.enrollments, (k) => {
      const c = w.cohortOfEnrollment(k);
      const start = Date.UTC(w.yearOfCohort(c), 8, 1);
      return [k + 1, w.studentOfEnrollment(k), c, w.statusOfEnrollment(k, c), isoTime(start + pick(k, 22, 900) * DAY), isoTime(start - 60 * DAY)];
    }),
  );

  await timed("experts", s.experts, () =>
    copy(sql, "experts", ["id", "code", "family_name", "given_names", "specialty", "home_institution_id", "illustrative", "created_at"], s.experts, (x) => {
      const female = pick(x, 42, 2) === 1;
      const home = pick(x, 43, 10) < 9 ? pick(x, 41, s.hosts) + 1 : s.hosts + pick(x, 44, w.partners) + 1;
      return [x + 1, `EX-${pad(x + 1, 6)}`, familyName(pick(x, 45, NAME_COUNTS.roots), pick(x, 46, 4), female), givenName(pick(x, 47, NAME_COUNTS.given), female), SPECIALTIES[pick(x, 48, SPECIALTIES.length)], home, true, created];
    }),
  );

  const dispatch = (d: number) => {
    const slot = Math.floor(d / w.pairs);
    const pair = d % w.pairs;
    const start = Date.UTC(2020, 0, 1) + (slot * 45 + pick(d, 51, 5)) * DAY;
    const end = start + (5 + pick(d, 52, 16)) * DAY;
    const cancelled = pick(d, 53, 100) < 3;
    const cutoff = Date.UTC(2025, 5, 1);
    const status = cancelled ? "CANCELLED" : end < cutoff ? "COMPLETED" : start > cutoff ? "PLANNED" : "IN_PROGRESS";
    return { lead: 2 * pair + 1, member: 2 * pair + 2, start: isoDate(start), end: isoDate(end), status };
  };
  const expertHome = (x: number) => (pick(x - 1, 43, 10) < 9 ? pick(x - 1, 41, s.hosts) + 1 : s.hosts + pick(x - 1, 44, w.partners) + 1);

  await timed("dispatches", s.dispatches, () =>
    copy(
      sql,
      "dispatches",
      ["id", "code", "title", "sending_institution_id", "host_institution_id", "country_code", "start_date", "end_date", "status", "cases_seen", "people_trained", "illustrative", "created_at"],
      s.dispatches,
      (d) => {
        const t = dispatch(d);
        const host = s.hosts + pick(d, 54, w.partners) + 1;
        const done = t.status === "COMPLETED";
        return [d + 1, `DS-${pad(d + 1, 6)}`, `Expert dispatch ${pad(d + 1, 6)}`, expertHome(t.lead), host, w.countryOf(host), t.start, t.end, t.status, done ? pick(d, 55, 300) : null, done ? pick(d, 56, 80) : null, true, created];
      },
    ),
  );

  await timed("dispatch_members", s.dispatches * 2, () =>
    copy(sql, "dispatch_members", ["dispatch_id", "expert_id", "role", "starts_on", "ends_on", "active"], s.dispatches * 2, (k) => {
      const d = Math.floor(k / 2);
      const t = dispatch(d);
      return [d + 1, k % 2 ? t.member : t.lead, k % 2 ? "MEMBER" : "LEAD", t.start, t.end, t.status !== "CANCELLED"];
    }),
  );

  await timed("dispatch_purposes", s.dispatches, () =>
    copy(sql, "dispatch_purposes", ["dispatch_id", "purpose"], s.dispatches, (d) => [d + 1, PURPOSES[pick(d, 57, PURPOSES.length)]]),
  );

  await timed("joint_labs", s.labs, () =>
    copy(sql, "joint_labs", ["id", "code", "name_en", "names", "lead_institution_id", "established_on", "illustrative", "created_at"], s.labs, (l) => [
      l + 1,
      `LAB-${pad(l + 1, 4)}`,
      `Joint Laboratory ${pad(l + 1, 4)} of ${SPECIALTIES[l % SPECIALTIES.length]}`,
      "{}",
      (l % s.hosts) + 1,
      isoDate(Date.UTC(2016 + (l % 9), l % 12, 1)),
      true,
      created,
    ]),
  );

  await timed("joint_lab_members", s.labs * 2, () =>
    copy(sql, "joint_lab_members", ["lab_id", "institution_id"], s.labs * 2, (k) => {
      const l = Math.floor(k / 2);
      return [l + 1, s.hosts + ((l * 5 + (k % 2) * 2) % w.partners) + 1];
    }),
  );

  await timed("joint_lab_focus_areas", s.labs, () => copy(sql, "joint_lab_focus_areas", ["lab_id", "area"], s.labs, (l) => [l + 1, FOCUS[l % FOCUS.length]]));

  await timed("lab_projects", s.labProjects, () =>
    copy(
      sql,
      "lab_projects",
      ["id", "code", "lab_id", "title", "status", "principal_investigator_id", "start_date", "end_date", "funding_amount", "funding_currency", "illustrative", "created_at"],
      s.labProjects,
      (k) => {
        const start = Date.UTC(2018, 0, 1) + pick(k, 72, 2500) * DAY;
        const funded = pick(k, 74, 3) > 0;
        return [k + 1, `LP-${pad(k + 1, 6)}`, (k % s.labs) + 1, `Research project ${pad(k + 1, 6)}`, PROJECT_STATUS[pick(k, 73, PROJECT_STATUS.length)], pick(k, 71, s.experts) + 1, isoDate(start), isoDate(start + (365 + pick(k, 75, 1100)) * DAY), funded ? (10_000 + pick(k, 76, 2_000_000)).toFixed(2) : null, funded ? "CNY" : null, true, created];
      },
    ),
  );

  await timed("sequences", 0, async () => {
    for (const t of ["institutions", "programs", "cohorts", "students", "enrollments", "experts", "dispatches", "joint_labs", "lab_projects"])
      await sql.unsafe(`select setval(pg_get_serial_sequence('${t}', 'id'), greatest(1, (select coalesce(max(id), 0) from ${t})))`);
  });

  await sql`set session_replication_role = origin`;

  await timed("check seats_taken", 0, async () => {
    const [bad] = await sql`
      select count(*)::int as n from cohorts c
      left join (select cohort_id, count(*)::int as n from enrollments where status in ('ENROLLED', 'ON_LEAVE') group by cohort_id) e
        on e.cohort_id = c.id
      where c.seats_taken <> coalesce(e.n, 0) or c.seats_taken > c.capacity`;
    if (bad.n !== 0) throw new Error(`${bad.n} cohorts have seats_taken out of line with their enrollments`);
  });

  await loadEducation(sql, w, async (name, fn) => {
    let n = 0;
    await timed(name, 0, async () => void (n = await fn()));
    rows[name] = n;
  });

  await timed("vacuum analyze", 0, async () => {
    await sql`vacuum (analyze)`;
    await sql`checkpoint`;
  });
  return { seconds, rows };
}
