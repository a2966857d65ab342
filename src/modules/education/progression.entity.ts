import { sql } from "drizzle-orm";
import { Float } from "type-graphql";
import { entity, expr, extend, list, one } from "../../engine/entity.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import { Institution } from "../institutions/institution.type.js";
import type { institutions } from "../institutions/institution.table.js";
import { Enrollment } from "../students/student.type.js";
import { ProgressionDecision } from "./progression.type.js";
import { enrollmentRecordScope } from "./result.scope.js";
import { progressionDecisions } from "./result.table.js";

// Progression and graduation decisions: personal data of the student's home and host institutions (the
// enrollment's rule: result.scope.ts), read on every path (node(id:), Enrollment.progressionDecisions,
// the progression mutations' payloads).

entity({
  name: "ProgressionDecision",
  type: () => ProgressionDecision,
  table: progressionDecisions,
  key: "id",
  node: true,
  scope: (t, who) => enrollmentRecordScope(t.enrollmentId, who),
  outOfScope: () => new AppError(ErrorCode.FORBIDDEN, "This decision is not one your institution may see"),
  fields: {
    enrollment: one("Enrollment", "enrollmentId", { type: () => Enrollment, description: "The enrollment decided on." }),
    creditsShort: expr<typeof progressionDecisions>((t) => sql`greatest(0, ${t.creditsRequired} - ${t.creditsEarned})::float8`, {
      type: () => Float,
      description: "ECTS credits lacking to meet the rule (0 when reached).",
    }),
    awardingInstitutions: list<typeof institutions>("Institution", {
      on: (t, parent) => sql`${t.id} in (select unnest(d.awarding_institution_ids) from progression_decisions d where d.id = ${parent})`,
      orderBy: (t) => [t.id],
      meta: { type: () => [Institution], description: "A graduation's awarding institutions (a joint degree: the host and partners); empty for progression." },
    }),
  },
});

extend("Enrollment", {
  progressionDecisions: list<typeof progressionDecisions>("ProgressionDecision", {
    via: "enrollmentId",
    orderBy: (t) => [t.decidedAt, t.id],
    meta: { type: () => [ProgressionDecision], description: "Progression and graduation decisions, oldest first." },
  }),
});
