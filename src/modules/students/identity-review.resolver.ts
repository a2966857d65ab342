import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { NodeResolver, registerNode } from "../../shared/node.type.js";
import { institutionById } from "../institutions/institution.loaders.js";
import { Institution } from "../institutions/institution.type.js";
import { listIdentityReviews, loadIdentityReview, resolveIdentityReview, type IdentityReviewRow } from "./identity-review.service.js";
import { IdentityReview, IdentityReviewConnection, IdentityReviewFilter, IdentityReviewPayload, ResolveIdentityReviewInput } from "./identity-review.type.js";
import { enrollmentById, studentById } from "./student.loaders.js";
import { Enrollment, Student } from "./student.type.js";

// Platform admins only, by any path: the list, node(id) and the mutation's payload all check the role.
registerNode("IdentityReview", (ctx, id) => loadIdentityReview(ctx, id as number));

@Resolver(() => IdentityReview)
export class IdentityReviewResolver extends NodeResolver(IdentityReview, "IdentityReview") {
  @Query(() => IdentityReviewConnection, {
    description: "Nominations held because another home institution had already registered the same person, by id (oldest first). Platform admins only.",
  })
  identityReviews(
    @Args(() => PageArgsType) page: PageArgsType,
    @Arg("filter", () => IdentityReviewFilter, { nullable: true }) filter: IdentityReviewFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listIdentityReviews(ctx, page, filter);
  }

  @FieldResolver(() => Enrollment, { description: "The held nomination (after a merge, the existing student's)." })
  enrollment(@Root() row: IdentityReviewRow, @Ctx() ctx: Context) {
    return enrollmentById(ctx).load(row.enrollmentId);
  }

  @FieldResolver(() => Student, { nullable: true, description: "The provisional student the registrar was answered with; null once merged." })
  heldStudent(@Root() row: IdentityReviewRow, @Ctx() ctx: Context) {
    return row.heldStudentId == null ? null : studentById(ctx).load(row.heldStudentId);
  }

  @FieldResolver(() => Student, { description: "The student another home institution registered with the same nationality and passport number." })
  existingStudent(@Root() row: IdentityReviewRow, @Ctx() ctx: Context) {
    return studentById(ctx).load(row.existingStudentId);
  }

  @FieldResolver(() => Institution, { nullable: true, description: "The registrar's institution (null when a platform admin registered)." })
  requestedByInstitution(@Root() row: IdentityReviewRow, @Ctx() ctx: Context) {
    return row.requestedByInstitutionId == null ? null : institutionById(ctx).load(row.requestedByInstitutionId);
  }
}

@Resolver()
export class IdentityReviewMutationResolver {
  @Mutation(() => IdentityReviewPayload, {
    description:
      "A platform admin decides a held nomination: MERGE moves it to the existing student (the provisional student is removed once it has no nomination left); REJECT rejects it.",
  })
  resolveIdentityReview(@Arg("input", () => ResolveIdentityReviewInput) input: ResolveIdentityReviewInput, @Ctx() ctx: Context) {
    return resolveIdentityReview(ctx, input);
  }
}

@Resolver(() => IdentityReviewPayload)
export class IdentityReviewPayloadResolver {
  @FieldResolver(() => IdentityReview, { description: "The review after the decision." })
  review(@Root() p: IdentityReviewPayload, @Ctx() ctx: Context) {
    return loadIdentityReview(ctx, p.reviewId);
  }
}

export const identityReviewResolvers = [IdentityReviewResolver, IdentityReviewMutationResolver, IdentityReviewPayloadResolver] as const;
