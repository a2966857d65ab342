import { createHash, randomBytes } from "node:crypto";
import { and, eq, inArray, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Context } from "../../context.js";
import type { Db } from "../../db/client.js";
import type { Who } from "../../engine/entity.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { runMutation } from "../../shared/mutation.js";
import { execPrebuilt, prebuilt, type Prebuilt } from "../../shared/prebuilt-sql.js";
import { isPartyOn, partyIdsOn } from "../agreements/agreement-version.sql.js";
import { agreements } from "../agreements/agreement.table.js";
import { audit } from "../audit/audit.service.js";
import { requireViewer } from "../auth/access.js";
import type { Viewer } from "../auth/auth.roles.js";
import { institutions } from "../institutions/institution.table.js";
import { cohorts, programPartners, programs } from "../programs/program.table.js";
import { enrollmentScope } from "../students/student.scope.js";
import { enrollments, students } from "../students/student.table.js";
import { academicTerms, courseUnits, curricula, offerings, yearCreditRules } from "./curriculum.table.js";
import { gradeConversions, gradeScales } from "./grade-scale.table.js";
import { recordScope } from "./result.scope.js";
import { courseResults, recognitions, transcriptIssues } from "./result.table.js";
import { assembleTranscript, institution, type InstitutionRow, type TranscriptSource } from "./transcript.rules.js";
import type { Transcript, TranscriptInstitution, TranscriptVerification } from "./transcript.type.js";

// The transcript of records: read under the results' scope (result.scope.ts: the same rule as courseResults,
// enrollment.results and enrollment.recognitions), so a caller sees on a transcript exactly the results it may
// read elsewhere: staff of the student's home and host institutions and platform admins the whole record, a
// teaching institution's staff its own units only (no student, no standing). Issuing one as a document (a PDF
// at /transcripts/<code>.pdf) and its verification code are here too.

const ROLES_MESSAGE = "Transcripts need one of the roles PLATFORM_ADMIN, INSTITUTION_ADMIN, PARTNER_REGISTRAR";

/** A json_agg of `fields` over the rows of `from … where`, [] when none (PostgreSQL's json_agg of no rows is null). */
const rowsOf = (fields: Record<string, SQL | AnyColumn>, from: SQL, order?: SQL | AnyColumn) =>
  sql`(select coalesce(json_agg(json_build_object(${sql.join(
    Object.entries(fields).map(([k, v]) => sql`${sql.raw(`'${k}'`)}, ${v}`),
    sql`, `,
  )})${order ? sql` order by ${order}` : sql``}), '[]'::json) ${from})`;

/** A select list of `expression as "key"`: the driver's rows have these keys. */
const columnsOf = (fields: Record<string, SQL | AnyColumn>) =>
  sql.join(
    Object.entries(fields).map(([k, v]) => sql`${v} as ${sql.identifier(k)}`),
    sql`, `,
  );

/** JSON as the drivers hand it: PGlite and postgres.js parse json columns; a driver that does not gives text. */
const parsed = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));

// The two statements are rendered once (shared/prebuilt-sql.ts) — drizzle rendered them on every read, a tenth
// of a transcript's CPU — the first once per kind of caller: the scopes are applied to a caller whose
// institution is a placeholder, so one statement serves every caller of a role.
type HeadKeys = "enrollmentId" | "inst";
const heads = new Map<string, Prebuilt<HeadKeys>>();

