import { and, eq, gte, inArray, lte, notInArray, sql, type SQL } from "drizzle-orm";
import { checkRange, checkYear } from "../../shared/args.js";
import { badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import type { Ordering } from "../../shared/pagination.js";
import { nameSearch } from "../institutions/institution.service.js";
import type { CohortFilter, ProgramFilter } from "./program.input.js";
import type { CohortRow, ProgramRow } from "./program.table.js";
import { cohorts, programPartners, programs } from "./program.table.js";

/** Programs are listed by English title, then id. */
export const programOrdering: Ordering<ProgramRow> = {
  name: "program.title",
  columns: [programs.titleEn, programs.id],
  key: (r) => [r.titleEn, r.id],
};

/** Cohorts are listed by intake year, then id. */
export const cohortOrdering: Ordering<CohortRow> = {
  name: "cohort.intake",
  columns: [cohorts.intakeYear, cohorts.id],
  key: (r) => [r.intakeYear, r.id],
};

export function programWhere(t: typeof programs, f: ProgramFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.hostInstitutionId != null) conds.push(eq(t.hostInstitutionId, fromGlobalId(f.hostInstitutionId, "Institution", `${path}.hostInstitutionId`)));
  if (f.partnerInstitutionId != null) {
    const id = fromGlobalId(f.partnerInstitutionId, "Institution", `${path}.partnerInstitutionId`);
    conds.push(inArray(t.id, sql`(select ${programPartners.programId} from ${programPartners} where ${programPartners.institutionId} = ${id})`));
  }
  if (f.levels?.length) conds.push(inArray(t.level, f.levels as ProgramRow["level"][]));
  if (f.iscedField != null) {
    if (!/^[0-9]{4}$/.test(f.iscedField)) throw badInput(`${path}.iscedField`, "must be four digits (ISCED-F 2013)");
    conds.push(eq(t.iscedField, f.iscedField));
  }
  if (f.joint != null) {
    const partnered = sql`(select ${programPartners.programId} from ${programPartners})`;
    conds.push(f.joint ? inArray(t.id, partnered) : notInArray(t.id, partnered));
  }
  checkRange(checkYear(f.launchYearFrom, `${path}.launchYearFrom`), checkYear(f.launchYearTo, `${path}.launchYearTo`), `${path}.launchYearTo`);
  if (f.launchYearFrom != null) conds.push(gte(t.launchYear, f.launchYearFrom));
  if (f.launchYearTo != null) conds.push(lte(t.launchYear, f.launchYearTo));
  if (f.search != null) conds.push(nameSearch(f.search, `${path}.search`, t.titleEn, t.names));
  return and(...conds);
}

export function cohortWhere(t: typeof cohorts, f: CohortFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.programId != null) conds.push(eq(t.programId, fromGlobalId(f.programId, "Program", `${path}.programId`)));
  if (f.hostInstitutionId != null) {
    const id = fromGlobalId(f.hostInstitutionId, "Institution", `${path}.hostInstitutionId`);
    conds.push(inArray(t.programId, sql`(select ${programs.id} from ${programs} where ${programs.hostInstitutionId} = ${id})`));
  }
  checkRange(checkYear(f.intakeYearFrom, `${path}.intakeYearFrom`), checkYear(f.intakeYearTo, `${path}.intakeYearTo`), `${path}.intakeYearTo`);
  if (f.intakeYearFrom != null) conds.push(gte(t.intakeYear, f.intakeYearFrom));
  if (f.intakeYearTo != null) conds.push(lte(t.intakeYear, f.intakeYearTo));
  return and(...conds);
}
