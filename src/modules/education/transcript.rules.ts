import { toGlobalId } from "../../shared/global-id.js";
import { localizedNames } from "../../shared/localized.type.js";
import { convertGrade } from "./grade.rules.js";
import type { Transcript, TranscriptInstitution, TranscriptUnit, TranscriptYear } from "./transcript.type.js";

// The transcript assembled from rows already read under the caller's scope (transcript.service.ts), as a pure
// function: grouping by year and term, conversion to the host's scale, totals and standing. The credit rule is
// the one progression applies (progression.rules.ts: a year's own rule, else the version's; a unit counts once,
// with the credits of its passing attempt), read here from the transcript's own rows.

export interface InstitutionRow {
  id: number;
  nameEn: string;
  names: Record<string, string>;
}

export interface TranscriptSource {
  enrollmentId: number;
  /** Whether the caller may read the enrollment (home, host, platform admin): the whole record. */
  complete: boolean;
  status: string;
  student: { id: number; familyName: string; givenNames: string; familyNameLatin: string; givenNamesLatin: string; nationality: string; homeInstitutionId: number };
  program: { id: number; code: string; titleEn: string; names: Record<string, string>; hostInstitutionId: number; agreementId: number | null; partnerIds: number[] };
  /** currentYearOfStudy: the later of the cohort's year and the student's own; studentYear: the student's own year (else the cohort's). */
  cohort: { name: string; currentYearOfStudy: number; studentYear: number };
  curriculum: {
    version: number;
    hostScaleId: number;
    hostScaleCode: string;
    hostScaleNumeric: boolean;
    creditsPerYear: number;
    compulsoryRequired: boolean;
    /** A year's own credit rule, where it differs from the version's (year_credit_rules). */
    yearRules: Map<number, { creditsRequired: number; compulsoryRequired: boolean }>;
  } | null;
  institutions: Map<number, InstitutionRow>;
  units: { id: number; code: string; titleEn: string; names: Record<string, string>; yearOfStudy: number; term: number; ectsCredits: number; creditHours: number; compulsory: boolean; teachingInstitutionId: number; gradeScaleId: number; scaleCode: string }[];
  results: { unitId: number; attempt: number; grade: string; passed: boolean; creditsEarned: number; assessedOn: string; termName: string; corrected: boolean }[];
  recognitions: { unitId: number; status: string; convertedGrade: string | null; creditsRecognised: number; reason: string | null; decidedAt: Date }[];
  /** Conversion tables to the host's scale the program or an agreement of the host provides, by id. */
  conversions: { id: number; fromScaleId: number; programId: number | null; agreementId: number | null; parties: number[]; rows: { from?: string; min?: number; max?: number; to: string }[] }[];
}

