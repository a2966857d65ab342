/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Where a version of an agreement's terms stands. */
export type AgreementVersionStatus =
  /** Approved by every party: the agreement's current terms. */
  | 'IN_FORCE'
  /** Waiting for the approval of every party; the version in force (if any) stays in force meanwhile. */
  | 'PROPOSED'
  /** Replaced: by a later version that came into force, or, while still proposed, by a later proposal. */
  | 'SUPERSEDED';

/** How much of a date the source gives: a day, a month (stored as its first day) or a year (stored as 1 January). */
export type DatePrecision =
  /** The source gives the exact day. */
  | 'DAY'
  /** The source gives the month only; the date stored is its first day. */
  | 'MONTH'
  /** The source gives the year only; the date stored is 1 January. */
  | 'YEAR';

/** NOMINATED → ADMITTED → ENROLLED ⇄ ON_LEAVE → GRADUATED; REJECTED from NOMINATED or ADMITTED; WITHDRAWN from any active status. */
export type EnrollmentStatus =
  /** Admitted by the host institution; not yet enrolled. */
  | 'ADMITTED'
  /** Studying; takes a seat of the cohort. */
  | 'ENROLLED'
  /** Finished the program; final. */
  | 'GRADUATED'
  /** Registered by the home institution, waiting for the host's decision. */
  | 'NOMINATED'
  /** On leave of absence; keeps a seat of the cohort. */
  | 'ON_LEAVE'
  /** Not admitted by the host; final. */
  | 'REJECTED'
  /** Left before finishing; final. */
  | 'WITHDRAWN';

/** What a dated figure counts. */
export type FigureMetric =
  /** Medical students from Central Asia welcomed per year. */
  | 'CENTRAL_ASIAN_STUDENTS_PER_YEAR'
  /** Medical experts sent abroad. */
  | 'EXPERTS_DISPATCHED'
  /** Hospital beds dedicated to international patients. */
  | 'INTERNATIONAL_BEDS'
  /** Hospitals with an international medical service department. */
  | 'INTERNATIONAL_DEPARTMENTS'
  /** International patients treated, cumulative. */
  | 'INTERNATIONAL_PATIENTS_TREATED'
  /** Hospitals abroad connected by telemedicine. */
  | 'TELEMEDICINE_PARTNER_HOSPITALS';

/** Whether a figure is exact, a lower bound ("more than") or approximate. */
export type FigureQualifier =
  /** Approximately this value. */
  | 'ABOUT'
  /** This value or more (the source says "more than"). */
  | 'AT_LEAST'
  /** Exactly this value. */
  | 'EXACT';

/** A field of cooperation. */
export type FocusArea =
  /** Exchange of students, teachers and scholars. */
  | 'ACADEMIC_EXCHANGE'
  /** Research on and production of biologics. */
  | 'BIOLOGICS'
  /** Prevention and treatment of diseases common in the region. */
  | 'DISEASE_PREVENTION'
  /** Programs of study run together. */
  | 'JOINT_EDUCATION'
  /** Research done together. */
  | 'JOINT_RESEARCH'
  /** Research on natural medicines. */
  | 'NATURAL_MEDICINES'
  /** Traditional Chinese Medicine. */
  | 'TCM'
  /** Exchange of medical techniques and training. */
  | 'TECHNICAL_EXCHANGE'
  /** Remote consultation between hospitals. */
  | 'TELEMEDICINE';

/** A register of institution identifiers. */
export type IdentifierScheme =
  /** International Standard Name Identifier. */
  | 'ISNI'
  /** An identifier of a national register. */
  | 'NATIONAL'
  /** Research Organization Registry id. */
  | 'ROR'
  /** SCHAC home organisation (the institution's internet domain). */
  | 'SCHAC'
  /** Wikidata item (Q…). */
  | 'WIKIDATA';

/** The role of a member institution in a joint lab (the lead is apart). */
export type LabMemberRole =
  /** An associate member. */
  | 'ASSOCIATE'
  /** Leads the lab together with the lead institution. */
  | 'CO_LEAD'
  /** A full member. */
  | 'MEMBER';

/** The role of an institution in an agreement. */
export type PartyRole =
  /** Hosts the activity (such as a program). */
  | 'HOST'
  /** Leads the cooperation. */
  | 'LEAD'
  /** A member (such as of a joint lab). */
  | 'MEMBER'
  /** A partner (such as in a joint program). */
  | 'PARTNER'
  /** Signed the agreement. */
  | 'SIGNATORY';

/** A correctable field of a student's personal data. */
export type PersonalField =
  /** Date of birth. */
  | 'DATE_OF_BIRTH'
  /** E-mail address. */
  | 'EMAIL'
  /** Family name as in the passport. */
  | 'FAMILY_NAME'
  /** Family name in Latin letters. */
  | 'FAMILY_NAME_LATIN'
  /** Given names as in the passport. */
  | 'GIVEN_NAMES'
  /** Given names in Latin letters. */
  | 'GIVEN_NAMES_LATIN'
  /** Passport number. */
  | 'PASSPORT_NUMBER';

/** What a progression or graduation decision decided. */
export type ProgressionKind =
  /** Met the year's credit rule and moved on to the next year. */
  | 'ADVANCED'
  /** Eligible (every compulsory unit passed, every year's credits reached) and graduated. */
  | 'GRADUATED'
  /** Did not meet the year's credit rule and stays in the year (creditsShort and missingUnits say what is lacking). */
  | 'HELD_BACK'
  /** Measured for graduation with the cohort and not eligible (creditsShort and missingUnits say what is lacking). */
  | 'NOT_ELIGIBLE'
  /** Moved on by an admin's override, with a reason, although the rule was not met. */
  | 'OVERRIDE_ADVANCED'
  /** Graduated by an admin's override, with a reason, although not eligible. */
  | 'OVERRIDE_GRADUATED';

/** RECOGNISED with the converted grade, or REFUSED with a reason. */
export type RecognitionStatus =
  /** Recognised, with the grade converted to the host's scale. */
  | 'RECOGNISED'
  /** Refused, with a reason. */
  | 'REFUSED';

