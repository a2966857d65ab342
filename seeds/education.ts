// The education records of the joint TCM program: grading scales (data), a conversion table of the TCM
// agreement, an invented curriculum (marked illustrative: the articles give no curriculum), the two
// institutions' academic terms, the 2024 cohort's offerings and its 17 students' year-1 results (a few
// resits, one student short of credits) and its year-1 progression decisions (that student held back), then
// the year-2 results (two resits) and year-2 decisions (all advanced) of the 16 who moved on to year 2.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { queryRows } from "../src/db/rows.js";
import * as t from "../src/db/schema.js";
import { checkGrade, passes } from "../src/modules/education/grade.rules.js";
import { standingQuery, toStandings } from "../src/modules/education/progression.rules.js";
import { A } from "./agreements.js";
import { I, type SeedContext } from "./context.js";
import { idBy, insertAll, insertReturning, must } from "./insert.js";
import { TCM_PROGRAM } from "./programs.js";
import { random } from "./random.js";

export const SCALES = {
  pct: { code: "PCT-100", name: "Percentage, 0–100 (pass 60)", kind: "NUMERIC", grades: [], minValue: 0, maxValue: 100, passMark: "60" },
  uz5: { code: "UZ-5", name: "Uzbek five-point scale, 2–5 (pass 3)", kind: "ORDERED", grades: ["2", "3", "4", "5"], passMark: "3" },
  ects: { code: "ECTS", name: "ECTS grading scale, F–A (pass E)", kind: "ORDERED", grades: ["F", "FX", "E", "D", "C", "B", "A"], passMark: "E" },
  passFail: { code: "PASS-FAIL", name: "Pass or fail", kind: "ORDERED", grades: ["FAIL", "PASS"], passMark: "PASS" },
} as const;

/** The TCM agreement's conversion tables between the Urgench Branch's 2–5 scale and the host's percentages. */
const UZ_TO_PCT = [
  { from: "5", to: "90" },
  { from: "4", to: "78" },
  { from: "3", to: "65" },
  { from: "2", to: "40" },
];
const PCT_TO_UZ = [
  { min: 86, max: 100, to: "5" },
  { min: 71, max: 85.99, to: "4" },
  { min: 60, max: 70.99, to: "3" },
  { min: 0, max: 59.99, to: "2" },
];

type Unit = [code: string, titleEn: string, zh: string, ru: string, term: 1 | 2, ects: number, compulsory: boolean, byUrgench: boolean];
// Invented for the seed (illustrative): five years, 60 ECTS of compulsory units a year, some taught by the
// Urgench Branch in Russian and graded on its 2–5 scale.
const UNITS: Record<number, Unit[]> = {
  1: [
    ["TCM101", "Foundations of TCM theory", "中医基础理论", "Основы теории ТКМ", 1, 10, true, false],
    ["CHN101", "Chinese language I", "汉语一", "Китайский язык I", 1, 10, true, false],
    ["ANA101", "Human anatomy I", "人体解剖学一", "Анатомия человека I", 1, 10, true, true],
    ["TCM102", "TCM diagnostics", "中医诊断学", "Диагностика в ТКМ", 2, 10, true, false],
    ["CHN102", "Chinese language II", "汉语二", "Китайский язык II", 2, 10, true, false],
    ["BIO102", "Medical biology", "医学生物学", "Медицинская биология", 2, 10, true, true],
    ["HIS103", "History of Chinese medicine", "中国医学史", "История китайской медицины", 2, 5, false, false],
  ],
  2: [
    ["TCM201", "Chinese materia medica", "中药学", "Китайская фармакогнозия", 1, 15, true, false],
    ["PHY201", "Human physiology", "生理学", "Физиология человека", 1, 15, true, true],
    ["TCM202", "Formulas of Chinese medicine", "方剂学", "Рецептура китайской медицины", 2, 15, true, false],
    ["BCH202", "Biochemistry", "生物化学", "Биохимия", 2, 15, true, true],
  ],
  3: [
    ["TCM301", "Acupuncture and moxibustion", "针灸学", "Иглоукалывание и прижигание", 1, 20, true, false],
    ["PAT301", "Pathology", "病理学", "Патология", 1, 10, true, true],
    ["TCM302", "TCM internal medicine", "中医内科学", "Внутренние болезни в ТКМ", 2, 20, true, false],
    ["PHA302", "Pharmacology", "药理学", "Фармакология", 2, 10, true, true],
  ],
  4: [
    ["TCM401", "TCM surgery and dermatology", "中医外科学", "Хирургия и дерматология в ТКМ", 1, 15, true, false],
    ["TCM402", "TCM gynaecology and paediatrics", "中医妇儿科学", "Гинекология и педиатрия в ТКМ", 1, 15, true, false],
    ["TUI403", "Tuina", "推拿学", "Туина", 2, 15, true, false],
    ["INT404", "Internal medicine (Western)", "西医内科学", "Внутренние болезни", 2, 15, true, true],
  ],
  5: [
    ["CLN501", "Clinical internship, Xinjiang Medical University hospitals", "临床实习（新疆医科大学附属医院）", "Клиническая практика (больницы СМУ)", 1, 30, true, false],
    ["CLN502", "Clinical internship, Urgench", "临床实习（乌尔根奇）", "Клиническая практика (Ургенч)", 2, 20, true, true],
    ["THS503", "Graduation thesis", "毕业论文", "Выпускная работа", 2, 10, true, false],
  ],
};

