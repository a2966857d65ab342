import type { Db } from "../../src/db/client.js";
import { academicTerms, cohorts, courseResults, courseUnits, curricula, gradeConversions, gradeScales, institutions, offerings, programPartners } from "../../src/db/schema.js";
import { eq } from "drizzle-orm";
import { toGlobalId } from "../../src/shared/global-id.js";
import { academicYearLabel, academicYearOf } from "../../src/modules/education/academic-year.rules.js";
import { enrollAtPartner, type JointProgram } from "./joint-program.js";

/** A day `n` days from today (UTC), as the database's today reads it: every date a test compares with today is one. */
export const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The factory's calendar, relative to today so the tests hold on any date: a term under way (90 days in,
 * 45 to go), one not started (in 75 days) and one ended 160 days ago (its 120-day resit session over 40 days
 * ago). The past term starts 375 days before the future one, so the two are never of one academic year.
 */
export function educationCalendar() {
  const span = (from: number, to: number) => ({ start: day(from), end: day(to), academicYear: academicYearOf(day(from)) });
  const current = span(-90, 45);
  const future = span(75, 215);
  const past = span(-300, -160);
  return { current, future, past, academicYear: current.academicYear };
}

let n = 0;

export interface Education {
  /** A second partner of the joint program that teaches a unit: neither the student's home nor the host. */
  teacher: number;
  /** A 0–100 scale (the host's) and a 2–5 scale (the teacher's). */
  scales: { pct: number; uz5: number };
  curriculumId: number;
  /** Units: one taught by the host, one by the teacher. */
  units: { host: number; teacher: number };
  /** Open terms of the host and the teacher (under way, with offerings), the teacher's term not started (none), and its ended term (none). */
  terms: { host: number; teacher: number; teacherSpring: number; teacherPast: number };
  /** The terms' days (see educationCalendar); the cohort's intake and the curriculum are of the current term's academic year. */
  calendar: ReturnType<typeof educationCalendar>;
  /** The current term's name ("2026-27 autumn" in 2026-27). */
  termName: string;
  /** The days of the two factory results (in the current term, before today). */
  assessedOn: { result: string; hostResult: string };
  offerings: { host: number; teacher: number };
  /** Results of the given enrollment at the teacher's unit (grade 4) and at the host's (75). */
  resultId: number;
  hostResultId: number;
  /** An ENROLLED student of the partner with no result yet. */
  freshEnrollment: number;
  ids: { freshEnrollment: string; teacher: string; curriculum: string; unitHost: string; unitTeacher: string; termHost: string; termTeacher: string; termTeacherSpring: string; termTeacherPast: string; offeringHost: string; offeringTeacher: string; result: string; hostResult: string; pct: string; uz5: string };
}

