import type { Db } from "../../src/db/client.js";
import {
  cohorts,
  countries,
  enrollments,
  enrollmentStatusChanges,
  institutionFigures,
  institutionIdentifiers,
  institutions,
  programPartners,
  programs,
  sources,
  students,
} from "../../src/db/schema.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { mulberry32 } from "../../seeds/random.js";

// A small world where no filter or scope can pass for its absence: enrollments in every status, students of
// five nationalities from six home institutions (partners, hosts and a branch), registered by their home, by a
// host or by nobody, with and without an email; institutions with and without a parent, names in several
// languages or none; figures of an institution and of a region. Deterministic (seeded), for a fresh database.

export const STATUSES = ["NOMINATED", "ADMITTED", "ENROLLED", "ON_LEAVE", "GRADUATED", "REJECTED", "WITHDRAWN"] as const;
type Status = (typeof STATUSES)[number];

/** The path a status is reached by, from NOMINATED (the history rows an enrollment has). */
const PATH: Record<Status, Status[]> = {
  NOMINATED: ["NOMINATED"],
  ADMITTED: ["NOMINATED", "ADMITTED"],
  ENROLLED: ["NOMINATED", "ADMITTED", "ENROLLED"],
  ON_LEAVE: ["NOMINATED", "ADMITTED", "ENROLLED", "ON_LEAVE"],
  GRADUATED: ["NOMINATED", "ADMITTED", "ENROLLED", "GRADUATED"],
  REJECTED: ["NOMINATED", "REJECTED"],
  WITHDRAWN: ["NOMINATED", "ADMITTED", "WITHDRAWN"],
};

export interface Mixed {
  /** Database ids by short name: A and B host programs, C, D and E are partners, Ah, Ab and Bc are children. */
  inst: Record<"A" | "Ah" | "Ab" | "B" | "Bc" | "C" | "D" | "E", number>;
  /** Global ids of every row, by type. */
  ids: Record<"Institution" | "Program" | "Cohort" | "Student" | "Enrollment" | "Country" | "Source" | "InstitutionFigure", string[]>;
  counts: { students: number; enrollments: number; byStatus: Record<Status, number> };
  /** Six callers: anonymous, a platform admin, the admins of A and B, C's registrar, B's research office. */
  viewers: [string, Viewer | null][];
}

