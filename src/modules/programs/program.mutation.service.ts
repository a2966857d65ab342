import { and, eq, getTableColumns } from "drizzle-orm";
import type { Context } from "../../context.js";
import { checkDate, checkText, checkYear, optionalText } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId, toGlobalId } from "../../shared/global-id.js";
import { runMutation, type Tx } from "../../shared/mutation.js";
import { partiesOnDay, type FoundedOn } from "../agreements/agreement.service.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize, requireAccess } from "../auth/require-access.js";
import type { CreateCohortInput, CreateProgramInput, UpdateCohortInput, UpdateProgramInput } from "./program.mutation.input.js";
import { cohorts, programPartners, programs } from "./program.table.js";
import { academicYearLabel, academicYearOf } from "../education/academic-year.rules.js";

function checkLanguages(langs: string[], field: string): string[] {
  if (!langs.length || langs.some((l) => !/^[a-z]{2}$/.test(l))) throw badInput(field, "give one or more ISO 639-1 codes (two lower-case letters)");
  return [...new Set(langs)];
}

/** A program's start, for the terms it follows: it is recorded by year, so the first day of its launch year. */
const programStart = (launchYear: number) => `${launchYear}-01-01`;

/** A program's launch year as the days the agreement's validity must cover some of, refusals naming `field`. */
const programYear = (launchYear: number, field: string): FoundedOn => ({ field, first: `${launchYear}-01-01`, last: `${launchYear}-12-31` });

/**
 * The host and every partner of a joint program must be parties to its agreement under the terms in force on
 * `day` (agreements/agreement-version.sql.ts): the program's start, or a cohort's. `at` names the field a
 * refusal names instead of the program's own (a cohort's start date).
 */
async function checkPartners(tx: Tx, host: number, agreementId: number | null, partners: number[], day: string, on: FoundedOn, at?: string) {
  if (!partners.length) {
    // Not joint, but founded on the agreement it names all the same (approved, not ended, valid on its date).
    if (agreementId != null && !(await partiesOnDay(tx, agreementId, day, "input.agreementId", on))) throw badInput("input.agreementId", "no such agreement");
    return;
  }
  if (agreementId == null) throw badInput("input.agreementId", "a joint program needs the agreement its partners signed");
  const parties = await partiesOnDay(tx, agreementId, day, "input.agreementId", on);
  if (!parties?.size) throw badInput(at ?? "input.agreementId", "no such agreement, or it has no parties");
  if (!parties.has(host)) throw badInput(at ?? "input.agreementId", `the host institution is not a party to this agreement under its terms in force on ${day}`);
  const i = partners.findIndex((p) => !parties.has(p));
  if (i >= 0) throw badInput(at ?? `input.partnerIds[${i}]`, `this institution (${toGlobalId("Institution", partners[i])}) is not a party to the program's agreement under its terms in force on ${day}`);
  if (partners.includes(host)) throw badInput(`input.partnerIds[${partners.indexOf(host)}]`, "the host is not its own partner");
}