export function institution(rows: Map<number, InstitutionRow>, id: number): TranscriptInstitution {
  const r = rows.get(id)!;
  return { id: toGlobalId("Institution", id), nameEn: r.nameEn, names: localizedNames(r.nameEn, r.names) };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function assembleTranscript(s: TranscriptSource): Transcript {
  const hostScale = s.curriculum?.hostScaleId ?? null;
  const unitById = new Map(s.units.map((u) => [u.id, u]));
  // A unit's grade in the host's scale: the same grade on the host's scale, else the first table (by id) that
  // covers it among the program's, its founding agreement's and those of an agreement the teacher is party to.
  const convert = (u: TranscriptSource["units"][number], grade: string): string | null => {
    if (hostScale == null) return null;
    if (u.gradeScaleId === hostScale) return grade;
    for (const t of s.conversions) {
      if (t.fromScaleId !== u.gradeScaleId) continue;
      const applies = t.programId === s.program.id || (t.agreementId != null && (t.agreementId === s.program.agreementId || t.parties.includes(u.teachingInstitutionId)));
      if (!applies) continue;
      const g = convertGrade(t, grade);
      if (g != null) return g;
    }
    return null;
  };
  const recognitionOf = new Map(s.recognitions.map((r) => [r.unitId, r]));
  const byUnit = new Map<number, TranscriptSource["results"]>();
  for (const r of s.results) {
    if (!unitById.has(r.unitId)) continue;
    const list = byUnit.get(r.unitId) ?? [];
    list.push(r);
    byUnit.set(r.unitId, list);
  }
  const lines: (TranscriptUnit & { year: number; term: number; id: number })[] = [];
  for (const [unitId, attempts] of byUnit) {
    const u = unitById.get(unitId)!;
    attempts.sort((a, b) => a.attempt - b.attempt);
    const pass = attempts.find((a) => a.passed);
    const counting = pass ?? attempts[attempts.length - 1];
    const rec = recognitionOf.get(unitId) ?? null;
    lines.push({
      id: unitId,
      year: u.yearOfStudy,
      term: u.term,
      unitId: toGlobalId("CourseUnit", unitId),
      code: u.code,
      titles: localizedNames(u.titleEn, u.names),
      ectsCredits: u.ectsCredits,
      creditHours: u.creditHours,
      compulsory: u.compulsory,
      teachingInstitution: institution(s.institutions, u.teachingInstitutionId),
      scale: u.scaleCode,
      attempts: attempts.map((a) => ({ attempt: a.attempt, grade: a.grade, convertedGrade: convert(u, a.grade), passed: a.passed, creditsEarned: a.creditsEarned, assessedOn: a.assessedOn, termName: a.termName, corrected: a.corrected })),
      passed: !!pass,
      grade: counting.grade,
      convertedGrade: rec?.status === "RECOGNISED" && rec.convertedGrade != null ? rec.convertedGrade : convert(u, counting.grade),
      creditsEarned: pass ? pass.creditsEarned : 0,
      recognition: rec && { status: rec.status, convertedGrade: rec.convertedGrade, creditsRecognised: rec.creditsRecognised, reason: rec.reason, decidedAt: rec.decidedAt },
    });
  }
  lines.sort((a, b) => a.year - b.year || a.term - b.term || a.code.localeCompare(b.code));

  // Judged once the cohort (or the student) is past it, never past the student's own year: a held-back student
  // has not reached a later year, whose units' results are shown but count toward no standing.
  const inProgress = (year: number) => year >= s.cohort.currentYearOfStudy || year > s.cohort.studentYear;
  // Every year the student has finished (each year before their own, which the cohort has left too) is judged,
  // with results or not: a complete record with a curriculum shows a finished year holding no result as earning
  // nothing (short of its whole rule), never leaves it out. The student's own year shows when it holds results (a
  // held-back student's year, judged once the cohort has left it); a year just reached (a student moved on late,
  // the cohort already past it) holds none and is not finished. A partial record (a teaching institution's own
  // units) shows only its units' years.
  const finished = s.complete && s.curriculum
    ? Array.from({ length: Math.max(0, Math.min(s.cohort.currentYearOfStudy, s.cohort.studentYear) - 1) }, (_, i) => i + 1)
    : [];
  const years: TranscriptYear[] = [];
  for (const year of [...new Set([...finished, ...lines.map((l) => l.year)])].sort((a, b) => a - b)) {
    const inYear = lines.filter((l) => l.year === year);
    const earned = round1(inYear.reduce((n, l) => n + l.creditsEarned, 0));
    const passedIds = new Set(inYear.filter((l) => l.passed).map((l) => l.id));
    const rule = s.curriculum?.yearRules.get(year);
    const missing = (rule?.compulsoryRequired ?? s.curriculum?.compulsoryRequired) ? s.units.filter((u) => u.yearOfStudy === year && u.compulsory && !passedIds.has(u.id)).map((u) => u.code).sort() : [];
    const required = rule?.creditsRequired ?? s.curriculum?.creditsPerYear ?? 0;
    years.push({
      yearOfStudy: year,
      terms: [...new Set(inYear.map((l) => l.term))].map((term) => {
        const units = inYear.filter((l) => l.term === term).map(({ year: _y, term: _t, id: _i, ...unit }) => unit);
        return { term, units, creditsEarned: round1(units.reduce((n, l) => n + l.creditsEarned, 0)) };
      }),
      creditsEarned: earned,
      creditsRequired: required,
      missingUnits: missing,
      met: earned >= required && missing.length === 0,
      inProgress: inProgress(year),
    });
  }

  const counted = lines.filter((l) => l.convertedGrade != null && Number.isFinite(Number(l.convertedGrade)));
  const weight = counted.reduce((n, l) => n + l.ectsCredits, 0);
  const totals = {
    units: lines.length,
    unitsPassed: lines.filter((l) => l.passed).length,
    attempts: lines.reduce((n, l) => n + l.attempts.length, 0),
    creditsEarned: round1(lines.reduce((n, l) => n + l.creditsEarned, 0)),
    creditsRecognised: round1(lines.reduce((n, l) => n + (l.recognition?.status === "RECOGNISED" ? l.recognition.creditsRecognised : 0), 0)),
    creditHours: lines.filter((l) => l.passed).reduce((n, l) => n + l.creditHours, 0),
    weightedMean: s.curriculum?.hostScaleNumeric && weight > 0 ? round1(counted.reduce((n, l) => n + Number(l.convertedGrade) * l.ectsCredits, 0) / weight) : null,
  };
  // Standing: the years the cohort has moved past (a year under way is not judged yet).
  const judged = years.filter((y) => !y.inProgress);
  const short = round1(judged.reduce((n, y) => n + Math.max(0, y.creditsRequired - y.creditsEarned), 0));
  const standing = judged.length === 0 ? "NOT_ASSESSED" : judged.every((y) => y.met) ? "GOOD_STANDING" : "CREDITS_SHORT";
  // A partial record (a teaching institution's own units) claims no standing, for the whole or a year.
  if (!s.complete) for (const y of years) Object.assign(y, { met: null, missingUnits: null });
  return {
    enrollmentId: toGlobalId("Enrollment", s.enrollmentId),
    complete: s.complete,
    student: s.complete
      ? {
          id: toGlobalId("Student", s.student.id),
          familyName: s.student.familyName,
          givenNames: s.student.givenNames,
          familyNameLatin: s.student.familyNameLatin,
          givenNamesLatin: s.student.givenNamesLatin,
          nationality: s.student.nationality,
          homeInstitution: institution(s.institutions, s.student.homeInstitutionId),
        }
      : null,
    programCode: s.program.code,
    programTitles: localizedNames(s.program.titleEn, s.program.names),
    cohortName: s.cohort.name,
    status: s.complete ? s.status : null,
    hostInstitution: institution(s.institutions, s.program.hostInstitutionId),
    partnerInstitutions: s.program.partnerIds.map((id) => institution(s.institutions, id)),
    hostScale: s.curriculum?.hostScaleCode ?? null,
    curriculumVersion: s.curriculum?.version ?? null,
    years,
    totals,
    standing: s.complete ? standing : null,
    creditsShort: s.complete ? short : null,
  };
}