export async function buildMixed(db: Db): Promise<Mixed> {
  const r = mulberry32(20_261_212);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  await db
    .insert(countries)
    .values([
      { code: "CN", nameEn: "China", names: { zh: "中国", ru: "Китай" } },
      { code: "KZ", nameEn: "Kazakhstan", centralAsia: true, names: { ru: "Казахстан", kk: "Қазақстан" } },
      { code: "UZ", nameEn: "Uzbekistan", centralAsia: true },
      { code: "TJ", nameEn: "Tajikistan", centralAsia: true, names: { ru: "Таджикистан" } },
      { code: "KG", nameEn: "Kyrgyzstan", centralAsia: true },
    ])
    .onConflictDoNothing();
  const [s1, s2] = await db
    .insert(sources)
    .values([
      { slug: "mixed-news", title: "A \"quoted\" report — Ürümqi", language: "en", publisher: "Mixed Press", url: "https://example.org/a", publishedOn: "2024-03-01", note: "back\\slash" },
      { slug: "mixed-bare", title: "Отчёт", language: "ru" },
    ])
    .returning({ id: sources.id });

  const ins = async (row: typeof institutions.$inferInsert) => (await db.insert(institutions).values(row).returning({ id: institutions.id }))[0].id;
  const A = await ins({ slug: "alpha", kind: "UNIVERSITY", countryCode: "CN", city: "Ürümqi", nameEn: "Alpha Medical University", names: { zh: "阿尔法医科大学", ru: "Альфа" }, website: "https://alpha.example.org", foundedOn: "1956-09-01", foundedOnPrecision: "DAY", internationalDepartment: true });
  const Ah = await ins({ slug: "alpha-hospital", kind: "HOSPITAL", countryCode: "CN", nameEn: "Alpha Affiliated Hospital", parentId: A, internationalDepartment: true });
  const Ab = await ins({ slug: "alpha-branch", kind: "BRANCH_CAMPUS", countryCode: "KZ", nameEn: "Alpha Branch Campus", parentId: A, foundedOn: "2010-01-01", foundedOnPrecision: "YEAR" });
  const B = await ins({ slug: "beta", kind: "UNIVERSITY", countryCode: "KZ", nameEn: "Beta State Medical University", names: { kk: "Бета" } });
  const Bc = await ins({ slug: "beta-centre", kind: "RESEARCH_CENTRE", countryCode: "KZ", nameEn: "Beta Research Centre", parentId: B });
  const C = await ins({ slug: "gamma", kind: "UNIVERSITY", countryCode: "UZ", nameEn: "Gamma Partner Academy", city: "Urgench" });
  const D = await ins({ slug: "delta", kind: "MEDICAL_CENTRE", countryCode: "TJ", nameEn: "Delta Medical Centre", names: { ru: "Дельта", tg: "Делта" } });
  const E = await ins({ slug: "epsilon", kind: "TCM_CENTRE", countryCode: "KG", nameEn: "Epsilon TCM Centre" });
  const inst = { A, Ah, Ab, B, Bc, C, D, E };
  await db.insert(institutionIdentifiers).values([
    { institutionId: A, scheme: "ROR", value: "0alpha01" },
    { institutionId: A, scheme: "WIKIDATA", value: "Q1000001" },
    { institutionId: B, scheme: "NATIONAL", value: "KZ-042" },
    { institutionId: C, scheme: "SCHAC", value: "gamma.uz" },
  ]);
  await db.insert(institutionFigures).values([
    { institutionId: A, metric: "INTERNATIONAL_PATIENTS_TREATED", value: 25_000, qualifier: "AT_LEAST", asOf: "2023-12-31", sourceId: s1.id },
    { institutionId: A, metric: "INTERNATIONAL_BEDS", value: 500, asOf: "2022-06-30", asOfPrecision: "MONTH", sourceId: s1.id, note: "wards \"A\" and B" },
    { institutionId: Ah, metric: "INTERNATIONAL_BEDS", value: 120, qualifier: "ABOUT", asOf: "2023-12-31", sourceId: s2.id },
    { institutionId: B, metric: "TELEMEDICINE_PARTNER_HOSPITALS", value: 7, asOf: "2021-01-01", asOfPrecision: "YEAR", sourceId: s2.id },
    { regionCode: "CN-XJ", metric: "CENTRAL_ASIAN_STUDENTS_PER_YEAR", value: 3_000, qualifier: "ABOUT", asOf: "2023-12-31", sourceId: s1.id },
    { regionCode: "CN-XJ", metric: "EXPERTS_DISPATCHED", value: 185, asOf: "2024-12-31", sourceId: s1.id },
  ]);

  const prog = async (row: Omit<typeof programs.$inferInsert, "lengthYears" | "launchYear"> & { lengthYears?: number; launchYear?: number }, partners: number[]) => {
    const [p] = await db.insert(programs).values({ lengthYears: 5, launchYear: 2020, ...row }).returning({ id: programs.id });
    if (partners.length) await db.insert(programPartners).values(partners.map((institutionId) => ({ programId: p.id, institutionId })));
    return p.id;
  };
  const P = [
    await prog({ code: "A-TCM", titleEn: "Traditional Chinese Medicine", names: { zh: "中医学", ru: "Традиционная китайская медицина" }, hostInstitutionId: A, level: "BACHELOR", iscedField: "0917", teachingLanguages: ["zh", "en"], launchYear: 2024 }, [C, D]),
    await prog({ code: "A-MBBS", titleEn: "Clinical Medicine (MBBS)", hostInstitutionId: A, level: "BACHELOR", iscedField: "0912", teachingLanguages: ["en"], description: "Six years, \"English\" track" , lengthYears: 6 }, [C]),
    await prog({ code: "A-NURS", titleEn: "Nursing", hostInstitutionId: A, level: "MASTER", iscedField: "0913", lengthYears: 3, launchYear: 2018 }, []),
    await prog({ code: "B-MED", titleEn: "General Medicine", hostInstitutionId: B, level: "BACHELOR", iscedField: "0912", teachingLanguages: ["ru", "kk"], launchYear: 2019 }, [E]),
    await prog({ code: "B-RES", titleEn: "Surgery Residency", hostInstitutionId: B, level: "RESIDENCY", iscedField: "0912", lengthYears: 2, launchYear: 2022 }, []),
    await prog({ code: "AH-NDG", titleEn: "Clinical Nursing Skills", hostInstitutionId: Ah, level: "NON_DEGREE", iscedField: "0913", lengthYears: 1, launchYear: 2023 }, [D, E]),
  ];
  const cohortRows = P.flatMap((programId, i) =>
    Array.from({ length: i === 5 ? 1 : 2 + (i % 2) }, (_, k) => ({
      programId,
      intakeYear: 2022 + k + (i % 2),
      name: `${["TCM", "MBBS", "NURS", "MED", "RES", "NDG"][i]} ${2022 + k + (i % 2)}`,
      capacity: 40,
      startDate: `${2022 + k + (i % 2)}-09-01`,
      expectedGraduation: `${2027 + k + (i % 2)}-07-01`,
      currentYearOfStudy: 1 + k,
    })),
  );
  const cohortIds = (await db.insert(cohorts).values(cohortRows).returning({ id: cohorts.id })).map((c) => c.id);

  // Students: home institutions mostly partners, some at a host or its branch; same Latin family names
  // in places so that the list order goes to given names and id.
  const homes = [C, C, C, D, D, E, A, Ab, B, C];
  const family = ["Karimov", "Karimova", "Nazarov", "Ömirzaq", "Li", "Rahimova", "Karimov", "O'Neil", "Sultanov", "Bekova"];
  const given = ["Alisher", "Dilnoza", "Bobur", "Aigerim", "Wei", "Madina", "Timur", "Sean", "Arman", "Zhanar"];
  const nat = ["UZ", "UZ", "KZ", "KZ", "CN", "TJ", "KG", "UZ", "TJ", "KZ"];
  const studentRows = Array.from({ length: 36 }, (_, i) => {
    const home = homes[i % homes.length];
    const registeredBy = i % 5 === 0 ? null : i % 5 === 1 ? A : i % 5 === 2 ? B : home;
    return {
      familyName: `${["Каримов", "Назаров", "李", "Рахимова"][i % 4]}`,
      givenNames: `${["Алишер", "Бобур", "伟", "Мадина"][i % 4]} ${i}`,
      familyNameLatin: family[i % family.length],
      givenNamesLatin: given[(i * 7) % given.length],
      dateOfBirth: `${1995 + (i % 10)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + ((i * 3) % 28)).padStart(2, "0")}`,
      nationality: nat[(i * 3) % nat.length],
      email: i % 4 === 3 ? null : `student.${i}@example.org`,
      passportNumber: `MX${String(100_000 + i * 7919)}`,
      homeInstitutionId: home,
      registeredByInstitutionId: registeredBy,
      registeredBy: registeredBy == null ? null : `staff-${registeredBy}`,
    };
  });
  const studentIds = (await db.insert(students).values(studentRows).returning({ id: students.id })).map((s) => s.id);

  // Enrollments: one to three per student in different cohorts, statuses cycling through all seven.
  const enrollmentRows: { studentId: number; cohortId: number; status: Status; statusChangedAt: Date; createdAt: Date }[] = [];
  let k = 0;
  const base = Date.UTC(2023, 0, 2, 3, 4, 5);
  studentIds.forEach((studentId, i) => {
    const n = 1 + (i % 3);
    const taken = new Set<number>();
    for (let j = 0; j < n; j++) {
      let cohortId = pick(cohortIds);
      while (taken.has(cohortId)) cohortId = pick(cohortIds);
      taken.add(cohortId);
      const at = new Date(base + k * 86_400_123 + 456);
      enrollmentRows.push({ studentId, cohortId, status: STATUSES[k % STATUSES.length], statusChangedAt: at, createdAt: new Date(base + k * 1000) });
      k++;
    }
  });
  const enrollmentIds = (await db.insert(enrollments).values(enrollmentRows).returning({ id: enrollments.id })).map((e) => e.id);
  await db.insert(enrollmentStatusChanges).values(
    enrollmentRows.flatMap((e, i) =>
      PATH[e.status].map((to, step, path) => ({
        enrollmentId: enrollmentIds[i],
        fromStatus: step === 0 ? null : path[step - 1],
        toStatus: to,
        changedAt: new Date(e.statusChangedAt.getTime() - (path.length - 1 - step) * 3_600_000),
        actor: step === 0 ? "registrar" : "host-admin",
        reason: step === 0 ? "registered" : step % 2 ? null : `step ${step} — "ok"`,
      })),
    ),
  );

  const ids = (type: string, keys: (number | string)[]) => keys.map((key) => toGlobalId(type, key));
  const figureIds = (await db.select({ id: institutionFigures.id }).from(institutionFigures)).map((f) => f.id);
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, enrollmentRows.filter((e) => e.status === s).length])) as Record<Status, number>;
  const v = (role: Viewer["role"], at: number, who: string): Viewer => ({ subject: `mixed-${who}`, role, institutionId: at });
  return {
    inst,
    ids: {
      Institution: ids("Institution", Object.values(inst)),
      Program: ids("Program", P),
      Cohort: ids("Cohort", cohortIds),
      Student: ids("Student", studentIds),
      Enrollment: ids("Enrollment", enrollmentIds),
      Country: ids("Country", ["CN", "KZ", "UZ", "TJ", "KG"]),
      Source: ids("Source", [s1.id, s2.id]),
      InstitutionFigure: ids("InstitutionFigure", figureIds),
    },
    counts: { students: studentIds.length, enrollments: enrollmentIds.length, byStatus },
    viewers: [
      ["anonymous", null],
      ["platform admin", { subject: "mixed-platform", role: "PLATFORM_ADMIN", institutionId: null }],
      ["admin of A", v("INSTITUTION_ADMIN", A, "admin-a")],
      ["admin of B", v("INSTITUTION_ADMIN", B, "admin-b")],
      ["registrar of C", v("PARTNER_REGISTRAR", C, "registrar-c")],
      ["research office of B", v("RESEARCH_OFFICE", B, "research-b")],
    ],
  };
}
