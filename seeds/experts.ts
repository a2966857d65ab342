// Experts of Xinjiang Medical University and its First Affiliated Hospital, and their dispatches.
// The records add up to the articles: exactly 185 distinct experts on dispatches starting in 2023 or
// 2024, reaching all five Central Asian nations. Fifteen more experts go out only in 2022 and
// 2025–2026, so a year filter changes the answer. No expert is ever on two dispatches whose dates
// overlap (a database exclusion constraint will enforce it).
import * as t from "../src/db/schema.js";
import { I, type SeedContext, homeUniversity, partnerHospitals } from "./context.js";
import { idBy, insertAll, insertReturning, must } from "./insert.js";
import { staffName } from "./names.js";
import { random, type Random } from "./random.js";
import { type DispatchPlan, planDispatches } from "./dispatch-plan.js";

export const CORE_EXPERTS = 185;
const EXTRA_EXPERTS = 15;

const SPECIALTIES: [string, number][] = [
  ["Hepatobiliary surgery", 8], ["Cardiology", 10], ["Oncology", 10], ["Paediatrics", 9], ["Traditional Chinese medicine", 10],
  ["Nursing", 9], ["Infectious diseases", 8], ["Radiology", 7], ["Anaesthesiology", 6], ["Endocrinology", 7], ["Public health", 7],
  ["Neurology", 6], ["Obstetrics and gynaecology", 6], ["Orthopaedics", 5], ["Critical care medicine", 5],
  ["Respiratory medicine", 5], ["Gastroenterology", 5], ["Ophthalmology", 4], ["Clinical laboratory medicine", 4], ["Pharmacy", 4],
];
// Teaching and public-health staff sit with the university; clinicians with its hospital.
const AT_UNIVERSITY = new Set(["Traditional Chinese medicine", "Public health", "Pharmacy"]);
// The multidisciplinary team of the 2023 liver operation in Kazakhstan: the first experts created.
const LIVER_TEAM = ["Hepatobiliary surgery", "Hepatobiliary surgery", "Hepatobiliary surgery", "Anaesthesiology", "Radiology", "Critical care medicine", "Nursing"];

export interface ExpertRef {
  id: number;
  code: string;
  specialty: string;
  home: string;
  /** One of the 185 of the articles (dispatched in 2023–2024). */
  core: boolean;
}

/** Possible hosts per country: the named institutions and the illustrative partner hospitals there. */
function hostsByCountry(): Record<string, string[]> {
  const hospitals = (cc: string) => partnerHospitals.filter((s) => s.startsWith(`partner-hospital-${cc.toLowerCase()}-`));
  return {
    KZ: [...hospitals("KZ"), I.nmsc, I.amu, I.tcmKz],
    UZ: [...hospitals("UZ"), I.tma, I.urgench, I.tcmUz],
    TJ: [...hospitals("TJ"), I.imc, homeUniversity("TJ")],
    KG: [...hospitals("KG"), homeUniversity("KG")],
    TM: [...hospitals("TM"), homeUniversity("TM")],
  };
}

export async function seedExperts(ctx: SeedContext): Promise<ExpertRef[]> {
  const r = random("experts");
  const taken = new Set<string>();
  const specs = Array.from({ length: CORE_EXPERTS + EXTRA_EXPERTS }, (_, i) => {
    const specialty = i < LIVER_TEAM.length ? LIVER_TEAM[i] : r.weighted(SPECIALTIES);
    const home = AT_UNIVERSITY.has(specialty) || (specialty !== "Nursing" && r.chance(0.2)) ? I.xmu : I.fah;
    const name = staffName(r, taken);
    return {
      code: `XMU-EXP-${String(i + 1).padStart(4, "0")}`,
      familyName: name.family,
      givenNames: name.given,
      specialty,
      homeInstitutionId: must(ctx.inst, home),
      illustrative: true,
      home,
      core: i < CORE_EXPERTS,
    };
  });
  const rows = await insertReturning(ctx.db, ctx.counts, t.experts, specs.map(({ home: _h, core: _c, ...e }) => e));
  const ids = idBy(rows, (e) => e.code);
  const experts: ExpertRef[] = specs.map((s) => ({ id: must(ids, s.code), code: s.code, specialty: s.specialty, home: s.home, core: s.core }));

  const plans = planDispatches(r, experts, hostsByCountry(), LIVER_TEAM.length);
  await insertDispatches(ctx, r, plans, experts);
  return experts;
}

const COUNTRY_NAME: Record<string, string> = { KZ: "Kazakhstan", KG: "Kyrgyzstan", TJ: "Tajikistan", TM: "Turkmenistan", UZ: "Uzbekistan" };
const PURPOSE_PHRASE: Record<string, string> = {
  COMPLEX_CASE_DIAGNOSIS: "complex-case consultations",
  HEALTH_EDUCATION: "health education",
  TECHNICAL_TRAINING: "technical training",
  RESEARCH_COLLABORATION: "research collaboration",
  SURGICAL_SUPPORT: "surgical support",
};

async function insertDispatches(ctx: SeedContext, r: Random, plans: DispatchPlan[], experts: ExpertRef[]): Promise<void> {
  const byCode = new Map(experts.map((e) => [e.code, e]));
  const perYear = new Map<string, number>();
  const rows = plans.map((p) => {
    const year = p.startDate.slice(0, 4);
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    p.code = `XMU-DSP-${year}-${String(n).padStart(3, "0")}`;
    const lead = must(byCode, p.team[0]);
    const parts = p.purposes.map((x) => PURPOSE_PHRASE[x]);
    const phrase = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0];
    const clinical = p.purposes.includes("COMPLEX_CASE_DIAGNOSIS") || p.purposes.includes("SURGICAL_SUPPORT");
    const teaching = p.purposes.includes("TECHNICAL_TRAINING") || p.purposes.includes("HEALTH_EDUCATION");
    const done = p.status === "COMPLETED";
    const cases = done ? (clinical ? r.int(15, 40) + p.team.length * r.int(5, 15) : r.int(0, 10)) : null;
    const trained = done ? (teaching ? r.int(20, 150) : r.int(0, 15)) : null;
    return {
      code: p.code,
      title: p.title ?? `${phrase[0].toUpperCase()}${phrase.slice(1)} in ${COUNTRY_NAME[p.country]}`,
      sendingInstitutionId: must(ctx.inst, lead.home),
      hostInstitutionId: must(ctx.inst, p.host),
      countryCode: p.country,
      startDate: p.startDate,
      endDate: p.endDate,
      status: p.status,
      casesSeen: cases,
      peopleTrained: trained,
      outcomeNotes:
        p.notes ??
        (done
          ? `Team of ${p.team.length}: ${cases} patients seen, ${trained} local staff trained.`
          : p.status === "CANCELLED"
            ? "Cancelled at the host's request; to be rescheduled."
            : null),
      illustrative: true,
    };
  });
  const inserted = await insertReturning(ctx.db, ctx.counts, t.dispatches, rows);
  const ids = idBy(inserted, (d) => d.code);
  await insertAll(ctx.db, ctx.counts, t.dispatchMembers,
    plans.flatMap((p) =>
      p.team.map((code, i) => ({ dispatchId: must(ids, p.code), expertId: must(byCode, code).id, role: i === 0 ? ("LEAD" as const) : ("MEMBER" as const) })),
    ));
  await insertAll(ctx.db, ctx.counts, t.dispatchPurposes,
    plans.flatMap((p) => p.purposes.map((purpose) => ({ dispatchId: must(ids, p.code), purpose }))));
}
