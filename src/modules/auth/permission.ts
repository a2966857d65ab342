import { sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { isPartyOn } from "../agreements/agreement-version.sql.js";
import { agreementVersions, agreements } from "../agreements/agreement.table.js";
import { TODAY } from "../../shared/today.js";
import { cooperationEvents } from "../events/event.table.js";
import { dispatches, experts } from "../experts/expert.table.js";
import { institutions } from "../institutions/institution.table.js";
import { telemedicineLinks } from "../telemedicine/telemedicine.table.js";
import { academicTerms, offerings } from "../education/curriculum.table.js";
import { courseResults } from "../education/result.table.js";
import { jointLabs, labMilestones, labProjects } from "../labs/lab.table.js";
import { cohorts, programs } from "../programs/program.table.js";
import { hostsPersonalData } from "../students/student.scope.js";
import { enrollments, students } from "../students/student.table.js";
import { webhookDeliveries, webhookEndpoints } from "../webhooks/webhook.table.js";
import type { RoleName, Viewer } from "./auth.roles.js";

// What a mutation may change, one permission per kind of change (immich's access model). Each rule says who
// may: PLATFORM_ADMIN always; a caller of one of `roles` when `scoped` holds for its institution; nobody else.
// `require-access.ts` checks a rule over a whole set of ids in one statement, or locks the rows and checks
// the rule in the same statement (`lockAndAuthorize`).
//
// The row rules are written as SQL over one row of their table, named by the table's own name (the
// statement selects from it unaliased), with aliased subqueries: drizzle leaves a column of a one-table
// select unqualified, and an unqualified "id" inside a subquery would be the subquery's own.

export const Permission = {
  /** ids: the parties (institutions). Admins of one of them: an admin records agreements its institution is party to. */
  AgreementCreate: "agreement.create",
  /** ids: agreements. Admins of an institution that is a party. */
  AgreementUpdate: "agreement.update",
  /** ids: agreements. Admins of an institution that is a party to the terms in force (a new version). */
  AgreementAmend: "agreement.amend",
  /** ids: agreement versions. Admins of an institution that is a party under that version (approve, withdraw an approval). */
  AgreementApprove: "agreement.approve",
  /** ids: host institutions. Admins of the host. */
  ProgramCreate: "program.create",
  /** ids: programs. Admins of the program's host. */
  ProgramUpdate: "program.update",
  /** ids: programs (a new cohort's program). Admins of the program's host. */
  CohortCreate: "cohort.create",
  /** ids: cohorts. Admins of the host of the cohort's program (capacity, names, advancing the year, progression and graduation of its students). */
  CohortUpdate: "cohort.update",
  /** ids: cohorts. Registrars of an institution that is a partner of the cohort's program. */
  CohortNominate: "cohort.nominate",
  /** ids: home institutions of students to register. Registrars of that institution. */
  StudentRegister: "student.register",
  /** ids: enrollments. Admins of the host of the enrollment's program (any move of the lifecycle). */
  EnrollmentMove: "enrollment.move",
  /**
   * ids: enrollments. Admins of the host, and registrars of the student's home institution; registrars of the
   * nominating institution of a merged nomination (another home's student) while it is still NOMINATED.
   */
  EnrollmentWithdraw: "enrollment.withdraw",
  /** ids: sending institutions. Coordinators and admins of the sender. */
  DispatchCreate: "dispatch.create",
  /** ids: dispatches. Coordinators and admins of the dispatch's sending institution. */
  DispatchUpdate: "dispatch.update",
  /** ids: joint labs. Research offices and admins of the lab's lead or a member institution. */
  LabProjectCreate: "labProject.create",
  /** ids: lab projects. The same, for the project's lab. */
  LabProjectUpdate: "labProject.update",
  /** ids: lab milestones. The same, for the lab of the milestone's project. */
  LabMilestoneUpdate: "labMilestone.update",
  /** ids: institutions. Admins of that institution (its own record; the hierarchy and kind are platform admins'). */
  InstitutionUpdate: "institution.update",
  /** ids: home institutions of new (or moved) experts. Coordinators and admins of that institution. */
  ExpertCreate: "expert.create",
  /** ids: experts. Coordinators and admins of the expert's home institution. */
  ExpertUpdate: "expert.update",
  /** ids: lead institutions of new labs. Research offices and admins of the lead. */
  JointLabCreate: "jointLab.create",
  /** ids: joint labs. Research offices and admins of the lab's lead institution. */
  JointLabUpdate: "jointLab.update",
  /** ids: the two hospitals of a new link (some). Admins of either hospital. */
  TelemedicineCreate: "telemedicine.create",
  /** ids: telemedicine links. Admins of either hospital of the link. */
  TelemedicineUpdate: "telemedicine.update",
  /** ids: institutions involved in a new event (some). Admins of one of them. */
  EventCreate: "event.create",
  /** ids: cooperation events. Admins of an institution involved. */
  EventUpdate: "event.update",
  /** ids: programs. Admins of the program's host (a new curriculum version). */
  CurriculumCreate: "curriculum.create",
  /** ids: institutions. Result staff (admins, registrars) of the institution: its academic terms. */
  TermCreate: "term.create",
  /** ids: academic terms. Result staff of the term's institution (closing it). */
  TermClose: "term.close",
  /** ids: offerings. Result staff of the institution teaching the offered unit. */
  ResultEnter: "result.enter",
  /** ids: course results. Result staff of the institution teaching the result's unit. */
  ResultCorrect: "result.correct",
  /** ids: enrollments. Admins of the host of the enrollment's program (recognition, a progression override, graduation). */
  RecordDecide: "record.decide",
  /** ids: students. Registrars of the student's home institution; admins of an institution hosting a program the student is enrolled in. */
  StudentCorrect: "student.correct",
  /** ids: institutions whose system an endpoint is. Admins of that institution. */
  WebhookCreate: "webhook.create",
  /** ids: webhook endpoints. Admins of the endpoint's institution (change, rotate its secret, delete). */
  WebhookUpdate: "webhook.update",
  /** ids: webhook deliveries. Admins of the institution of the delivery's endpoint (replay). */
  WebhookReplay: "webhook.replay",
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

interface RuleBase {
  /** Roles that may hold the permission at their institution (PLATFORM_ADMIN always holds it). */
  roles: readonly RoleName[];
  /** The FORBIDDEN message for a caller the rule refuses. */
  refusal: (v: Viewer) => string;
}

/** The ids are institutions and the caller must act for them: decided from the token, no statement. */
export interface InstitutionRule extends RuleBase {
  kind: "institution";
}

/** The ids are rows of `table`; the database decides, for all ids at once. */
export interface RowRule extends RuleBase {
  kind: "row";
  /** The global id type of the rows, for NOT_FOUND. */
  entity: string;
  table: PgTable;
  id: PgColumn;
  /** For a caller of one of `roles` at institution `inst`: a boolean SQL expression over one row. */
  scoped: (inst: number, role: RoleName) => SQL;
}

export type Rule = InstitutionRule | RowRule;

const is = (message: string) => () => message;

const programHostedBy = (program: SQL, inst: number) =>
  sql`exists (select 1 from programs p where p.id = ${program} and p.host_institution_id = ${inst})`;
const cohortHostedBy = (cohort: SQL, inst: number) =>
  sql`exists (select 1 from cohorts c join programs p on p.id = c.program_id where c.id = ${cohort} and p.host_institution_id = ${inst})`;
const labOf = (lab: SQL, inst: number) =>
  sql`exists (select 1 from joint_labs l where l.id = ${lab} and (l.lead_institution_id = ${inst} or exists (select 1 from joint_lab_members m where m.lab_id = l.id and m.institution_id = ${inst})))`;

const HOST_ADMINS: readonly RoleName[] = ["INSTITUTION_ADMIN"];
/** Who enters and corrects results and closes terms at a teaching institution: its admins and registrars. */
const RESULT_STAFF: readonly RoleName[] = ["INSTITUTION_ADMIN", "PARTNER_REGISTRAR"];
const teaches = (unit: SQL, inst: number) => sql`exists (select 1 from course_units cu where cu.id = ${unit} and cu.teaching_institution_id = ${inst})`;
const onlyTeachers = is("Only admins and registrars of the institution teaching the unit enter and correct its results");
const SENDERS: readonly RoleName[] = ["EXPERT_COORDINATOR", "INSTITUTION_ADMIN"];
const LAB_STAFF: readonly RoleName[] = ["RESEARCH_OFFICE", "INSTITUTION_ADMIN"];
/** Rows of programs, for admins of the program's host. */
const programHost = (refusal: string): RowRule => ({
  kind: "row",
  entity: "Program",
  table: programs,
  id: programs.id,
  roles: HOST_ADMINS,
  scoped: (inst) => sql`programs.host_institution_id = ${inst}`,
  refusal: is(refusal),
});
const onlySender = is("Only expert coordinators and admins of the sending institution manage its dispatches");
const onlyLabStaff = is("Only research offices and admins of an institution that leads the lab or is a member of it manage its projects");
const withdrawOnly = "A partner registrar may only withdraw its own students, and its nominations of another institution's student while still nominated";
const onlyHomeStaff = is("Only expert coordinators and admins of the expert's home institution manage its experts");
const onlyLead = is("Only research offices and admins of the lab's lead institution manage the lab");
const onlyEnds = is("Only admins of one of the two hospitals manage a telemedicine link");
const onlyOwnHooks = is("Only admins of the institution manage its webhook endpoints");
const onlyInvolved = is("Only admins of an institution involved manage a cooperation event");

export const RULES = {
  [Permission.AgreementCreate]: {
    kind: "institution",
    roles: HOST_ADMINS,
    refusal: is("An institution admin records agreements its own institution is party to"),
  },
  [Permission.AgreementUpdate]: {
    kind: "row",
    entity: "Agreement",
    table: agreements,
    id: agreements.id,
    roles: HOST_ADMINS,
    scoped: (inst) => isPartyOn(sql`agreements.id`, inst, TODAY),
    refusal: is("Only admins of a party change an agreement"),
  },
  [Permission.AgreementAmend]: {
    kind: "row",
    entity: "Agreement",
    table: agreements,
    id: agreements.id,
    roles: HOST_ADMINS,
    scoped: (inst) => isPartyOn(sql`agreements.id`, inst, TODAY),
    refusal: is("Only admins of a party propose an amendment"),
  },
  [Permission.AgreementApprove]: {
    kind: "row",
    entity: "AgreementVersion",
    table: agreementVersions,
    id: agreementVersions.id,
    roles: HOST_ADMINS,
    // The parties under the version and those under the terms in force: a party an amendment removes approves it too.
    scoped: (inst) => sql`(agreement_versions.content->'parties' @> jsonb_build_array(jsonb_build_object('institutionId', ${inst}::int))
      or exists (select 1 from agreement_parties ap where ap.agreement_id = agreement_versions.agreement_id and ap.institution_id = ${inst}::int))`,
    refusal: is("Only admins of a party under this version or under the terms in force approve it or withdraw an approval"),
  },
  [Permission.ProgramCreate]: { kind: "institution", roles: HOST_ADMINS, refusal: is("Only admins of the host institution create its programs") },
  [Permission.ProgramUpdate]: programHost("Only admins of the host institution change its programs"),
  [Permission.CohortCreate]: programHost("Only admins of the host institution create its cohorts"),
  [Permission.CohortUpdate]: {
    kind: "row",
    entity: "Cohort",
    table: cohorts,
    id: cohorts.id,
    roles: HOST_ADMINS,
    scoped: (inst) => programHostedBy(sql`cohorts.program_id`, inst),
    refusal: is("Only admins of the host institution change its cohorts"),
  },
  [Permission.CohortNominate]: {
    kind: "row",
    entity: "Cohort",
    table: cohorts,
    id: cohorts.id,
    roles: ["PARTNER_REGISTRAR"],
    scoped: (inst) => sql`exists (select 1 from program_partners pp where pp.program_id = cohorts.program_id and pp.institution_id = ${inst})`,
    refusal: is("Your institution is not a partner of this cohort's program"),
  },
  [Permission.StudentRegister]: { kind: "institution", roles: ["PARTNER_REGISTRAR"], refusal: is("A registrar registers students of its own institution only") },
  [Permission.EnrollmentMove]: {
    kind: "row",
    entity: "Enrollment",
    table: enrollments,
    id: enrollments.id,
    roles: HOST_ADMINS,
    scoped: (inst) => cohortHostedBy(sql`enrollments.cohort_id`, inst),
    refusal: (v) => (v.role === "PARTNER_REGISTRAR" ? withdrawOnly : "Only admins of the host institution move enrollments of its programs"),
  },
  [Permission.EnrollmentWithdraw]: {
    kind: "row",
    entity: "Enrollment",
    table: enrollments,
    id: enrollments.id,
    roles: ["INSTITUTION_ADMIN", "PARTNER_REGISTRAR"],
    scoped: (inst, role) =>
      role === "PARTNER_REGISTRAR"
        ? sql`(exists (select 1 from students s where s.id = enrollments.student_id and s.home_institution_id = ${inst})
            or (enrollments.nominated_by_institution_id = ${inst} and enrollments.status = 'NOMINATED'))`
        : cohortHostedBy(sql`enrollments.cohort_id`, inst),
    refusal: (v) => (v.role === "PARTNER_REGISTRAR" ? withdrawOnly : "Only admins of the host institution move enrollments of its programs"),
  },
  [Permission.DispatchCreate]: { kind: "institution", roles: SENDERS, refusal: onlySender },
  [Permission.DispatchUpdate]: {
    kind: "row",
    entity: "Dispatch",
    table: dispatches,
    id: dispatches.id,
    roles: SENDERS,
    scoped: (inst) => sql`dispatches.sending_institution_id = ${inst}`,
    refusal: onlySender,
  },
  [Permission.LabProjectCreate]: {
    kind: "row",
    entity: "JointLab",
    table: jointLabs,
    id: jointLabs.id,
    roles: LAB_STAFF,
    scoped: (inst) => labOf(sql`joint_labs.id`, inst),
    refusal: onlyLabStaff,
  },
  [Permission.LabProjectUpdate]: {
    kind: "row",
    entity: "LabProject",
    table: labProjects,
    id: labProjects.id,
    roles: LAB_STAFF,
    scoped: (inst) => labOf(sql`lab_projects.lab_id`, inst),
    refusal: onlyLabStaff,
  },
  [Permission.LabMilestoneUpdate]: {
    kind: "row",
    entity: "LabMilestone",
    table: labMilestones,
    id: labMilestones.id,
    roles: LAB_STAFF,
    scoped: (inst) => labOf(sql`(select pr.lab_id from lab_projects pr where pr.id = lab_milestones.project_id)`, inst),
    refusal: onlyLabStaff,
  },
  [Permission.InstitutionUpdate]: {
    kind: "row",
    entity: "Institution",
    table: institutions,
    id: institutions.id,
    roles: HOST_ADMINS,
    scoped: (inst) => sql`institutions.id = ${inst}`,
    refusal: is("An institution admin changes its own institution's record only"),
  },
  [Permission.ExpertCreate]: { kind: "institution", roles: SENDERS, refusal: onlyHomeStaff },
  [Permission.ExpertUpdate]: {
    kind: "row",
    entity: "Expert",
    table: experts,
    id: experts.id,
    roles: SENDERS,
    scoped: (inst) => sql`experts.home_institution_id = ${inst}`,
    refusal: onlyHomeStaff,
  },
  [Permission.JointLabCreate]: { kind: "institution", roles: LAB_STAFF, refusal: onlyLead },
  [Permission.JointLabUpdate]: {
    kind: "row",
    entity: "JointLab",
    table: jointLabs,
    id: jointLabs.id,
    roles: LAB_STAFF,
    scoped: (inst) => sql`joint_labs.lead_institution_id = ${inst}`,
    refusal: onlyLead,
  },
  [Permission.TelemedicineCreate]: { kind: "institution", roles: HOST_ADMINS, refusal: onlyEnds },
  [Permission.TelemedicineUpdate]: {
    kind: "row",
    entity: "TelemedicineLink",
    table: telemedicineLinks,
    id: telemedicineLinks.id,
    roles: HOST_ADMINS,
    scoped: (inst) => sql`(telemedicine_links.xinjiang_hospital_id = ${inst} or telemedicine_links.partner_hospital_id = ${inst})`,
    refusal: onlyEnds,
  },
  [Permission.EventCreate]: { kind: "institution", roles: HOST_ADMINS, refusal: onlyInvolved },
  [Permission.EventUpdate]: {
    kind: "row",
    entity: "CooperationEvent",
    table: cooperationEvents,
    id: cooperationEvents.id,
    roles: HOST_ADMINS,
    scoped: (inst) => sql`exists (select 1 from cooperation_event_institutions ei where ei.event_id = cooperation_events.id and ei.institution_id = ${inst})`,
    refusal: onlyInvolved,
  },
  [Permission.CurriculumCreate]: programHost("Only admins of the host institution change its curricula"),
  [Permission.TermCreate]: { kind: "institution", roles: RESULT_STAFF, refusal: is("Admins and registrars manage their own institution's terms only") },
  [Permission.TermClose]: {
    kind: "row",
    entity: "AcademicTerm",
    table: academicTerms,
    id: academicTerms.id,
    roles: RESULT_STAFF,
    scoped: (inst) => sql`academic_terms.institution_id = ${inst}`,
    refusal: is("Admins and registrars close their own institution's terms only"),
  },
  [Permission.ResultEnter]: {
    kind: "row",
    entity: "Offering",
    table: offerings,
    id: offerings.id,
    roles: RESULT_STAFF,
    scoped: (inst) => teaches(sql`offerings.unit_id`, inst),
    refusal: onlyTeachers,
  },
  [Permission.ResultCorrect]: {
    kind: "row",
    entity: "CourseResult",
    table: courseResults,
    id: courseResults.id,
    roles: RESULT_STAFF,
    scoped: (inst) => teaches(sql`course_results.unit_id`, inst),
    refusal: onlyTeachers,
  },
  [Permission.RecordDecide]: {
    kind: "row",
    entity: "Enrollment",
    table: enrollments,
    id: enrollments.id,
    roles: HOST_ADMINS,
    scoped: (inst) => cohortHostedBy(sql`enrollments.cohort_id`, inst),
    refusal: is("Only admins of the host institution decide on its students' records"),
  },
  [Permission.StudentCorrect]: {
    kind: "row",
    entity: "Student",
    table: students,
    id: students.id,
    roles: ["PARTNER_REGISTRAR", "INSTITUTION_ADMIN"],
    scoped: (inst, role) =>
      role === "PARTNER_REGISTRAR"
        ? sql`students.home_institution_id = ${inst}`
        : hostsPersonalData(students, inst), // the personal-data rule's host part: not once the nomination ended unadmitted (rejected, withdrawn while nominated)
    refusal: is("Only registrars of the student's home institution and admins of a host institution correct a student's personal data"),
  },
  [Permission.WebhookCreate]: { kind: "institution", roles: HOST_ADMINS, refusal: onlyOwnHooks },
  [Permission.WebhookUpdate]: {
    kind: "row",
    entity: "WebhookEndpoint",
    table: webhookEndpoints,
    id: webhookEndpoints.id,
    roles: HOST_ADMINS,
    scoped: (inst) => sql`webhook_endpoints.institution_id = ${inst}`,
    refusal: onlyOwnHooks,
  },
  [Permission.WebhookReplay]: {
    kind: "row",
    entity: "WebhookDelivery",
    table: webhookDeliveries,
    id: webhookDeliveries.id,
    roles: HOST_ADMINS,
    scoped: (inst) => sql`exists (select 1 from webhook_endpoints we where we.id = webhook_deliveries.endpoint_id and we.institution_id = ${inst})`,
    refusal: onlyOwnHooks,
  },
} satisfies Record<Permission, Rule>;

/** The roles that may hold a permission somewhere: the role gate a mutation checks before its input. */
export const rolesOf = (p: Permission): readonly RoleName[] => RULES[p].roles;

/**
 * The rule for this caller as one SQL boolean over a row: true for platform admins, false for a role the
 * permission does not name (the row is still read, so a missing id answers NOT_FOUND before FORBIDDEN).
 */
export function ruleFor(rule: RowRule, v: Viewer): SQL {
  if (v.role === "PLATFORM_ADMIN") return sql`true`;
  if (!rule.roles.includes(v.role) || v.institutionId == null) return sql`false`;
  return rule.scoped(v.institutionId, v.role);
}

/** An institution rule for this caller: may it act for institution `id`? */
export function actsFor(rule: InstitutionRule, v: Viewer, id: number): boolean {
  if (v.role === "PLATFORM_ADMIN") return true;
  return rule.roles.includes(v.role) && v.institutionId === id;
}
