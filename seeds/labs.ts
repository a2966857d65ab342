// Joint laboratories and their projects. The articles say joint labs work with Tajikistan, Kazakhstan
// "and others" on natural medicines and biologics, and that the State Key Laboratory cooperates with
// the Kazakhstan National Medical Science Center on high-incidence diseases. Names, projects, people,
// funding and outputs are illustrative. DOIs use 10.5555, the prefix reserved for examples.
import * as t from "../src/db/schema.js";
import { A } from "./agreements.js";
import { I, type SeedContext, homeUniversity } from "./context.js";
import type { ExpertRef } from "./experts.js";
import { idBy, insertAll, insertReturning, must } from "./insert.js";
import { random } from "./random.js";

type Area = (typeof t.jointLabFocusAreas.$inferInsert)["area"];
type ProjectStatus = NonNullable<(typeof t.labProjects.$inferInsert)["status"]>;
type OutputKind = (typeof t.labOutputs.$inferInsert)["kind"];

interface Lab {
  code: string; nameEn: string; names: Record<string, string>; lead: string; agreement: string;
  establishedOn: string | null; description: string; members: string[]; focus: Area[];
}

const labs: Lab[] = [
  {
    code: "LAB-CN-TJ-NATMED", nameEn: "China–Tajikistan Joint Laboratory of Natural Medicines (illustrative name)",
    names: { fr: "Laboratoire conjoint Chine-Tadjikistan des médicaments naturels", ru: "Китайско-таджикская совместная лаборатория природных лекарственных средств" },
    lead: I.xmu, agreement: A.tjLab, establishedOn: "2022-07-01", members: [I.xmu, homeUniversity("TJ")], focus: ["NATURAL_MEDICINES", "BIOLOGICS"],
    description: "One of the joint laboratories with Tajikistan on natural medicines and biologics the French article reports.",
  },
  {
    code: "LAB-CN-KZ-NATMED-BIO", nameEn: "China–Kazakhstan Joint Laboratory of Natural Medicines and Biologics (illustrative name)",
    names: { fr: "Laboratoire conjoint Chine-Kazakhstan des médicaments naturels et biologiques", ru: "Китайско-казахстанская совместная лаборатория природных лекарственных средств и биопрепаратов" },
    lead: I.xmu, agreement: A.kzLab, establishedOn: "2021-05-01", members: [I.xmu, I.amu], focus: ["NATURAL_MEDICINES", "BIOLOGICS"],
    description: "One of the joint laboratories with Kazakhstan on natural medicines and biologics the French article reports.",
  },
  {
    code: "LAB-CN-UZ-BIO", nameEn: "China–Uzbekistan Joint Laboratory of Biologics (illustrative name)",
    names: { fr: "Laboratoire conjoint Chine-Ouzbékistan des produits biologiques", ru: "Китайско-узбекская совместная лаборатория биопрепаратов" },
    lead: I.xmu, agreement: A.uzLab, establishedOn: "2023-06-01", members: [I.xmu, I.tma], focus: ["BIOLOGICS", "NATURAL_MEDICINES"],
    description: "Stands for the joint laboratories with \"others\" besides Tajikistan and Kazakhstan (French article).",
  },
  {
    // Founded on the December 2023 agreement; no day is known, so establishedOn stays empty.
    code: "LAB-SKL-NMSC-HID", nameEn: "SKL–NMSC Joint Programme on High-Incidence Diseases in Central Asia (illustrative name)",
    names: { fr: "Programme conjoint SKL–NMSC sur les maladies à haute incidence en Asie centrale" },
    lead: I.skl, agreement: A.skl, establishedOn: null, members: [I.skl, I.fah, I.nmsc], focus: ["DISEASE_PREVENTION", "JOINT_RESEARCH"],
    description: "Cooperation of the State Key Laboratory with the Kazakhstan National Medical Science Center on the prevention and treatment of high-incidence diseases in Central Asia, agreed in December 2023.",
  },
];

interface Project {
  code: string; lab: string; title: string; status: ProjectStatus; start: string | null; end: string | null;
  funding: number | null; piFrom: string[];
  milestones: [title: string, due: string, done: string | null][];
  outputs: [kind: OutputKind, title: string, published: string, doi: string | null][];
}

const doi = (n: number) => `10.5555/xmu-lab-${String(n).padStart(4, "0")}`;

