import { Ctx, Resolver, Root } from "type-graphql";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import type { Context } from "../../context.js";
import { loadIdentityReview, resolveIdentityReview } from "./identity-review.service.js";
import { IdentityReview, IdentityReviewPayload, ResolveIdentityReviewInput } from "./identity-review.type.js";

// Reads of identity reviews are the engine's (identity-review.entity.ts); here the decision and its payload,
// which checks the role as the reads' scope does.

@Resolver()
export class IdentityReviewMutationResolver {
  @PayloadMutation(() => IdentityReviewPayload, {
    description:
      "A platform admin decides a held nomination: MERGE moves it to the existing student (the provisional student is removed once it has no nomination left); REJECT rejects it.",
  })
  resolveIdentityReview(@MutationInput(() => ResolveIdentityReviewInput) input: ResolveIdentityReviewInput, @Ctx() ctx: Context) {
    return resolveIdentityReview(ctx, input);
  }
}

@Resolver(() => IdentityReviewPayload)
export class IdentityReviewPayloadResolver {
  @PayloadField(() => IdentityReview, { description: "The review after the decision." })
  review(@Root() p: IdentityReviewPayload, @Ctx() ctx: Context) {
    return loadIdentityReview(ctx, p.reviewId);
  }
}

export const identityReviewResolvers = [IdentityReviewMutationResolver, IdentityReviewPayloadResolver] as const;
