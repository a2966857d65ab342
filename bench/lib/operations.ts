// The named portal operations: each is a GraphQL request sent over HTTP and a floor, the same data (or the
// same rows written) by hand-written SQL through postgres.js with no HTTP and no GraphQL.
import type { Sql } from "postgres";
import { encodeCursor } from "../../src/shared/pagination.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { familyName, givenName, cyrillic, NAME_COUNTS } from "./names.js";
import { pick } from "./random.js";
import { LAST_INTAKE_YEAR } from "./scales.js";
import type { World } from "./generate.js";
import { apiDashboardCounts, peerDashboardBody, peerDashboardCounts } from "./peer.js";
import { transcriptEnrollment, UNITS_PER_YEAR, YEARS } from "./education.js";

/** The transcript operation's document (also measured by scripts/measure-request-cpu.ts). */
export const TRANSCRIPT = /* GraphQL */ `
  query Transcript($id: ID!) {
    transcript(enrollmentId: $id) {
      complete standing creditsShort hostScale
      student { familyName givenNames familyNameLatin givenNamesLatin nationality homeInstitution { nameEn names { language text } } }
      hostInstitution { nameEn names { language text } }
      years {
        yearOfStudy creditsEarned creditsRequired met missingUnits
        terms { term creditsEarned units { code titles { language text } ectsCredits scale grade convertedGrade passed creditsEarned
          teachingInstitution { nameEn }
          attempts { attempt grade convertedGrade passed creditsEarned assessedOn termName }
          recognition { status convertedGrade creditsRecognised } } }
      }
      totals { units unitsPassed attempts creditsEarned creditsRecognised creditHours weightedMean }
    }
  }`;

export const PAGE_SIZE = 20;

/** The enrollment dashboard's document (also measured by scripts/measure-dashboard-cpu.ts). */
export const DASHBOARD = /* GraphQL */ `
  query Dashboard($id: ID!) {
    institution(id: $id) {
      nameEn
      programs(first: 5) {
        nodes {
          titleEn
          cohorts(last: 5) {
            nodes {
              name intakeYear capacity seatsTaken
              enrollments(first: 40) {
                nodes { id status student { familyNameLatin givenNamesLatin nationality } }
              }
            }
          }
        }
      }
    }
  }`;
export const BULK_ROWS = 1_000;
export const BULK_CALLS = 10;
/** Subjects of every token the bench mints start with this; the rows its registrations write are removed by it. */
export const SUBJECT_PREFIX = "bench-";

export type Role = "PLATFORM_ADMIN" | "INSTITUTION_ADMIN" | "PARTNER_REGISTRAR" | "ANONYMOUS";

export interface Operation {
  name: string;
  /** What it asks, in one line (for the table's notes). */
  what: string;
  role: Role;
  institutionId?: number;
  /**
   * Relation levels asked for, plus the aggregates (totalCount) asked: the most statements the operation
   * should need. Null for writes, which the statement target does not cover.
   */
  asked: number | null;
  body: string | (() => string);
  /** GraphQL answers errors with HTTP 200: is this body a success? */
  ok: (body: string) => boolean;
  /** Describes one answer (checked once before measuring); throws when it is not the expected one. */
  describe: (data: any) => string;
  /** The floor: one call of the hand-written SQL, and what it is. */
  floor: (sql: Sql, i: number) => Promise<unknown>;
  floorWhat: string;
  /** Writes: a fixed number of sequential calls instead of a timed run. */
  amount?: number;
  connections?: number;
  /**
   * The same request in PostGraphile v5's schema (bench/lib/peer.ts), measured in turns with the API, and what
   * of an answer must be equal in both (checked once before measuring).
   */
  peer?: { body: string; same: { api: (data: any) => string; peer: (data: any) => string } };
}