// Statuses are as of SEED_TODAY (2026-11-23): open milestones due before it are overdue.
const projects: Project[] = [
  {
    code: "LAB-TJ-P01", lab: "LAB-CN-TJ-NATMED", title: "Screening Pamir medicinal plants for hepatoprotective compounds",
    status: "ACTIVE", start: "2024-03-01", end: "2027-02-28", funding: 1_200_000, piFrom: ["Pharmacy", "Traditional Chinese medicine"],
    milestones: [["Collect 120 plant samples", "2024-10-31", "2024-10-20"], ["Extract library and in-vitro screening", "2025-12-31", null], ["Shortlist lead compounds", "2026-12-31", null]],
    outputs: [["PUBLICATION", "Hepatoprotective activity of extracts from Pamir medicinal plants: a screening study", "2025-06-15", doi(1)]],
  },
  {
    code: "LAB-TJ-P02", lab: "LAB-CN-TJ-NATMED", title: "Quality standards for Tajik herbal raw materials",
    status: "COMPLETED", start: "2022-09-01", end: "2024-08-31", funding: 450_000, piFrom: ["Traditional Chinese medicine", "Pharmacy"],
    milestones: [["Survey of herbal markets", "2023-03-31", "2023-03-15"], ["Draft standards", "2024-03-31", "2024-04-12"], ["Standards adopted by partners", "2024-08-31", "2024-08-20"]],
    outputs: [
      ["GUIDELINE", "Quality control guideline for herbal raw materials traded across the Xinjiang–Tajikistan border", "2024-09-30", null],
      ["PUBLICATION", "Authentication of herbal raw materials in Tajik markets by DNA barcoding", "2024-11-05", doi(2)],
    ],
  },
  {
    code: "LAB-KZ-P01", lab: "LAB-CN-KZ-NATMED-BIO", title: "Recombinant antigens for the serological diagnosis of cystic echinococcosis",
    status: "ACTIVE", start: "2023-04-01", end: "2026-12-31", funding: 2_000_000, piFrom: ["Infectious diseases", "Clinical laboratory medicine"],
    milestones: [["Antigen expression and purification", "2023-12-31", "2024-02-10"], ["Validation on 500 patient sera", "2025-06-30", null], ["Diagnostic kit prototype", "2026-10-31", null]],
    outputs: [
      ["PATENT", "Recombinant antigen for detecting antibodies to Echinococcus granulosus (application)", "2024-07-22", null],
      ["PUBLICATION", "A recombinant antigen panel for cystic echinococcosis serology", "2025-03-18", doi(3)],
    ],
  },
  {
    code: "LAB-KZ-P02", lab: "LAB-CN-KZ-NATMED-BIO", title: "Licorice-derived adjuvants for vaccine formulations",
    status: "ON_HOLD", start: "2024-01-15", end: "2026-12-31", funding: 800_000, piFrom: ["Pharmacy", "Infectious diseases"],
    milestones: [["Prepare adjuvant candidates", "2024-09-30", "2024-09-12"], ["Animal immunogenicity study", "2025-09-30", null]],
    outputs: [],
  },
  {
    code: "LAB-UZ-P01", lab: "LAB-CN-UZ-BIO", title: "Standardised extraction of Glycyrrhiza glabra for oral dosage forms",
    status: "PROPOSED", start: null, end: null, funding: null, piFrom: ["Traditional Chinese medicine", "Pharmacy"],
    milestones: [["Proposal reviewed by both partners", "2027-01-31", null]],
    outputs: [],
  },
  {
    code: "LAB-UZ-P02", lab: "LAB-CN-UZ-BIO", title: "Stability of monoclonal antibodies under regional cold-chain conditions",
    status: "CANCELLED", start: "2023-09-01", end: "2024-05-31", funding: 300_000, piFrom: ["Oncology", "Clinical laboratory medicine"],
    milestones: [["Cold-chain survey", "2023-12-31", "2023-12-20"]],
    outputs: [],
  },
  {
    code: "SKL-NMSC-P01", lab: "LAB-SKL-NMSC-HID", title: "Multicentre cohort of hepatic echinococcosis in Kazakhstan and Xinjiang",
    status: "ACTIVE", start: "2024-03-01", end: "2028-12-31", funding: 3_500_000, piFrom: ["Hepatobiliary surgery", "Infectious diseases"],
    milestones: [
      ["Ethics approval at both centres", "2024-06-30", "2024-06-18"], ["Enrol the first 300 patients", "2025-12-31", "2026-01-20"],
      ["Interim analysis", "2026-09-30", null], ["Final report", "2028-12-31", null],
    ],
    outputs: [
      ["PUBLICATION", "Design of a binational cohort of hepatic echinococcosis", "2025-11-03", doi(4)],
      ["PUBLICATION", "Baseline characteristics of the first 300 patients of a binational echinococcosis cohort", "2026-05-12", doi(5)],
    ],
  },
  {
    code: "SKL-NMSC-P02", lab: "LAB-SKL-NMSC-HID", title: "Screening protocol for oesophageal cancer in high-incidence areas",
    status: "COMPLETED", start: "2024-01-15", end: "2026-06-30", funding: 1_800_000, piFrom: ["Oncology", "Gastroenterology"],
    milestones: [["Pilot screening in two districts", "2024-12-31", "2024-12-15"], ["Protocol agreed", "2025-12-31", "2025-11-28"], ["Final report", "2026-06-30", "2026-06-25"]],
    outputs: [
      ["GUIDELINE", "Joint screening guideline for oesophageal cancer in high-incidence areas of Central Asia", "2026-07-15", null],
      ["PUBLICATION", "Endoscopic screening for oesophageal cancer in high-incidence areas: a pilot study", "2025-09-09", doi(6)],
    ],
  },
];

