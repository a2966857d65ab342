import type { EnrollmentStatusValue } from "./student.loaders.js";

/**
 * The enrollment lifecycle: NOMINATED → ADMITTED → ENROLLED ⇄ ON_LEAVE; ENROLLED → GRADUATED;
 * REJECTED from NOMINATED or ADMITTED; WITHDRAWN from any active status. Nothing else.
 */
export const TRANSITIONS: Record<EnrollmentStatusValue, readonly EnrollmentStatusValue[]> = {
  NOMINATED: ["ADMITTED", "REJECTED", "WITHDRAWN"],
  ADMITTED: ["ENROLLED", "REJECTED", "WITHDRAWN"],
  ENROLLED: ["ON_LEAVE", "GRADUATED", "WITHDRAWN"],
  ON_LEAVE: ["ENROLLED", "WITHDRAWN"],
  GRADUATED: [],
  REJECTED: [],
  WITHDRAWN: [],
};

export function canTransition(from: EnrollmentStatusValue, to: EnrollmentStatusValue): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses that hold a seat of the cohort's capacity. */
export const SEATED: readonly EnrollmentStatusValue[] = ["ENROLLED", "ON_LEAVE"];