/** A curriculum of the joint program (the cohort follows it), a unit taught by a third institution, terms, offerings and one result. */
export async function buildEducation(db: Db, jp: JointProgram, enrollmentId: number): Promise<Education> {
  const tag = `ed${++n}${Math.random().toString(36).slice(2, 6)}`;
  const cal = educationCalendar();
  const ay = cal.academicYear;
  const termName = `${academicYearLabel(ay)} autumn`;
  const assessedOn = { result: day(-30), hostResult: day(-29) };
  const [teacher] = await db.insert(institutions).values({ slug: `${tag}-teacher`, kind: "UNIVERSITY", countryCode: "UZ", nameEn: `${tag} Teaching Institute` }).returning({ id: institutions.id });
  await db.insert(programPartners).values({ programId: jp.programId, institutionId: teacher.id });
  const [pct, uz5] = await db
    .insert(gradeScales)
    .values([
      { code: `${tag}-PCT`, name: "Percent", kind: "NUMERIC", minValue: 0, maxValue: 100, passMark: "60" },
      { code: `${tag}-UZ5`, name: "2-5", kind: "ORDERED", grades: ["2", "3", "4", "5"], passMark: "3" },
    ])
    .returning({ id: gradeScales.id });
  // The program's conversion table from the teacher's 2–5 scale to the host's percentages.
  await db.insert(gradeConversions).values({ fromScaleId: uz5.id, toScaleId: pct.id, programId: jp.programId, rows: [{ from: "5", to: "90" }, { from: "4", to: "78" }, { from: "3", to: "65" }, { from: "2", to: "40" }] });
  const [c] = await db.insert(curricula).values({ programId: jp.programId, version: 1, validFromIntake: ay, hostScaleId: pct.id, creditsPerYear: 20, createdBy: "factory" }).returning({ id: curricula.id });
  // The cohort's year 1 is taught in the current term's academic year.
  await db.update(cohorts).set({ curriculumId: c.id, intakeYear: ay, startDate: cal.current.start, expectedGraduation: `${ay + 5}-07-01` }).where(eq(cohorts.id, jp.cohortId));
  const unit = (code: string, inst: number, scale: number, ects: number) => ({ curriculumId: c.id, code, titleEn: `${code} unit`, yearOfStudy: 1, term: 1, ectsCredits: ects, creditHours: 20, compulsory: true, language: "ru", teachingInstitutionId: inst, gradeScaleId: scale });
  const [uh, ut] = await db.insert(courseUnits).values([unit("HOST1", jp.host, pct.id, 10), unit("TEACH1", teacher.id, uz5.id, 10)]).returning({ id: courseUnits.id });
  const term = (inst: number) => ({ institutionId: inst, name: termName, academicYear: ay, startDate: cal.current.start, endDate: cal.current.end });
  const [th, tt, ts, tp] = await db
    .insert(academicTerms)
    .values([
      term(jp.host),
      term(teacher.id),
      { ...term(teacher.id), name: `${academicYearLabel(cal.future.academicYear)} spring`, academicYear: cal.future.academicYear, startDate: cal.future.start, endDate: cal.future.end },
      { ...term(teacher.id), name: `${academicYearLabel(cal.past.academicYear)} spring`, academicYear: cal.past.academicYear, startDate: cal.past.start, endDate: cal.past.end },
    ])
    .returning({ id: academicTerms.id });
  const [oh, ot] = await db
    .insert(offerings)
    .values([
      { unitId: uh.id, termId: th.id, cohortId: jp.cohortId, academicYear: ay },
      { unitId: ut.id, termId: tt.id, cohortId: jp.cohortId, academicYear: ay },
    ])
    .returning({ id: offerings.id });
  const [r, hr] = await db
    .insert(courseResults)
    .values([
      { enrollmentId, offeringId: ot.id, unitId: ut.id, attempt: 1, grade: "4", passed: true, creditsEarned: 10, assessedOn: assessedOn.result, enteredBy: "factory", enteredByInstitutionId: teacher.id },
      { enrollmentId, offeringId: oh.id, unitId: uh.id, attempt: 1, grade: "75", passed: true, creditsEarned: 10, assessedOn: assessedOn.hostResult, enteredBy: "factory", enteredByInstitutionId: jp.host },
    ])
    .returning({ id: courseResults.id });
  const fresh = await enrollAtPartner(db, jp);
  return {
    calendar: cal,
    termName,
    assessedOn,
    teacher: teacher.id,
    freshEnrollment: fresh.id,
    scales: { pct: pct.id, uz5: uz5.id },
    curriculumId: c.id,
    units: { host: uh.id, teacher: ut.id },
    terms: { host: th.id, teacher: tt.id, teacherSpring: ts.id, teacherPast: tp.id },
    offerings: { host: oh.id, teacher: ot.id },
    resultId: r.id,
    hostResultId: hr.id,
    ids: {
      freshEnrollment: toGlobalId("Enrollment", fresh.id),
      teacher: toGlobalId("Institution", teacher.id),
      curriculum: toGlobalId("Curriculum", c.id),
      unitHost: toGlobalId("CourseUnit", uh.id),
      unitTeacher: toGlobalId("CourseUnit", ut.id),
      termHost: toGlobalId("AcademicTerm", th.id),
      termTeacher: toGlobalId("AcademicTerm", tt.id),
      termTeacherSpring: toGlobalId("AcademicTerm", ts.id),
      termTeacherPast: toGlobalId("AcademicTerm", tp.id),
      offeringHost: toGlobalId("Offering", oh.id),
      offeringTeacher: toGlobalId("Offering", ot.id),
      result: toGlobalId("CourseResult", r.id),
      hostResult: toGlobalId("CourseResult", hr.id),
      pct: toGlobalId("GradeScale", pct.id),
      uz5: toGlobalId("GradeScale", uz5.id),
    },
  };
}
