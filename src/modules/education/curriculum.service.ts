import { and, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import { checkDate, checkText, checkYear, optionalText } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { runMutation } from "../../shared/mutation.js";
import { todayUtc } from "../../shared/today.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize, requireAccess } from "../auth/require-access.js";
import { cohorts, programPartners } from "../programs/program.table.js";
import type { CloseAcademicTermInput, CreateAcademicTermInput, CreateCurriculumVersionInput, CreateOfferingInput } from "./curriculum.input.js";
import { academicYearLabel, academicYearOf, lastTermDay, offeringYears } from "./academic-year.rules.js";
import { academicTerms, courseUnits, curricula, offerings, yearCreditRules } from "./curriculum.table.js";
import { gradeScales } from "./grade-scale.table.js";

const MAX_UNITS = 300;

/**
 * A name as checkText takes it, with invisible format characters (Unicode category Cf: zero-width space and
 * joiners, soft hyphen, bidirectional controls, BOM) dropped, every run of spaces inside made one space
 * ("2026-27\u200b  autumn" is "2026-27 autumn") and composed characters in one form (NFC: "e" and a combining
 * acute accent is "é"): two names that look the same are the same name.
 */
const nameText = (value: string, field: string, max: number) => checkText(value.replace(/\p{Cf}/gu, "").normalize("NFC").replace(/\s+/g, " "), field, max);

/**
 * A new curriculum version. The versioning rule: a version never changes what a cohort already follows, so
 * it must apply from an intake after every cohort that follows a version and after every earlier version;
 * cohorts of those intakes that follow none yet (opened before the program had a curriculum) take it.
 */
export async function createCurriculumVersion(ctx: Context, input: CreateCurriculumVersionInput) {
  const v = requireRole(ctx, rolesOf(Permission.CurriculumCreate));
  const programId = fromGlobalId(input.programId, "Program", "input.programId");
  const hostScaleId = fromGlobalId(input.hostScaleId, "GradeScale", "input.hostScaleId");
  checkYear(input.validFromIntake, "input.validFromIntake");
  const note = optionalText(input.note, "input.note", 2000) ?? null;
  const creditsPerYear = input.creditsPerYear ?? 60;
  if (!(creditsPerYear >= 0 && creditsPerYear <= 200 && Number.isInteger(creditsPerYear * 2))) throw badInput("input.creditsPerYear", "must be 0 to 200, in steps of 0.5");
  const compulsoryRequired = input.compulsoryRequired ?? true;
  const years = new Set<number>();
  const yearRules = (input.yearRules ?? []).map((r, i) => {
    const f = (name: string) => `input.yearRules[${i}].${name}`;
    if (!Number.isInteger(r.yearOfStudy) || r.yearOfStudy < 1 || r.yearOfStudy > 10) throw badInput(f("yearOfStudy"), "must be 1 to 10");
    if (years.has(r.yearOfStudy)) throw badInput(f("yearOfStudy"), "appears twice");
    years.add(r.yearOfStudy);
    if (!(r.creditsRequired >= 0 && r.creditsRequired <= 200 && Number.isInteger(r.creditsRequired * 2))) throw badInput(f("creditsRequired"), "must be 0 to 200, in steps of 0.5");
    return { yearOfStudy: r.yearOfStudy, creditsRequired: r.creditsRequired, compulsoryRequired: r.compulsoryRequired ?? compulsoryRequired };
  });
  if (!input.units.length || input.units.length > MAX_UNITS) throw badInput("input.units", `give 1 to ${MAX_UNITS} units`);
  const codes = new Map<string, number>();
  const units = input.units.map((u, i) => {
    const f = (name: string) => `input.units[${i}].${name}`;
    const code = u.code.trim();
    if (!/^[A-Za-z0-9-]{2,20}$/.test(code)) throw badInput(f("code"), "must be 2 to 20 letters, digits and hyphens");
    // Codes are one whatever their case: "TCM101" and "tcm101" are the same unit (a unique index on lower(code) too).
    const first = codes.get(code.toLowerCase());
    if (first != null) throw badInput(f("code"), `is units[${first}]'s code (${input.units[first].code.trim()}): codes are unique in a version, whatever their case`);
    codes.set(code.toLowerCase(), i);
    if (!Number.isInteger(u.term) || (u.term !== 1 && u.term !== 2)) throw badInput(f("term"), "must be 1 or 2");
    if (!(u.ectsCredits > 0 && u.ectsCredits <= 60 && Number.isInteger(u.ectsCredits * 2))) throw badInput(f("ectsCredits"), "must be more than 0 and at most 60, in steps of 0.5");
    if (!Number.isInteger(u.creditHours) || u.creditHours < 0 || u.creditHours > 2000) throw badInput(f("creditHours"), "must be 0 to 2000");
    if (!/^[a-z]{2}$/.test(u.language)) throw badInput(f("language"), "must be an ISO 639-1 code (two lower-case letters)");
    const names: Record<string, string> = {};
    if (u.titleZh) names.zh = nameText(u.titleZh, f("titleZh"), 300);
    if (u.titleRu) names.ru = nameText(u.titleRu, f("titleRu"), 300);
    return {
      code,
      titleEn: nameText(u.titleEn, f("titleEn"), 300),
      names,
      yearOfStudy: u.yearOfStudy,
      term: u.term,
      ectsCredits: u.ectsCredits,
      creditHours: u.creditHours,
      compulsory: u.compulsory,
      language: u.language,
      teachingInstitutionId: fromGlobalId(u.teachingInstitutionId, "Institution", f("teachingInstitutionId")),
      gradeScaleId: fromGlobalId(u.gradeScaleId, "GradeScale", f("gradeScaleId")),
    };
  });
  return runMutation(ctx, {
    operation: "createCurriculumVersion",
    input,
    run: async (tx) => {
      // The program's row lock also orders concurrent versions of one program.
      const [p] = await lockAndAuthorize(tx, ctx, Permission.CurriculumCreate, [programId], { field: "input.programId", given: input.programId }, {
        host: sql<number>`programs.host_institution_id`,
        length: sql<number>`programs.length_years`,
      });
      const teachers = new Set([p.host, ...(await tx.select({ id: programPartners.institutionId }).from(programPartners).where(eq(programPartners.programId, programId))).map((r) => r.id)]);
      const pastEnd = yearRules.findIndex((r) => r.yearOfStudy > p.length);
      if (pastEnd >= 0) throw badInput(`input.yearRules[${pastEnd}].yearOfStudy`, `must be 1 to ${p.length}`);
      units.forEach((u, i) => {
        if (!Number.isInteger(u.yearOfStudy) || u.yearOfStudy < 1 || u.yearOfStudy > p.length) throw badInput(`input.units[${i}].yearOfStudy`, `must be 1 to ${p.length}`);
        if (!teachers.has(u.teachingInstitutionId)) throw badInput(`input.units[${i}].teachingInstitutionId`, "must be the program's host or one of its partners");
      });
      const scaleIds = [...new Set([hostScaleId, ...units.map((u) => u.gradeScaleId)])];
      const known = new Set((await tx.select({ id: gradeScales.id }).from(gradeScales).where(inArray(gradeScales.id, scaleIds))).map((s) => s.id));
      if (!known.has(hostScaleId)) throw new AppError(ErrorCode.NOT_FOUND, `GradeScale ${input.hostScaleId} was not found`, { field: "input.hostScaleId" });
      const badScale = units.findIndex((u) => !known.has(u.gradeScaleId));
      if (badScale >= 0) throw new AppError(ErrorCode.NOT_FOUND, `GradeScale ${input.units[badScale].gradeScaleId} was not found`, { field: `input.units[${badScale}].gradeScaleId` });

      const [prior] = await tx
        .select({
          version: sql<number>`coalesce(max(${curricula.version}), 0)::int`,
          validFrom: sql<number | null>`max(${curricula.validFromIntake})`,
          followed: sql<number | null>`(select max(c.intake_year) from cohorts c where c.program_id = ${programId} and c.curriculum_id is not null)`,
        })
        .from(curricula)
        .where(eq(curricula.programId, programId));
      const floor = Math.max(prior.validFrom ?? -Infinity, prior.followed ?? -Infinity);
      if (input.validFromIntake <= floor)
        throw new AppError(
          ErrorCode.CONFLICT,
          `A new version applies from the ${floor + 1} intake at the earliest: ${prior.followed === floor ? `the ${floor} cohort already follows a version, which never changes` : `version ${prior.version} applies from ${floor}`}`,
          { field: "input.validFromIntake" },
        );
      const [row] = await tx
        .insert(curricula)
        .values({ programId, version: prior.version + 1, validFromIntake: input.validFromIntake, hostScaleId, note, creditsPerYear, compulsoryRequired, createdBy: v.subject })
        .returning();
      await tx.insert(courseUnits).values(units.map((u) => ({ ...u, curriculumId: row.id })));
      if (yearRules.length) await tx.insert(yearCreditRules).values(yearRules.map((r) => ({ ...r, curriculumId: row.id })));
      const adopted = await tx
        .update(cohorts)
        .set({ curriculumId: row.id })
        .where(and(eq(cohorts.programId, programId), isNull(cohorts.curriculumId), gte(cohorts.intakeYear, input.validFromIntake)))
        .returning({ id: cohorts.id });
      await audit(tx, ctx, {
        action: "curriculum.create",
        entityType: "Curriculum",
        entityId: row.id,
        after: { programId, version: row.version, validFromIntake: row.validFromIntake, units: units.map((u) => u.code), yearRules, cohorts: adopted.map((c) => c.id) },
      });
      return { curriculumId: row.id };
    },
  });
}

export async function createAcademicTerm(ctx: Context, input: CreateAcademicTermInput) {
  requireRole(ctx, rolesOf(Permission.TermCreate));
  const institutionId = fromGlobalId(input.institutionId, "Institution", "input.institutionId");
  await requireAccess(ctx, Permission.TermCreate, [institutionId], { field: "input.institutionId" });
  const name = nameText(input.name, "input.name", 100);
  checkYear(input.academicYear, "input.academicYear");
  checkDate(input.startDate, "input.startDate");
  if (checkDate(input.endDate, "input.endDate") <= input.startDate) throw badInput("input.endDate", "must be after startDate");
  // A term lasts at most twelve months (academic-year.rules.ts): results are grouped and dated by their term.
  const last = lastTermDay(input.startDate);
  if (input.endDate > last) throw badInput("input.endDate", `a term lasts at most twelve months: one starting on ${input.startDate} ends on ${last} at the latest`);
  // A term is of the academic year it starts in: progression and the reports group terms by it.
  const year = academicYearOf(input.startDate);
  if (input.academicYear !== year)
    throw badInput("input.academicYear", `a term starting on ${input.startDate} is of the ${year} academic year (${academicYearLabel(year)}, 1 July to 30 June), not ${input.academicYear}`);
  // A term is created before it is over: one ended already would take offerings and results dated in a past
  // (closed) period without closeAcademicTerm's rule or correctResult's reason.
  const today = todayUtc();
  if (input.endDate < today) throw badInput("input.endDate", `must not be before today (${today}): a term is created before it ends`);
  return runMutation(ctx, {
    operation: "createAcademicTerm",
    input,
    run: async (tx) => {
      // One institution's new terms in turn: the overlap below is read and written with no other in between.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('academic_terms'), ${institutionId}::int)`);
      // Names are one whatever their case ("2026-27 Autumn" is "2026-27 autumn"; a unique index on lower(name) too).
      const [taken] = await tx.select({ name: academicTerms.name }).from(academicTerms).where(and(eq(academicTerms.institutionId, institutionId), sql`lower(${academicTerms.name}) = lower(${name})`));
      if (taken) throw new AppError(ErrorCode.CONFLICT, `The institution already has a term named ${taken.name}`, { field: "input.name" });
      // An institution's terms do not overlap (a day in two terms would be in two periods, one perhaps closed).
      const [overlap] = await tx
        .select({ name: academicTerms.name, start: sql<string>`${academicTerms.startDate}::text`, end: sql<string>`${academicTerms.endDate}::text` })
        .from(academicTerms)
        .where(and(eq(academicTerms.institutionId, institutionId), sql`${academicTerms.startDate} <= ${input.endDate}::date and ${academicTerms.endDate} >= ${input.startDate}::date`))
        .orderBy(academicTerms.startDate)
        .limit(1);
      if (overlap)
        throw new AppError(ErrorCode.CONFLICT, `The institution's term ${overlap.name} (${overlap.start} to ${overlap.end}) overlaps ${input.startDate} to ${input.endDate}: an institution's terms do not overlap`, { field: "input.startDate" });
      const [row] = await tx.insert(academicTerms).values({ institutionId, name, academicYear: input.academicYear, startDate: input.startDate, endDate: input.endDate }).returning();
      await audit(tx, ctx, { action: "term.create", entityType: "AcademicTerm", entityId: row.id, after: row });
      return { termId: row.id };
    },
  });
}

/**
 * Closes a term: from then on a result of its offerings changes only by a correction with a reason. A term is
 * closed from its end date on (there is no reopening: a term closed before it ends would never take its results).
 */
export async function closeAcademicTerm(ctx: Context, input: CloseAcademicTermInput) {
  const v = requireRole(ctx, rolesOf(Permission.TermClose));
  const id = fromGlobalId(input.termId, "AcademicTerm", "input.termId");
  return runMutation(ctx, {
    operation: "closeAcademicTerm",
    input,
    run: async (tx) => {
      const [term] = await lockAndAuthorize(tx, ctx, Permission.TermClose, [id], { field: "input.termId", given: input.termId }, { closedAt: academicTerms.closedAt, endDate: sql<string>`academic_terms.end_date::text` });
      if (term.closedAt) throw new AppError(ErrorCode.CONFLICT, "The term is already closed", { field: "input.termId" });
      if (term.endDate > todayUtc()) throw new AppError(ErrorCode.CONFLICT, `The term ends on ${term.endDate}: it can be closed from that day on`, { field: "input.termId" });
      await tx.update(academicTerms).set({ closedAt: sql`now()`, closedBy: v.subject }).where(eq(academicTerms.id, id));
      await audit(tx, ctx, { action: "term.close", entityType: "AcademicTerm", entityId: id, after: { closed: true } });
      return { termId: id };
    },
  });
}

/**
 * Offers a unit to a cohort: the unit must be of the cohort's curriculum, the term its teaching institution's,
 * and of an academic year of the cohort's span in which the unit can be taught: from the year its year of
 * study is taught in (intake + year − 1; a later year is a resit session) to the cohort's last year (intake +
 * the program's length − 1). A term before the cohort's intake would date its results before the cohort.
 */
export async function createOffering(ctx: Context, input: CreateOfferingInput) {
  requireRole(ctx, rolesOf(Permission.CohortUpdate));
  const unitId = fromGlobalId(input.unitId, "CourseUnit", "input.unitId");
  const cohortId = fromGlobalId(input.cohortId, "Cohort", "input.cohortId");
  const termId = fromGlobalId(input.termId, "AcademicTerm", "input.termId");
  return runMutation(ctx, {
    operation: "createOffering",
    input,
    run: async (tx) => {
      const [c] = await lockAndAuthorize(tx, ctx, Permission.CohortUpdate, [cohortId], { field: "input.cohortId", given: input.cohortId }, {
        curriculumId: cohorts.curriculumId,
        intake: cohorts.intakeYear,
        length: sql<number>`(select p.length_years from programs p where p.id = cohorts.program_id)`,
      });
      const [u] = await tx.select().from(courseUnits).where(eq(courseUnits.id, unitId));
      if (!u) throw new AppError(ErrorCode.NOT_FOUND, `CourseUnit ${input.unitId} was not found`, { field: "input.unitId" });
      if (u.curriculumId !== c.curriculumId) throw badInput("input.unitId", "is not a unit of the curriculum version the cohort follows");
      const [term] = await tx.select().from(academicTerms).where(eq(academicTerms.id, termId));
      if (!term) throw new AppError(ErrorCode.NOT_FOUND, `AcademicTerm ${input.termId} was not found`, { field: "input.termId" });
      if (term.institutionId !== u.teachingInstitutionId) throw badInput("input.termId", "must be a term of the unit's teaching institution");
      const span = offeringYears(c.intake, u.yearOfStudy, c.length);
      if (term.academicYear < span.first || term.academicYear > span.last)
        throw badInput(
          "input.termId",
          `the term is of ${academicYearLabel(term.academicYear)}: a year-${u.yearOfStudy} unit is offered to this cohort (intake ${c.intake}, ${c.length} years) from ${academicYearLabel(span.first)} to ${academicYearLabel(span.last)}`,
        );
      if (term.closedAt) throw new AppError(ErrorCode.CONFLICT, "The term is closed", { field: "input.termId" });
      // Once a year: a unit is offered to a cohort in one term of an academic year (its resit session is that
      // offering's, 120 days after the term; a resit a year later is an offering of that year). A second offering
      // of the year would take results again for a year whose term may be closed. The cohort's row lock (above)
      // orders concurrent offerings to the cohort; the offerings_once_a_year key backs it (any other writer:
      // mapped to the same answer, db-errors.ts).
      const [same] = await tx
        .select({ termId: academicTerms.id, name: academicTerms.name })
        .from(offerings)
        .innerJoin(academicTerms, eq(academicTerms.id, offerings.termId))
        .where(and(eq(offerings.unitId, unitId), eq(offerings.cohortId, cohortId), eq(academicTerms.academicYear, term.academicYear)))
        .limit(1);
      if (same)
        throw new AppError(
          ErrorCode.CONFLICT,
          same.termId === termId
            ? "The unit is already offered to the cohort in this term"
            : `The unit is already offered to the cohort in ${academicYearLabel(term.academicYear)} (term ${same.name}): once an academic year, its resits in that offering's resit session or a later year's offering`,
          { field: "input.unitId" },
        );
      const [row] = await tx.insert(offerings).values({ unitId, cohortId, termId, academicYear: term.academicYear }).returning();
      await audit(tx, ctx, { action: "offering.create", entityType: "Offering", entityId: row.id, after: row });
      return { offeringId: row.id };
    },
  });
}
