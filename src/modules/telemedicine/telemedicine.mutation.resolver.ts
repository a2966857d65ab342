import { Ctx, Resolver, Root } from "type-graphql";
import { MutationInput, PayloadField, PayloadMutation } from "../../shared/payload.js";
import type { Context } from "../../context.js";
import { CreateTelemedicineLinkInput, EndTelemedicineLinkInput, TelemedicineLinkPayload } from "./telemedicine.mutation.input.js";
import { createTelemedicineLink, endTelemedicineLink } from "./telemedicine.mutation.service.js";
import { telemedicineLinks, type TelemedicineLinkRow } from "./telemedicine.table.js";
import { TelemedicineLink } from "./telemedicine.type.js";

@Resolver(() => TelemedicineLinkPayload)
export class TelemedicineMutationResolver {
  @PayloadMutation(() => TelemedicineLinkPayload, { description: "Records a telemedicine link (admins of either hospital)." })
  createTelemedicineLink(@MutationInput(() => CreateTelemedicineLinkInput) input: CreateTelemedicineLinkInput, @Ctx() ctx: Context) {
    return createTelemedicineLink(ctx, input);
  }

  @PayloadMutation(() => TelemedicineLinkPayload, { description: "Ends a telemedicine link on a date (admins of either hospital)." })
  endTelemedicineLink(@MutationInput(() => EndTelemedicineLinkInput) input: EndTelemedicineLinkInput, @Ctx() ctx: Context) {
    return endTelemedicineLink(ctx, input);
  }

  @PayloadField(() => TelemedicineLink, { description: "The link after the change." })
  link(@Root() p: TelemedicineLinkPayload, @Ctx() ctx: Context) {
    return ctx.loaders.byKey<TelemedicineLinkRow>("telemedicineLink", telemedicineLinks, telemedicineLinks.id, (r) => r.id).load(p.linkId);
  }
}

export const telemedicineMutationResolvers = [TelemedicineMutationResolver] as const;