const namesOf = (nodes: { familyNameLatin: string; givenNamesLatin: string }[]) => nodes.map((n) => `${n.familyNameLatin} ${n.givenNamesLatin}`).join("|");
const gql = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
const noErrors = (body: string) => !body.includes('"errors"');

export interface OperationContext {
  world: World;
  /** Cursor of the last row of the page before the deep page (computed once with OFFSET). */
  deepCursor: string;
  deepPage: number;
  deepAfter: [string, string, number];
  /** Unique per run: registrations use fresh passport numbers and a registrar subject of their own. */
  runTag: string;
  /** Root query fields of the server's schema (introspection), to use the report queries when it has them. */
  queryFields: Set<string>;
  /** audit_log has the change feed's visible_to column (migration 0003): the floor writes it too. */
  auditVisibleTo: boolean;
  /** students has the lower-cased search_text column under a trigram index (migration 0007): the floor searches it. */
  studentSearchText: boolean;
  /** ENROLLED enrollments in the host's programs (read before measuring): the transitions move them to ON_LEAVE and back. */
  enrolled: number[];
}

/** Institutions and cohorts the operations use, all derived from the generator's rules. */
export function targets(w: World) {
  const host = 1; // the first Xinjiang host institution
  const programId = 1; // hosted by institution 1; partners: the first and fourth partner institutions
  const partner = w.partnersOfProgram(programId)[0];
  const cohortId = w.cohortsOfProgram(programId).at(-1)!; // its newest intake: registrations are nominations
  return { host, partner, programId, cohortId, partnerCountry: w.countryOf(partner) };
}

