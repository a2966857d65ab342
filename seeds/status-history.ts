// The history of one enrollment, one row per status change, walking only the allowed moves:
// NOMINATED → ADMITTED → ENROLLED ⇄ ON_LEAVE, ENROLLED → GRADUATED, REJECTED from NOMINATED or
// ADMITTED, WITHDRAWN from any active status. Dates follow the academic calendar of the cohort and
// never pass SEED_TODAY.
import type * as t from "../src/db/schema.js";
import type { CohortRef } from "./programs.js";
import { SEED_TODAY, addDays, dayIn, officeTime, type Random } from "./random.js";

export type Status = (typeof t.enrollmentStatusChanges.$inferInsert)["toStatus"];

/** Where an enrollment ends up, and by which road. */
export type Outcome =
  | "NOMINATED"
  | "ADMITTED"
  | "ENROLLED"
  | "ON_LEAVE"
  | "LEAVE_RETURNED"
  | "WITHDRAWN_ENROLLED"
  | "GRADUATED"
  | "GRADUATED_AFTER_LEAVE"
  | "REJECTED_NOMINATED"
  | "REJECTED_ADMITTED"
  | "WITHDRAWN_ADMITTED";

export interface Step {
  from: Status | null;
  to: Status;
  at: Date;
  reason: string;
}

const REJECTED = ["Entry requirements not met", "Incomplete application documents", "Chinese or English language requirement not met"];
const REVOKED = ["Admission revoked: medical certificate not provided", "Admission revoked: visa documents incomplete"];
const LEAVE = ["Medical leave", "Leave for family reasons", "Leave of absence at the student's request"];
const WITHDRAWN = ["Withdrew for personal reasons", "Transferred to a university at home", "Withdrew for financial reasons"];

const min = (a: string, b: string) => (a < b ? a : b);

export function historyFor(r: Random, cohort: CohortRef, outcome: Outcome, directApplicant: boolean): Step[] {
  const steps: Step[] = [];
  const lastDay = addDays(SEED_TODAY, -1);
  let status: Status | null = null;
  let day = "";
  const go = (to: Status, on: string, reason: string) => {
    steps.push({ from: status, to, at: officeTime(r, on), reason });
    status = to;
    day = on;
  };
  const year = cohort.intakeYear;

  // Nominations come in spring for an autumn start; for a cohort not started yet, in recent weeks.
  go(
    "NOMINATED",
    cohort.upcoming ? dayIn(r, addDays(SEED_TODAY, -70), addDays(SEED_TODAY, -20)) : dayIn(r, `${year}-03-01`, `${year}-04-30`),
    directApplicant ? "Direct application received by the international office" : "Nominated by the home institution",
  );
  if (outcome === "NOMINATED") return steps;
  if (outcome === "REJECTED_NOMINATED") {
    go("REJECTED", dayIn(r, addDays(day, 10), min(addDays(day, 40), lastDay)), r.pick(REJECTED));
    return steps;
  }
  go("ADMITTED", dayIn(r, addDays(day, 14), min(addDays(day, 60), lastDay)), "Admitted by the admission committee");
  if (outcome === "ADMITTED") return steps;
  if (outcome === "REJECTED_ADMITTED") {
    go("REJECTED", dayIn(r, addDays(day, 5), min(addDays(day, 30), lastDay)), r.pick(REVOKED));
    return steps;
  }
  if (outcome === "WITHDRAWN_ADMITTED") {
    go("WITHDRAWN", dayIn(r, addDays(day, 5), `${year}-08-25`), "Did not take up the place");
    return steps;
  }

  go("ENROLLED", dayIn(r, `${year}-09-01`, `${year}-09-08`), "Registered on arrival for the academic year");
  const enrolled = day;
  const graduation = cohort.expectedGraduation;
  const leaveAndReturn = () => {
    go("ON_LEAVE", dayIn(r, addDays(enrolled, 60), addDays(enrolled, 300)), r.pick(LEAVE));
    go("ENROLLED", dayIn(r, addDays(day, 120), min(addDays(day, 240), lastDay)), "Returned from leave");
  };
  switch (outcome) {
    case "ENROLLED":
      break;
    case "ON_LEAVE":
      go("ON_LEAVE", dayIn(r, addDays(enrolled, 60), min(addDays(lastDay, -5), addDays(graduation, -60))), r.pick(LEAVE));
      break;
    case "LEAVE_RETURNED":
      leaveAndReturn();
      break;
    case "WITHDRAWN_ENROLLED":
      go("WITHDRAWN", dayIn(r, addDays(enrolled, 30), min(lastDay, addDays(graduation, -30))), r.pick(WITHDRAWN));
      break;
    case "GRADUATED_AFTER_LEAVE":
      leaveAndReturn();
      go("GRADUATED", dayIn(r, addDays(graduation, -10), addDays(graduation, -1)), "Completed the program");
      break;
    case "GRADUATED":
      go("GRADUATED", dayIn(r, addDays(graduation, -10), addDays(graduation, -1)), "Completed the program");
      break;
  }
  return steps;
}