function headStatement(who: Who): Prebuilt<HeadKeys> {
  const key = who ? `${who.role}\n${who.institutionId == null}` : "anonymous";
  let found = heads.get(key);
  if (found) return found;
  found = prebuilt<HeadKeys>((p) => {
    const caller: Who = who && { ...who, institutionId: who.institutionId == null ? null : (p.inst as unknown as number) };
    const scope = enrollmentScope(enrollments, caller, "probe");
    const readable = scope === undefined ? sql<boolean>`true` : scope === false ? sql<boolean>`false` : sql<boolean>`(${scope})`;
    // The results' scope (resultScope's rule) in its probe form: the rows of one enrollment.
    const rScope = recordScope(courseResults.enrollmentId, courseResults.unitId, caller, "probe");
    const recScope = recordScope(recognitions.enrollmentId, recognitions.unitId, caller, "probe");
    const none = sql`'[]'::json`;
    return sql`select ${columnsOf({
      status: enrollments.status,
      readable,
      studentId: students.id,
      familyName: students.familyName,
      givenNames: students.givenNames,
      familyNameLatin: students.familyNameLatin,
      givenNamesLatin: students.givenNamesLatin,
      nationality: students.nationality,
      homeInstitutionId: students.homeInstitutionId,
      programId: programs.id,
      programCode: programs.code,
      programTitleEn: programs.titleEn,
      programNames: programs.names,
      hostInstitutionId: programs.hostInstitutionId,
      agreementId: programs.agreementId,
      cohortName: cohorts.name,
      // The year the record is judged up to: the later of the student's own (set by a progression decision) and
      // the cohort's; and the student's own year (else the cohort's), past which no year is judged.
      currentYearOfStudy: sql`greatest(${enrollments.yearOfStudy}, ${cohorts.currentYearOfStudy})`,
      studentYear: sql`coalesce(${enrollments.yearOfStudy}, ${cohorts.currentYearOfStudy})`,
      curriculumId: cohorts.curriculumId,
      partnerIds: sql`array(select ${programPartners.institutionId} from ${programPartners} where ${programPartners.programId} = ${programs.id} order by 1)`,
      // The agreements' terms a transcript follows: those in force on the cohort's start date.
      startDate: sql`${cohorts.startDate}::text`,
      results: rScope === false ? none : rowsOf(
        { unitId: courseResults.unitId, attempt: courseResults.attempt, grade: courseResults.grade, passed: courseResults.passed, creditsEarned: courseResults.creditsEarned, assessedOn: courseResults.assessedOn, termName: academicTerms.name, corrected: sql`${courseResults.correctedAt} is not null` },
        sql`from ${courseResults} join ${offerings} on ${offerings.id} = ${courseResults.offeringId} join ${academicTerms} on ${academicTerms.id} = ${offerings.termId} where ${courseResults.enrollmentId} = ${enrollments.id}${rScope ? sql` and ${rScope}` : sql``}`,
      ),
      recognitions: recScope === false ? none : rowsOf(
        { unitId: recognitions.unitId, status: recognitions.status, convertedGrade: recognitions.convertedGrade, creditsRecognised: recognitions.creditsRecognised, reason: recognitions.reason, decidedAt: recognitions.decidedAt },
        sql`from ${recognitions} where ${recognitions.enrollmentId} = ${enrollments.id}${recScope ? sql` and ${recScope}` : sql``}`,
      ),
    })} from ${enrollments} join ${students} on ${students.id} = ${enrollments.studentId} join ${cohorts} on ${cohorts.id} = ${enrollments.cohortId} join ${programs} on ${programs.id} = ${cohorts.programId} where ${enrollments.id} = ${p.enrollmentId}`;
  });
  heads.set(key, found);
  return found;
}

type RestKeys = "named" | "curriculumId" | "startDate" | "programId" | "host" | "agreementId";
const institutionRows = (named: SQL, extra: SQL) =>
  rowsOf({ id: institutions.id, nameEn: institutions.nameEn, names: institutions.names }, sql`from ${institutions} where ${institutions.id} = any(${named}::int[])${extra}`);

/** The institutions named when the cohort follows no curriculum. */
const institutionsOnly = prebuilt<"named">((p) => sql`select ${institutionRows(p.named, sql``)} as institutions`);

/** The curriculum with its year rules, units, conversion tables and the institutions named; with or without a founding agreement. */
const curriculumOf = [false, true].map((founded) =>
  prebuilt<RestKeys>((p) => {
    const termsDay = sql`${p.startDate}::date`;
    const taught = sql`(select ${courseUnits.teachingInstitutionId} from ${courseUnits} where ${courseUnits.curriculumId} = ${curricula.id})`;
    return sql`select ${columnsOf({
      version: curricula.version,
      hostScaleId: curricula.hostScaleId,
      hostScaleCode: gradeScales.code,
      hostScaleNumeric: sql`${gradeScales.kind} = 'NUMERIC'`,
      creditsPerYear: sql`${curricula.creditsPerYear}::float8`,
      compulsoryRequired: curricula.compulsoryRequired,
      yearRules: rowsOf(
        { yearOfStudy: yearCreditRules.yearOfStudy, creditsRequired: yearCreditRules.creditsRequired, compulsoryRequired: yearCreditRules.compulsoryRequired },
        sql`from ${yearCreditRules} where ${yearCreditRules.curriculumId} = ${curricula.id}`,
      ),
      units: rowsOf(
        { id: courseUnits.id, code: courseUnits.code, titleEn: courseUnits.titleEn, names: courseUnits.names, yearOfStudy: courseUnits.yearOfStudy, term: courseUnits.term, ectsCredits: courseUnits.ectsCredits, creditHours: courseUnits.creditHours, compulsory: courseUnits.compulsory, teachingInstitutionId: courseUnits.teachingInstitutionId, gradeScaleId: courseUnits.gradeScaleId, scaleCode: sql`unit_scale.code` },
        sql`from ${courseUnits} join ${gradeScales} unit_scale on unit_scale.id = ${courseUnits.gradeScaleId} where ${courseUnits.curriculumId} = ${curricula.id}`,
      ),
      conversions: rowsOf(
        { id: gradeConversions.id, fromScaleId: gradeConversions.fromScaleId, programId: gradeConversions.programId, agreementId: gradeConversions.agreementId, rows: gradeConversions.rows, parties: partyIdsOn(gradeConversions.agreementId, termsDay) },
        sql`from ${gradeConversions} where ${and(
          eq(gradeConversions.toScaleId, curricula.hostScaleId),
          or(eq(gradeConversions.programId, p.programId), inArray(gradeConversions.agreementId, sql`(select shared_a.id from ${agreements} shared_a where ${isPartyOn(sql`shared_a.id`, p.host, termsDay)})`), founded ? eq(gradeConversions.agreementId, p.agreementId) : undefined),
        )}`,
        gradeConversions.id,
      ),
      institutions: institutionRows(p.named, sql` or ${institutions.id} in ${taught}`),
    })} from ${curricula} join ${gradeScales} on ${gradeScales.id} = ${curricula.hostScaleId} where ${curricula.id} = ${p.curriculumId}`;
  }),
);