const ROLES = ["CO_INVESTIGATOR", "RESEARCHER", "RESEARCHER", "TECHNICIAN"] as const;

export async function seedLabs(ctx: SeedContext, experts: ExpertRef[]): Promise<void> {
  const r = random("labs");
  const labRows = await insertReturning(ctx.db, ctx.counts, t.jointLabs,
    labs.map((l) => ({
      code: l.code, nameEn: l.nameEn, names: l.names, leadInstitutionId: must(ctx.inst, l.lead), agreementId: must(ctx.agreement, l.agreement),
      establishedOn: l.establishedOn, description: l.description, illustrative: true,
    })));
  const labIds = idBy(labRows, (l) => l.code);
  await insertAll(ctx.db, ctx.counts, t.jointLabMembers,
    labs.flatMap((l) => l.members.map((slug) => ({ labId: must(labIds, l.code), institutionId: must(ctx.inst, slug) }))));
  await insertAll(ctx.db, ctx.counts, t.jointLabFocusAreas, labs.flatMap((l) => l.focus.map((area) => ({ labId: must(labIds, l.code), area }))));

  // Investigators come from the experts, by specialty; each project has its own PI.
  const pool = r.shuffle(experts);
  const pis = new Set<number>();
  const teams = projects.map((p) => {
    const pi = pool.find((e) => p.piFrom.includes(e.specialty) && !pis.has(e.id)) ?? pool.find((e) => !pis.has(e.id))!;
    pis.add(pi.id);
    const others = r.shuffle(pool.filter((e) => e.id !== pi.id && (p.piFrom.includes(e.specialty) || r.chance(0.05)))).slice(0, r.int(2, 4));
    return { pi, others };
  });
  const projectRows = await insertReturning(ctx.db, ctx.counts, t.labProjects,
    projects.map((p, i) => ({
      code: p.code, labId: must(labIds, p.lab), title: p.title, status: p.status, principalInvestigatorId: teams[i].pi.id,
      startDate: p.start, endDate: p.end, fundingAmount: p.funding == null ? null : p.funding.toFixed(2),
      fundingCurrency: p.funding == null ? null : "CNY", funder: p.funding == null ? null : "Illustrative funder (not in sources)",
      illustrative: true,
    })));
  const projectIds = idBy(projectRows, (p) => p.code);
  await insertAll(ctx.db, ctx.counts, t.labProjectParticipants,
    projects.flatMap((p, i) => teams[i].others.map((e, j) => ({ projectId: must(projectIds, p.code), expertId: e.id, role: ROLES[j % ROLES.length] }))));
  await insertAll(ctx.db, ctx.counts, t.labMilestones,
    projects.flatMap((p) => p.milestones.map(([title, dueOn, doneOn]) => ({ projectId: must(projectIds, p.code), title, dueOn, doneOn }))));
  await insertAll(ctx.db, ctx.counts, t.labOutputs,
    projects.flatMap((p) => p.outputs.map(([kind, title, publishedOn, d]) => ({ projectId: must(projectIds, p.code), kind, title, publishedOn, doi: d }))));
}