export async function createProgram(ctx: Context, input: CreateProgramInput) {
  requireRole(ctx, rolesOf(Permission.ProgramCreate));
  const host = fromGlobalId(input.hostInstitutionId, "Institution", "input.hostInstitutionId");
  await requireAccess(ctx, Permission.ProgramCreate, [host], { field: "input.hostInstitutionId" });
  const code = input.code.trim();
  if (!/^[A-Za-z0-9-]{3,60}$/.test(code)) throw badInput("input.code", "must be 3 to 60 letters, digits and hyphens");
  const titleEn = checkText(input.titleEn, "input.titleEn", 300);
  if (!/^[0-9]{4}$/.test(input.iscedField)) throw badInput("input.iscedField", "must be four digits (ISCED-F 2013)");
  if (!Number.isInteger(input.lengthYears) || input.lengthYears < 1 || input.lengthYears > 10) throw badInput("input.lengthYears", "must be 1 to 10");
  checkYear(input.launchYear, "input.launchYear");
  const languages = checkLanguages(input.teachingLanguages, "input.teachingLanguages");
  const agreementId = input.agreementId ? fromGlobalId(input.agreementId, "Agreement", "input.agreementId") : null;
  const partners = (input.partnerIds ?? []).map((p, i) => fromGlobalId(p, "Institution", `input.partnerIds[${i}]`));
  return runMutation(ctx, {
    operation: "createProgram",
    input,
    run: async (tx) => {
      await checkPartners(tx, host, agreementId, partners, programStart(input.launchYear), programYear(input.launchYear, "input.launchYear"));
      const [row] = await tx
        .insert(programs)
        .values({
          code,
          titleEn,
          hostInstitutionId: host,
          agreementId,
          level: input.level as "BACHELOR",
          iscedField: input.iscedField,
          lengthYears: input.lengthYears,
          teachingLanguages: languages,
          launchYear: input.launchYear,
          description: optionalText(input.description, "input.description", 5000) ?? null,
        })
        .returning();
      if (partners.length) await tx.insert(programPartners).values([...new Set(partners)].map((institutionId) => ({ programId: row.id, institutionId })));
      await audit(tx, ctx, { action: "program.create", entityType: "Program", entityId: row.id, after: { ...row, partners } });
      return { programId: row.id };
    },
  });
}

export async function updateProgram(ctx: Context, input: UpdateProgramInput) {
  requireRole(ctx, rolesOf(Permission.ProgramUpdate));
  const id = fromGlobalId(input.programId, "Program", "input.programId");
  const titleEn = optionalText(input.titleEn, "input.titleEn", 300);
  const description = optionalText(input.description, "input.description", 5000);
  const languages = input.teachingLanguages ? checkLanguages(input.teachingLanguages, "input.teachingLanguages") : undefined;
  const newAgreement = input.agreementId ? fromGlobalId(input.agreementId, "Agreement", "input.agreementId") : undefined;
  const newPartners = input.partnerIds?.map((p, i) => fromGlobalId(p, "Institution", `input.partnerIds[${i}]`));
  return runMutation(ctx, {
    operation: "updateProgram",
    input,
    run: async (tx) => {
      const at = { field: "input.programId", given: input.programId };
      const [before] = await lockAndAuthorize(tx, ctx, Permission.ProgramUpdate, [id], at, getTableColumns(programs));
      // The partner rule is checked when partners or the agreement change, not on a title edit.
      if (newPartners || newAgreement != null) {
        const partners =
          newPartners ?? (await tx.select().from(programPartners).where(eq(programPartners.programId, id))).map((p) => p.institutionId);
        await checkPartners(tx, before.hostInstitutionId, newAgreement ?? before.agreementId, partners, programStart(before.launchYear), programYear(before.launchYear, "input.agreementId"));
      }
      const changes = {
        ...(titleEn != null && { titleEn }),
        ...(description != null && { description }),
        ...(languages && { teachingLanguages: languages }),
        ...(newAgreement != null && { agreementId: newAgreement }),
      };
      if (Object.keys(changes).length) await tx.update(programs).set(changes).where(eq(programs.id, id));
      if (newPartners) {
        await tx.delete(programPartners).where(eq(programPartners.programId, id));
        if (newPartners.length) await tx.insert(programPartners).values([...new Set(newPartners)].map((institutionId) => ({ programId: id, institutionId })));
      }
      await audit(tx, ctx, { action: "program.update", entityType: "Program", entityId: id, before: { titleEn: before.titleEn, agreementId: before.agreementId }, after: { ...changes, partners: newPartners } });
      return { programId: id };
    },
  });
}

