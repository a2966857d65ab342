import type { Db } from "../../src/db/client.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { cohorts, countries, enrollments, institutions, programPartners, programs, students } from "../../src/db/schema.js";
import { toGlobalId } from "../../src/shared/global-id.js";

let n = 0;

export interface JointProgram {
  host: number;
  partner: number;
  outsider: number;
  programId: number;
  cohortId: number;
  ids: { host: string; partner: string; outsider: string; program: string; cohort: string };
  as: Record<"hostAdmin" | "partnerRegistrar" | "outsiderRegistrar" | "outsiderAdmin" | "researchOffice" | "coordinator", Viewer>;
}

/** A host university, a partner (its registrar registers students), an outsider, a joint program and one cohort. */
export async function buildJointProgram(db: Db, capacity = 30): Promise<JointProgram> {
  const tag = `jp${++n}${Math.random().toString(36).slice(2, 6)}`;
  await db.insert(countries).values([
    { code: "CN", nameEn: "China" },
    { code: "UZ", nameEn: "Uzbekistan", centralAsia: true },
    { code: "KZ", nameEn: "Kazakhstan", centralAsia: true },
  ]).onConflictDoNothing();
  const [host, partner, outsider] = await db
    .insert(institutions)
    .values([
      { slug: `${tag}-host`, kind: "UNIVERSITY" as const, countryCode: "CN", nameEn: `${tag} Host University` },
      { slug: `${tag}-partner`, kind: "UNIVERSITY" as const, countryCode: "UZ", nameEn: `${tag} Partner Academy` },
      { slug: `${tag}-outsider`, kind: "UNIVERSITY" as const, countryCode: "KZ", nameEn: `${tag} Outsider University` },
    ])
    .returning({ id: institutions.id });
  const [program] = await db
    .insert(programs)
    .values({ code: `${tag}-P`, titleEn: `${tag} TCM`, hostInstitutionId: host.id, level: "BACHELOR", iscedField: "0917", lengthYears: 5, launchYear: 2024 })
    .returning({ id: programs.id });
  await db.insert(programPartners).values({ programId: program.id, institutionId: partner.id });
  const [cohort] = await db
    .insert(cohorts)
    .values({ programId: program.id, intakeYear: 2026, name: `${tag} 2026`, capacity, startDate: "2026-09-01", expectedGraduation: "2031-07-01" })
    .returning({ id: cohorts.id });
  const v = (role: Viewer["role"], inst: number, who: string): Viewer => ({ subject: `${tag}-${who}`, role, institutionId: inst });
  return {
    host: host.id,
    partner: partner.id,
    outsider: outsider.id,
    programId: program.id,
    cohortId: cohort.id,
    ids: {
      host: toGlobalId("Institution", host.id),
      partner: toGlobalId("Institution", partner.id),
      outsider: toGlobalId("Institution", outsider.id),
      program: toGlobalId("Program", program.id),
      cohort: toGlobalId("Cohort", cohort.id),
    },
    as: {
      hostAdmin: v("INSTITUTION_ADMIN", host.id, "host-admin"),
      partnerRegistrar: v("PARTNER_REGISTRAR", partner.id, "partner-registrar"),
      outsiderRegistrar: v("PARTNER_REGISTRAR", outsider.id, "outsider-registrar"),
      outsiderAdmin: v("INSTITUTION_ADMIN", outsider.id, "outsider-admin"),
      researchOffice: v("RESEARCH_OFFICE", host.id, "research"),
      coordinator: v("EXPERT_COORDINATOR", host.id, "coordinator"),
    },
  };
}

let p = 0;
/** A valid registration row with a unique passport number. */
export function studentRow(over: Record<string, unknown> = {}) {
  p++;
  return {
    familyName: "Каримов",
    givenNames: "Алишер",
    familyNameLatin: "Karimov",
    givenNamesLatin: "Alisher",
    dateOfBirth: "2005-03-14",
    nationality: "UZ",
    email: `student${p}@example.org`,
    passportNumber: `FA${String(Date.now() % 1e6).padStart(6, "0")}${String(p).padStart(4, "0")}`,
    ...over,
  };
}

/** A student of the partner enrolled in the program's cohort: the enrollment's id, and the student's. */
export async function enrollAtPartner(db: Db, jp: JointProgram, status: "ENROLLED" | "ON_LEAVE" | "NOMINATED" = "ENROLLED"): Promise<{ id: number; studentId: number }> {
  const [s] = await db.insert(students).values({ ...studentRow(), homeInstitutionId: jp.partner }).returning({ id: students.id });
  const [e] = await db.insert(enrollments).values({ studentId: s.id, cohortId: jp.cohortId, status }).returning({ id: enrollments.id });
  return { id: e.id, studentId: s.id };
}
