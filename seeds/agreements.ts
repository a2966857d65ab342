// Agreements: the ones the articles report (January 2024 with IMC Tajikistan, December 2023 with the
// Kazakhstan National Medical Science Center) and, marked illustrative, the ones their programs, labs
// and dispatches presuppose. Roles: SIGNATORY for peers signing a cooperation agreement; HOST and
// PARTNER for education (the university that teaches, the one that sends); LEAD and MEMBER for
// research consortia. Dates given only by month or year keep that precision.
import { sql } from "drizzle-orm";
import * as t from "../src/db/schema.js";
import { I, type SeedContext, homeUniversity, xinjiangStandIns } from "./context.js";
import { idBy, insertAll, insertReturning, must } from "./insert.js";

type Agreement = typeof t.agreements.$inferInsert;
type Role = (typeof t.agreementParties.$inferInsert)["role"];
type Area = (typeof t.agreementFocusAreas.$inferInsert)["area"];
interface Spec extends Omit<Agreement, "sourceId"> {
  source?: "en" | "fr";
  parties: [string, Role][];
  focus: Area[];
}

/** Codes other parts of the seed refer to. */
export const A = {
  skl: "SKL-NMSC-2023-12",
  tcmAstana: "XMU-AMU-TCM-CENTRE-2018",
  tcmProgram: "XMU-TMAU-TCM-2024",
  tmaExchange: "XMU-TMA-EXCH-2019",
  amuExchange: "XMU-AMU-EXCH-2021",
  kgExchange: "XMU-KG-EXCH-2020",
  tjExchange: "XMU-TJ-EXCH-2022",
  tmExchange: "XMU-TM-EXCH-2022",
  uzLab: "XMU-TMA-LAB-2023",
  tjLab: "XMU-TJ-LAB-2022",
  kzLab: "XMU-AMU-LAB-2021",
} as const;

const imcAgreements: Spec[] = xinjiangStandIns.map((slug, i) => ({
  code: `XJ-IMCT-2024-01-H${i + 2}`,
  title: `Cooperation agreement: Xinjiang tertiary hospital ${i + 2} – International Medical Center of Tajikistan`,
  summary:
    "One of the four agreements four Xinjiang hospitals signed with the International Medical Center of Tajikistan in " +
    "January 2024, on telemedicine, technical exchange and academic exchange. The sources do not say which four hospitals.",
  signedOn: "2024-01-01", signedOnPrecision: "MONTH", status: "ACTIVE", source: "en", illustrative: false,
  parties: [[slug, "SIGNATORY"], [I.imc, "SIGNATORY"]],
  focus: ["TELEMEDICINE", "TECHNICAL_EXCHANGE", "ACADEMIC_EXCHANGE"],
}));

