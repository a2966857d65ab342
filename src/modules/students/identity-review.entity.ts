import { inArray } from "drizzle-orm";
import { entity, one, rootConnection } from "../../engine/entity.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import type { Ordering } from "../../shared/pagination.js";
import { Institution } from "../institutions/institution.type.js";
import type { IdentityReviewRow } from "./identity-review.service.js";
import { identityReviews } from "./identity-review.table.js";
import { IdentityReview, IdentityReviewConnection, IdentityReviewFilter } from "./identity-review.type.js";
import { Enrollment, Student } from "./student.type.js";

// Identity reviews: platform admins only, on every path (the list, node(id), the mutation's payload): the
// reviews tell which passports are known to which institutions.

/** Reviews are listed by id: the order the held nominations came in. */
const reviewOrdering: Ordering<IdentityReviewRow> = { name: "identityReview.id", columns: [identityReviews.id], key: (r) => [r.id] };

entity({
  name: "IdentityReview",
  type: () => IdentityReview,
  table: identityReviews,
  key: "id",
  node: true,
  scope: (_t, v) => (v?.role === "PLATFORM_ADMIN" ? undefined : false),
  outOfScope: () => new AppError(ErrorCode.FORBIDDEN, "This needs one of the roles PLATFORM_ADMIN"),
  fields: {
    enrollment: one("Enrollment", "enrollmentId", { type: () => Enrollment, description: "The held nomination (after a merge, the existing student's)." }),
    heldStudent: one("Student", "heldStudentId", {
      type: () => Student,
      nullable: true,
      description: "The provisional student the registrar was answered with; null once merged.",
    }),
    existingStudent: one("Student", "existingStudentId", {
      type: () => Student,
      description: "The student another home institution registered with the same nationality and passport number.",
    }),
    requestedByInstitution: one("Institution", "requestedByInstitutionId", {
      type: () => Institution,
      nullable: true,
      description: "The registrar's institution (null when a platform admin registered).",
    }),
  },
  roots: {
    identityReviews: rootConnection<typeof identityReviews>(
      reviewOrdering as never,
      {
        type: () => IdentityReviewConnection,
        description: "Nominations held because another home institution had already registered the same person, by id (oldest first). Platform admins only.",
        argsType: () => PageArgsType,
        args: { filter: { type: () => IdentityReviewFilter, nullable: true, description: "Which reviews: every condition given must hold; none given, every review." } },
      },
      (t, args) => {
        const statuses = (args.filter as IdentityReviewFilter | null | undefined)?.statuses as IdentityReviewRow["status"][] | null | undefined;
        return statuses?.length ? inArray(t.status, statuses) : undefined;
      },
    ),
  },
});
