import type { Db } from "../../src/db/client.js";
import { cohorts, countries, enrollments, institutions, programs, students } from "../../src/db/schema.js";

export interface TreeSize {
  institutions: number;
  programsEach: number;
  cohortsEach: number;
  enrollmentsEach: number;
}

let counter = 0;

/**
 * Builds institutions → programs → cohorts → enrollments → students of the given size with multi-row
 * inserts, under a unique tag so several trees can live in one database. Returns the institution ids.
 */
export async function buildTree(db: Db, size: TreeSize): Promise<{ tag: string; institutionIds: number[] }> {
  const tag = `t${++counter}x${Math.random().toString(36).slice(2, 6)}`;
  await db.insert(countries).values({ code: "KZ", nameEn: "Kazakhstan", centralAsia: true }).onConflictDoNothing();
  await db.insert(countries).values({ code: "CN", nameEn: "China" }).onConflictDoNothing();
  const insts = await db
    .insert(institutions)
    .values(
      Array.from({ length: size.institutions }, (_, i) => ({
        slug: `${tag}-inst-${i}`,
        kind: "UNIVERSITY" as const,
        countryCode: "CN",
        nameEn: `${tag} University ${i}`,
      })),
    )
    .returning({ id: institutions.id });
  const progs = await db
    .insert(programs)
    .values(
      insts.flatMap((inst, i) =>
        Array.from({ length: size.programsEach }, (_, p) => ({
          code: `${tag}-P${i}-${p}`,
          titleEn: `${tag} Program ${i}-${p}`,
          hostInstitutionId: inst.id,
          level: "BACHELOR" as const,
          iscedField: "0912",
          lengthYears: 5,
          launchYear: 2020,
        })),
      ),
    )
    .returning({ id: programs.id });
  const cohs = await db
    .insert(cohorts)
    .values(
      progs.flatMap((p) =>
        Array.from({ length: size.cohortsEach }, (_, c) => ({
          programId: p.id,
          intakeYear: 2020 + c,
          name: `${tag} ${2020 + c}`,
          capacity: size.enrollmentsEach + 5,
          startDate: `${2020 + c}-09-01`,
          expectedGraduation: `${2025 + c}-07-01`,
        })),
      ),
    )
    .returning({ id: cohorts.id });
  const total = cohs.length * size.enrollmentsEach;
  const studs: { id: number }[] = [];
  for (let start = 0; start < total; start += 500) {
    const n = Math.min(500, total - start);
    studs.push(
      ...(await db
        .insert(students)
        .values(
          Array.from({ length: n }, (_, k) => ({
            familyName: `Family${start + k}`,
            givenNames: "Given",
            familyNameLatin: `Family${start + k}`,
            givenNamesLatin: "Given",
            dateOfBirth: "2004-05-06",
            nationality: "KZ",
            passportNumber: `${tag}-${start + k}`,
            homeInstitutionId: insts[0].id,
          })),
        )
        .returning({ id: students.id })),
    );
  }
  const rows = cohs.flatMap((c, ci) =>
    Array.from({ length: size.enrollmentsEach }, (_, e) => ({
      studentId: studs[ci * size.enrollmentsEach + e].id,
      cohortId: c.id,
      status: "ENROLLED" as const,
    })),
  );
  for (let start = 0; start < rows.length; start += 500) await db.insert(enrollments).values(rows.slice(start, start + 500));
  return { tag, institutionIds: insts.map((i) => i.id) };
}