interface HeadRow {
  status: string;
  readable: boolean;
  studentId: number;
  familyName: string;
  givenNames: string;
  familyNameLatin: string;
  givenNamesLatin: string;
  nationality: string;
  homeInstitutionId: number;
  programId: number;
  programCode: string;
  programTitleEn: string;
  programNames: unknown;
  hostInstitutionId: number;
  agreementId: number | null;
  cohortName: string;
  currentYearOfStudy: number;
  studentYear: number;
  curriculumId: number | null;
  partnerIds: number[] | null;
  startDate: string;
  results: unknown;
  recognitions: unknown;
}

/**
 * Every row a transcript is made of, read under the caller's scope, in two statements (the enrollment with its
 * results and recognitions; the curriculum with its year rules, units, conversion tables and the institutions
 * named); null when the enrollment does not exist.
 */
async function readSource(db: Db, who: Who, enrollmentId: number): Promise<TranscriptSource | null> {
  const [head] = (await execPrebuilt(db, headStatement(who), { enrollmentId, inst: who?.institutionId ?? null })) as unknown as HeadRow[];
  if (!head) return null;
  const complete = Boolean(head.readable);
  const program = { id: head.programId, code: head.programCode, titleEn: head.programTitleEn, names: parsed<Record<string, string>>(head.programNames), hostInstitutionId: head.hostInstitutionId, agreementId: head.agreementId, partnerIds: (head.partnerIds ?? []).map(Number) };
  const host = program.hostInstitutionId;
  const named = `{${[...new Set([host, head.homeInstitutionId, ...program.partnerIds])].join(",")}}`;
  const cid = head.curriculumId;
  let rest: { curriculum: TranscriptSource["curriculum"]; units: TranscriptSource["units"]; conversions: TranscriptSource["conversions"]; institutions: InstitutionRow[] };
  if (cid == null) {
    const [r] = await execPrebuilt(db, institutionsOnly, { named });
    rest = { curriculum: null, units: [], conversions: [], institutions: parsed(r.institutions) };
  } else {
    const [c] = await execPrebuilt(db, curriculumOf[program.agreementId == null ? 0 : 1], { named, curriculumId: cid, startDate: head.startDate, programId: program.id, host, agreementId: program.agreementId });
    const yearRules = parsed<{ yearOfStudy: number; creditsRequired: number; compulsoryRequired: boolean }[]>(c.yearRules);
    rest = {
      curriculum: { version: c.version as number, hostScaleId: c.hostScaleId as number, hostScaleCode: c.hostScaleCode as string, hostScaleNumeric: Boolean(c.hostScaleNumeric), creditsPerYear: Number(c.creditsPerYear), compulsoryRequired: Boolean(c.compulsoryRequired), yearRules: new Map(yearRules.map((r) => [r.yearOfStudy, r])) },
      units: parsed(c.units),
      conversions: parsed<TranscriptSource["conversions"]>(c.conversions).map((x) => ({ ...x, parties: (x.parties ?? []).map(Number) })),
      institutions: parsed(c.institutions),
    };
  }
  return {
    enrollmentId,
    complete,
    status: head.status,
    student: { id: head.studentId, familyName: head.familyName, givenNames: head.givenNames, familyNameLatin: head.familyNameLatin, givenNamesLatin: head.givenNamesLatin, nationality: head.nationality, homeInstitutionId: head.homeInstitutionId },
    cohort: { name: head.cohortName, currentYearOfStudy: Number(head.currentYearOfStudy), studentYear: Number(head.studentYear) },
    program,
    curriculum: rest.curriculum,
    institutions: new Map(rest.institutions.map((i) => [i.id, i])),
    units: rest.units,
    results: parsed<TranscriptSource["results"]>(head.results).map((r) => ({ ...r, corrected: Boolean(r.corrected) })),
    recognitions: parsed<(Omit<TranscriptSource["recognitions"][number], "decidedAt"> & { decidedAt: string })[]>(head.recognitions).map((r) => ({ ...r, decidedAt: new Date(r.decidedAt) })),
    conversions: rest.conversions,
  };
}

