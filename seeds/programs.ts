// Programs of Xinjiang Medical University for international students, and their cohorts. The joint
// TCM program is the articles'; the others are illustrative, so that the yearly Central Asian intake
// ("more than 100 medical students every year") has programs to enrol in.
import * as t from "../src/db/schema.js";
import { A } from "./agreements.js";
import { I, type SeedContext, studentHome } from "./context.js";
import { idBy, insertAll, insertReturning, must } from "./insert.js";
import { SEED_TODAY } from "./random.js";

export const TCM_PROGRAM = "XMU-TCM-JOINT-UZ";

type Program = typeof t.programs.$inferInsert;
interface Spec extends Omit<Program, "hostInstitutionId" | "agreementId"> {
  short: string;
  agreement?: string;
  partners: string[];
  intakes: number[];
  capacity: number;
}

// Programs other than the joint one take nominations from the partner universities of the exchange
// agreements, so those universities are their partners: a partner registrar may nominate only there.
const nominating = [studentHome.KZ, studentHome.UZ, studentHome.KG, studentHome.TJ, studentHome.TM];

const specs: Spec[] = [
  {
    code: TCM_PROGRAM, short: "TCM", titleEn: "Traditional Chinese Medicine (joint five-year undergraduate program)",
    names: {
      zh: "中医学（中乌联合五年制本科）",
      fr: "Médecine traditionnelle chinoise (programme conjoint de premier cycle en cinq ans)",
      ru: "Традиционная китайская медицина (совместная пятилетняя программа бакалавриата)",
    },
    level: "BACHELOR", iscedField: "0917", lengthYears: 5, teachingLanguages: ["zh", "ru", "uz"], launchYear: 2024,
    description: "Launched in 2024 with the Urgench Branch of Tashkent Medical Academy (Uzbekistan); 17 students so far.",
    illustrative: false, agreement: A.tcmProgram, partners: [I.urgench], intakes: [2024], capacity: 30,
  },
  {
    code: "XMU-MBBS", short: "MBBS", titleEn: "Clinical Medicine (MBBS)",
    names: { zh: "临床医学（MBBS）", fr: "Médecine clinique (MBBS)", ru: "Лечебное дело (MBBS)" },
    level: "BACHELOR", iscedField: "0912", lengthYears: 6, teachingLanguages: ["en", "zh"], launchYear: 2004,
    illustrative: true, partners: nominating, intakes: [2022, 2023, 2024, 2025, 2026, 2027], capacity: 60,
  },
  {
    code: "XMU-MCM", short: "MCM", titleEn: "Master of Clinical Medicine",
    names: { zh: "临床医学硕士", fr: "Master de médecine clinique", ru: "Магистратура по клинической медицине" },
    level: "MASTER", iscedField: "0912", lengthYears: 3, teachingLanguages: ["zh", "en"], launchYear: 2012,
    illustrative: true, partners: nominating, intakes: [2022, 2023, 2024, 2025, 2026], capacity: 30,
  },
  {
    code: "XMU-PHARM", short: "Pharmacy", titleEn: "Pharmacy",
    names: { zh: "药学", fr: "Pharmacie", ru: "Фармация" },
    level: "BACHELOR", iscedField: "0916", lengthYears: 4, teachingLanguages: ["zh", "ru"], launchYear: 2015,
    illustrative: true, partners: nominating, intakes: [2022, 2023, 2024, 2025, 2026], capacity: 30,
  },
  {
    code: "XMU-NURS", short: "Nursing", titleEn: "Nursing",
    names: { zh: "护理学", fr: "Soins infirmiers", ru: "Сестринское дело" },
    level: "BACHELOR", iscedField: "0913", lengthYears: 4, teachingLanguages: ["zh", "ru"], launchYear: 2017,
    illustrative: true, partners: nominating, intakes: [2022, 2023, 2024, 2025, 2026], capacity: 30,
  },
];

export interface CohortRef {
  id: number;
  programCode: string;
  intakeYear: number;
  capacity: number;
  startDate: string;
  expectedGraduation: string;
  /** Still running on SEED_TODAY (not yet at its expected graduation). */
  running: boolean;
  /** Not started yet on SEED_TODAY: its students are still being nominated and admitted. */
  upcoming: boolean;
}

// Year of study as of SEED_TODAY: the academic year starts on 1 September.
function yearOfStudy(intake: number, length: number): number {
  const today = Number(SEED_TODAY.slice(0, 4)) + (SEED_TODAY.slice(5) >= "09-01" ? 1 : 0);
  return Math.min(length, Math.max(1, today - intake));
}

export async function seedPrograms(ctx: SeedContext): Promise<CohortRef[]> {
  const xmu = must(ctx.inst, I.xmu);
  const programs = await insertReturning(ctx.db, ctx.counts, t.programs,
    specs.map(({ short: _s, agreement, partners: _p, intakes: _i, capacity: _c, ...p }) => ({
      ...p,
      hostInstitutionId: xmu,
      agreementId: agreement ? must(ctx.agreement, agreement) : null,
    })));
  const ids = idBy(programs, (p) => p.code);
  await insertAll(ctx.db, ctx.counts, t.programPartners,
    specs.flatMap((s) => s.partners.map((slug) => ({ programId: must(ids, s.code), institutionId: must(ctx.inst, slug) }))));

  const cohortRows = specs.flatMap((s) =>
    s.intakes.map((year) => ({
      programId: must(ids, s.code),
      intakeYear: year,
      name: `${s.short} ${year}`,
      capacity: s.capacity,
      startDate: `${year}-09-01`,
      expectedGraduation: `${year + s.lengthYears}-07-01`,
      currentYearOfStudy: yearOfStudy(year, s.lengthYears),
    })),
  );
  const cohorts = await insertReturning(ctx.db, ctx.counts, t.cohorts, cohortRows);
  const codeOf = new Map(programs.map((p) => [p.id, p.code]));
  return cohorts.map((c) => ({
    id: c.id,
    programCode: must(codeOf, c.programId),
    intakeYear: c.intakeYear,
    capacity: c.capacity,
    startDate: c.startDate,
    expectedGraduation: c.expectedGraduation,
    running: c.expectedGraduation > SEED_TODAY,
    upcoming: c.startDate > SEED_TODAY,
  }));
}
