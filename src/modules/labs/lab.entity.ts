import { inArray, sql } from "drizzle-orm";
import { LocalDateResolver } from "graphql-scalars";
import { ID } from "type-graphql";
import { connection, entity, expr, extend, list, one, rootConnection, type FieldMeta } from "../../engine/entity.js";
import { PageArgsType } from "../../shared/connection.type.js";
import { localizedNamesField } from "../../shared/localized.field.js";
import { Agreement, FocusArea } from "../agreements/agreement.type.js";
import { Expert } from "../experts/expert.type.js";
import { institutions } from "../institutions/institution.table.js";
import { Institution } from "../institutions/institution.type.js";
import { JointLabFilter, LabProjectFilter } from "./lab.input.js";
import { jointLabOrdering, jointLabWhere, labProjectOrdering, labProjectWhere, milestoneOrdering, overdueMilestoneWhere, TODAY } from "./lab.service.js";
import { jointLabFocusAreas, jointLabMembers, jointLabs, labMilestones, labOutputs, labProjectParticipants, labProjects, type LabProjectRow } from "./lab.table.js";
import {
  JointLab,
  JointLabConnection,
  JointLabMembership,
  LabMilestone,
  LabMilestoneConnection,
  LabOutput,
  LabProject,
  LabProjectConnection,
  LabProjectParticipant,
  ProjectStatus,
} from "./lab.type.js";

// Joint labs, their projects, participants, milestones and outputs: public reference data (no scope).
// Changes authorize in project.service.ts.

const pageArgs = { argsType: () => PageArgsType };
const byId = (type: () => unknown, what: string): FieldMeta => ({ type, nullable: true, description: `One ${what} by id; null when there is none.`, args: { id: { type: () => ID, description: "Global id." } } });

// A row of joint_lab_members (keyed by lab and institution: no key of its own), read under its lab.
entity({
  name: "JointLabMembership",
  type: () => JointLabMembership,
  table: jointLabMembers,
  node: false,
  fields: { institution: one("Institution", "institutionId", { type: () => Institution, description: "The member institution." }) },
});

entity({
  name: "JointLab",
  type: () => JointLab,
  table: jointLabs,
  key: "id",
  node: true,
  fields: {
    names: localizedNamesField("nameEn", "Names in every language held, English first."),
    leadInstitution: one("Institution", "leadInstitutionId", { type: () => Institution, description: "The institution that leads the lab." }),
    members: list<typeof institutions>("Institution", {
      through: { table: jointLabMembers, from: jointLabMembers.labId, to: jointLabMembers.institutionId },
      orderBy: (t) => [t.id],
      meta: { type: () => [Institution], description: "Member institutions, by id (the lead is given by leadInstitution)." },
    }),
    memberships: list<typeof jointLabMembers>("JointLabMembership", {
      via: "labId",
      orderBy: (t) => [t.institutionId],
      meta: { type: () => [JointLabMembership], description: "Member institutions with their roles, by institution id." },
    }),
    // In the enum's order (the order of the old loader: by area).
    focusAreas: expr<typeof jointLabs>(
      (t) => sql`array(select ${jointLabFocusAreas.area} from ${jointLabFocusAreas} where ${jointLabFocusAreas.labId} = ${t.id} order by ${jointLabFocusAreas.area})`,
      { type: () => [FocusArea], description: "Its focus areas." },
    ),
    agreement: one("Agreement", "agreementId", { type: () => Agreement, nullable: true, description: "The agreement that founded the lab, where known." }),
    projects: connection<typeof labProjects>("LabProject", {
      via: "labId",
      ordering: labProjectOrdering as never,
      where: (t, args) => {
        const statuses = args.statuses as LabProjectRow["status"][] | null | undefined;
        return statuses?.length ? inArray(t.status, statuses) : undefined;
      },
      meta: {
        type: () => LabProjectConnection,
        description: "Its projects, by id (the order they were recorded in).",
        ...pageArgs,
        args: { statuses: { type: () => [ProjectStatus], nullable: true, description: "Only projects in one of these statuses." } },
      },
    }),
  },
  roots: {
    jointLabs: rootConnection<typeof jointLabs>(
      jointLabOrdering as never,
      { type: () => JointLabConnection, description: "Joint labs, by English name then id.", ...pageArgs, args: { filter: { type: () => JointLabFilter, nullable: true, description: "Which joint labs: every condition given must hold; none given, every lab." } } },
      (t, args) => jointLabWhere(t, args.filter as JointLabFilter | null),
    ),
    jointLab: { kind: "byId", arg: "id", meta: byId(() => JointLab, "joint lab") },
  },
});