export function operations(ctx: OperationContext): Operation[] {
  const w = ctx.world;
  const t = targets(w);
  const year = LAST_INTAKE_YEAR - 1;

  // ---- 1. Enrollment dashboard: institution → programs → cohorts → enrollments → student ----------------
  const dashboard: Operation = {
    name: "dashboard",
    what: "institution → programs(first 5) → cohorts(last 5) → enrollments(first 40) → student, with seatsTaken",
    role: "INSTITUTION_ADMIN",
    institutionId: t.host,
    asked: 5,
    body: gql(DASHBOARD, { id: toGlobalId("Institution", t.host) }),
    ok: noErrors,
    describe: (d) => {
      const progs = d.institution.programs.nodes;
      const cohorts = progs.flatMap((p: any) => p.cohorts.nodes);
      const enr = cohorts.flatMap((c: any) => c.enrollments.nodes);
      if (enr.length < 500) throw new Error(`dashboard has only ${enr.length} enrollments`);
      return `${progs.length} programs, ${cohorts.length} cohorts, ${enr.length} enrollments + ${enr.length} students (${1 + progs.length + cohorts.length + 2 * enr.length} objects)`;
    },
    floor: (sql) => sql`
      select i.name_en, p.title_en, c.name, c.intake_year, c.capacity, c.seats_taken,
             e.id, e.status, s.family_name_latin, s.given_names_latin, s.nationality
      from institutions i
      cross join lateral (select id, title_en from programs where host_institution_id = i.id order by title_en, id limit 5) p
      cross join lateral (select id, name, intake_year, capacity, seats_taken from cohorts where program_id = p.id order by intake_year desc, id desc limit 5) c
      cross join lateral (select id, status, student_id from enrollments where cohort_id = c.id order by id limit 40) e
      join students s on s.id = e.student_id
      where i.id = ${t.host}`,
    floorWhat: "one statement: LATERAL joins with the same limits and orders, flat rows",
    peer: { body: peerDashboardBody(t.host), same: { api: (d) => apiDashboardCounts(d).join("/"), peer: (d) => peerDashboardCounts(d).join("/") } },
  };

  // ---- 2. Filtered student search (a partner's registrar) ------------------------------------------------
  const SEARCH = /* GraphQL */ `
    query Search($q: String!) {
      students(first: ${PAGE_SIZE}, filter: { search: $q, enrollmentStatuses: [ENROLLED, ON_LEAVE] }) {
        totalCount
        nodes { familyNameLatin givenNamesLatin nationality enrollments { status cohort { name intakeYear } } }
      }
    }`;
  const q = "Rahim";
  const pattern = `%${q}%`;
  const search: Operation = {
    name: "search",
    what: `students(search "${q}", enrolled or on leave) { totalCount, 20 nodes { enrollments { cohort } } } of one partner`,
    role: "PARTNER_REGISTRAR",
    institutionId: t.partner,
    asked: 4,
    body: gql(SEARCH, { q }),
    ok: noErrors,
    describe: (d) => {
      const n = d.students.nodes.length;
      if (n === 0) throw new Error("search found nobody");
      return `${d.students.totalCount} matches, ${n} on the page, ${d.students.nodes.flatMap((s: any) => s.enrollments).length} enrollments`;
    },
    floor: (sql) => sql`
      with matched as materialized (
        select id, family_name_latin, given_names_latin, nationality from students s
        where home_institution_id = ${t.partner}
          and ${
            ctx.studentSearchText
              ? sql`search_text like ${pattern.toLowerCase()}`
              : sql`(family_name_latin ilike ${pattern} or given_names_latin ilike ${pattern} or family_name ilike ${pattern} or given_names ilike ${pattern})`
          }
          and exists (select 1 from enrollments e where e.student_id = s.id and e.status in ('ENROLLED', 'ON_LEAVE'))
      ), page as (select * from matched order by family_name_latin, given_names_latin, id limit ${PAGE_SIZE + 1})
      select page.*, (select count(*) from matched) as total,
        (select json_agg(json_build_object('status', e.status, 'name', c.name, 'intakeYear', c.intake_year) order by e.id)
           from enrollments e join cohorts c on c.id = e.cohort_id where e.student_id = page.id) as enrollments
      from page order by family_name_latin, given_names_latin, id`,
    floorWhat: "one statement: the matches once (a materialized CTE), the page and the count from them, each student's enrollments with cohorts (json_agg)",
  };

  // ---- 3 and 4. First page and deep page of students (keyset) --------------------------------------------
  const PAGE = /* GraphQL */ `
    query Students($after: String) {
      students(first: ${PAGE_SIZE}, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id familyNameLatin givenNamesLatin nationality }
      }
    }`;
  const pageDescribe = (d: any) => {
    const n = d.students.nodes.length;
    if (n !== PAGE_SIZE) throw new Error(`a page of ${n} students`);
    return `${n} students, first ${d.students.nodes[0].familyNameLatin} ${d.students.nodes[0].givenNamesLatin}`;
  };
  const firstPage: Operation = {
    name: "first-page",
    what: `students(first: ${PAGE_SIZE}) by name (page 1)`,
    role: "PLATFORM_ADMIN",
    asked: 1,
    body: gql(PAGE),
    ok: noErrors,
    describe: pageDescribe,
    floor: (sql) => sql`
      select id, family_name_latin, given_names_latin, nationality from students
      order by family_name_latin, given_names_latin, id limit ${PAGE_SIZE + 1}`,
    floorWhat: "the keyset statement: ORDER BY name, id LIMIT 21",
    peer: {
      body: gql(/* GraphQL */ `
        query Students {
          allStudents(first: ${PAGE_SIZE}, orderBy: [FAMILY_NAME_LATIN_ASC, GIVEN_NAMES_LATIN_ASC, ROW_ID_ASC]) {
            pageInfo { hasNextPage endCursor }
            nodes { id familyNameLatin givenNamesLatin nationality }
          }
        }`),
      same: { api: (d) => namesOf(d.students.nodes), peer: (d) => namesOf(d.allStudents.nodes) },
    },
  };
  // An anonymous portal's first screen: public facts, no token.
  const institutionsPage: Operation = {
    name: "institutions",
    what: `institutions(first: ${PAGE_SIZE}) by name, anonymous`,
    role: "ANONYMOUS",
    asked: 1,
    body: gql(/* GraphQL */ `
      query Institutions {
        institutions(first: ${PAGE_SIZE}) {
          pageInfo { hasNextPage endCursor }
          nodes { id nameEn city countryCode }
        }
      }`),
    ok: noErrors,
    describe: (d) => {
      const n = d.institutions.nodes.length;
      if (n < 10) throw new Error(`a page of ${n} institutions`);
      return `${n} institutions, first ${d.institutions.nodes[0].nameEn}`;
    },
    floor: (sql) => sql`select id, name_en, city, country_code from institutions order by name_en, id limit ${PAGE_SIZE + 1}`,
    floorWhat: "the keyset statement: ORDER BY name, id LIMIT 21",
    peer: {
      body: gql(/* GraphQL */ `
        query Institutions {
          allInstitutions(first: ${PAGE_SIZE}, orderBy: [NAME_EN_ASC, ROW_ID_ASC]) {
            pageInfo { hasNextPage endCursor }
            nodes { id nameEn city countryCode }
          }
        }`),
      same: { api: (d) => d.institutions.nodes.map((i: any) => i.nameEn).join("|"), peer: (d) => d.allInstitutions.nodes.map((i: any) => i.nameEn).join("|") },
    },
  };
  const [fa, ga, ia] = ctx.deepAfter;
  const deepPage: Operation = {
    name: "deep-page",
    what: `students(first: ${PAGE_SIZE}, after: cursor) by name (page ${ctx.deepPage.toLocaleString("en")})`,
    role: "PLATFORM_ADMIN",
    asked: 1,
    body: gql(PAGE, { after: ctx.deepCursor }),
    ok: noErrors,
    describe: pageDescribe,
    floor: (sql) => sql`
      select id, family_name_latin, given_names_latin, nationality from students
      where (family_name_latin, given_names_latin, id) > (${fa}, ${ga}, ${ia})
      order by family_name_latin, given_names_latin, id limit ${PAGE_SIZE + 1}`,
    floorWhat: "the keyset statement: WHERE (name, id) > cursor ORDER BY … LIMIT 21",
  };

  // ---- 5. Reports -----------------------------------------------------------------------------------------
  // studentCounts (src/modules/reports) when the schema has it; and, always, an aggregate-ish query: three
  // totalCounts over filtered connections (what a report had to be before the report queries existed).
  const REPORT = /* GraphQL */ `
    query IntakeReport {
      cohorts: cohorts(filter: { intakeYearFrom: ${year}, intakeYearTo: ${year} }) { totalCount }
      seated: enrollments(filter: { intakeYearFrom: ${year}, intakeYearTo: ${year}, statuses: [ENROLLED, ON_LEAVE] }) { totalCount }
      nominated: enrollments(filter: { intakeYearFrom: ${year + 1}, intakeYearTo: ${year + 1}, statuses: [NOMINATED] }) { totalCount }
    }`;
  const report: Operation = {
    name: "counts",
    what: `totalCount of cohorts ${year}, of seated ${year} enrollments, of nominated ${year + 1} enrollments`,
    role: "PLATFORM_ADMIN",
    asked: 3,
    body: gql(REPORT),
    ok: noErrors,
    describe: (d) => `${d.cohorts.totalCount} cohorts, ${d.seated.totalCount} seated, ${d.nominated.totalCount} nominated`,
    floor: (sql) => sql`
      select
        (select count(*) from cohorts where intake_year between ${year} and ${year}) as cohorts,
        (select count(*) from enrollments where status in ('ENROLLED', 'ON_LEAVE')
           and cohort_id in (select id from cohorts where intake_year between ${year} and ${year})) as seated,
        (select count(*) from enrollments where status = 'NOMINATED'
           and cohort_id in (select id from cohorts where intake_year between ${year + 1} and ${year + 1})) as nominated`,
    floorWhat: "one statement: the three counts as scalar subqueries",
  };

  const REPORT_FROM = LAST_INTAKE_YEAR - 4;
  const STUDENT_COUNTS = /* GraphQL */ `
    query StudentCounts($from: Int!) {
      studentCounts(filter: { yearFrom: $from }, groupBy: [INTAKE_YEAR, STATUS]) { intakeYear status students }
    }`;
  const studentCounts: Operation = {
    name: "report",
    what: `studentCounts(yearFrom ${REPORT_FROM}, groupBy [INTAKE_YEAR, STATUS]) of the institution admin's hosted programs`,
    role: "INSTITUTION_ADMIN",
    institutionId: t.host,
    asked: 1,
    body: gql(STUDENT_COUNTS, { from: REPORT_FROM }),
    ok: noErrors,
    describe: (d) => `${d.studentCounts.length} groups, ${d.studentCounts.reduce((n: number, r: any) => n + r.students, 0)} students counted`,
    floor: (sql) => sql`
      select c.intake_year, e.status, count(distinct e.student_id)::int as students
      from enrollments e join cohorts c on c.id = e.cohort_id join programs p on p.id = c.program_id
      where p.host_institution_id = ${t.host} and c.intake_year >= ${REPORT_FROM}
      group by c.intake_year, e.status order by c.intake_year, e.status`,
    floorWhat: "one statement: GROUP BY intake year and status over the host's enrollments (scope written as a join)",
  };

  // ---- 6 and 7. Registrations by a partner's registrar ---------------------------------------------------
  const people = registrants(ctx.runTag, t.partnerCountry);
  const REGISTER_ONE = /* GraphQL */ `
    mutation One($input: RegisterStudentInput!) {
      registerStudent(input: $input) { existingStudent student { id familyNameLatin } enrollment { id status } }
    }`;
  const cohortGid = toGlobalId("Cohort", t.cohortId);
  // The floor writes what the API writes, audit visibility included (the host of the program, the home institution).
  const raw = { home: t.partner, host: w.hostOfProgram(t.programId), cohortId: t.cohortId, subject: floorSubject(ctx.runTag), visibleTo: ctx.auditVisibleTo };
  const single: Operation = {
    name: "register-one",
    what: "registerStudent (one new student, a nomination) into the newest cohort of a partnered program",
    role: "PARTNER_REGISTRAR",
    institutionId: t.partner,
    asked: null,
    body: () => gql(REGISTER_ONE, { input: { cohortId: cohortGid, student: people.next() } }),
    ok: (b) => noErrors(b) && b.includes('"NOMINATED"'),
    describe: (d) => `student ${d.registerStudent.student.id}, enrollment ${d.registerStudent.enrollment.status}`,
    floor: (sql) => rawRegistration(sql, [people.next()], raw),
    floorWhat: "one transaction: INSERT student, enrollment, history row and 2 audit rows (the rows the API writes)",
  };

  const REGISTER_BULK = /* GraphQL */ `
    mutation Bulk($input: RegisterStudentsInput!) {
      registerStudents(input: $input) { written accepted rejected results { row error { field message } } }
    }`;
  const csvOf = (rows: Registrant[]) =>
    [
      "family_name,given_names,family_name_latin,given_names_latin,date_of_birth,nationality,email,passport_number",
      ...rows.map((r) => [r.familyName, r.givenNames, r.familyNameLatin, r.givenNamesLatin, r.dateOfBirth, r.nationality, r.email ?? "", r.passportNumber].join(",")),
    ].join("\n");
  const bulk: Operation = {
    name: "register-bulk",
    what: `registerStudents: ${BULK_CALLS} calls × ${BULK_ROWS.toLocaleString("en")} CSV rows, one after another`,
    role: "PARTNER_REGISTRAR",
    institutionId: t.partner,
    asked: null,
    body: () => gql(REGISTER_BULK, { input: { cohortId: cohortGid, csv: csvOf(people.take(BULK_ROWS)) } }),
    ok: (b) => noErrors(b) && b.includes('"written":true'),
    describe: (d) => {
      const r = d.registerStudents;
      if (!r.written) throw new Error(`bulk registration refused rows: ${JSON.stringify(r.results.filter((x: any) => x.error).slice(0, 3))}`);
      return `${r.accepted} rows written`;
    },
    floor: (sql) => rawRegistration(sql, people.take(BULK_ROWS), raw),
    floorWhat: `one transaction of multi-row INSERTs of the same rows: ${BULK_ROWS} students, enrollments, history rows, ${2 * BULK_ROWS} audit rows`,
    amount: BULK_CALLS,
    connections: 1,
  };

  // ---- 7. A status change: the host's admin moves an enrolled student on leave and back ----------------------
  // Round robin over the host's enrolled students, each call the next one's next move (ENROLLED ⇄ ON_LEAVE), so no
  // two calls in flight touch one enrollment; seated counts do not change.
  const TRANSITION = /* GraphQL */ `
    mutation Transition($input: TransitionEnrollmentInput!) {
      transitionEnrollment(input: $input) { enrollment { id status } }
    }`;
  // Each half of the enrolled students has one mover (the API's calls, the floor's calls): they never meet.
  const mover = (ids: number[]) => {
    const state = new Map(ids.map((id) => [id, "ENROLLED"]));
    let k = 0;
    return () => {
      const id = ids[k++ % ids.length];
      const from = state.get(id)!;
      const to = from === "ENROLLED" ? "ON_LEAVE" : "ENROLLED";
      state.set(id, to);
      return { id, from, to };
    };
  };
  const half = Math.floor(ctx.enrolled.length / 2);
  const apiMoves = mover(ctx.enrolled.slice(0, half));
  const floorMoves = mover(ctx.enrolled.slice(half));
  const transition: Operation = {
    name: "transition",
    what: "transitionEnrollment: an enrolled student of the host on leave, and back, by the host's admin",
    role: "INSTITUTION_ADMIN",
    institutionId: t.host,
    asked: null,
    body: () => {
      const m = apiMoves();
      return gql(TRANSITION, { input: { enrollmentId: toGlobalId("Enrollment", m.id), to: m.to } });
    },
    ok: (b) => noErrors(b) && b.includes('"status"'),
    describe: (d) => `enrollment ${d.transitionEnrollment.enrollment.id} now ${d.transitionEnrollment.enrollment.status}`,
    floor: (sql) => {
      const m = floorMoves();
      return sql.begin(async (tx) => {
        await tx`select id from enrollments where id = ${m.id} for update`;
        await tx`update enrollments set status = ${m.to}, status_changed_at = now() where id = ${m.id}`;
        await tx`insert into enrollment_status_changes (enrollment_id, from_status, to_status, actor) values (${m.id}, ${m.from}, ${m.to}, ${"floor"})`;
        await tx`insert into audit_log ${tx({ request_id: "floor", actor_subject: "floor", actor_role: "INSTITUTION_ADMIN", actor_institution_id: t.host, action: "enrollment.transition", entity_type: "Enrollment", entity_id: m.id, before: JSON.stringify({ status: m.from }), after: JSON.stringify({ status: m.to }), ...(ctx.auditVisibleTo ? { visible_to: `{${t.host}}` } : {}) })}`;
      });
    },
    floorWhat: "one transaction: lock the enrollment, UPDATE its status, INSERT the history row and the audit row",
  };

  // ---- Transcript of records (issue 13): a fifth-year student's whole record, read by the host's admin --------
  const tEnrollment = transcriptEnrollment(w);
  const transcript: Operation = {
    name: "transcript",
    what: `transcript(enrollmentId) of a fifth-year student (enrollment ${tEnrollment}, ${YEARS * UNITS_PER_YEAR} units) by the host's admin: years, terms, units, attempts, conversions, recognitions, totals`,
    role: "INSTITUTION_ADMIN",
    institutionId: t.host,
    // Not a relation tree: the service reads the enrollment (with the scope) with its results and recognitions,
    // then the curriculum with its year rules, units, conversion tables and the institutions named.
    asked: 2,
    body: gql(TRANSCRIPT, { id: toGlobalId("Enrollment", tEnrollment) }),
    ok: noErrors,
    describe: (d) => {
      const tr = d.transcript;
      if (!tr?.complete || tr.years.length !== YEARS) throw new Error(`transcript of ${tr?.years?.length} years`);
      return `${tr.years.length} years, ${tr.totals.units} units, ${tr.totals.attempts} attempts, ${tr.totals.creditsEarned} ECTS (${tr.totals.creditsRecognised} recognised), ${tr.standing}`;
    },
    floor: (sql) => sql`
      select s.family_name, s.given_names, s.family_name_latin, s.given_names_latin, s.nationality, hi.name_en as home, hi.names as home_names,
        p.title_en, h.name_en as host, h.names as host_names, cu.credits_per_year,
        u.code, u.title_en as unit, u.names as unit_names, u.year_of_study, u.term, u.ects_credits, u.compulsory, gs.code as scale, ti.name_en as teacher,
        r.attempt, r.grade, r.passed, r.credits_earned, r.assessed_on, at.name as term_name,
        case when u.grade_scale_id = cu.host_scale_id then r.grade
          else (select x->>'to' from jsonb_array_elements(gc.rows) x where x->>'from' = r.grade limit 1) end as converted,
        rec.status, rec.converted_grade, rec.credits_recognised
      from enrollments e
      join students s on s.id = e.student_id
      join institutions hi on hi.id = s.home_institution_id
      join cohorts c on c.id = e.cohort_id
      join programs p on p.id = c.program_id
      join institutions h on h.id = p.host_institution_id
      join curricula cu on cu.id = c.curriculum_id
      join course_results r on r.enrollment_id = e.id
      join course_units u on u.id = r.unit_id
      join grade_scales gs on gs.id = u.grade_scale_id
      join institutions ti on ti.id = u.teaching_institution_id
      join offerings o on o.id = r.offering_id
      join academic_terms at on at.id = o.term_id
      left join grade_conversions gc on gc.program_id = p.id and gc.from_scale_id = u.grade_scale_id and gc.to_scale_id = cu.host_scale_id
      left join recognitions rec on rec.enrollment_id = e.id and rec.unit_id = u.id
      where e.id = ${tEnrollment} and (p.host_institution_id = ${t.host} or s.home_institution_id = ${t.host})
      order by u.year_of_study, u.term, u.code, r.attempt`,
    floorWhat: "one statement: the enrollment, student, program, institutions and every result with its unit, term, conversion and recognition (access as a join condition); totals and standing left to the client",
  };

  return [dashboard, search, firstPage, institutionsPage, deepPage, ...(ctx.queryFields.has("studentCounts") ? [studentCounts] : []), report, ...(ctx.queryFields.has("transcript") ? [transcript] : []), single, bulk, transition];
}