/**
 * The answer for an enrollment the caller may not see, and the same for one that does not exist, as a node
 * outside the caller's scope is FORBIDDEN: which ids exist is not told. A platform admin, who may see every
 * one, is told NOT_FOUND.
 */
function unseen(who: Viewer, given: string, field: string, message: string): AppError {
  return who.role === "PLATFORM_ADMIN" ? new AppError(ErrorCode.NOT_FOUND, `Enrollment ${given} was not found`, { field }) : new AppError(ErrorCode.FORBIDDEN, message, { field });
}

/**
 * A transcript as the caller may see it: FORBIDDEN when the caller may read neither the enrollment nor any of
 * its results, or it does not exist (platform admins: NOT_FOUND); anonymous callers: UNAUTHENTICATED.
 */
export async function transcriptFor(db: Db, who: Viewer, enrollmentId: number, given: string): Promise<Transcript> {
  if (recordScope(sql`0`, sql`0`, who) === false) throw new AppError(ErrorCode.FORBIDDEN, ROLES_MESSAGE);
  const src = await readSource(db, who, enrollmentId);
  if (!src || (!src.complete && src.results.length === 0)) throw unseen(who, given, "enrollmentId", "This transcript is not one your institution may see");
  return assembleTranscript(src);
}

export function readTranscript(ctx: Context, enrollmentId: string): Promise<Transcript> {
  const v = requireViewer(ctx);
  return transcriptFor(ctx.db, v, fromGlobalId(enrollmentId, "Enrollment", "enrollmentId"), enrollmentId);
}

/**
 * SHA-256 of the record a document shows: the same record gives the same hash. Institutions count by id, not by
 * name: renaming one (by its own admins) changes no student's record, so it supersedes no issued transcript;
 * the document printed again shows the current names.
 */
export function contentHash(t: Transcript): string {
  return createHash("sha256").update(JSON.stringify(t, (_k, v: unknown) => (isInstitution(v) ? { id: v.id } : v))).digest("hex");
}

const isInstitution = (v: unknown): v is TranscriptInstitution => v != null && typeof v === "object" && "id" in v && "nameEn" in v && "names" in v;

/** Whether an issued document's hash is this record's (also under the rule before names were left out). */
const holds = (t: Transcript, issued: string) => issued === contentHash(t) || issued === createHash("sha256").update(JSON.stringify(t)).digest("hex");

// Crockford's base32 (no I, L, O, U): 15 random bytes, 120 bits, 24 characters in six groups of four.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export function newCode(): string {
  const bytes = randomBytes(15);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join("-");
}

/** A code as given (any case, with or without dashes and spaces) in its stored form, or null when it cannot be one. */
export function normalizeCode(given: string): string | null {
  const c = given.toUpperCase().replace(/[\s-]/g, "");
  return /^[0-9A-HJKMNP-TV-Z]{24}$/.test(c) ? c.match(/.{4}/g)!.join("-") : null;
}

export const transcriptPath = (code: string) => `/transcripts/${code}.pdf`;

export interface IssuedTranscript {
  code: string;
  issuedAt: string;
}

/**
 * Issues a transcript as a document: staff of the student's home or host institution and platform admins (those
 * who see the whole record). Records the code, who and when, and the hash of the content in transcript_issues,
 * with an audit row; the document itself is rendered on request from the record (GET /transcripts/<code>.pdf).
 */