entity({
  name: "LabProject",
  type: () => LabProject,
  table: labProjects,
  key: "id",
  node: true,
  fields: {
    // Exact decimal text (numeric's own text form), not a JSON number.
    fundingAmount: expr<typeof labProjects>((t) => sql`(${t.fundingAmount})::text`, undefined, true),
    lab: one("JointLab", "labId", { type: () => JointLab, description: "The joint lab the project belongs to." }),
    principalInvestigator: one("Expert", "principalInvestigatorId", { type: () => Expert, description: "The principal investigator." }),
    participants: list<typeof labProjectParticipants>("LabProjectParticipant", {
      via: "projectId",
      orderBy: (t) => [t.role, t.expertId],
      meta: { type: () => [LabProjectParticipant], description: "The other people on the project, by role." },
    }),
    milestones: list<typeof labMilestones>("LabMilestone", {
      via: "projectId",
      orderBy: (t) => [t.dueOn, t.id],
      meta: { type: () => [LabMilestone], description: "Its milestones, by due date then id." },
    }),
    // Undated last: PostgreSQL sorts NULLs last in ascending order.
    outputs: list<typeof labOutputs>("LabOutput", {
      via: "projectId",
      orderBy: (t) => [t.publishedOn, t.id],
      meta: { type: () => [LabOutput], description: "Its publications, patents and guidelines, oldest first (undated last)." },
    }),
  },
  roots: {
    labProjects: rootConnection<typeof labProjects>(
      labProjectOrdering as never,
      { type: () => LabProjectConnection, description: "Lab projects, by lab then id.", ...pageArgs, args: { filter: { type: () => LabProjectFilter, nullable: true, description: "Which projects: every condition given must hold; none given, every project." } } },
      (t, args) => labProjectWhere(t, args.filter as LabProjectFilter | null),
    ),
    labProject: { kind: "byId", arg: "id", meta: byId(() => LabProject, "lab project") },
  },
});

// A row of lab_project_participants (keyed by project and expert: no key of its own), read under its project.
entity({
  name: "LabProjectParticipant",
  type: () => LabProjectParticipant,
  table: labProjectParticipants,
  node: false,
  fields: { expert: one("Expert", "expertId", { type: () => Expert, description: "The expert." }) },
});

entity({
  name: "LabMilestone",
  type: () => LabMilestone,
  table: labMilestones,
  key: "id",
  node: true,
  fields: {
    overdue: expr<typeof labMilestones>((t) => sql`(${t.doneOn} is null and ${t.dueOn} < ${TODAY})`, {
      type: () => Boolean,
      description: "True when not done and due before today (UTC).",
    }),
    project: one("LabProject", "projectId", { type: () => LabProject, description: "The project the milestone belongs to." }),
  },
  roots: {
    overdueMilestones: rootConnection<typeof labMilestones>(
      milestoneOrdering as never,
      {
        type: () => LabMilestoneConnection,
        description:
          "Open milestones (not done) due before asOf, by due date then id. Milestones of COMPLETED or CANCELLED projects are left out: those projects have nothing overdue.",
        ...pageArgs,
        args: {
          asOf: { type: () => LocalDateResolver, nullable: true, description: "The day to measure against; today (UTC) when not given." },
          labId: { type: () => ID, nullable: true, description: "Only milestones of this joint lab's projects." },
        },
      },
      (t, args) => overdueMilestoneWhere(t, args.asOf as string | null | undefined, args.labId as string | null | undefined),
    ),
  },
});

entity({ name: "LabOutput", type: () => LabOutput, table: labOutputs, key: "id", node: false });

// Lab fields on other types (relation fields live in the module of the type they return).
extend("Institution", {
  labs: list<typeof jointLabs>("JointLab", {
    on: (t, inst) =>
      sql`(${t.leadInstitutionId} = ${inst} or ${t.id} in (select ${jointLabMembers.labId} from ${jointLabMembers} where ${jointLabMembers.institutionId} = ${inst}))`,
    orderBy: (t) => [t.nameEn, t.id],
    meta: { type: () => [JointLab], description: "Joint labs this institution leads or is a member of, by English name then id." },
  }),
});

extend("Expert", {
  labProjects: list<typeof labProjects>("LabProject", {
    on: (t, expert) =>
      sql`(${t.principalInvestigatorId} = ${expert} or ${t.id} in (select ${labProjectParticipants.projectId} from ${labProjectParticipants} where ${labProjectParticipants.expertId} = ${expert}))`,
    orderBy: (t) => [t.id],
    meta: { type: () => [LabProject], description: "Lab projects the expert leads (as principal investigator) or takes part in, by id." },
  }),
});
