import { sql } from "drizzle-orm";
import { ID } from "type-graphql";
import { entity, extend, list, one, rootConnection, type Policy } from "../../engine/entity.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import { Institution } from "../institutions/institution.type.js";
import { Enrollment } from "../students/student.type.js";
import { CourseUnit, Offering } from "./curriculum.type.js";
import { CourseResultFilter } from "./result.input.js";
import { resultScope } from "./result.scope.js";
import { resultOrdering, resultWhere } from "./result.service.js";
import { courseResults, resultCorrections } from "./result.table.js";
import { CourseResult, CourseResultConnection, ResultCorrection } from "./result.type.js";

// Course results: personal data, read only within resultScope (result.scope.ts) on every path (roots,
// node(id:), Enrollment.results, Offering.results); corrections through their result.

/** Who entered a result names an account of the entering institution: its own staff's (and platform admins') to read. */
const enteringStaff: Policy<typeof courseResults> = {
  allow: (t, who) => (!who ? false : who.role === "PLATFORM_ADMIN" ? true : who.institutionId == null ? false : sql`${t.enteredByInstitutionId} = ${who.institutionId}`),
  message: "Who entered a result is visible only to staff of the institution that entered it",
};

entity({
  name: "CourseResult",
  type: () => CourseResult,
  table: courseResults,
  key: "id",
  node: true,
  scope: resultScope,
  policies: { enteredBy: enteringStaff },
  outOfScope: (_who, root) =>
    new AppError(
      ErrorCode.FORBIDDEN,
      root === "list" ? "Results need one of the roles PLATFORM_ADMIN, INSTITUTION_ADMIN, PARTNER_REGISTRAR" : "This result is not one your institution may see",
    ),
  fields: {
    enrollment: one("Enrollment", "enrollmentId", { type: () => Enrollment, nullable: true, description: "The enrollment; null for teaching staff, who may not read it." }),
    offering: one("Offering", "offeringId", { type: () => Offering, description: "Where it was sat: unit, term, cohort." }),
    unit: one("CourseUnit", "unitId", { type: () => CourseUnit, description: "The unit." }),
    enteredByInstitution: one("Institution", "enteredByInstitutionId", { type: () => Institution, nullable: true, description: "The institution whose staff entered it." }),
    corrections: list<typeof resultCorrections>("ResultCorrection", {
      via: "resultId",
      orderBy: (t) => [t.correctedAt, t.id],
      meta: { type: () => [ResultCorrection], description: "Every correction, oldest first." },
    }),
  },
  roots: {
    courseResults: rootConnection<typeof courseResults>(
      resultOrdering as never,
      {
        type: () => CourseResultConnection,
        description: "Results the caller may read, by id.",
        argsType: () => PageArgsType,
        args: { filter: { type: () => CourseResultFilter, nullable: true, description: "Which results, among those the caller may read: every condition given must hold." } },
      },
      (t, args) => resultWhere(t, args.filter as CourseResultFilter | null),
    ),
    courseResult: {
      kind: "byId",
      arg: "id",
      meta: { type: () => CourseResult, nullable: true, description: "One result by id; null when there is none.", args: { id: { type: () => ID, description: "Global id." } } },
    },
  },
});

/** Who corrected a result names an account of the institution that entered it (its staff correct it): the same readers. */
const correctingStaff: Policy<typeof resultCorrections> = {
  allow: (t, who) =>
    !who ? false : who.role === "PLATFORM_ADMIN" ? true : who.institutionId == null ? false : sql`(select ${courseResults.enteredByInstitutionId} from ${courseResults} where ${courseResults.id} = ${t.resultId}) = ${who.institutionId}`,
  message: "Who corrected a result is visible only to staff of the institution that entered it",
};

// Read through its result, whose scope applies.
entity({ name: "ResultCorrection", type: () => ResultCorrection, table: resultCorrections, key: "id", node: false, policies: { correctedBy: correctingStaff } });

const results = (via: "enrollmentId" | "offeringId", what: string) =>
  list<typeof courseResults>("CourseResult", {
    via,
    orderBy: (t) => [t.unitId, t.attempt, t.id],
    meta: { type: () => [CourseResult], description: `${what}, by unit and attempt; only those the caller may read.` },
  });

extend("Enrollment", { results: results("enrollmentId", "The enrollment's results") });
extend("Offering", { results: results("offeringId", "Results of the offering") });