/** A student's standing from the credit totals against the curriculum's credit rule. */
export type Standing =
  /** An assessed year of study lacks credits or a compulsory unit (creditsShort and missingUnits say what). */
  | 'CREDITS_SHORT'
  /** Every assessed year of study meets the credit rule (credits, and compulsory units when the rule asks). */
  | 'GOOD_STANDING'
  /** No result yet. */
  | 'NOT_ASSESSED';

/** What a verification code stands for. */
export type TranscriptStatus =
  /** An issued transcript whose content has changed since (a new result, a correction, a recognition): a newer one should be asked for. */
  | 'SUPERSEDED'
  /** No transcript was issued with this code. */
  | 'UNKNOWN'
  /** An issued transcript whose content is still the student's record. */
  | 'VALID';

/** Where a webhook delivery stands. */
export type WebhookDeliveryStatus =
  /** The endpoint answered 2xx. */
  | 'DELIVERED'
  /** Retries ran out (WEBHOOKS_RETRY_FOR_S); sent again only when replayed. */
  | 'PARKED'
  /** Not delivered yet: waiting for its first attempt or its next retry. */
  | 'PENDING';

export type ChangeFeedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ChangeFeedSubscription = { changes: { cursor: string, action: string, entityType: string, entityId: string | null, enrollmentStatus: string | null, at: string } };

export type CohortEnrollmentPagesQueryVariables = Exact<{
  cohortId: string | number;
  after?: string | null | undefined;
}>;


export type CohortEnrollmentPagesQuery = { cohort: { id: string, name: string, enrollments: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, status: EnrollmentStatus, student: { id: string, nationality: string } } }> } } | null };

export type JointTcmProgramQueryVariables = Exact<{ [key: string]: never; }>;


export type JointTcmProgramQuery = { programs: { nodes: Array<{ titleEn: string, lengthYears: number, launchYear: number, host: { nameEn: string }, partners: Array<{ nameEn: string }>, cohorts: { nodes: Array<{ id: string, name: string, intakeYear: number, capacity: number, seatsTaken: number, seatsLeft: number }> } }> } };

export type HeadlineFiguresQueryVariables = Exact<{ [key: string]: never; }>;


export type HeadlineFiguresQuery = { expertsSent: { totalCount: number }, telemedicineLinks: { totalCount: number }, internationalDepartments: { totalCount: number }, institutionFigures: { nodes: Array<{ metric: FigureMetric, value: number, qualifier: FigureQualifier, asOf: string, regionCode: string | null, source: { title: string } }> } };

export type TajikistanAgreements2024QueryVariables = Exact<{ [key: string]: never; }>;


export type TajikistanAgreements2024Query = { agreements: { totalCount: number, nodes: Array<{ signedOn: string | null, signedOnPrecision: DatePrecision | null, focusAreas: Array<FocusArea> }> } };

export type DashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardQuery = { total: Array<{ experts: number, dispatches: number }>, byCountry: Array<{ countryCode: string | null, experts: number, dispatches: number }>, centralAsianIntake: Array<{ intakeYear: number, students: number | null, suppressed: boolean }>, telemedicinePartnerCounts: Array<{ partnerCountryCode: string | null, partners: number }> };

export type CohortReconciliationQueryVariables = Exact<{ [key: string]: never; }>;


export type CohortReconciliationQuery = { cohortReconciliation: { nodes: Array<{ placesAgreed: number | null, capacity: number, nominated: number, admitted: number, enrolled: number, onLeave: number, graduated: number, withdrawn: number, rejected: number, seatsLeft: number, cohort: { name: string } }> } };

export type CohortEnrollmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type CohortEnrollmentsQuery = { cohort: { name: string, enrollments: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ status: EnrollmentStatus, student: { nationality: string, homeInstitution: { nameEn: string } } }> } } | null };

export type RegisterStudentMutationVariables = Exact<{ [key: string]: never; }>;


export type RegisterStudentMutation = { registerStudent: { existingStudent: boolean | null, student: { familyNameLatin: string, passportNumber: string | null, homeInstitution: { nameEn: string } } | null, enrollment: { id: string, status: EnrollmentStatus, cohort: { name: string } } | null } | null };

export type RegisterStudentsFromCsvMutationVariables = Exact<{ [key: string]: never; }>;


export type RegisterStudentsFromCsvMutation = { registerStudents: { written: boolean | null, accepted: number | null, rejected: number | null, results: Array<{ row: number, error: { code: string, field: string, message: string } | null }> | null } | null };

export type AdmitStudentMutationVariables = Exact<{ [key: string]: never; }>;


export type AdmitStudentMutation = { transitionEnrollment: { enrollment: { status: EnrollmentStatus, history: Array<{ fromStatus: EnrollmentStatus | null, toStatus: EnrollmentStatus, reason: string | null }> } | null } | null };

export type PartnerStudentsQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnerStudentsQuery = { students: { totalCount: number, nodes: Array<{ familyNameLatin: string, enrollments: Array<{ status: EnrollmentStatus, cohort: { name: string } }> }> } };

export type PartnerChangesQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnerChangesQuery = { changes: { pageInfo: { endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ action: string, entityType: string, enrollmentStatus: string | null, actorInstitution: { nameEn: string } | null }> } };

export type NodeByIdQueryVariables = Exact<{ [key: string]: never; }>;


