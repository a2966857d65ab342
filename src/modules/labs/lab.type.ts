import { DateTimeResolver, LocalDateResolver, URLResolver } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { Connection } from "../../shared/connection.type.js";
import { graphqlEnum } from "../../shared/enum.js";
import { Node } from "../../shared/node.type.js";
import { labMemberRole, outputKind, participantRole, projectStatus } from "./lab.table.js";

export const ProjectStatus = graphqlEnum(projectStatus.enumValues, "ProjectStatus", "Status of a lab project.", { ACTIVE: "Under way.", CANCELLED: "Called off; final.", COMPLETED: "Finished; final.", ON_HOLD: "Paused.", PROPOSED: "Proposed, not started." });
export const ParticipantRole = graphqlEnum(participantRole.enumValues, "ParticipantRole", "The role of an expert in a lab project (the principal investigator is apart).", { CO_INVESTIGATOR: "Co-investigator.", RESEARCHER: "Researcher.", STUDENT: "Student taking part.", TECHNICIAN: "Technician." });
export const LabMemberRole = graphqlEnum(labMemberRole.enumValues, "LabMemberRole", "The role of a member institution in a joint lab (the lead is apart).", { CO_LEAD: "Leads the lab together with the lead institution.", MEMBER: "A full member.", ASSOCIATE: "An associate member." });
export const OutputKind = graphqlEnum(outputKind.enumValues, "OutputKind", "What kind of result a lab project produced.", { GUIDELINE: "A clinical or technical guideline.", PATENT: "A patent.", PUBLICATION: "A publication, with its DOI where it has one." });

@ObjectType("JointLab", {
  implements: Node,
  description: "A joint laboratory: led by one institution, with member institutions, focus areas and projects.",
})
export class JointLab extends Node {
  leadInstitutionId!: number;
  agreementId!: number | null;
  names!: Record<string, string>;

  @Field(() => String, { description: "Stable short code, unique." })
  code!: string;

  @Field(() => String, { description: "English name." })
  nameEn!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: "Founding date, where known." })
  establishedOn!: string | null;

  @Field(() => String, { nullable: true, description: "What the lab works on." })
  description!: string | null;

  @Field(() => Boolean, { description: "True when the sources do not name this lab and it stands in for labs they mention." })
  illustrative!: boolean;

  @Field(() => DateTimeResolver, { description: "When the record was created." })
  createdAt!: Date;
}

@ObjectType("JointLabMembership", { description: "A member institution of a joint lab, with its role." })
export class JointLabMembership {
  institutionId!: number;

  @Field(() => LabMemberRole, { description: "Its role in the lab." })
  role!: string;
}

@ObjectType("LabProject", {
  implements: Node,
  description: "A research project of a joint lab, with its principal investigator, participants, milestones and outputs.",
})
export class LabProject extends Node {
  labId!: number;
  principalInvestigatorId!: number;

  @Field(() => String, { description: "Stable short code, unique." })
  code!: string;

  @Field(() => String, { description: "Title." })
  title!: string;

  @Field(() => ProjectStatus, { description: "Status." })
  status!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: "Start date, where known." })
  startDate!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "End date (planned or actual), where known." })
  endDate!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Funding amount as exact decimal text with two decimals (e.g. \"1250000.00\"), in fundingCurrency; a string so no precision is lost.",
  })
  fundingAmount!: string | null;

  @Field(() => String, { nullable: true, description: "ISO 4217 code of the funding currency (e.g. CNY), given with fundingAmount." })
  fundingCurrency!: string | null;

  @Field(() => String, { nullable: true, description: "Who funds the project, where known." })
  funder!: string | null;

  @Field(() => Boolean, { description: "True when the sources do not describe this project and it stands in for work they mention." })
  illustrative!: boolean;

  @Field(() => DateTimeResolver, { description: "When the record was created." })
  createdAt!: Date;
}

@ObjectType("LabProjectParticipant", { description: "An expert taking part in a lab project, with their role." })
export class LabProjectParticipant {
  projectId!: number;
  expertId!: number;

  @Field(() => ParticipantRole, { description: "Their role in the project." })
  role!: string;
}

@ObjectType("LabMilestone", { implements: Node, description: "A milestone of a lab project: due on a date, done on a date once reached." })
export class LabMilestone extends Node {
  projectId!: number;

  @Field(() => String, { description: "What is to be reached." })
  title!: string;

  @Field(() => LocalDateResolver, { description: "When it is due." })
  dueOn!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: "When it was reached; null while open." })
  doneOn!: string | null;
}

@ObjectType("LabOutput", { description: "A result of a lab project: a publication, patent or guideline." })
export class LabOutput {
  projectId!: number;

  @Field(() => OutputKind, { description: "Publication, patent or guideline." })
  kind!: string;

  @Field(() => String, { description: "Title." })
  title!: string;

  @Field(() => String, { nullable: true, description: "DOI (e.g. 10.1000/xyz123), for publications that have one." })
  doi!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Publication or grant date, where known." })
  publishedOn!: string | null;

  @Field(() => URLResolver, { nullable: true, description: "Where it can be read, where known." })
  url!: string | null;
}

export const JointLabConnection = Connection(JointLab, "JointLab");
export const LabProjectConnection = Connection(LabProject, "LabProject");
export const LabMilestoneConnection = Connection(LabMilestone, "LabMilestone");
