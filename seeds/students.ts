// Invented, illustrative international students and their enrollments, each with the full history of
// its status changes. The records add up to the articles: 17 students in the TCM 2024 cohort, and more
// than 100 Central Asian students reaching ENROLLED every year in the other programs.
import * as t from "../src/db/schema.js";
import { I, type SeedContext, studentHome } from "./context.js";
import { idBy, insertAll, insertReturning, must } from "./insert.js";
import { asciiSlug, studentName } from "./names.js";
import type { CohortRef } from "./programs.js";
import { TCM_PROGRAM } from "./programs.js";
import { SEED_TODAY, addDays, dayIn, random, type Random } from "./random.js";
import { type Outcome, historyFor } from "./status-history.js";

type StudentRow = typeof t.students.$inferInsert;
interface Plan {
  student: StudentRow;
  cohort: CohortRef;
  outcome: Outcome;
  nominatedBy: string;
}

const CENTRAL_ASIA: [string, number][] = [["KZ", 30], ["UZ", 28], ["TJ", 16], ["KG", 16], ["TM", 10]];
const ELSEWHERE = ["RU", "PK", "MN"];
// How the other programs share a year's intake.
const PROGRAM_WEIGHTS: [string, number][] = [["XMU-MBBS", 44], ["XMU-MCM", 18], ["XMU-PHARM", 20], ["XMU-NURS", 18]];
// Fake-looking on purpose: a per-country prefix, then a 99 block and a running number.
const PASSPORT_PREFIX: Record<string, string> = { KZ: "N", KG: "AC", TJ: "A", TM: "A", UZ: "FA", RU: "75", PK: "AB", MN: "E" };

export async function seedStudents(ctx: SeedContext, cohorts: CohortRef[]): Promise<void> {
  const r = random("students");
  const people = peopleMaker(r, ctx);
  const plans: Plan[] = [];

  // The joint TCM program: 17 students from the Urgench Branch, all enrolled (the articles' "17 students").
  const tcm = cohorts.find((c) => c.programCode === TCM_PROGRAM && c.intakeYear === 2024)!;
  for (let i = 0; i < 17; i++) plans.push({ ...people("UZ", tcm, I.urgench), cohort: tcm, outcome: "ENROLLED" });

  // Other programs, one intake a year: how many Central Asian students reach ENROLLED, plus rejected
  // and withdrawn-before-arrival nominations that never count, plus a few students from elsewhere.
  const others = cohorts.filter((c) => c.programCode !== TCM_PROGRAM);
  const load = new Map<number, number>(); // students who reached ENROLLED, per cohort: kept within capacity
  const cohortFor = (year: number): CohortRef => {
    const open = others.filter((c) => c.intakeYear === year && (load.get(c.id) ?? 0) < c.capacity);
    const code = r.weighted(PROGRAM_WEIGHTS.filter(([p]) => open.some((c) => c.programCode === p)));
    return open.find((c) => c.programCode === code)!;
  };
  // "ENROLLS": reaches ENROLLED; what happened next depends on the cohort (finished or running).
  const add = (nat: string, year: number, what: Outcome | "ENROLLS") => {
    const cohort = cohortFor(year);
    const outcome = what === "ENROLLS" ? enrolledOutcome(r, cohort) : what;
    if (reachesEnrolled(outcome)) load.set(cohort.id, (load.get(cohort.id) ?? 0) + 1);
    plans.push({ ...people(nat, cohort, studentHome[nat]), cohort, outcome });
  };
  const caNationality = () => r.weighted(CENTRAL_ASIA);

  for (const year of [2022, 2023, 2024, 2025, 2026]) {
    for (let i = r.int(104, 115); i > 0; i--) add(caNationality(), year, "ENROLLS");
    for (let i = r.int(2, 4); i > 0; i--) add(caNationality(), year, r.chance(0.5) ? "REJECTED_NOMINATED" : "REJECTED_ADMITTED");
    for (let i = r.int(1, 2); i > 0; i--) add(caNationality(), year, "WITHDRAWN_ADMITTED");
    for (let i = r.int(2, 4); i > 0; i--) add(r.pick(ELSEWHERE), year, "ENROLLS");
  }
  // Next year's intake (2027) is being nominated now: pending decisions, a couple already rejected.
  const upcoming = others.filter((c) => c.upcoming);
  const nextYear = upcoming[0].intakeYear;
  for (let i = 0; i < 9; i++) add(caNationality(), nextYear, "NOMINATED");
  for (let i = 0; i < 5; i++) add(caNationality(), nextYear, "ADMITTED");
  for (let i = 0; i < 2; i++) add(caNationality(), nextYear, "REJECTED_NOMINATED");
  add(r.pick(ELSEWHERE), nextYear, "NOMINATED");

  await insertPlans(ctx, r, plans);
}