export async function seedEducation(ctx: SeedContext): Promise<void> {
  const { db, counts } = ctx;
  const xmu = must(ctx.inst, I.xmu);
  const urgench = must(ctx.inst, I.urgench);
  const scales = await insertReturning(db, counts, t.gradeScales, Object.values(SCALES).map((s) => ({ ...s, grades: [...s.grades] })));
  const scale = idBy(scales, (s) => s.code);
  const byCode = new Map(scales.map((s) => [s.code, s]));
  const agreement = must(ctx.agreement, A.tcmProgram);
  await insertAll(db, counts, t.gradeConversions, [
    { fromScaleId: must(scale, "UZ-5"), toScaleId: must(scale, "PCT-100"), agreementId: agreement, rows: UZ_TO_PCT, illustrative: true },
    { fromScaleId: must(scale, "PCT-100"), toScaleId: must(scale, "UZ-5"), agreementId: agreement, rows: PCT_TO_UZ, illustrative: true },
  ]);

  const [program] = await db.select().from(t.programs).where(eq(t.programs.code, TCM_PROGRAM));
  const [curriculum] = await insertReturning(db, counts, t.curricula, [
    {
      programId: program.id, version: 1, validFromIntake: 2024, hostScaleId: must(scale, "PCT-100"), creditsPerYear: 60, compulsoryRequired: true,
      note: "Illustrative: invented for the seed data, not the program's real curriculum.", illustrative: true, createdBy: "seed",
    },
  ]);
  const units = await insertReturning(db, counts, t.courseUnits,
    Object.entries(UNITS).flatMap(([year, list]) =>
      list.map(([code, titleEn, zh, ru, term, ects, compulsory, byUrgench]) => ({
        curriculumId: curriculum.id, code, titleEn, names: { zh, ru }, yearOfStudy: Number(year), term, ectsCredits: ects,
        creditHours: ects * 2, compulsory, language: byUrgench ? "ru" : "zh",
        teachingInstitutionId: byUrgench ? urgench : xmu, gradeScaleId: must(scale, byUrgench ? "UZ-5" : "PCT-100"),
      }))));
  // The cohort existed before its curriculum (seed order): it follows version 1, in force at its 2024 intake.
  const [cohort] = await db.update(t.cohorts).set({ curriculumId: curriculum.id })
    .where(and(eq(t.cohorts.programId, program.id), eq(t.cohorts.intakeYear, 2024))).returning();

  // Terms: 2024-25 and 2025-26 closed, 2026-27 autumn under way (SEED_TODAY is 2026-11-23).
  const termRows = [xmu, urgench].flatMap((inst) =>
    [2024, 2025, 2026].flatMap((y) => [
      { institutionId: inst, name: `${y}-${String(y + 1).slice(2)} autumn`, academicYear: y, startDate: `${y}-09-01`, endDate: `${y + 1}-01-20`, ...(y < 2026 && closed(y + 1, "02-15")) },
      { institutionId: inst, name: `${y}-${String(y + 1).slice(2)} spring`, academicYear: y, startDate: `${y + 1}-02-20`, endDate: `${y + 1}-07-10`, ...(y < 2026 && closed(y + 1, "07-31")) },
    ]));
  const terms = await insertReturning(db, counts, t.academicTerms, termRows);
  const termOf = (inst: number, year: number, term: number) => terms.find((x) => x.institutionId === inst && x.academicYear === year && x.name.endsWith(term === 1 ? "autumn" : "spring"))!;
  // Offerings of years 1–3 to the cohort, each in the teaching institution's term.
  const offered = await insertReturning(db, counts, t.offerings,
    units.filter((u) => u.yearOfStudy <= 3).map((u) => ({ unitId: u.id, cohortId: cohort.id, termId: termOf(u.teachingInstitutionId, 2023 + u.yearOfStudy, u.term).id, academicYear: 2023 + u.yearOfStudy })));

  // A resit session of human anatomy in the Urgench Branch's current term, for those who failed it.
  const ana = units.find((u) => u.code === "ANA101")!;
  const [resit] = await insertReturning(db, counts, t.offerings, [{ unitId: ana.id, cohortId: cohort.id, termId: termOf(urgench, 2026, 1).id, academicYear: 2026 }]);
  offered.push(resit);

  const students = await db.select({ id: t.enrollments.id }).from(t.enrollments).where(eq(t.enrollments.cohortId, cohort.id)).orderBy(asc(t.enrollments.id));
  const r = random("education");
  const scaleOf = (u: (typeof units)[number]) => byCode.get(u.gradeScaleId === must(scale, "UZ-5") ? "UZ-5" : "PCT-100")!;
  /** A passing first sitting; a failed one and its resit's grade (unless given). */
  const pass = (sc: ReturnType<typeof scaleOf>) => (sc.code === "UZ-5" ? r.pick(["3", "4", "4", "5", "5"]) : String(r.int(62, 97)));
  const failed = (sc: ReturnType<typeof scaleOf>, resit?: string) => [sc.code === "UZ-5" ? "2" : String(r.int(35, 58)), resit ?? (sc.code === "UZ-5" ? "3" : String(r.int(60, 70)))];
  /** One student's attempts at a unit offered in the academic year's term: the first on the term's last day, a resit two weeks later. */
  const attemptRows = (enrollmentId: number, u: (typeof units)[number], academicYear: number, grades: string[]): (typeof t.courseResults.$inferInsert)[] => {
    const sc = scaleOf(u);
    const offering = offered.find((o) => o.unitId === u.id && o.termId === termOf(u.teachingInstitutionId, academicYear, u.term).id)!;
    const term = terms.find((x) => x.id === offering.termId)!;
    return grades.map((given, k) => {
      const g = checkGrade(sc, given) as { grade: string };
      const passed = passes(sc, g.grade);
      return {
        enrollmentId, offeringId: offering.id, unitId: u.id, attempt: k + 1, grade: g.grade, passed, creditsEarned: passed ? u.ectsCredits : 0,
        assessedOn: k === 0 ? term.endDate : addMonth(term.endDate), enteredBy: "seed", enteredByInstitutionId: u.teachingInstitutionId,
      };
    });
  };
  /**
   * A year measured against the credit rule at its end, as advanceCohort measures it (progression.rules.ts):
   * those short of it are held back in that year; the others move on with the cohort (their year stays the cohort's).
   */
  const decideYear = async (year: number, who: ReturnType<typeof sql>, decidedAt: string) => {
    const measured = toStandings(await queryRows(db, standingQuery(sql`en.cohort_id = ${cohort.id} and en.status = 'ENROLLED' and ${who}`, year)));
    await insertAll(db, counts, t.progressionDecisions, measured.map((m) => ({
      enrollmentId: m.enrollmentId, kind: m.meets ? "ADVANCED" as const : "HELD_BACK" as const, fromYear: year, creditsEarned: m.creditsEarned,
      creditsRequired: m.creditsRequired, missingUnits: m.missingUnits, decidedBy: "seed", decidedAt: new Date(decidedAt),
    })));
    const held = measured.filter((m) => !m.meets).map((m) => m.enrollmentId);
    if (held.length) await db.update(t.enrollments).set({ yearOfStudy: year }).where(inArray(t.enrollments.id, held));
    return measured;
  };

  // Year-1 results (2024-25) of the 17 students. Student 4 fails human anatomy twice (short of 10 credits);
  // students 2, 9 and 13 pass a unit at the resit.
  const rows: (typeof t.courseResults.$inferInsert)[] = [];
  students.forEach((e, i) => {
    for (const u of units.filter((x) => x.yearOfStudy === 1)) {
      if (!u.compulsory && i % 3 !== 0) continue; // the elective: a third of the students
      const fails = (i === 4 && u.code === "ANA101") || (i === 2 && u.code === "TCM101") || (i === 9 && u.code === "BIO102") || (i === 13 && u.code === "CHN102");
      rows.push(...attemptRows(e.id, u, 2024, fails ? failed(scaleOf(u), i === 4 ? "2" : undefined) : [pass(scaleOf(u))]));
    }
  });
  await insertAll(db, counts, t.courseResults, rows);
  const measured = await decideYear(1, sql`true`, "2025-08-29T10:00:00Z");

  // Year-2 results (2025-26) of the students who moved on to year 2: all passed, students 7 and 11 a unit at the
  // resit. The student held back in year 1 sat no year-2 unit.
  const moved = new Set(measured.filter((m) => m.meets).map((m) => m.enrollmentId));
  const rows2: (typeof t.courseResults.$inferInsert)[] = [];
  students.forEach((e, i) => {
    if (!moved.has(e.id)) return;
    for (const u of units.filter((x) => x.yearOfStudy === 2)) {
      const fails = (i === 7 && u.code === "PHY201") || (i === 11 && u.code === "TCM202");
      rows2.push(...attemptRows(e.id, u, 2025, fails ? failed(scaleOf(u)) : [pass(scaleOf(u))]));
    }
  });
  await insertAll(db, counts, t.courseResults, rows2);
  // Year 2, of the students in the cohort's year (not the one held back): every one moved on to year 3.
  await decideYear(2, sql`en.year_of_study is null`, "2026-08-28T10:00:00Z");
}

const closed = (year: number, day: string) => ({ closedAt: new Date(`${year}-${day}T10:00:00Z`), closedBy: "seed" });
// A resit sits about two weeks after the term's end, before the term is closed.
const addMonth = (day: string) => new Date(Date.parse(day) + 14 * 86_400_000).toISOString().slice(0, 10);
