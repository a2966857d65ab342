import { NodeQueryResolver } from "../shared/node.resolver.js";
import { institutionResolvers } from "./institutions/institution.resolver.js";

// Every resolver class of the API. Relation fields live in the module of the related entity
// (Institution.programs is in programs/), so each domain only adds its own line here.
export const resolvers = [NodeQueryResolver, ...institutionResolvers] as const;
