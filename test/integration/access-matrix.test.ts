import { eq, inArray, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { academicTerms, cohorts, enrollments, programs, progressionDecisions, students } from "../../src/db/schema.js";
import type { RoleName, Viewer } from "../../src/modules/auth/auth.roles.js";
import { allEntities } from "../../src/engine/entity.js";
import { outOfScope } from "../../src/engine/run.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { studentRow } from "../factories/joint-program.js";
import { buildWorld, type World } from "../factories/world.js";
import { describeEachEngine } from "../helpers/engines.js";

// Every mutation × every role × the institution concerned ("own") or another one ("other"):
// allowed ones succeed, denied ones answer FORBIDDEN (UNAUTHENTICATED without a token).

let seq = 0;

type Scope = "student" | "host" | "sender" | "lab" | "teaching";
/**
 * The institution a mutation concerns, by scope: the partner for registration, the host for programs, the
 * institution teaching a unit (neither the student's home nor the host) for results…
 */
const ownOf = (w: World, scope: Scope) => ({ student: w.jp.partner, host: w.jp.host, sender: w.pp.inst.sender, lab: w.pp.inst.sender, teaching: w.edu.teacher })[scope];

interface Case {
  mutation: string;
  inputType: string;
  scope: Scope;
  /** Roles allowed at the institution concerned (PLATFORM_ADMIN is always allowed). */
  allowed: RoleName[];
  input: (w: World, v: Viewer) => Record<string, unknown>;
  /** What the world needs besides for the mutation to go through, done once it is built. */
  prepare?: (db: Db, w: World) => Promise<void>;
}

/** Year 1 of the world's cohort is over: its terms ended yesterday (a year is measured once over). */
async function yearOneOver(db: Db, w: World) {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await db.update(academicTerms).set({ startDate: "2025-09-01", endDate: yesterday }).where(inArray(academicTerms.id, [w.edu.terms.host, w.edu.terms.teacher]));
}

/** The cohort in its program's final year (a cohort graduates only from it). */
async function finalYear(db: Db, w: World) {
  await db.update(cohorts).set({ currentYearOfStudy: sql`(select ${programs.lengthYears} from ${programs} where ${programs.id} = ${cohorts.programId})` }).where(eq(cohorts.id, w.jp.cohortId));
}

/** The fresh student held back in year 1 of a cohort now in year 2 (what an override moves on). */
async function heldBack(db: Db, w: World) {
  await db.update(cohorts).set({ currentYearOfStudy: 2 }).where(eq(cohorts.id, w.jp.cohortId));
  await db.update(enrollments).set({ yearOfStudy: 1 }).where(eq(enrollments.id, w.edu.freshEnrollment));
  await db.insert(progressionDecisions).values({ enrollmentId: w.edu.freshEnrollment, kind: "HELD_BACK", fromYear: 1, creditsEarned: 0, creditsRequired: 20, missingUnits: ["HOST1", "TEACH1"], decidedBy: "matrix" });
}

/**
 * The teacher's spring term a year later: TEACH1 is offered in the term under way, and a unit is offered to a
 * cohort once an academic year (a resit the next year in that year's term).
 */
async function springNextYear(db: Db, w: World) {
  await db
    .update(academicTerms)
    .set({ academicYear: sql`${academicTerms.academicYear} + 1`, startDate: sql`${academicTerms.startDate} + 365`, endDate: sql`${academicTerms.endDate} + 365` })
    .where(eq(academicTerms.id, w.edu.terms.teacherSpring));
}

const u = () => `${Date.now().toString(36)}${++seq}`;
const CASES: Case[] = [
  { mutation: "registerStudent", inputType: "RegisterStudentInput", scope: "student", allowed: ["PARTNER_REGISTRAR"],
    input: (w, v) => ({ cohortId: w.jp.ids.cohort, student: studentRow(), homeInstitutionId: v.role === "PLATFORM_ADMIN" ? w.jp.ids.partner : undefined }) },
  { mutation: "registerStudents", inputType: "RegisterStudentsInput", scope: "student", allowed: ["PARTNER_REGISTRAR"],
    input: (w, v) => ({ cohortId: w.jp.ids.cohort, students: [studentRow()], homeInstitutionId: v.role === "PLATFORM_ADMIN" ? w.jp.ids.partner : undefined }) },
  { mutation: "transitionEnrollment", inputType: "TransitionEnrollmentInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ enrollmentId: w.enrollment, to: "ADMITTED" }) },
  { mutation: "advanceCohortYear", inputType: "AdvanceCohortYearInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ cohortId: w.jp.ids.cohort }), prepare: yearOneOver },
  { mutation: "createAgreement", inputType: "CreateAgreementInput", scope: "host", allowed: ["INSTITUTION_ADMIN"],
    input: (w) => ({ code: `AG-${u()}`, title: "New", focusAreas: ["TCM"], parties: [{ institutionId: w.jp.ids.host, role: "HOST" }, { institutionId: w.jp.ids.partner, role: "PARTNER" }] }) },
  { mutation: "updateAgreement", inputType: "UpdateAgreementInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ agreementId: w.agreement, placesPerYear: 12 }) },
  { mutation: "proposeAgreementAmendment", inputType: "ProposeAgreementAmendmentInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ agreementId: w.agreement, placesPerYear: 15 }) },
  // The world's version 2 has the host's approval: the partner's completes it; the host withdraws its own.
  { mutation: "approveAgreementVersion", inputType: "ApproveAgreementVersionInput", scope: "student", allowed: ["INSTITUTION_ADMIN"],
    input: (w, v) => ({ versionId: w.version, contentHash: w.versionHash, institutionId: v.role === "PLATFORM_ADMIN" ? w.jp.ids.partner : undefined }) },
  { mutation: "withdrawAgreementApproval", inputType: "WithdrawAgreementApprovalInput", scope: "host", allowed: ["INSTITUTION_ADMIN"],
    input: (w, v) => ({ versionId: w.version, reason: "terms under review", institutionId: v.role === "PLATFORM_ADMIN" ? w.jp.ids.host : undefined }) },
  { mutation: "createProgram", inputType: "CreateProgramInput", scope: "host", allowed: ["INSTITUTION_ADMIN"],
    input: (w) => ({ code: `P-${u()}`, titleEn: "Nursing", hostInstitutionId: w.jp.ids.host, level: "BACHELOR", iscedField: "0913", lengthYears: 4, teachingLanguages: ["en"], launchYear: 2026 }) },
  { mutation: "updateProgram", inputType: "UpdateProgramInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ programId: w.jp.ids.program, titleEn: "Renamed" }) },
  { mutation: "createCohort", inputType: "CreateCohortInput", scope: "host", allowed: ["INSTITUTION_ADMIN"],
    input: (w) => ({ programId: w.jp.ids.program, intakeYear: 2027, name: "2027", capacity: 5, startDate: "2027-09-01", expectedGraduation: "2032-07-01" }) },
  { mutation: "updateCohort", inputType: "UpdateCohortInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ cohortId: w.jp.ids.cohort, capacity: 40 }) },
  { mutation: "createDispatch", inputType: "CreateDispatchInput", scope: "sender", allowed: ["EXPERT_COORDINATOR", "INSTITUTION_ADMIN"],
    input: (w) => ({ title: "Training", sendingInstitutionId: w.pp.ids.sender, hostInstitutionId: w.pp.ids.host, startDate: "2031-01-01", endDate: "2031-01-05", purposes: ["TECHNICAL_TRAINING"], team: [{ expertId: w.pp.ids.b, role: "LEAD" }] }) },
  { mutation: "addDispatchMembers", inputType: "AddDispatchMembersInput", scope: "sender", allowed: ["EXPERT_COORDINATOR", "INSTITUTION_ADMIN"], input: (w) => ({ dispatchId: w.dispatch, expertIds: [w.pp.ids.c] }) },
  { mutation: "startDispatch", inputType: "StartDispatchInput", scope: "sender", allowed: ["EXPERT_COORDINATOR", "INSTITUTION_ADMIN"], input: (w) => ({ dispatchId: w.dispatch }) },
  { mutation: "completeDispatch", inputType: "CompleteDispatchInput", scope: "sender", allowed: ["EXPERT_COORDINATOR", "INSTITUTION_ADMIN"], input: (w) => ({ dispatchId: w.dispatch, casesSeen: 3, peopleTrained: 9 }) },
  { mutation: "cancelDispatch", inputType: "CancelDispatchInput", scope: "sender", allowed: ["EXPERT_COORDINATOR", "INSTITUTION_ADMIN"], input: (w) => ({ dispatchId: w.dispatch, reason: "postponed" }) },
  { mutation: "createLabProject", inputType: "CreateLabProjectInput", scope: "lab", allowed: ["RESEARCH_OFFICE", "INSTITUTION_ADMIN"], input: (w) => ({ labId: w.pp.ids.lab, title: "Biologics", principalInvestigatorId: w.pp.ids.a }) },
  { mutation: "updateLabProject", inputType: "UpdateLabProjectInput", scope: "lab", allowed: ["RESEARCH_OFFICE", "INSTITUTION_ADMIN"], input: (w) => ({ projectId: w.project, title: "Renamed" }) },
  { mutation: "transitionLabProject", inputType: "TransitionLabProjectInput", scope: "lab", allowed: ["RESEARCH_OFFICE", "INSTITUTION_ADMIN"], input: (w) => ({ projectId: w.project, to: "ACTIVE" }) },
  { mutation: "addLabProjectParticipant", inputType: "AddLabProjectParticipantInput", scope: "lab", allowed: ["RESEARCH_OFFICE", "INSTITUTION_ADMIN"], input: (w) => ({ projectId: w.project, expertId: w.pp.ids.b, role: "RESEARCHER" }) },
  { mutation: "addLabMilestone", inputType: "AddLabMilestoneInput", scope: "lab", allowed: ["RESEARCH_OFFICE", "INSTITUTION_ADMIN"], input: (w) => ({ projectId: w.project, title: "Report", dueOn: "2027-01-01" }) },
  { mutation: "completeLabMilestone", inputType: "CompleteLabMilestoneInput", scope: "lab", allowed: ["RESEARCH_OFFICE", "INSTITUTION_ADMIN"], input: (w) => ({ milestoneId: w.milestone }) },
  { mutation: "resolveIdentityReview", inputType: "ResolveIdentityReviewInput", scope: "student", allowed: [], input: (w) => ({ reviewId: w.review, decision: "REJECT" }) },
  { mutation: "createInstitution", inputType: "CreateInstitutionInput", scope: "host", allowed: [],
    input: () => ({ slug: `inst-${u()}`, kind: "HOSPITAL", nameEn: "New Hospital", countryCode: "KZ", names: [{ language: "ru", text: "Новая больница" }] }) },
  { mutation: "updateInstitution", inputType: "UpdateInstitutionInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ institutionId: w.jp.ids.host, city: "Ürümqi" }) },
  { mutation: "deactivateInstitution", inputType: "DeactivateInstitutionInput", scope: "host", allowed: [], input: (w) => ({ institutionId: w.jp.ids.host, reason: "merged" }) },
  { mutation: "createExpert", inputType: "CreateExpertInput", scope: "sender", allowed: ["EXPERT_COORDINATOR", "INSTITUTION_ADMIN"],
    input: (w) => ({ familyName: "Li", givenNames: "Wei", specialty: "Oncology", homeInstitutionId: w.pp.ids.sender }) },
  { mutation: "updateExpert", inputType: "UpdateExpertInput", scope: "sender", allowed: ["EXPERT_COORDINATOR", "INSTITUTION_ADMIN"], input: (w) => ({ expertId: w.pp.ids.a, specialty: "Interventional cardiology" }) },
  { mutation: "deactivateExpert", inputType: "DeactivateExpertInput", scope: "sender", allowed: ["EXPERT_COORDINATOR", "INSTITUTION_ADMIN"], input: (w) => ({ expertId: w.pp.ids.a }) },
  { mutation: "createJointLab", inputType: "CreateJointLabInput", scope: "lab", allowed: ["RESEARCH_OFFICE", "INSTITUTION_ADMIN"],
    input: (w) => ({ nameEn: "Biologics lab", leadInstitutionId: w.pp.ids.sender, members: [{ institutionId: w.pp.ids.host, role: "CO_LEAD" }], focusAreas: ["JOINT_RESEARCH"] }) },
  { mutation: "updateJointLab", inputType: "UpdateJointLabInput", scope: "lab", allowed: ["RESEARCH_OFFICE", "INSTITUTION_ADMIN"], input: (w) => ({ jointLabId: w.pp.ids.lab, description: "Natural medicines" }) },
  { mutation: "createTelemedicineLink", inputType: "CreateTelemedicineLinkInput", scope: "host", allowed: ["INSTITUTION_ADMIN"],
    input: (w) => ({ xinjiangHospitalId: w.jp.ids.host, partnerHospitalId: w.pp.ids.host, since: "2025-03-01" }) },
  { mutation: "endTelemedicineLink", inputType: "EndTelemedicineLinkInput", scope: "sender", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ linkId: w.link, endedOn: "2025-12-31" }) },
  { mutation: "createCooperationEvent", inputType: "CreateCooperationEventInput", scope: "host", allowed: ["INSTITUTION_ADMIN"],
    input: (w) => ({ kind: "CONSULTATION_DAY", title: "Free consultation day", occurredOn: "2025-11-10", institutionIds: [w.jp.ids.host], countryCodes: ["KZ"] }) },
  { mutation: "updateCooperationEvent", inputType: "UpdateCooperationEventInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ eventId: w.event, title: "Renamed" }) },
  { mutation: "correctStudent", inputType: "CorrectStudentInput", scope: "student", allowed: ["PARTNER_REGISTRAR"],
    // Not the passport number: platform admins only, whoever may correct the rest (student-privacy-links.test.ts).
    input: (w) => ({ studentId: w.student, email: `renewed.${u()}@example.org`, reason: "new address" }) },
  { mutation: "setStudentLegalHold", inputType: "SetStudentLegalHoldInput", scope: "student", allowed: [], input: (w) => ({ studentId: w.student, hold: true, reason: "court order 12/2026" }) },
  { mutation: "eraseStudent", inputType: "EraseStudentInput", scope: "student", allowed: [], input: (w) => ({ studentId: w.student, reason: "request of 1 December 2026" }) },
  { mutation: "addLabOutput", inputType: "AddLabOutputInput", scope: "lab", allowed: ["RESEARCH_OFFICE", "INSTITUTION_ADMIN"], input: (w) => ({ projectId: w.project, kind: "GUIDELINE", title: "Clinical guideline" }) },
  { mutation: "createCurriculumVersion", inputType: "CreateCurriculumVersionInput", scope: "host", allowed: ["INSTITUTION_ADMIN"],
    input: (w) => ({ programId: w.jp.ids.program, validFromIntake: 2040, hostScaleId: w.edu.ids.pct, units: [{ code: "U1", titleEn: "Unit", yearOfStudy: 1, term: 1, ectsCredits: 5, creditHours: 10, compulsory: true, language: "zh", teachingInstitutionId: w.jp.ids.host, gradeScaleId: w.edu.ids.pct }] }) },
  { mutation: "createAcademicTerm", inputType: "CreateAcademicTermInput", scope: "teaching", allowed: ["INSTITUTION_ADMIN", "PARTNER_REGISTRAR"],
    input: (w) => ({ institutionId: w.edu.ids.teacher, name: `T-${u()}`, academicYear: 2027, startDate: "2027-09-01", endDate: "2028-01-20" }) },
  { mutation: "closeAcademicTerm", inputType: "CloseAcademicTermInput", scope: "teaching", allowed: ["INSTITUTION_ADMIN", "PARTNER_REGISTRAR"], input: (w) => ({ termId: w.edu.ids.termTeacherPast }) },
  { mutation: "createOffering", inputType: "CreateOfferingInput", scope: "host", allowed: ["INSTITUTION_ADMIN"],
    input: (w) => ({ unitId: w.edu.ids.unitTeacher, cohortId: w.jp.ids.cohort, termId: w.edu.ids.termTeacherSpring }), prepare: springNextYear },
  { mutation: "recordResult", inputType: "RecordResultInput", scope: "teaching", allowed: ["INSTITUTION_ADMIN", "PARTNER_REGISTRAR"],
    input: (w) => ({ offeringId: w.edu.ids.offeringTeacher, result: { enrollmentId: w.edu.ids.freshEnrollment, grade: "4", assessedOn: "2026-11-16" } }) },
  { mutation: "recordResults", inputType: "RecordResultsInput", scope: "teaching", allowed: ["INSTITUTION_ADMIN", "PARTNER_REGISTRAR"],
    input: (w) => ({ offeringId: w.edu.ids.offeringTeacher, csv: `enrollment_id,attempt,grade,assessed_on\n${w.edu.ids.freshEnrollment},1,5,2026-11-16` }) },
  { mutation: "correctResult", inputType: "CorrectResultInput", scope: "teaching", allowed: ["INSTITUTION_ADMIN", "PARTNER_REGISTRAR"], input: (w) => ({ resultId: w.edu.ids.result, grade: "5", reason: "Marking error" }) },
  { mutation: "registerWebhookEndpoint", inputType: "RegisterWebhookEndpointInput", scope: "host", allowed: ["INSTITUTION_ADMIN"],
    input: (w) => ({ institutionId: w.jp.ids.host, url: "https://hooks.example.org/in", changeTypes: ["Enrollment", "Student"] }) },
  { mutation: "updateWebhookEndpoint", inputType: "UpdateWebhookEndpointInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ endpointId: w.webhook, active: true }) },
  { mutation: "rotateWebhookSecret", inputType: "RotateWebhookSecretInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ endpointId: w.webhook, overlapSeconds: 60 }) },
  { mutation: "deleteWebhookEndpoint", inputType: "DeleteWebhookEndpointInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ endpointId: w.webhook }) },
  { mutation: "replayWebhookDelivery", inputType: "ReplayWebhookDeliveryInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ deliveryId: w.delivery }) },
  { mutation: "decideRecognition", inputType: "DecideRecognitionInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ enrollmentId: w.enrollment, unitId: w.edu.ids.unitTeacher, decision: "RECOGNISE" }) },
  // The student's home institution here (the host's admins and the teaching institution: transcript.test.ts).
  { mutation: "issueTranscript", inputType: "IssueTranscriptInput", scope: "student", allowed: ["INSTITUTION_ADMIN", "PARTNER_REGISTRAR"], input: (w) => ({ enrollmentId: w.enrollment }) },
  { mutation: "advanceCohort", inputType: "AdvanceCohortInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ cohortId: w.jp.ids.cohort, yearOfStudy: 1 }), prepare: yearOneOver },
  { mutation: "overrideProgression", inputType: "OverrideProgressionInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ enrollmentId: w.edu.ids.freshEnrollment, reason: "Illness during the exams" }), prepare: heldBack },
  { mutation: "graduateStudent", inputType: "GraduateStudentInput", scope: "host", allowed: ["INSTITUTION_ADMIN"],
    input: (w) => ({ enrollmentId: w.edu.ids.freshEnrollment, override: true, reason: "Prior degree recognised by the board" }), prepare: finalYear },
  { mutation: "graduateCohort", inputType: "GraduateCohortInput", scope: "host", allowed: ["INSTITUTION_ADMIN"], input: (w) => ({ cohortId: w.jp.ids.cohort }), prepare: finalYear },
];

const SCOPED: RoleName[] = ["INSTITUTION_ADMIN", "PARTNER_REGISTRAR", "RESEARCH_OFFICE", "EXPERT_COORDINATOR"];

describeEachEngine("access matrix", {}, (api) => {
  it("covers every mutation of the schema", async () => {
    // Deprecated mutations too (advanceCohortYear): they run until removed, so their access is checked as well.
    const r = await api().run(`{ __type(name: "Mutation") { fields(includeDeprecated: true) { name } } }`);
    expect(CASES.map((c) => c.mutation).sort()).toEqual(r.data.__type.fields.map((f: any) => f.name).sort());
  });

  for (const c of CASES) {
    it(`${c.mutation}: allowed for PLATFORM_ADMIN and ${c.allowed.join(", ")} of the institution concerned; denied to others`, async () => {
      const outcomes = new Map<string, string>();
      const expected: string[] = [];
      const viewers: [string, (w: World) => Viewer | null][] = [
        ["anonymous", () => null],
        ["PLATFORM_ADMIN", () => ({ subject: "matrix-platform", role: "PLATFORM_ADMIN", institutionId: null })],
        ...SCOPED.flatMap((role): [string, (w: World) => Viewer][] => [
          [`${role}@own`, (w) => ({ subject: `matrix-${role}-own`, role, institutionId: ownOf(w, c.scope) })],
          [`${role}@other`, (w) => ({ subject: `matrix-${role}-other`, role, institutionId: w.jp.outsider })],
        ]),
      ];
      const allowed = (label: string) => label === "PLATFORM_ADMIN" || c.allowed.some((role) => label === `${role}@own`);
      for (const [label] of viewers) expected.push(`${label}: ${label === "anonymous" ? "UNAUTHENTICATED" : allowed(label) ? "ALLOWED" : "FORBIDDEN"}`);
      // Each viewer meets a world no mutation has changed: a fresh one after a viewer whose mutation went through.
      // A refused mutation changes nothing (its transaction rolls back), so the refused share one, and go first:
      // the first allowed viewer then meets that world too (one world fewer to build per mutation).
      let w: World | undefined;
      for (const [label, viewerOf] of [...viewers.filter(([l]) => !allowed(l)), ...viewers.filter(([l]) => allowed(l))]) {
        if (!w) {
          w = await buildWorld(api().database.db);
          await c.prepare?.(api().database.db, w);
        }
        const viewer = viewerOf(w);
        const r = await api().run(`mutation($input: ${c.inputType}!) { ${c.mutation}(input: $input) { __typename } }`, { input: c.input(w, viewer ?? ({} as Viewer)) }, viewer);
        outcomes.set(label, `${label}: ${r.errors ? r.errors[0].extensions?.code : "ALLOWED"}`);
        if (!r.errors) w = undefined;
      }
      expect(viewers.map(([label]) => outcomes.get(label))).toEqual(expected);
    });
  }

  it("personal fields: visible to staff of the student's home and host institutions and platform admins only", async () => {
    const w = await buildWorld(api().database.db);
    const [s] = await api().database.db.select().from(students).where(eq(students.homeInstitutionId, w.jp.partner));
    const id = toGlobalId("Student", s.id);
    const at = (role: RoleName, inst: number | null): Viewer => ({ subject: `pd-${role}-${inst}`, role, institutionId: inst });
    const cases: [string, Viewer | null, string][] = [
      ["anonymous", null, "UNAUTHENTICATED"],
      ["PLATFORM_ADMIN", at("PLATFORM_ADMIN", null), "VISIBLE"],
      ["INSTITUTION_ADMIN@host", at("INSTITUTION_ADMIN", w.jp.host), "VISIBLE"],
      ["INSTITUTION_ADMIN@home", at("INSTITUTION_ADMIN", w.jp.partner), "VISIBLE"],
      ["PARTNER_REGISTRAR@home", at("PARTNER_REGISTRAR", w.jp.partner), "VISIBLE"],
      ["INSTITUTION_ADMIN@other", at("INSTITUTION_ADMIN", w.jp.outsider), "FORBIDDEN"],
      ["PARTNER_REGISTRAR@other", at("PARTNER_REGISTRAR", w.jp.outsider), "FORBIDDEN"],
      ["PARTNER_REGISTRAR@host", at("PARTNER_REGISTRAR", w.jp.host), "FORBIDDEN"],
      ["RESEARCH_OFFICE@host", at("RESEARCH_OFFICE", w.jp.host), "FORBIDDEN"],
      ["EXPERT_COORDINATOR@host", at("EXPERT_COORDINATOR", w.jp.host), "FORBIDDEN"],
    ];
    for (const field of ["dateOfBirth", "passportNumber", "email"]) {
      const got: string[] = [];
      for (const [label, viewer] of cases) {
        const r = await api().run(`query($id: ID!) { student(id: $id) { ${field} } }`, { id }, viewer);
        got.push(`${label}: ${r.errors ? r.errors[0].extensions?.code : r.data.student[field] === (s as any)[field] ? "VISIBLE" : "WRONG"}`);
        // Through a nested path too: the cohort's enrollments never show the student to those refused above.
        const n = await api().run(`query($c: ID!) { cohort(id: $c) { enrollments(first: 5) { nodes { student { ${field} } } } } }`, { c: w.jp.ids.cohort }, viewer);
        const nodes = n.data?.cohort?.enrollments.nodes ?? [];
        if (!cases.find((x) => x[0] === label)![2].startsWith("VISIBLE")) expect(nodes, `${label} nested`).toEqual([]);
      }
      expect(got).toEqual(cases.map(([label, , want]) => `${label}: ${want}`));
    }
  });

  it("which ids exist is not told: a missing id is answered as one outside the caller's scope, on every scoped root", async () => {
    const w = await buildWorld(api().database.db);
    const [s] = await api().database.db.select().from(students).where(eq(students.homeInstitutionId, w.jp.partner));
    const at = (role: RoleName, inst: number | null): Viewer => ({ subject: `ex-${role}-${inst}`, role, institutionId: inst });
    const viewers: [string, Viewer | null][] = [
      ["anonymous", null],
      ["PLATFORM_ADMIN", at("PLATFORM_ADMIN", null)],
      ...(["INSTITUTION_ADMIN", "PARTNER_REGISTRAR", "RESEARCH_OFFICE", "EXPERT_COORDINATOR"] as const).flatMap((role): [string, Viewer][] => [
        [`${role}@home`, at(role, w.jp.partner)],
        [`${role}@other`, at(role, w.jp.outsider)],
      ]),
    ];
    const answer = (r: { data?: any; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }, field: string) =>
      r.errors ? `${String(r.errors[0].extensions?.code)}: ${r.errors[0].message}` : r.data?.[field] === null ? "null" : "FOUND";
    // Every declared type with a scope and a root by id: the missing id, by its root and by node(id:).
    const scoped = allEntities().filter((e) => e.scope && Object.values(e.roots ?? {}).some((r) => r.kind === "byId"));
    expect(scoped.map((e) => e.name)).toEqual(expect.arrayContaining(["Student", "Enrollment", "CourseResult"]));
    let told = 0;
    for (const e of scoped) {
      const [field, root] = Object.entries(e.roots!).find(([, r]) => r.kind === "byId")!;
      if (root.kind !== "byId" || root.global === false) continue;
      const missing = toGlobalId(e.name, 2_000_000_000);
      for (const [label, viewer] of viewers) {
        const own = await api().run(`query($id: ID!) { ${field}(id: $id) { __typename } }`, { id: missing }, viewer);
        const node = await api().run(`query($id: ID!) { node(id: $id) { __typename } }`, { id: missing }, viewer);
        const seesAll = e.scope!(e.table as never, viewer) === undefined;
        const want = seesAll ? "null" : (() => {
          const err = outOfScope(e, viewer, "byId") as Error & { extensions?: Record<string, unknown> };
          return `${String(err.extensions?.code)}: ${err.message}`;
        })();
        expect(`${e.name} ${label}: ${answer(own, field)}`).toBe(`${e.name} ${label}: ${want}`);
        expect(`${e.name} ${label} node: ${answer(node, "node")}`).toBe(`${e.name} ${label} node: ${want}`);
        if (!seesAll) told++;
      }
    }
    expect(told).toBeGreaterThan(20);
    // A caller of a reading role is told the row is not its institution's, not to take another role.
    const audit = await api().run(`query($id: ID!) { node(id: $id) { __typename } }`, { id: toGlobalId("AuditEntry", 2_000_000_000) }, at("INSTITUTION_ADMIN", w.jp.outsider));
    expect(audit.errors?.[0].message).toBe("This audit entry is not one your institution may see");
    // End to end for a student of another institution: an existing id and a missing one get the same answer.
    const outsider = at("INSTITUTION_ADMIN", w.jp.outsider);
    const q = `query($id: ID!) { student(id: $id) { familyNameLatin } }`;
    const existing = await api().run(q, { id: toGlobalId("Student", s.id) }, outsider);
    const gone = await api().run(q, { id: toGlobalId("Student", 2_000_000_000) }, outsider);
    expect(existing.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(answer(gone, "student")).toBe(answer(existing, "student"));
  });

  it("results: visible to staff of the student's home and host institutions and, for its own units only, of the teaching institution", async () => {
    const w = await buildWorld(api().database.db);
    const at = (role: RoleName, inst: number | null): Viewer => ({ subject: `rs-${role}-${inst}`, role, institutionId: inst });
    // [viewer, the teaching institution's unit's result, the host's unit's result]
    const cases: [string, Viewer | null, string, string][] = [
      ["anonymous", null, "UNAUTHENTICATED", "UNAUTHENTICATED"],
      ["PLATFORM_ADMIN", at("PLATFORM_ADMIN", null), "VISIBLE", "VISIBLE"],
      ...(["INSTITUTION_ADMIN", "PARTNER_REGISTRAR", "RESEARCH_OFFICE", "EXPERT_COORDINATOR"] as const).flatMap((role): [string, Viewer, string, string][] => {
        const reads = role === "INSTITUTION_ADMIN" || role === "PARTNER_REGISTRAR";
        return [
          // own: the student's home (a registrar sees its own students; an admin its own and those it hosts)
          [`${role}@home`, at(role, w.jp.partner), reads ? "VISIBLE" : "FORBIDDEN", reads ? "VISIBLE" : "FORBIDDEN"],
          // the host: its admins read its students' results; its registrars only as the institution teaching the host's unit
          [`${role}@host`, at(role, w.jp.host), role === "INSTITUTION_ADMIN" ? "VISIBLE" : "FORBIDDEN", reads ? "VISIBLE" : "FORBIDDEN"],
          [`${role}@teaching`, at(role, w.edu.teacher), reads ? "VISIBLE" : "FORBIDDEN", "FORBIDDEN"],
          [`${role}@other`, at(role, w.jp.outsider), "FORBIDDEN", "FORBIDDEN"],
        ];
      }),
    ];
    const got: string[] = [];
    for (const [label, viewer] of cases) {
      const outcome = async (id: string) => {
        const r = await api().run(`query($id: ID!) { courseResult(id: $id) { grade } n: node(id: $id) { ... on CourseResult { grade } } }`, { id }, viewer);
        return r.errors ? String(r.errors[0].extensions?.code) : r.data.courseResult?.grade && r.data.n?.grade ? "VISIBLE" : "MISSING";
      };
      got.push(`${label}: ${await outcome(w.edu.ids.result)} ${await outcome(w.edu.ids.hostResult)}`);
    }
    expect(got).toEqual(cases.map(([label, , a, b]) => `${label}: ${a} ${b}`));
  });

  it("progression decisions: visible to staff of the student's home and host institutions only (not the teaching institution)", async () => {
    const w = await buildWorld(api().database.db);
    const host: Viewer = { subject: "pg-host", role: "INSTITUTION_ADMIN", institutionId: w.jp.host };
    await heldBack(api().database.db, w);
    const made = await api().run(`mutation($input: OverrideProgressionInput!) { overrideProgression(input: $input) { decision { id } } }`, { input: { enrollmentId: w.edu.ids.freshEnrollment, reason: "Illness during the exams" } }, host);
    const id = made.data.overrideProgression.decision.id;
    const at = (role: RoleName, inst: number | null): Viewer => ({ subject: `pd-${role}-${inst}`, role, institutionId: inst });
    const cases: [string, Viewer | null, string][] = [
      ["anonymous", null, "HIDDEN"],
      ["PLATFORM_ADMIN", at("PLATFORM_ADMIN", null), "VISIBLE"],
      ...(["INSTITUTION_ADMIN", "PARTNER_REGISTRAR", "RESEARCH_OFFICE", "EXPERT_COORDINATOR"] as const).flatMap((role): [string, Viewer, string][] => [
        [`${role}@home`, at(role, w.jp.partner), role === "INSTITUTION_ADMIN" || role === "PARTNER_REGISTRAR" ? "VISIBLE" : "HIDDEN"],
        [`${role}@host`, at(role, w.jp.host), role === "INSTITUTION_ADMIN" ? "VISIBLE" : "HIDDEN"],
        [`${role}@teaching`, at(role, w.edu.teacher), "HIDDEN"],
        [`${role}@other`, at(role, w.jp.outsider), "HIDDEN"],
      ]),
    ];
    const got: string[] = [];
    for (const [label, viewer] of cases) {
      const r = await api().run(`query($id: ID!) { node(id: $id) { ... on ProgressionDecision { kind } } }`, { id }, viewer);
      got.push(`${label}: ${r.data?.node?.kind === "OVERRIDE_ADVANCED" ? "VISIBLE" : "HIDDEN"}`);
    }
    expect(got).toEqual(cases.map(([label, , want]) => `${label}: ${want}`));
  });
});
