import { sql } from "drizzle-orm";
import { boolean, char, check, date, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { focusArea } from "../../db/enums.table.js";
import { agreements } from "../agreements/agreement.table.js";
import { experts } from "../experts/expert.table.js";
import { institutions } from "../institutions/institution.table.js";

export const jointLabs = pgTable(
  "joint_labs",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull().unique(),
    nameEn: text().notNull(),
    names: jsonb().$type<Record<string, string>>().notNull().default({}),
    leadInstitutionId: integer()
      .notNull()
      .references(() => institutions.id),
    agreementId: integer().references(() => agreements.id),
    establishedOn: date(),
    description: text(),
    illustrative: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.leadInstitutionId), index().on(t.agreementId), index().on(t.nameEn, t.id)],
);

export const labMemberRole = pgEnum("lab_member_role", ["CO_LEAD", "MEMBER", "ASSOCIATE"]);

export const jointLabMembers = pgTable(
  "joint_lab_members",
  {
    labId: integer()
      .notNull()
      .references(() => jointLabs.id, { onDelete: "cascade" }),
    institutionId: integer()
      .notNull()
      .references(() => institutions.id),
    role: labMemberRole().notNull().default("MEMBER"),
  },
  (t) => [primaryKey({ columns: [t.labId, t.institutionId] }), index().on(t.institutionId)],
);

export const jointLabFocusAreas = pgTable(
  "joint_lab_focus_areas",
  {
    labId: integer()
      .notNull()
      .references(() => jointLabs.id, { onDelete: "cascade" }),
    area: focusArea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.labId, t.area] }), index().on(t.area)],
);

export const projectStatus = pgEnum("project_status", ["PROPOSED", "ACTIVE", "ON_HOLD", "COMPLETED", "CANCELLED"]);

export const labProjects = pgTable(
  "lab_projects",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull().unique(),
    labId: integer()
      .notNull()
      .references(() => jointLabs.id),
    title: text().notNull(),
    status: projectStatus().notNull().default("PROPOSED"),
    principalInvestigatorId: integer()
      .notNull()
      .references(() => experts.id),
    startDate: date(),
    endDate: date(),
    fundingAmount: numeric({ precision: 14, scale: 2 }),
    fundingCurrency: char({ length: 3 }),
    funder: text(),
    illustrative: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.labId, t.id),
    index().on(t.principalInvestigatorId),
    index().on(t.status),
    check("lab_projects_dates_order", sql`${t.endDate} IS NULL OR ${t.startDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
    check("lab_projects_funding", sql`${t.fundingAmount} IS NULL OR (${t.fundingAmount} >= 0 AND ${t.fundingCurrency} IS NOT NULL)`),
  ],
);

export const participantRole = pgEnum("participant_role", ["CO_INVESTIGATOR", "RESEARCHER", "TECHNICIAN", "STUDENT"]);

export const labProjectParticipants = pgTable(
  "lab_project_participants",
  {
    projectId: integer()
      .notNull()
      .references(() => labProjects.id, { onDelete: "cascade" }),
    expertId: integer()
      .notNull()
      .references(() => experts.id),
    role: participantRole().notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.expertId] }), index().on(t.expertId)],
);

export const labMilestones = pgTable(
  "lab_milestones",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => labProjects.id, { onDelete: "cascade" }),
    title: text().notNull(),
    dueOn: date().notNull(),
    doneOn: date(),
  },
  (t) => [
    index().on(t.projectId, t.dueOn),
    // Overdue-milestone lookups scan only the open ones.
    index("lab_milestones_open_due_idx").on(t.dueOn).where(sql`${t.doneOn} IS NULL`),
  ],
);

export const outputKind = pgEnum("output_kind", ["PUBLICATION", "PATENT", "GUIDELINE"]);

export const labOutputs = pgTable(
  "lab_outputs",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => labProjects.id, { onDelete: "cascade" }),
    kind: outputKind().notNull(),
    title: text().notNull(),
    doi: text(),
    publishedOn: date(),
    url: text(),
  },
  (t) => [
    index().on(t.projectId),
    // Crossref's pattern for modern DOIs
    check("lab_outputs_doi_format", sql`${t.doi} IS NULL OR ${t.doi} ~* '^10\\.[0-9]{4,9}/[-._()/:a-z0-9]+$'`),
  ],
);

export type JointLabRow = typeof jointLabs.$inferSelect;
export type LabProjectRow = typeof labProjects.$inferSelect;
export type LabParticipantRow = typeof labProjectParticipants.$inferSelect;
export type LabMilestoneRow = typeof labMilestones.$inferSelect;
export type LabOutputRow = typeof labOutputs.$inferSelect;