export const registrarSubject = (runTag: string) => `${SUBJECT_PREFIX}registrar-${runTag}`;
const floorSubject = (runTag: string) => `${SUBJECT_PREFIX}floor-${runTag}`;

export interface Registrant {
  familyName: string;
  givenNames: string;
  familyNameLatin: string;
  givenNamesLatin: string;
  dateOfBirth: string;
  nationality: string;
  email: string | null;
  passportNumber: string;
}

/** New people to register: passport numbers R<runTag><n> never met before (the run tag is unique per run). */
function registrants(runTag: string, nationality: string) {
  let n = 0;
  const make = (): Registrant => {
    const i = n++;
    const female = pick(i, 91, 2) === 1;
    const fam = familyName(pick(i, 92, NAME_COUNTS.roots), pick(i, 93, NAME_COUNTS.suffixes), female);
    const given = givenName(pick(i, 94, NAME_COUNTS.given), female);
    return {
      familyName: cyrillic(fam),
      givenNames: cyrillic(given),
      familyNameLatin: fam,
      givenNamesLatin: given,
      dateOfBirth: `${2000 + pick(i, 95, 8)}-0${1 + pick(i, 96, 9)}-1${pick(i, 97, 10)}`,
      nationality,
      email: i % 2 ? `${given}.${fam}.${runTag}.${i}@example.org`.toLowerCase() : null,
      passportNumber: `R${runTag}${String(i).padStart(7, "0")}`,
    };
  };
  return { next: make, take: (k: number) => Array.from({ length: k }, make) };
}