function reachesEnrolled(o: Outcome): boolean {
  return !["NOMINATED", "ADMITTED", "REJECTED_NOMINATED", "REJECTED_ADMITTED", "WITHDRAWN_ADMITTED"].includes(o);
}

// A student who enrolled: most are still studying (or graduated, if the cohort has finished); a few
// are on leave, came back from leave, or withdrew.
function enrolledOutcome(r: Random, cohort: CohortRef): Outcome {
  const x = r.next();
  if (!cohort.running) return x < 0.04 ? "WITHDRAWN_ENROLLED" : x < 0.08 ? "GRADUATED_AFTER_LEAVE" : "GRADUATED";
  if (x < 0.03) return "WITHDRAWN_ENROLLED";
  if (x < 0.06) return "ON_LEAVE";
  // Back from leave needs a year behind it; a cohort that started this autumn has none.
  if (x < 0.09 && cohort.startDate < addDays(SEED_TODAY, -365)) return "LEAVE_RETURNED";
  return "ENROLLED";
}

/** Makes an invented student of a nationality for a cohort, with unique passport number and e-mail. */
function peopleMaker(r: Random, ctx: SeedContext) {
  const passportSeq = new Map<string, number>();
  const emails = new Set<string>();
  return (nat: string, cohort: CohortRef, home: string): Omit<Plan, "cohort" | "outcome"> => {
    const name = studentName(r, nat);
    const seq = (passportSeq.get(nat) ?? 0) + 1;
    passportSeq.set(nat, seq);
    const local = `${asciiSlug(name.given.latin)}.${asciiSlug(name.family.latin)}`;
    let email = `${local}@example.org`;
    for (let n = 2; emails.has(email); n++) email = `${local}${n}@example.org`;
    emails.add(email);
    // Bachelor entrants are 17-20, master entrants 22-27.
    const master = cohort.programCode === "XMU-MCM";
    const birthYear = cohort.intakeYear - (master ? r.int(22, 27) : r.int(17, 20));
    const centralAsian = CENTRAL_ASIA.some(([cc]) => cc === nat);
    return {
      nominatedBy: centralAsian ? home : I.xmu,
      student: {
        familyName: name.family.native,
        givenNames: name.given.native,
        familyNameLatin: name.family.latin,
        givenNamesLatin: name.given.latin,
        dateOfBirth: dayIn(r, `${birthYear}-01-01`, `${birthYear}-12-31`),
        nationality: nat,
        email,
        passportNumber: `${PASSPORT_PREFIX[nat]}99${String(seq).padStart(6, "0")}`,
        homeInstitutionId: must(ctx.inst, home),
        // Central Asian students are nominated by their home institution; students from elsewhere
        // applied directly and were registered by the host's international office.
        registeredByInstitutionId: must(ctx.inst, centralAsian ? home : I.xmu),
        registeredBy: "seed",
        illustrative: true,
      },
    };
  };
}

async function insertPlans(ctx: SeedContext, r: Random, plans: Plan[]): Promise<void> {
  const histories = plans.map((p) => historyFor(r, p.cohort, p.outcome, p.nominatedBy === I.xmu));
  const students = await insertReturning(ctx.db, ctx.counts, t.students,
    plans.map((p, i) => ({ ...p.student, createdAt: histories[i][0].at })));
  const studentIds = idBy(students, (s) => `${s.nationality}/${s.passportNumber}`);
  const studentIdOf = (p: Plan) => must(studentIds, `${p.student.nationality}/${p.student.passportNumber}`);

  const enrollments = await insertReturning(ctx.db, ctx.counts, t.enrollments,
    plans.map((p, i) => {
      const h = histories[i];
      const last = h[h.length - 1];
      return { studentId: studentIdOf(p), cohortId: p.cohort.id, status: last.to, statusChangedAt: last.at, createdAt: h[0].at };
    }));
  const enrollmentIds = idBy(enrollments, (e) => `${e.studentId}/${e.cohortId}`);

  await insertAll(ctx.db, ctx.counts, t.enrollmentStatusChanges,
    plans.flatMap((p, i) => {
      const enrollmentId = must(enrollmentIds, `${studentIdOf(p)}/${p.cohort.id}`);
      return histories[i].map((s) => ({ enrollmentId, fromStatus: s.from, toStatus: s.to, changedAt: s.at, actor: "seed", reason: s.reason }));
    }));
}