export type NodeByIdQuery = { node:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { nameEn: string, id: string, names: Array<{ language: string, text: string }>, country: { code: string } }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type EnterResitMutationVariables = Exact<{ [key: string]: never; }>;


export type EnterResitMutation = { recordResult: { result: { attempt: number, grade: string, passed: boolean, creditsEarned: number, unit: { code: string, gradeScale: { code: string } }, offering: { term: { name: string } } } | null } | null };

export type RecogniseResitMutationVariables = Exact<{ [key: string]: never; }>;


export type RecogniseResitMutation = { decideRecognition: { recognition: { status: RecognitionStatus, convertedGrade: string | null, creditsRecognised: number, result: { attempt: number, grade: string } | null, conversion: { fromScale: { code: string }, toScale: { code: string } } | null } | null } | null };

export type AnatomyRecordQueryVariables = Exact<{ [key: string]: never; }>;


export type AnatomyRecordQuery = { courseResults: { nodes: Array<{ attempt: number, grade: string, passed: boolean, assessedOn: string }> }, enrollment: { recognitions: Array<{ status: RecognitionStatus, convertedGrade: string | null, unit: { code: string } }> } | null };

export type HeldBackQueryVariables = Exact<{ [key: string]: never; }>;


export type HeldBackQuery = { enrollment: { yearOfStudy: number, progressionDecisions: Array<{ kind: ProgressionKind, fromYear: number, creditsEarned: number, creditsRequired: number, creditsShort: number, missingUnits: Array<string> }> } | null };

export type AdvanceYearOneMutationVariables = Exact<{ [key: string]: never; }>;


export type AdvanceYearOneMutation = { advanceCohort: { cohort: { name: string, currentYearOfStudy: number } | null, advanced: Array<{ kind: ProgressionKind, creditsEarned: number, creditsShort: number, enrollment: { id: string, yearOfStudy: number } }> | null, heldBack: Array<{ kind: ProgressionKind, creditsShort: number, missingUnits: Array<string>, enrollment: { id: string } }> | null } | null };

export type StudentTranscriptQueryVariables = Exact<{ [key: string]: never; }>;


export type StudentTranscriptQuery = { transcript: { hostScale: string | null, standing: Standing | null, student: { familyNameLatin: string, givenNamesLatin: string, familyName: string, givenNames: string, homeInstitution: { nameEn: string } } | null, hostInstitution: { names: Array<{ language: string, text: string }> }, years: Array<{ yearOfStudy: number, creditsEarned: number, creditsRequired: number, met: boolean, terms: Array<{ term: number, units: Array<{ code: string, scale: string, grade: string, convertedGrade: string | null, attempts: Array<{ attempt: number, grade: string }>, recognition: { status: RecognitionStatus, convertedGrade: string | null } | null }> }> }>, totals: { unitsPassed: number, attempts: number, creditsEarned: number, creditsRecognised: number, weightedMean: number | null } } };

export type IssueTranscriptMutationVariables = Exact<{ [key: string]: never; }>;


export type IssueTranscriptMutation = { issueTranscript: { code: string | null, url: string | null, issuedAt: string | null, transcript: { standing: Standing | null, student: { familyNameLatin: string } | null, totals: { creditsEarned: number } } | null } | null };

export type VerifyTranscriptQueryVariables = Exact<{ [key: string]: never; }>;


export type VerifyTranscriptQuery = { verifyTranscript: { status: TranscriptStatus, issuedAt: string | null, issuedBy: { nameEn: string } | null, hostInstitution: { nameEn: string } | null } };

export type YearOnePassRatesQueryVariables = Exact<{ [key: string]: never; }>;


export type YearOnePassRatesQuery = { unitResults: Array<{ students: number | null, passed: number | null, passRate: number | null, suppressed: boolean, unit: { code: string } }> };

export type NewInstitutionMutationVariables = Exact<{ [key: string]: never; }>;


export type NewInstitutionMutation = { createInstitution: { institution: { id: string, slug: string, deactivatedOn: string | null, country: { code: string }, names: Array<{ language: string, text: string }>, identifiers: Array<{ scheme: IdentifierScheme, value: string }> } | null } | null };

export type OwnRecordMutationVariables = Exact<{ [key: string]: never; }>;


export type OwnRecordMutation = { updateInstitution: { institution: { nameEn: string, identifiers: Array<{ scheme: IdentifierScheme, value: string }> } | null } | null };

export type NewExpertMutationVariables = Exact<{ [key: string]: never; }>;


export type NewExpertMutation = { createExpert: { expert: { specialty: string, deactivatedOn: string | null, homeInstitution: { nameEn: string } } | null } | null };

export type NewLabMutationVariables = Exact<{ [key: string]: never; }>;


export type NewLabMutation = { createJointLab: { jointLab: { nameEn: string, focusAreas: Array<FocusArea>, leadInstitution: { nameEn: string }, memberships: Array<{ role: LabMemberRole, institution: { nameEn: string } }> } | null } | null };

export type NewLinkMutationVariables = Exact<{ [key: string]: never; }>;


export type NewLinkMutation = { createTelemedicineLink: { link: { id: string, since: string | null, endedOn: string | null, partnerHospital: { nameEn: string } } | null } | null };

export type EndLinkMutationVariables = Exact<{ [key: string]: never; }>;


export type EndLinkMutation = { endTelemedicineLink: { link: { since: string | null, endedOn: string | null } | null } | null };

export type NewEventMutationVariables = Exact<{ [key: string]: never; }>;


export type NewEventMutation = { createCooperationEvent: { event: { title: string, occurredOn: string, institutions: Array<{ nameEn: string }>, countries: Array<{ code: string }> } | null } | null };

export type RenewPassportMutationVariables = Exact<{ [key: string]: never; }>;


export type RenewPassportMutation = { correctStudent: { student: { familyNameLatin: string, passportNumber: string | null, corrections: Array<{ field: PersonalField, oldValue: string | null, newValue: string | null, reason: string }> } | null } | null };

export type SubjectAccessQueryVariables = Exact<{ [key: string]: never; }>;


export type SubjectAccessQuery = { studentDataExport: unknown };

export type EraseMutationVariables = Exact<{ [key: string]: never; }>;


export type EraseMutation = { eraseStudent: { student: { familyNameLatin: string, givenNamesLatin: string, passportNumber: string | null, dateOfBirth: string | null, email: string | null, enrollments: Array<{ status: EnrollmentStatus }>, corrections: Array<{ field: PersonalField, oldValue: string | null, newValue: string | null }> } | null } | null };

export type DescribeProgramMutationVariables = Exact<{ [key: string]: never; }>;


export type DescribeProgramMutation = { updateProgram: { program: { code: string, description: string | null, teachingLanguages: Array<string> } | null } | null };

export type ProposeSklAmendmentMutationVariables = Exact<{ [key: string]: never; }>;


export type ProposeSklAmendmentMutation = { proposeAgreementAmendment: { version: { id: string, number: number, status: AgreementVersionStatus, validUntil: string | null, contentHash: string, parties: Array<{ role: PartyRole, institution: { nameEn: string } }> } | null } | null };

export type ApproveSklByHospitalMutationVariables = Exact<{ [key: string]: never; }>;


export type ApproveSklByHospitalMutation = { approveAgreementVersion: { version: { status: AgreementVersionStatus, approvals: Array<{ institution: { nameEn: string } }> } | null } | null };

export type ApproveSklByNmscMutationVariables = Exact<{ [key: string]: never; }>;


export type ApproveSklByNmscMutation = { approveAgreementVersion: { version: { status: AgreementVersionStatus, agreement: { validUntil: string | null, currentVersion: { number: number } | null } } | null } | null };

export type ApproveSklByLaboratoryMutationVariables = Exact<{ [key: string]: never; }>;


export type ApproveSklByLaboratoryMutation = { approveAgreementVersion: { version: { number: number, status: AgreementVersionStatus } | null } | null };

export type SklTermsInForceQueryVariables = Exact<{ [key: string]: never; }>;


export type SklTermsInForceQuery = { agreement: { validUntil: string | null, currentVersion: { number: number } | null, termsOn: { number: number, validUntil: string | null } | null, versions: Array<{ number: number, status: AgreementVersionStatus }> } | null };

export type RegisterWebhookMutationVariables = Exact<{ [key: string]: never; }>;


export type RegisterWebhookMutation = { registerWebhookEndpoint: { secret: string | null, endpoint: { id: string, url: string, changeTypes: Array<string>, active: boolean } | null } | null };

export type ProgramChangedMutationVariables = Exact<{ [key: string]: never; }>;


export type ProgramChangedMutation = { updateProgram: { program: { code: string } | null } | null };

export type WebhookLogQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhookLogQuery = { webhookEndpoints: { nodes: Array<{ url: string, deliveries: { nodes: Array<{ id: string, action: string, entityType: string, status: WebhookDeliveryStatus, attempts: number, lastError: string | null }> } }> } };

export type ReplayWebhookMutationVariables = Exact<{ [key: string]: never; }>;


export type ReplayWebhookMutation = { replayWebhookDelivery: { delivery: { id: string, action: string } | null } | null };

export type RotateWebhookSecretMutationVariables = Exact<{ [key: string]: never; }>;


export type RotateWebhookSecretMutation = { rotateWebhookSecret: { secret: string | null, endpoint: { id: string, previousSecretExpiresAt: string | null } | null } | null };

export type PauseWebhookMutationVariables = Exact<{ [key: string]: never; }>;


export type PauseWebhookMutation = { updateWebhookEndpoint: { endpoint: { active: boolean, changeTypes: Array<string> } | null } | null };

export type DeleteWebhookMutationVariables = Exact<{ [key: string]: never; }>;


export type DeleteWebhookMutation = { deleteWebhookEndpoint: { deletedEndpointId: string | null } | null };


export const ChangeFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ChangeFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"enrollmentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<ChangeFeedSubscription, ChangeFeedSubscriptionVariables>;
export const CohortEnrollmentPagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CohortEnrollmentPages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cohortId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cohort"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cohortId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"enrollments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"statuses"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"ENROLLED"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"student"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nationality"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CohortEnrollmentPagesQuery, CohortEnrollmentPagesQueryVariables>;
export const JointTcmProgramDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"JointTcmProgram"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"iscedField"},"value":{"kind":"StringValue","value":"0917","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"joint"},"value":{"kind":"BooleanValue","value":true}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"titleEn"}},{"kind":"Field","name":{"kind":"Name","value":"lengthYears"}},{"kind":"Field","name":{"kind":"Name","value":"launchYear"}},{"kind":"Field","name":{"kind":"Name","value":"host"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"partners"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cohorts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"intakeYear"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"seatsTaken"}},{"kind":"Field","name":{"kind":"Name","value":"seatsLeft"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<JointTcmProgramQuery, JointTcmProgramQueryVariables>;
export const HeadlineFiguresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HeadlineFigures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"expertsSent"},"name":{"kind":"Name","value":"experts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"dispatchYearFrom"},"value":{"kind":"IntValue","value":"2023"}},{"kind":"ObjectField","name":{"kind":"Name","value":"dispatchYearTo"},"value":{"kind":"IntValue","value":"2024"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"telemedicineLinks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"internationalDepartments"},"name":{"kind":"Name","value":"institutions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"internationalDepartment"},"value":{"kind":"BooleanValue","value":true}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"institutionFigures"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"metrics"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"INTERNATIONAL_PATIENTS_TREATED"},{"kind":"EnumValue","value":"INTERNATIONAL_BEDS"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"qualifier"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]} as unknown as DocumentNode<HeadlineFiguresQuery, HeadlineFiguresQueryVariables>;
export const TajikistanAgreements2024Document = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TajikistanAgreements2024"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agreements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"institutionId"},"value":{"kind":"StringValue","value":"SW5zdGl0dXRpb246Mw","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"signedFrom"},"value":{"kind":"StringValue","value":"2024-01-01","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"signedTo"},"value":{"kind":"StringValue","value":"2024-01-31","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"signedOnPrecision"}},{"kind":"Field","name":{"kind":"Name","value":"focusAreas"}}]}}]}}]}}]} as unknown as DocumentNode<TajikistanAgreements2024Query, TajikistanAgreements2024QueryVariables>;
export const DashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"total"},"name":{"kind":"Name","value":"dispatchCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[]}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"yearFrom"},"value":{"kind":"IntValue","value":"2023"}},{"kind":"ObjectField","name":{"kind":"Name","value":"yearTo"},"value":{"kind":"IntValue","value":"2024"}},{"kind":"ObjectField","name":{"kind":"Name","value":"centralAsia"},"value":{"kind":"BooleanValue","value":true}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experts"}},{"kind":"Field","name":{"kind":"Name","value":"dispatches"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"byCountry"},"name":{"kind":"Name","value":"dispatchCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"COUNTRY"}]}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"yearFrom"},"value":{"kind":"IntValue","value":"2023"}},{"kind":"ObjectField","name":{"kind":"Name","value":"yearTo"},"value":{"kind":"IntValue","value":"2024"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"countryCode"}},{"kind":"Field","name":{"kind":"Name","value":"experts"}},{"kind":"Field","name":{"kind":"Name","value":"dispatches"}}]}},{"kind":"Field","name":{"kind":"Name","value":"centralAsianIntake"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"yearFrom"},"value":{"kind":"IntValue","value":"2023"}},{"kind":"ObjectField","name":{"kind":"Name","value":"yearTo"},"value":{"kind":"IntValue","value":"2024"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"intakeYear"}},{"kind":"Field","name":{"kind":"Name","value":"students"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"telemedicinePartnerCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"PARTNER_COUNTRY"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partnerCountryCode"}},{"kind":"Field","name":{"kind":"Name","value":"partners"}}]}}]}}]} as unknown as DocumentNode<DashboardQuery, DashboardQueryVariables>;
export const CohortReconciliationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CohortReconciliation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cohortReconciliation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"2"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"hostInstitutionId"},"value":{"kind":"StringValue","value":"SW5zdGl0dXRpb246MQ","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"intakeYearFrom"},"value":{"kind":"IntValue","value":"2024"}},{"kind":"ObjectField","name":{"kind":"Name","value":"intakeYearTo"},"value":{"kind":"IntValue","value":"2024"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cohort"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"placesAgreed"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"nominated"}},{"kind":"Field","name":{"kind":"Name","value":"admitted"}},{"kind":"Field","name":{"kind":"Name","value":"enrolled"}},{"kind":"Field","name":{"kind":"Name","value":"onLeave"}},{"kind":"Field","name":{"kind":"Name","value":"graduated"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawn"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"}},{"kind":"Field","name":{"kind":"Name","value":"seatsLeft"}}]}}]}}]}}]} as unknown as DocumentNode<CohortReconciliationQuery, CohortReconciliationQueryVariables>;
export const CohortEnrollmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CohortEnrollments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cohort"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"StringValue","value":"Q29ob3J0OjE","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"enrollments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"statuses"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"ENROLLED"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"student"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nationality"}},{"kind":"Field","name":{"kind":"Name","value":"homeInstitution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CohortEnrollmentsQuery, CohortEnrollmentsQueryVariables>;
export const RegisterStudentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterStudent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerStudent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"StringValue","value":"urgench-2026-0001","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"cohortId"},"value":{"kind":"StringValue","value":"Q29ob3J0OjE","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"student"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"familyName"},"value":{"kind":"StringValue","value":"Рахимова","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"givenNames"},"value":{"kind":"StringValue","value":"Дилноза","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"familyNameLatin"},"value":{"kind":"StringValue","value":"Rahimova","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"givenNamesLatin"},"value":{"kind":"StringValue","value":"Dilnoza","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"dateOfBirth"},"value":{"kind":"StringValue","value":"2006-04-12","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"nationality"},"value":{"kind":"StringValue","value":"UZ","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"email"},"value":{"kind":"StringValue","value":"dilnoza.rahimova@example.org","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"passportNumber"},"value":{"kind":"StringValue","value":"FA1234567","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"existingStudent"}},{"kind":"Field","name":{"kind":"Name","value":"student"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"familyNameLatin"}},{"kind":"Field","name":{"kind":"Name","value":"passportNumber"}},{"kind":"Field","name":{"kind":"Name","value":"homeInstitution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"enrollment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cohort"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RegisterStudentMutation, RegisterStudentMutationVariables>;
export const RegisterStudentsFromCsvDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterStudentsFromCsv"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerStudents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"cohortId"},"value":{"kind":"StringValue","value":"Q29ob3J0OjE","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"csv"},"value":{"kind":"StringValue","value":"family_name,given_names,family_name_latin,given_names_latin,date_of_birth,nationality,email,passport_number\nЮсупов,Бобур,Yusupov,Bobur,2005-09-30,UZ,,FA7654321\nЮсупов,Бобур,Yusupov,Bobur,2005-09-31,UZ,,FA7654322","block":true}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RegisterStudentsFromCsvMutation, RegisterStudentsFromCsvMutationVariables>;
export const AdmitStudentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdmitStudent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transitionEnrollment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"enrollmentId"},"value":{"kind":"StringValue","value":"RW5yb2xsbWVudDo2MjY","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"to"},"value":{"kind":"EnumValue","value":"ADMITTED"}},{"kind":"ObjectField","name":{"kind":"Name","value":"reason"},"value":{"kind":"StringValue","value":"Documents complete","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enrollment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AdmitStudentMutation, AdmitStudentMutationVariables>;
export const PartnerStudentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerStudents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"students"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"search"},"value":{"kind":"StringValue","value":"Rahimova","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"cohortId"},"value":{"kind":"StringValue","value":"Q29ob3J0OjE","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"enrollmentStatuses"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"ADMITTED"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"familyNameLatin"}},{"kind":"Field","name":{"kind":"Name","value":"enrollments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cohort"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PartnerStudentsQuery, PartnerStudentsQueryVariables>;
export const PartnerChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerChanges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"enrollmentStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actorInstitution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PartnerChangesQuery, PartnerChangesQueryVariables>;
export const NodeByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeById"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"StringValue","value":"SW5zdGl0dXRpb246MQ","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Institution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}},{"kind":"Field","name":{"kind":"Name","value":"names"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"Field","name":{"kind":"Name","value":"country"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NodeByIdQuery, NodeByIdQueryVariables>;
export const EnterResitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnterResit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordResult"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"offeringId"},"value":{"kind":"StringValue","value":"T2ZmZXJpbmc6MTY","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"result"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"enrollmentId"},"value":{"kind":"StringValue","value":"RW5yb2xsbWVudDo1","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"attempt"},"value":{"kind":"IntValue","value":"3"}},{"kind":"ObjectField","name":{"kind":"Name","value":"grade"},"value":{"kind":"StringValue","value":"4","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"assessedOn"},"value":{"kind":"StringValue","value":"2026-11-20","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"creditsEarned"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"gradeScale"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"offering"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"term"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EnterResitMutation, EnterResitMutationVariables>;
export const RecogniseResitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecogniseResit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decideRecognition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"enrollmentId"},"value":{"kind":"StringValue","value":"RW5yb2xsbWVudDo1","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"unitId"},"value":{"kind":"StringValue","value":"Q291cnNlVW5pdDoz","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"decision"},"value":{"kind":"EnumValue","value":"RECOGNISE"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recognition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"convertedGrade"}},{"kind":"Field","name":{"kind":"Name","value":"creditsRecognised"}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}}]}},{"kind":"Field","name":{"kind":"Name","value":"conversion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fromScale"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"toScale"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecogniseResitMutation, RecogniseResitMutationVariables>;
export const AnatomyRecordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AnatomyRecord"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courseResults"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"enrollmentId"},"value":{"kind":"StringValue","value":"RW5yb2xsbWVudDo1","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"unitId"},"value":{"kind":"StringValue","value":"Q291cnNlVW5pdDoz","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"assessedOn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"enrollment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"StringValue","value":"RW5yb2xsbWVudDo1","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recognitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"convertedGrade"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AnatomyRecordQuery, AnatomyRecordQueryVariables>;
export const HeldBackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HeldBack"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enrollment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"StringValue","value":"RW5yb2xsbWVudDo1","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"yearOfStudy"}},{"kind":"Field","name":{"kind":"Name","value":"progressionDecisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"fromYear"}},{"kind":"Field","name":{"kind":"Name","value":"creditsEarned"}},{"kind":"Field","name":{"kind":"Name","value":"creditsRequired"}},{"kind":"Field","name":{"kind":"Name","value":"creditsShort"}},{"kind":"Field","name":{"kind":"Name","value":"missingUnits"}}]}}]}}]}}]} as unknown as DocumentNode<HeldBackQuery, HeldBackQueryVariables>;
export const AdvanceYearOneDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdvanceYearOne"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"advanceCohort"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"cohortId"},"value":{"kind":"StringValue","value":"Q29ob3J0OjE","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"yearOfStudy"},"value":{"kind":"IntValue","value":"1"}},{"kind":"ObjectField","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"StringValue","value":"tcm2024-year1-again","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cohort"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currentYearOfStudy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"advanced"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"creditsEarned"}},{"kind":"Field","name":{"kind":"Name","value":"creditsShort"}},{"kind":"Field","name":{"kind":"Name","value":"enrollment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"yearOfStudy"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"heldBack"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"creditsShort"}},{"kind":"Field","name":{"kind":"Name","value":"missingUnits"}},{"kind":"Field","name":{"kind":"Name","value":"enrollment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AdvanceYearOneMutation, AdvanceYearOneMutationVariables>;
export const StudentTranscriptDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StudentTranscript"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transcript"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enrollmentId"},"value":{"kind":"StringValue","value":"RW5yb2xsbWVudDo1","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"student"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"familyNameLatin"}},{"kind":"Field","name":{"kind":"Name","value":"givenNamesLatin"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"givenNames"}},{"kind":"Field","name":{"kind":"Name","value":"homeInstitution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"hostInstitution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"names"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"hostScale"}},{"kind":"Field","name":{"kind":"Name","value":"years"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"yearOfStudy"}},{"kind":"Field","name":{"kind":"Name","value":"creditsEarned"}},{"kind":"Field","name":{"kind":"Name","value":"creditsRequired"}},{"kind":"Field","name":{"kind":"Name","value":"met"}},{"kind":"Field","name":{"kind":"Name","value":"terms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"term"}},{"kind":"Field","name":{"kind":"Name","value":"units"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"scale"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"convertedGrade"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recognition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"convertedGrade"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unitsPassed"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"creditsEarned"}},{"kind":"Field","name":{"kind":"Name","value":"creditsRecognised"}},{"kind":"Field","name":{"kind":"Name","value":"weightedMean"}}]}},{"kind":"Field","name":{"kind":"Name","value":"standing"}}]}}]}}]} as unknown as DocumentNode<StudentTranscriptQuery, StudentTranscriptQueryVariables>;
export const IssueTranscriptDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IssueTranscript"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issueTranscript"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"enrollmentId"},"value":{"kind":"StringValue","value":"RW5yb2xsbWVudDo1","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"StringValue","value":"transcript-madina-1","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"transcript"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"student"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"familyNameLatin"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditsEarned"}}]}},{"kind":"Field","name":{"kind":"Name","value":"standing"}}]}}]}}]}}]} as unknown as DocumentNode<IssueTranscriptMutation, IssueTranscriptMutationVariables>;
export const VerifyTranscriptDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifyTranscript"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyTranscript"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"StringValue","value":"0000-0000-0000-0000-0000-0000","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"issuedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hostInstitution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}}]}}]}}]} as unknown as DocumentNode<VerifyTranscriptQuery, VerifyTranscriptQueryVariables>;
export const YearOnePassRatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"YearOnePassRates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unitResults"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"cohortId"},"value":{"kind":"StringValue","value":"Q29ob3J0OjE","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"academicYear"},"value":{"kind":"IntValue","value":"2024"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"students"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"passRate"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}}]}}]} as unknown as DocumentNode<YearOnePassRatesQuery, YearOnePassRatesQueryVariables>;
export const NewInstitutionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"NewInstitution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createInstitution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"StringValue","value":"bukhara-2026","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"slug"},"value":{"kind":"StringValue","value":"bukhara-state-medical-institute","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"UNIVERSITY"}},{"kind":"ObjectField","name":{"kind":"Name","value":"countryCode"},"value":{"kind":"StringValue","value":"UZ","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"city"},"value":{"kind":"StringValue","value":"Bukhara","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"nameEn"},"value":{"kind":"StringValue","value":"Bukhara State Medical Institute","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"website"},"value":{"kind":"StringValue","value":"https://bsmi.uz","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"names"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"language"},"value":{"kind":"StringValue","value":"uz-Latn","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"text"},"value":{"kind":"StringValue","value":"Buxoro davlat tibbiyot instituti","block":false}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"language"},"value":{"kind":"StringValue","value":"ru","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"text"},"value":{"kind":"StringValue","value":"Бухарский государственный медицинский институт","block":false}}]}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"identifiers"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"scheme"},"value":{"kind":"EnumValue","value":"SCHAC"}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"StringValue","value":"bsmi.uz","block":false}}]}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"institution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"country"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"names"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"Field","name":{"kind":"Name","value":"identifiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheme"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedOn"}}]}}]}}]}}]} as unknown as DocumentNode<NewInstitutionMutation, NewInstitutionMutationVariables>;
export const OwnRecordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OwnRecord"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateInstitution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"institutionId"},"value":{"kind":"StringValue","value":"SW5zdGl0dXRpb246MQ","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"identifiers"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"scheme"},"value":{"kind":"EnumValue","value":"SCHAC"}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"StringValue","value":"xjmu.edu.cn","block":false}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"scheme"},"value":{"kind":"EnumValue","value":"NATIONAL"}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"StringValue","value":"10760","block":false}}]}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"institution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}},{"kind":"Field","name":{"kind":"Name","value":"identifiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheme"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OwnRecordMutation, OwnRecordMutationVariables>;
export const NewExpertDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"NewExpert"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createExpert"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"familyName"},"value":{"kind":"StringValue","value":"Nurmamat","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"givenNames"},"value":{"kind":"StringValue","value":"Aygul","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"specialty"},"value":{"kind":"StringValue","value":"Hepatobiliary surgery","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"homeInstitutionId"},"value":{"kind":"StringValue","value":"SW5zdGl0dXRpb246MQ","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expert"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"specialty"}},{"kind":"Field","name":{"kind":"Name","value":"homeInstitution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedOn"}}]}}]}}]}}]} as unknown as DocumentNode<NewExpertMutation, NewExpertMutationVariables>;
export const NewLabDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"NewLab"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createJointLab"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"nameEn"},"value":{"kind":"StringValue","value":"Joint Laboratory of Herbal Pharmacology","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"leadInstitutionId"},"value":{"kind":"StringValue","value":"SW5zdGl0dXRpb246MQ","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"names"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"language"},"value":{"kind":"StringValue","value":"zh-Hans","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"text"},"value":{"kind":"StringValue","value":"草药药理联合实验室","block":false}}]}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"members"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"institutionId"},"value":{"kind":"StringValue","value":"SW5zdGl0dXRpb246NQ","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"role"},"value":{"kind":"EnumValue","value":"CO_LEAD"}}]}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"focusAreas"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"TCM"},{"kind":"EnumValue","value":"JOINT_RESEARCH"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jointLab"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}},{"kind":"Field","name":{"kind":"Name","value":"leadInstitution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memberships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"institution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"focusAreas"}}]}}]}}]}}]} as unknown as DocumentNode<NewLabMutation, NewLabMutationVariables>;
export const NewLinkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"NewLink"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTelemedicineLink"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"xinjiangHospitalId"},"value":{"kind":"StringValue","value":"SW5zdGl0dXRpb246Mzk","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"partnerHospitalId"},"value":{"kind":"StringValue","value":"SW5zdGl0dXRpb246NA","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"since"},"value":{"kind":"StringValue","value":"2026-01-15","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"link"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"partnerHospital"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NewLinkMutation, NewLinkMutationVariables>;
export const EndLinkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndLink"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endTelemedicineLink"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"linkId"},"value":{"kind":"StringValue","value":"VGVsZW1lZGljaW5lTGluazoyMw","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"endedOn"},"value":{"kind":"StringValue","value":"2026-06-30","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"link"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}}]}}]}}]}}]} as unknown as DocumentNode<EndLinkMutation, EndLinkMutationVariables>;
export const NewEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"NewEvent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCooperationEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"CONSULTATION_DAY"}},{"kind":"ObjectField","name":{"kind":"Name","value":"title"},"value":{"kind":"StringValue","value":"Free consultation day in Astana","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"occurredOn"},"value":{"kind":"StringValue","value":"2026-11-10","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"institutionIds"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"SW5zdGl0dXRpb246MQ","block":false},{"kind":"StringValue","value":"SW5zdGl0dXRpb246NQ","block":false}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"countryCodes"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"CN","block":false},{"kind":"StringValue","value":"KZ","block":false}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}},{"kind":"Field","name":{"kind":"Name","value":"institutions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"countries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NewEventMutation, NewEventMutationVariables>;
export const RenewPassportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenewPassport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"correctStudent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"studentId"},"value":{"kind":"StringValue","value":"U3R1ZGVudDo2MjY","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"passportNumber"},"value":{"kind":"StringValue","value":"FB7654320","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"reason"},"value":{"kind":"StringValue","value":"passport renewed","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"student"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"familyNameLatin"}},{"kind":"Field","name":{"kind":"Name","value":"passportNumber"}},{"kind":"Field","name":{"kind":"Name","value":"corrections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"oldValue"}},{"kind":"Field","name":{"kind":"Name","value":"newValue"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RenewPassportMutation, RenewPassportMutationVariables>;
export const SubjectAccessDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SubjectAccess"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"studentDataExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"studentId"},"value":{"kind":"StringValue","value":"U3R1ZGVudDo2MjY","block":false}}]}]}}]} as unknown as DocumentNode<SubjectAccessQuery, SubjectAccessQueryVariables>;
export const EraseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Erase"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eraseStudent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"studentId"},"value":{"kind":"StringValue","value":"U3R1ZGVudDo2MjY","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"reason"},"value":{"kind":"StringValue","value":"the student's request of 2 December 2026","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"student"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"familyNameLatin"}},{"kind":"Field","name":{"kind":"Name","value":"givenNamesLatin"}},{"kind":"Field","name":{"kind":"Name","value":"passportNumber"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"enrollments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"corrections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"oldValue"}},{"kind":"Field","name":{"kind":"Name","value":"newValue"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EraseMutation, EraseMutationVariables>;
export const DescribeProgramDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DescribeProgram"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProgram"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"programId"},"value":{"kind":"StringValue","value":"UHJvZ3JhbToy","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"description"},"value":{"kind":"StringValue","value":"Six-year MBBS taught in English and Chinese.","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"teachingLanguages"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"en","block":false},{"kind":"StringValue","value":"zh","block":false}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"teachingLanguages"}}]}}]}}]}}]} as unknown as DocumentNode<DescribeProgramMutation, DescribeProgramMutationVariables>;
export const ProposeSklAmendmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProposeSklAmendment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposeAgreementAmendment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"StringValue","value":"skl-validity-2028","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"agreementId"},"value":{"kind":"StringValue","value":"QWdyZWVtZW50OjU","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"validUntil"},"value":{"kind":"StringValue","value":"2028-12-31","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"contentHash"}},{"kind":"Field","name":{"kind":"Name","value":"parties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"institution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProposeSklAmendmentMutation, ProposeSklAmendmentMutationVariables>;
export const ApproveSklByHospitalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveSklByHospital"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveAgreementVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"versionId"},"value":{"kind":"StringValue","value":"QWdyZWVtZW50VmVyc2lvbjoyMA","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"contentHash"},"value":{"kind":"StringValue","value":"e3d038316289914a52e6b03cd94d73389cfb623b538be2edded296f6b8c9c867","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"approvals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"institution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ApproveSklByHospitalMutation, ApproveSklByHospitalMutationVariables>;
export const ApproveSklByNmscDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveSklByNmsc"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveAgreementVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"versionId"},"value":{"kind":"StringValue","value":"QWdyZWVtZW50VmVyc2lvbjoyMA","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"contentHash"},"value":{"kind":"StringValue","value":"e3d038316289914a52e6b03cd94d73389cfb623b538be2edded296f6b8c9c867","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"agreement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"currentVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ApproveSklByNmscMutation, ApproveSklByNmscMutationVariables>;
export const ApproveSklByLaboratoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveSklByLaboratory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveAgreementVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"versionId"},"value":{"kind":"StringValue","value":"QWdyZWVtZW50VmVyc2lvbjoyMA","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"contentHash"},"value":{"kind":"StringValue","value":"e3d038316289914a52e6b03cd94d73389cfb623b538be2edded296f6b8c9c867","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<ApproveSklByLaboratoryMutation, ApproveSklByLaboratoryMutationVariables>;
export const SklTermsInForceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SklTermsInForce"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agreement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"StringValue","value":"QWdyZWVtZW50OjU","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"currentVersion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}}]}},{"kind":"Field","name":{"kind":"Name","value":"termsOn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"date"},"value":{"kind":"StringValue","value":"2024-06-01","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}}]}},{"kind":"Field","name":{"kind":"Name","value":"versions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<SklTermsInForceQuery, SklTermsInForceQueryVariables>;
export const RegisterWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterWebhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"url"},"value":{"kind":"StringValue","value":"https://sis.urgench.invalid/hooks/xmu","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"changeTypes"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"Enrollment","block":false},{"kind":"StringValue","value":"Student","block":false},{"kind":"StringValue","value":"Program","block":false}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"description"},"value":{"kind":"StringValue","value":"Student information system","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"changeTypes"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterWebhookMutation, RegisterWebhookMutationVariables>;
export const ProgramChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProgramChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProgram"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"programId"},"value":{"kind":"StringValue","value":"UHJvZ3JhbToy","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"description"},"value":{"kind":"StringValue","value":"Six-year MBBS taught in English and Chinese; clinical years in Urumqi.","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ProgramChangedMutation, ProgramChangedMutationVariables>;
export const WebhookLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebhookLog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookEndpoints"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebhookLogQuery, WebhookLogQueryVariables>;
export const ReplayWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReplayWebhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayWebhookDelivery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"deliveryId"},"value":{"kind":"StringValue","value":"V2ViaG9va0RlbGl2ZXJ5OjE","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"delivery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"action"}}]}}]}}]}}]} as unknown as DocumentNode<ReplayWebhookMutation, ReplayWebhookMutationVariables>;
export const RotateWebhookSecretDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateWebhookSecret"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateWebhookSecret"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"endpointId"},"value":{"kind":"StringValue","value":"V2ViaG9va0VuZHBvaW50OjE","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"overlapSeconds"},"value":{"kind":"IntValue","value":"86400"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"previousSecretExpiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<RotateWebhookSecretMutation, RotateWebhookSecretMutationVariables>;
export const PauseWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PauseWebhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"endpointId"},"value":{"kind":"StringValue","value":"V2ViaG9va0VuZHBvaW50OjE","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"active"},"value":{"kind":"BooleanValue","value":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"changeTypes"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"Enrollment","block":false}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"changeTypes"}}]}}]}}]}}]} as unknown as DocumentNode<PauseWebhookMutation, PauseWebhookMutationVariables>;
export const DeleteWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteWebhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"endpointId"},"value":{"kind":"StringValue","value":"V2ViaG9va0VuZHBvaW50OjE","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedEndpointId"}}]}}]}}]} as unknown as DocumentNode<DeleteWebhookMutation, DeleteWebhookMutationVariables>;