export async function issueTranscript(ctx: Context, input: { idempotencyKey?: string | null; enrollmentId: string }): Promise<IssuedTranscript> {
  const v = requireViewer(ctx);
  const id = fromGlobalId(input.enrollmentId, "Enrollment", "input.enrollmentId");
  return runMutation(ctx, {
    operation: "issueTranscript",
    input,
    run: async (tx) => {
      if (recordScope(sql`0`, sql`0`, v) === false) throw new AppError(ErrorCode.FORBIDDEN, ROLES_MESSAGE, { field: "input.enrollmentId" });
      const src = await readSource(tx as unknown as Db, v, id);
      if (!src || !src.complete) throw unseen(v, input.enrollmentId, "input.enrollmentId", "Transcripts are issued by staff of the student's home or host institution");
      const t = assembleTranscript(src);
      const code = newCode();
      const [row] = await tx.insert(transcriptIssues).values({ code, enrollmentId: id, issuedBy: v.subject, issuedByInstitutionId: v.institutionId, contentHash: contentHash(t) }).returning();
      await audit(tx, ctx, { action: "transcript.issue", entityType: "Enrollment", entityId: id, after: { code, contentHash: row.contentHash } });
      return { code, issuedAt: row.issuedAt.toISOString() };
    },
  });
}

/** A platform-wide reader, used only to compare an issued document's hash with the record (never shown). */
const SYSTEM: Viewer = { subject: "system:transcript-verification", role: "PLATFORM_ADMIN", institutionId: null };

async function issueOf(db: Db, given: string) {
  const code = normalizeCode(given);
  if (!code) return null;
  const [row] = await db
    .select({ code: transcriptIssues.code, enrollmentId: transcriptIssues.enrollmentId, issuedAt: transcriptIssues.issuedAt, issuedByInstitutionId: transcriptIssues.issuedByInstitutionId, contentHash: transcriptIssues.contentHash })
    .from(transcriptIssues)
    .where(eq(transcriptIssues.code, code));
  return row ?? null;
}

/**
 * What a verification code confirms, to anyone: issued or not, when, by which institution, for which host and
 * program, and whether the record still holds what the document shows. Never a grade or a name. An unknown (or
 * malformed) code is UNKNOWN, not an error.
 */
export async function verifyTranscript(db: Db, given: string): Promise<TranscriptVerification> {
  const unknown = { code: given.slice(0, 64), status: "UNKNOWN", issuedAt: null, issuedBy: null, hostInstitution: null, program: null };
  const row = await issueOf(db, given);
  if (!row) return unknown;
  const src = await readSource(db, SYSTEM, row.enrollmentId);
  if (!src) return unknown;
  const current = assembleTranscript(src);
  let issuedBy = null;
  if (row.issuedByInstitutionId != null) {
    const [i] = await db.select({ id: institutions.id, nameEn: institutions.nameEn, names: institutions.names }).from(institutions).where(eq(institutions.id, row.issuedByInstitutionId));
    issuedBy = institution(new Map([[i.id, i]]), i.id);
  }
  return {
    code: row.code,
    status: holds(current, row.contentHash) ? "VALID" : "SUPERSEDED",
    issuedAt: row.issuedAt,
    issuedBy,
    hostInstitution: institution(src.institutions, src.program.hostInstitutionId),
    program: src.program.titleEn,
  };
}

export type DocumentOutcome = { ok: true; transcript: Transcript; code: string; issuedAt: Date } | { ok: false; status: number; code: ErrorCode; message: string };

/**
 * The issued document's content for the PDF route: the caller must be one who may issue it (home or host staff,
 * platform admins); the record must still hold what was issued (else 409: a newer transcript is to be issued).
 */
export async function issuedDocument(db: Db, viewer: Viewer | null, given: string): Promise<DocumentOutcome> {
  if (!viewer) return { ok: false, status: 401, code: ErrorCode.UNAUTHENTICATED, message: "Sign in: this needs a bearer token" };
  const scope = recordScope(sql`0`, sql`0`, viewer);
  if (scope === false) return { ok: false, status: 403, code: ErrorCode.FORBIDDEN, message: ROLES_MESSAGE };
  const notYours = { ok: false as const, status: 403, code: ErrorCode.FORBIDDEN, message: "This transcript is not one your institution may see" };
  // Which codes exist is told only to callers who may read every record (as ids: README, "missing and forbidden").
  const missing = scope === undefined ? { ok: false as const, status: 404, code: ErrorCode.NOT_FOUND, message: "No transcript was issued with this code" } : notYours;
  const row = await issueOf(db, given);
  if (!row) return missing;
  const src = await readSource(db, viewer, row.enrollmentId);
  if (!src) return missing;
  if (!src.complete) return notYours;
  const t = assembleTranscript(src);
  if (!holds(t, row.contentHash))
    return { ok: false, status: 409, code: ErrorCode.CONFLICT, message: "The record has changed since this transcript was issued: issue a new one (issueTranscript)" };
  return { ok: true, transcript: t, code: row.code, issuedAt: row.issuedAt };
}
