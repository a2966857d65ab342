import type { Db } from "../../src/db/client.js";
import { sql } from "drizzle-orm";
import {
  agreementParties,
  agreementVersionApprovals,
  agreementVersions,
  agreements,
  cooperationEventCountries,
  cooperationEventInstitutions,
  cooperationEvents,
  dispatches,
  dispatchMembers,
  enrollments,
  labMilestones,
  labProjects,
  students,
  telemedicineLinks,
} from "../../src/db/schema.js";
import { identityReviews } from "../../src/modules/students/identity-review.table.js";
import { webhookDeliveries, webhookEndpoints } from "../../src/modules/webhooks/webhook.table.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildJointProgram, studentRow, type JointProgram } from "./joint-program.js";
import { buildPeople, type People } from "./people.js";
import { buildEducation, type Education } from "./education.js";

type Thing = "student" | "enrollment" | "agreement" | "version" | "dispatch" | "project" | "milestone" | "review" | "link" | "event" | "webhook" | "delivery";

/** One of everything a mutation changes, under institutions of its own; global ids, and database ids in `rows`. */
export type World = { jp: JointProgram; pp: People; edu: Education; rows: Record<Thing, number>; versionHash: string } & Record<Thing, string>;

let seq = 0;

/**
 * A joint program (host, partner, outsider) and a sending university with its lab (buildPeople); an agreement of
 * the host and the partner; an enrollment of a partner's student; a planned dispatch of the sender; a lab project
 * with a milestone; a nomination held for identity review (the partner registered the outsider's student); a
 * telemedicine link of the sender and the hospital abroad; a cooperation event involving the host; a
 * curriculum with a unit taught by a third institution, and a result of the enrollment there (buildEducation);
 * a webhook endpoint of the host with a parked delivery.
 */
export async function buildWorld(db: Db): Promise<World> {
  const jp = await buildJointProgram(db);
  const pp = await buildPeople(db);
  const tag = `${++seq}-${pp.tag}`;
  const [s] = await db.insert(students).values({ ...studentRow(), homeInstitutionId: jp.partner }).returning({ id: students.id });
  const [e] = await db.insert(enrollments).values({ studentId: s.id, cohortId: jp.cohortId }).returning({ id: enrollments.id });
  const [a] = await db.insert(agreements).values({ code: `AM-${tag}`, title: "Matrix agreement" }).returning({ id: agreements.id });
  await db.insert(agreementParties).values([
    { agreementId: a.id, institutionId: jp.host, role: "HOST" },
    { agreementId: a.id, institutionId: jp.partner, role: "PARTNER" },
  ]);
  // Its approved version 1, and a version 2 proposed by the host (places per year 10), approved by the host so far.
  await db.execute(sql`select agreement_record_first_versions(${a.id}::int)`);
  const content = { parties: [{ institutionId: jp.host, role: "HOST" }, { institutionId: jp.partner, role: "PARTNER" }].sort((x, y) => x.institutionId - y.institutionId), focusAreas: ["TCM"], placesPerYear: 10, validFrom: null, validUntil: null, summary: null };
  const [v2] = await db
    .insert(agreementVersions)
    .values({ agreementId: a.id, number: 2, content, contentHash: "", proposedByInstitutionId: jp.host, proposedBy: "matrix" })
    .returning({ id: agreementVersions.id, contentHash: agreementVersions.contentHash });
  await db.insert(agreementVersionApprovals).values({ versionId: v2.id, institutionId: jp.host, contentHash: v2.contentHash, approvedBy: "matrix" });
  const [d] = await db
    .insert(dispatches)
    .values({ code: `DM-${tag}`, title: "Matrix dispatch", sendingInstitutionId: pp.inst.sender, hostInstitutionId: pp.inst.host, countryCode: "KZ", startDate: "2030-01-01", endDate: "2030-01-10" })
    .returning({ id: dispatches.id });
  await db.insert(dispatchMembers).values({ dispatchId: d.id, expertId: pp.expert.a, role: "LEAD" });
  const [p] = await db.insert(labProjects).values({ code: `PM-${tag}`, labId: pp.labId, title: "Matrix project", principalInvestigatorId: pp.expert.a }).returning({ id: labProjects.id });
  const [m] = await db.insert(labMilestones).values({ projectId: p.id, title: "Matrix milestone", dueOn: "2026-01-01" }).returning({ id: labMilestones.id });
  const person = studentRow();
  const [known] = await db.insert(students).values({ ...person, homeInstitutionId: jp.outsider }).returning({ id: students.id });
  const [held] = await db.insert(students).values({ ...person, homeInstitutionId: jp.partner, heldForReview: true }).returning({ id: students.id });
  const [he] = await db.insert(enrollments).values({ studentId: held.id, cohortId: jp.cohortId }).returning({ id: enrollments.id });
  const [r] = await db
    .insert(identityReviews)
    .values({ enrollmentId: he.id, heldStudentId: held.id, existingStudentId: known.id, requestedBy: "matrix", requestedByInstitutionId: jp.partner })
    .returning({ id: identityReviews.id });
  const edu = await buildEducation(db, jp, e.id);
  const [link] = await db.insert(telemedicineLinks).values({ xinjiangHospitalId: pp.inst.sender, partnerHospitalId: pp.inst.host, since: "2024-01-01" }).returning({ id: telemedicineLinks.id });
  const [ev] = await db.insert(cooperationEvents).values({ code: `EV-${tag}`, kind: "CONSULTATION_DAY", title: "Matrix event", occurredOn: "2024-11-10" }).returning({ id: cooperationEvents.id });
  await db.insert(cooperationEventInstitutions).values({ eventId: ev.id, institutionId: jp.host });
  await db.insert(cooperationEventCountries).values({ eventId: ev.id, countryCode: "KZ" });
  const [hook] = await db
    .insert(webhookEndpoints)
    .values({ institutionId: jp.host, url: "https://hooks.example.org/xmu", changeTypes: ["Enrollment"], secret: `whsec_world_${tag}`, cursorTxid: 0, cursorId: 0, active: false })
    .returning({ id: webhookEndpoints.id });
  const [parked] = await db
    .insert(webhookDeliveries)
    .values({ endpointId: hook.id, changeId: 0, entityKey: `Enrollment:${e.id}`, status: "PARKED", attempts: 9, lastError: "HTTP 500" })
    .returning({ id: webhookDeliveries.id });
  const rows = { student: s.id, enrollment: e.id, agreement: a.id, version: v2.id, dispatch: d.id, project: p.id, milestone: m.id, review: r.id, link: link.id, event: ev.id, webhook: hook.id, delivery: parked.id };
  return {
    jp,
    pp,
    edu,
    rows,
    student: toGlobalId("Student", s.id),
    enrollment: toGlobalId("Enrollment", e.id),
    agreement: toGlobalId("Agreement", a.id),
    version: toGlobalId("AgreementVersion", v2.id),
    versionHash: v2.contentHash,
    dispatch: toGlobalId("Dispatch", d.id),
    project: toGlobalId("LabProject", p.id),
    milestone: toGlobalId("LabMilestone", m.id),
    review: toGlobalId("IdentityReview", r.id),
    link: toGlobalId("TelemedicineLink", link.id),
    event: toGlobalId("CooperationEvent", ev.id),
    webhook: toGlobalId("WebhookEndpoint", hook.id),
    delivery: toGlobalId("WebhookDelivery", parked.id),
  };
}