const specs: Spec[] = [
  ...imcAgreements,
  {
    code: A.skl,
    title: "Cooperation on the prevention and treatment of high-incidence diseases in Central Asia",
    summary:
      "Signed in December 2023 by the State Key Laboratory at the First Affiliated Hospital of Xinjiang Medical University " +
      "(the hospital hosting it) and the Kazakhstan National Medical Science Center.",
    signedOn: "2023-12-01", signedOnPrecision: "MONTH", status: "ACTIVE", source: "en", illustrative: false,
    parties: [[I.skl, "SIGNATORY"], [I.fah, "HOST"], [I.nmsc, "SIGNATORY"]],
    focus: ["DISEASE_PREVENTION", "JOINT_RESEARCH"],
  },
  // The articles report the centre, not the agreement behind it: illustrative.
  {
    code: A.tcmAstana,
    title: "Agreement founding the overseas TCM centre in Astana",
    summary: "Xinjiang Medical University and Astana Medical University set up a TCM centre in Astana in 2018.",
    signedOn: "2018-01-01", signedOnPrecision: "YEAR", status: "ACTIVE", source: "fr", illustrative: true,
    parties: [[I.xmu, "SIGNATORY"], [I.amu, "SIGNATORY"]],
    focus: ["TCM"],
  },
  {
    code: A.tcmProgram,
    title: "Joint five-year undergraduate program in Traditional Chinese Medicine",
    summary:
      "Founds the joint TCM program Xinjiang Medical University launched in 2024 with the Urgench Branch of Tashkent " +
      "Medical Academy. The places per year are illustrative.",
    signedOn: "2024-01-01", signedOnPrecision: "YEAR", validFrom: "2024-09-01", status: "ACTIVE", placesPerYear: 30,
    source: "en", illustrative: true,
    parties: [[I.xmu, "HOST"], [I.urgench, "PARTNER"]],
    focus: ["JOINT_EDUCATION", "TCM"],
  },
  // Illustrative: student exchanges behind the other programs' Central Asian intake. Several end within
  // a year of 2026-11-23 ("expiring soon") and one has expired and been renewed.
  exchange(A.tmaExchange, I.tma, "Tashkent Medical Academy", "2019-05-17", "2019-06-01", "2027-05-31", 30),
  exchange(A.amuExchange, I.amu, "Astana Medical University", "2021-06-10", "2021-09-01", "2026-12-31", 40),
  exchange(A.kgExchange, homeUniversity("KG"), "partner medical university KG", "2020-10-12", "2020-11-01", "2030-10-31", 25),
  exchange(A.tjExchange, homeUniversity("TJ"), "partner medical university TJ", "2022-03-15", "2022-04-01", "2028-03-31", 25),
  { ...exchange("XMU-TM-EXCH-2017", homeUniversity("TM"), "partner medical university TM", "2017-08-20", "2017-09-01", "2022-08-31", 20), status: "EXPIRED" },
  exchange(A.tmExchange, homeUniversity("TM"), "partner medical university TM (renewal)", "2022-08-25", "2022-09-01", "2027-08-31", 20),
  // Illustrative: frameworks for expert dispatches and the joint labs.
  {
    code: "FAH-KG-EXPERTS-2022", title: "Expert exchange framework: First Affiliated Hospital – partner hospitals in Kyrgyzstan",
    signedOn: "2022-11-03", signedOnPrecision: "DAY", validFrom: "2022-12-01", validUntil: "2027-05-31", status: "ACTIVE", illustrative: true,
    parties: [[I.fah, "SIGNATORY"], ["partner-hospital-kg-1", "SIGNATORY"], ["partner-hospital-kg-2", "SIGNATORY"]],
    focus: ["TECHNICAL_EXCHANGE", "TELEMEDICINE"],
  },
  {
    code: "FAH-TM-EXPERTS-2023", title: "Expert exchange framework: First Affiliated Hospital – partner hospitals in Turkmenistan",
    signedOn: "2023-02-14", signedOnPrecision: "DAY", validFrom: "2023-03-01", validUntil: "2028-02-29", status: "ACTIVE", illustrative: true,
    parties: [[I.fah, "SIGNATORY"], ["partner-hospital-tm-1", "SIGNATORY"], ["partner-hospital-tm-2", "SIGNATORY"], ["partner-hospital-tm-3", "SIGNATORY"]],
    focus: ["TECHNICAL_EXCHANGE"],
  },
  {
    code: A.kzLab, title: "Joint laboratory agreement on natural medicines and biologics (Kazakhstan)",
    signedOn: "2021-04-08", signedOnPrecision: "DAY", validFrom: "2021-05-01", validUntil: "2027-04-30", status: "ACTIVE", illustrative: true,
    parties: [[I.xmu, "LEAD"], [I.amu, "MEMBER"]],
    focus: ["JOINT_RESEARCH", "NATURAL_MEDICINES", "BIOLOGICS"],
  },
  {
    code: A.tjLab, title: "Joint laboratory agreement on natural medicines and biologics (Tajikistan)",
    signedOn: "2022-06-20", signedOnPrecision: "DAY", validFrom: "2022-07-01", validUntil: "2027-06-30", status: "ACTIVE", illustrative: true,
    parties: [[I.xmu, "LEAD"], [homeUniversity("TJ"), "MEMBER"]],
    focus: ["JOINT_RESEARCH", "NATURAL_MEDICINES", "BIOLOGICS"],
  },
  {
    code: A.uzLab, title: "Joint laboratory agreement on biologics and natural medicines (Uzbekistan)",
    signedOn: "2023-05-20", signedOnPrecision: "DAY", validFrom: "2023-06-01", validUntil: "2028-05-31", status: "ACTIVE", illustrative: true,
    parties: [[I.xmu, "LEAD"], [I.tma, "MEMBER"]],
    focus: ["JOINT_RESEARCH", "BIOLOGICS", "NATURAL_MEDICINES"],
  },
  {
    code: "XMU-IMC-NURSING-DRAFT", title: "Draft agreement on nursing education with the International Medical Center of Tajikistan",
    status: "DRAFT", illustrative: true,
    parties: [[I.xmu, "HOST"], [I.imc, "PARTNER"]],
    focus: ["JOINT_EDUCATION"],
  },
];

function exchange(code: string, partner: string, partnerName: string, signedOn: string, validFrom: string, validUntil: string, places: number): Spec {
  return {
    code, title: `Student exchange agreement: Xinjiang Medical University – ${partnerName}`,
    summary: "Nominations of students into Xinjiang Medical University's programs for international students.",
    signedOn, signedOnPrecision: "DAY", validFrom, validUntil, status: "ACTIVE", placesPerYear: places, illustrative: true,
    parties: [[I.xmu, "HOST"], [partner, "PARTNER"]],
    focus: ["JOINT_EDUCATION", "ACADEMIC_EXCHANGE"],
  };
}

export async function seedAgreements(ctx: SeedContext): Promise<void> {
  const rows = await insertReturning(ctx.db, ctx.counts, t.agreements,
    specs.map(({ source, parties: _p, focus: _f, ...a }) => ({ ...a, sourceId: source ? ctx.source[source] : null })));
  const ids = idBy(rows, (r) => r.code);
  for (const [code, id] of ids) ctx.agreement.set(code, id);
  await insertAll(ctx.db, ctx.counts, t.agreementParties,
    specs.flatMap((s) => s.parties.map(([slug, role]) => ({ agreementId: must(ids, s.code), institutionId: must(ctx.inst, slug), role }))));
  await insertAll(ctx.db, ctx.counts, t.agreementFocusAreas,
    specs.flatMap((s) => s.focus.map((area) => ({ agreementId: must(ids, s.code), area }))));
  // Each becomes its approved version 1 (drizzle/0014_agreement_versions.sql), in id order so that version ids
  // are as stable as the agreements'.
  for (const id of [...ids.values()].sort((a, b) => a - b)) await ctx.db.execute(sql`select agreement_record_first_versions(${id}::int)`);
}
