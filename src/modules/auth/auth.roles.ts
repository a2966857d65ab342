import { graphqlEnum } from "../../shared/enum.js";

export const ROLES = ["PLATFORM_ADMIN", "INSTITUTION_ADMIN", "PARTNER_REGISTRAR", "RESEARCH_OFFICE", "EXPERT_COORDINATOR"] as const;
export type RoleName = (typeof ROLES)[number];

export const Role = graphqlEnum(ROLES, "Role", "What a signed-in caller may do; every role but PLATFORM_ADMIN is scoped to one institution.", { PLATFORM_ADMIN: "Runs the platform: may do everything.", INSTITUTION_ADMIN: "Staff of an institution's international office: its programs, cohorts, admissions, agreements.", PARTNER_REGISTRAR: "Registrar of a partner institution: registers its students and follows them.", RESEARCH_OFFICE: "Research office of an institution: its joint labs and projects.", EXPERT_COORDINATOR: "Coordinator of an institution's experts and their dispatches." });

/** The signed-in caller, from a verified token; null for anonymous callers. */
export interface Viewer {
  subject: string;
  role: RoleName;
  /** Database id of the caller's institution; null only for PLATFORM_ADMIN. */
  institutionId: number | null;
  /** When the caller's token expires (ms since the epoch): a WebSocket is closed then. */
  expiresAtMs?: number;
}
