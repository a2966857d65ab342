import { graphqlEnum } from "../../shared/enum.js";

export const ROLES = ["PLATFORM_ADMIN", "INSTITUTION_ADMIN", "PARTNER_REGISTRAR", "RESEARCH_OFFICE", "EXPERT_COORDINATOR"] as const;
export type RoleName = (typeof ROLES)[number];

export const Role = graphqlEnum(ROLES, "Role", "What a signed-in caller may do; every role but PLATFORM_ADMIN is scoped to one institution.");

/** The signed-in caller, from a verified token; null for anonymous callers. */
export interface Viewer {
  subject: string;
  role: RoleName;
  /** Database id of the caller's institution; null only for PLATFORM_ADMIN. */
  institutionId: number | null;
  /** When the caller's token expires (ms since the epoch): a WebSocket is closed then. */
  expiresAtMs?: number;
}
