import { NodeQueryResolver } from "../shared/node.resolver.js";
import { agreementMutationResolvers } from "./agreements/agreement.mutation.resolver.js";
import { agreementVersionResolvers } from "./agreements/agreement-version.resolver.js";
import { changeResolvers } from "./changes/change.resolver.js";
import { programMutationResolvers } from "./programs/program.mutation.resolver.js";
import { identityReviewResolvers } from "./students/identity-review.resolver.js";
import { registrationResolvers } from "./students/registration.resolver.js";
import { dispatchMutationResolvers } from "./experts/dispatch.mutation.js";
import { labProjectMutationResolvers } from "./labs/project.mutation.js";
import { reportResolvers } from "./reports/report.resolver.js";
import { institutionMutationResolvers } from "./institutions/institution.mutation.resolver.js";
import { expertMutationResolvers } from "./experts/expert.mutation.resolver.js";
import { jointLabMutationResolvers } from "./labs/lab.mutation.resolver.js";
import { telemedicineMutationResolvers } from "./telemedicine/telemedicine.mutation.resolver.js";
import { cooperationEventMutationResolvers } from "./events/event.mutation.resolver.js";
import { curriculumResolvers } from "./education/curriculum.resolver.js";
import { resultResolvers } from "./education/result.resolver.js";
import { studentCorrectionResolvers } from "./students/student-correction.resolver.js";
import { studentPrivacyResolvers } from "./students/student-privacy.resolver.js";
import { recognitionResolvers } from "./education/recognition.resolver.js";
import { webhookMutationResolvers } from "./webhooks/webhook.mutation.resolver.js";
import { transcriptResolvers } from "./education/transcript.resolver.js";
import { progressionResolvers } from "./education/progression.resolver.js";
import { educationReportResolvers } from "./reports/education-report.resolver.js";
// The declarations of the types the read engine reads (src/engine): their resolvers are derived from them.
import "./institutions/institution.entity.js";
import "./programs/program.entity.js";
import "./students/student.entity.js";
import "./experts/expert.entity.js";
import "./labs/lab.entity.js";
import "./agreements/agreement.entity.js";
import "./telemedicine/telemedicine.entity.js";
import "./events/event.entity.js";
import "./audit/audit.entity.js";
import "./students/identity-review.entity.js";
import "./education/curriculum.entity.js";
import "./education/result.entity.js";
import "./students/student-correction.entity.js";
import "./education/recognition.entity.js";
import "./webhooks/webhook.entity.js";
import "./education/progression.entity.js";

// Every resolver class of the API. A relation field lives in the module of the type it returns
// (Institution.programs is in programs/), except fields returning Institution, Country or Source,
// which live with the type that has them. Each domain adds its own line here.
export const resolvers = [
  NodeQueryResolver,
  ...agreementMutationResolvers,
  ...agreementVersionResolvers,
  ...programMutationResolvers,
  ...registrationResolvers,
  ...identityReviewResolvers,
  ...dispatchMutationResolvers,
  ...labProjectMutationResolvers,
  ...institutionMutationResolvers,
  ...expertMutationResolvers,
  ...jointLabMutationResolvers,
  ...telemedicineMutationResolvers,
  ...cooperationEventMutationResolvers,
  ...studentCorrectionResolvers,
  ...studentPrivacyResolvers,
  ...changeResolvers,
  ...reportResolvers,
  ...curriculumResolvers,
  ...resultResolvers,
  ...recognitionResolvers,
  ...webhookMutationResolvers,
  ...transcriptResolvers,
  ...progressionResolvers,
  ...educationReportResolvers,
] as const;
