import { NodeQueryResolver } from "../shared/node.resolver.js";
import { agreementResolvers } from "./agreements/agreement.resolver.js";
import { institutionResolvers } from "./institutions/institution.resolver.js";
import { programResolvers } from "./programs/program.resolver.js";
import { studentResolvers } from "./students/student.resolver.js";

// Every resolver class of the API. A relation field lives in the module of the type it returns
// (Institution.programs is in programs/), except fields returning Institution, Country or Source,
// which live with the type that has them. Each domain adds its own line here.
export const resolvers = [
  NodeQueryResolver,
  ...institutionResolvers,
  ...programResolvers,
  ...agreementResolvers,
  ...studentResolvers,
] as const;