/** The rows a registration writes, by hand: students, nominations, first history rows and audit rows. */
async function rawRegistration(sql: Sql, people: Registrant[], o: { home: number; host: number; cohortId: number; subject: string; visibleTo: boolean }) {
  return sql.begin(async (tx) => {
    const students = await tx`
      insert into students ${tx(
        people.map((p) => ({
          family_name: p.familyName,
          given_names: p.givenNames,
          family_name_latin: p.familyNameLatin,
          given_names_latin: p.givenNamesLatin,
          date_of_birth: p.dateOfBirth,
          nationality: p.nationality,
          email: p.email,
          passport_number: p.passportNumber,
          home_institution_id: o.home,
          registered_by_institution_id: o.home,
          registered_by: o.subject,
        })),
      )} returning id`;
    const enrollments = await tx`
      insert into enrollments ${tx(students.map((s) => ({ student_id: s.id, cohort_id: o.cohortId, status: "NOMINATED" })))} returning id`;
    await tx`
      insert into enrollment_status_changes ${tx(enrollments.map((e) => ({ enrollment_id: e.id, from_status: null, to_status: "NOMINATED", actor: o.subject, reason: "registered" })))}`;
    const audit = [
      ...students.map((s) => ({ action: "student.register", entity_type: "Student", entity_id: s.id, after: JSON.stringify({ nationality: people[0].nationality, homeInstitutionId: o.home }) })),
      ...enrollments.map((e, k) => ({ action: "enrollment.nominate", entity_type: "Enrollment", entity_id: e.id, after: JSON.stringify({ studentId: students[k].id, cohortId: o.cohortId, status: "NOMINATED" }) })),
    ].map((a) => ({
      request_id: "floor",
      actor_subject: o.subject,
      actor_role: "PARTNER_REGISTRAR",
      actor_institution_id: o.home,
      ...a,
      ...(o.visibleTo ? { visible_to: `{${o.home},${o.host}}` } : {}),
    }));
    await tx`insert into audit_log ${tx(audit)}`;
  });
}

/** The deep page's cursor, as src/shared/pagination.ts encodes cursors for the students' name ordering. */
export function studentCursor(after: [string, string, number]): string {
  return encodeCursor("student.name", after);
}

/** Removes every row the bench's registrations wrote (this run's and any left by an interrupted one). */
export async function removeBenchRows(sql: Sql): Promise<number> {
  const like = `${SUBJECT_PREFIX}%`;
  return sql.begin(async (tx) => {
    await tx`delete from enrollment_status_changes where enrollment_id in (
      select e.id from enrollments e join students s on s.id = e.student_id where s.registered_by like ${like})`;
    await tx`delete from enrollments where student_id in (select id from students where registered_by like ${like})`;
    const gone = await tx`delete from students where registered_by like ${like}`;
    await tx`delete from audit_log where actor_subject like ${like}`;
    await tx`delete from idempotency_keys where actor_subject like ${like}`;
    return gone.count;
  });
}
