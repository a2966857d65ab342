import type { Db } from "../../src/db/client.js";
import { countries, experts, institutions, jointLabMembers, jointLabs } from "../../src/db/schema.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { toGlobalId } from "../../src/shared/global-id.js";

let n = 0;

type Inst = "sender" | "hospital" | "host" | "outsider";
type ExpertKey = "a" | "b" | "c" | "d" | "nurse" | "surgeon" | "foreign";

export interface People {
  tag: string;
  /** Database ids. */
  inst: Record<Inst, number>;
  expert: Record<ExpertKey, number>;
  labId: number;
  /** Global ids. */
  ids: Record<Inst, string> & Record<ExpertKey, string> & { lab: string };
  as: Record<
    | "coordinator"
    | "senderAdmin"
    | "senderResearch"
    | "hospitalCoordinator"
    | "outsiderCoordinator"
    | "hostResearch"
    | "outsiderResearch"
    | "outsiderAdmin",
    Viewer
  >;
}

/**
 * A sending university (CN) with one affiliated hospital, a host hospital abroad (KZ), an outsider
 * university (CN); experts at the sender (a–d), at its hospital (nurse, surgeon) and at the outsider
 * (foreign); a joint lab led by the sender with the host as member; viewers of each.
 */
export async function buildPeople(db: Db): Promise<People> {
  const tag = `pp${++n}${Math.random().toString(36).slice(2, 6)}`;
  await db
    .insert(countries)
    .values([
      { code: "CN", nameEn: "China" },
      { code: "KZ", nameEn: "Kazakhstan", centralAsia: true },
    ])
    .onConflictDoNothing();
  const [sender, host, outsider] = await db
    .insert(institutions)
    .values([
      { slug: `${tag}-sender`, kind: "UNIVERSITY" as const, countryCode: "CN", nameEn: `${tag} Sending University` },
      { slug: `${tag}-host`, kind: "HOSPITAL" as const, countryCode: "KZ", nameEn: `${tag} Host Hospital` },
      { slug: `${tag}-outsider`, kind: "UNIVERSITY" as const, countryCode: "CN", nameEn: `${tag} Outsider University` },
    ])
    .returning({ id: institutions.id });
  const [hospital] = await db
    .insert(institutions)
    .values({ slug: `${tag}-hospital`, kind: "HOSPITAL" as const, countryCode: "CN", nameEn: `${tag} Affiliated Hospital`, parentId: sender.id })
    .returning({ id: institutions.id });
  const specs: [ExpertKey, number, string][] = [
    ["a", sender.id, "Cardiology"],
    ["b", sender.id, "Oncology"],
    ["c", sender.id, "Traditional Chinese Medicine"],
    ["d", sender.id, "Pediatrics"],
    ["nurse", hospital.id, "Nursing"],
    ["surgeon", hospital.id, "Hepatobiliary Surgery"],
    ["foreign", outsider.id, "Neurology"],
  ];
  const rows = await db
    .insert(experts)
    .values(specs.map(([key, home, specialty]) => ({ code: `${tag}-${key}`, familyName: `${tag}-${key}`, givenNames: "Test", specialty, homeInstitutionId: home })))
    .returning({ id: experts.id, code: experts.code });
  const expert = Object.fromEntries(rows.map((r) => [r.code.slice(tag.length + 1), r.id])) as Record<ExpertKey, number>;
  const [lab] = await db
    .insert(jointLabs)
    .values({ code: `${tag}-LAB`, nameEn: `${tag} Joint Laboratory`, leadInstitutionId: sender.id })
    .returning({ id: jointLabs.id });
  await db.insert(jointLabMembers).values({ labId: lab.id, institutionId: host.id });

  const inst = { sender: sender.id, hospital: hospital.id, host: host.id, outsider: outsider.id };
  const v = (role: Viewer["role"], at: number, who: string): Viewer => ({ subject: `${tag}-${who}`, role, institutionId: at });
  return {
    tag,
    inst,
    expert,
    labId: lab.id,
    ids: {
      ...(Object.fromEntries(Object.entries(inst).map(([k, id]) => [k, toGlobalId("Institution", id)])) as Record<Inst, string>),
      ...(Object.fromEntries(Object.entries(expert).map(([k, id]) => [k, toGlobalId("Expert", id)])) as Record<ExpertKey, string>),
      lab: toGlobalId("JointLab", lab.id),
    },
    as: {
      coordinator: v("EXPERT_COORDINATOR", sender.id, "coordinator"),
      senderAdmin: v("INSTITUTION_ADMIN", sender.id, "sender-admin"),
      senderResearch: v("RESEARCH_OFFICE", sender.id, "sender-research"),
      hospitalCoordinator: v("EXPERT_COORDINATOR", hospital.id, "hospital-coordinator"),
      outsiderCoordinator: v("EXPERT_COORDINATOR", outsider.id, "outsider-coordinator"),
      hostResearch: v("RESEARCH_OFFICE", host.id, "host-research"),
      outsiderResearch: v("RESEARCH_OFFICE", outsider.id, "outsider-research"),
      outsiderAdmin: v("INSTITUTION_ADMIN", outsider.id, "outsider-admin"),
    },
  };
}
