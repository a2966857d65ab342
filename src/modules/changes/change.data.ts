import { toGlobalId } from "../../shared/global-id.js";

/**
 * The keys of a change's recorded data (audit_log.after) that hold database ids, and the Node type each id is
 * of. The feed shows them as that type's global id, as every other id of the API; the rows keep database ids
 * (the audit trail's own), so rows written before this rendering read the same way. A key ending in
 * InstitutionId(s) is an institution's; `id` at the top is the changed object's own.
 */
const ID_KEYS: Record<string, string> = {
  agreementId: "Agreement",
  approvalId: "AgreementVersionApproval",
  cohortId: "Cohort",
  cohorts: "Cohort", // a curriculum's adopting cohorts
  conversionId: "GradeConversion",
  currentVersionId: "AgreementVersion",
  supersededVersionId: "AgreementVersion",
  versionId: "AgreementVersion",
  curriculumId: "Curriculum",
  decisionId: "ProgressionDecision",
  dispatchId: "Dispatch",
  endpointId: "WebhookEndpoint",
  enrollmentId: "Enrollment",
  eventId: "CooperationEvent",
  expertId: "Expert",
  principalInvestigatorId: "Expert",
  labId: "JointLab",
  offeringId: "Offering",
  programId: "Program",
  projectId: "LabProject",
  resultId: "CourseResult",
  resultCorrected: "CourseResult",
  sourceId: "Source",
  studentId: "Student",
  heldStudentId: "Student",
  existingStudentId: "Student",
  mergedInto: "Student",
  termId: "AcademicTerm",
  unitId: "CourseUnit",
  gradeScaleId: "GradeScale",
  hostScaleId: "GradeScale",
  fromScaleId: "GradeScale",
  toScaleId: "GradeScale",
  parentId: "Institution",
  partners: "Institution",
  xinjiangHospitalId: "Institution",
  partnerHospitalId: "Institution",
};

const typeOfKey = (key: string): string | undefined => ID_KEYS[key] ?? (/InstitutionIds?$|^institutionIds?$/.test(key) ? "Institution" : undefined);

const isId = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v > 0;

function render(value: unknown, type: string | undefined): unknown {
  if (type && isId(value)) return toGlobalId(type, value);
  if (Array.isArray(value)) return value.map((v) => render(v, type));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(v, typeOfKey(k))]));
  return value;
}

/** A change's data as the feed (query, subscription, webhooks) shows it: ids as global ids. */
export function feedData(entityType: string, after: unknown): unknown {
  if (!after || typeof after !== "object" || Array.isArray(after)) return render(after, undefined);
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, render(v, k === "id" ? entityType : typeOfKey(k))]));
}