export async function createCohort(ctx: Context, input: CreateCohortInput) {
  requireRole(ctx, rolesOf(Permission.CohortCreate));
  const programId = fromGlobalId(input.programId, "Program", "input.programId");
  checkYear(input.intakeYear, "input.intakeYear");
  const name = checkText(input.name, "input.name", 100);
  const startDate = checkDate(input.startDate, "input.startDate");
  if (input.expectedGraduation <= startDate) throw badInput("input.expectedGraduation", "must be after startDate");
  // A cohort's year 1 is taught in its intake's academic year (progression reads the terms of intake + year - 1).
  if (academicYearOf(startDate) !== input.intakeYear)
    throw badInput("input.startDate", `must be in the ${academicYearLabel(input.intakeYear)} academic year of the intake (${input.intakeYear}-07-01 to ${input.intakeYear + 1}-06-30)`);
  return runMutation(ctx, {
    operation: "createCohort",
    input,
    run: async (tx) => {
      await requireAccess(ctx, Permission.CohortCreate, [programId], { field: "input.programId", given: input.programId, db: tx });
      const taken = await tx.select({ id: cohorts.id }).from(cohorts).where(and(eq(cohorts.programId, programId), eq(cohorts.intakeYear, input.intakeYear)));
      if (taken.length) throw new AppError(ErrorCode.CONFLICT, `The program already has a ${input.intakeYear} cohort`, { field: "input.intakeYear" });
      // A joint program's cohort follows the terms of its agreement in force on its start date.
      const [program] = await tx.select({ host: programs.hostInstitutionId, agreementId: programs.agreementId, launchYear: programs.launchYear }).from(programs).where(eq(programs.id, programId));
      if (input.intakeYear < program.launchYear) throw badInput("input.intakeYear", `must be the program's launch year (${program.launchYear}) or later`);
      const partners = (await tx.select({ id: programPartners.institutionId }).from(programPartners).where(eq(programPartners.programId, programId))).map((p) => p.id);
      if (program.agreementId != null) await checkPartners(tx, program.host, program.agreementId, partners, startDate, { field: "input.startDate", first: startDate }, "input.startDate");
      const [row] = await tx
        .insert(cohorts)
        .values({ programId, intakeYear: input.intakeYear, name, capacity: input.capacity, startDate: input.startDate, expectedGraduation: input.expectedGraduation })
        .returning();
      await audit(tx, ctx, { action: "cohort.create", entityType: "Cohort", entityId: row.id, after: row });
      return { cohortId: row.id };
    },
  });
}

export async function updateCohort(ctx: Context, input: UpdateCohortInput) {
  requireRole(ctx, rolesOf(Permission.CohortUpdate));
  const id = fromGlobalId(input.cohortId, "Cohort", "input.cohortId");
  const name = optionalText(input.name, "input.name", 100);
  return runMutation(ctx, {
    operation: "updateCohort",
    input,
    run: async (tx) => {
      const at = { field: "input.cohortId", given: input.cohortId };
      const [c] = await lockAndAuthorize(tx, ctx, Permission.CohortUpdate, [id], at, getTableColumns(cohorts));
      if (input.capacity != null && input.capacity < c.seatsTaken)
        throw badInput("input.capacity", `${c.seatsTaken} students hold seats; the capacity cannot go below that`);
      if (input.expectedGraduation != null && input.expectedGraduation <= c.startDate) throw badInput("input.expectedGraduation", "must be after the start date");
      const changes = {
        ...(name != null && { name }),
        ...(input.capacity != null && { capacity: input.capacity }),
        ...(input.expectedGraduation != null && { expectedGraduation: input.expectedGraduation }),
      };
      if (Object.keys(changes).length) await tx.update(cohorts).set(changes).where(eq(cohorts.id, id));
      await audit(tx, ctx, { action: "cohort.update", entityType: "Cohort", entityId: id, before: { name: c.name, capacity: c.capacity, expectedGraduation: c.expectedGraduation }, after: changes });
      return { cohortId: id };
    },
  });
}

