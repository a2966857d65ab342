import { and, eq, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import { checkRange, checkYear } from "../../shared/args.js";
import { badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { likePattern } from "../../shared/localized.type.js";
import type { Ordering } from "../../shared/pagination.js";
import { countries } from "../institutions/country.table.js";
import { cohorts, programs } from "../programs/program.table.js";
import type { EnrollmentFilter, StudentFilter } from "./student.input.js";
import type { EnrollmentRow, EnrollmentStatusValue, StudentRow } from "./student.table.js";
import { enrollments, students } from "./student.table.js";

/** Students are listed by Latin family name, given names, then id. */
export const studentOrdering: Ordering<StudentRow> = {
  name: "student.name",
  columns: [students.familyNameLatin, students.givenNamesLatin, students.id],
  key: (r) => [r.familyNameLatin, r.givenNamesLatin, r.id],
};

/** Enrollments are listed by id: the order of nomination. */
export const enrollmentOrdering: Ordering<EnrollmentRow> = {
  name: "enrollment.id",
  columns: [enrollments.id],
  key: (r) => [r.id],
};

const centralAsianCodes = sql`(select ${countries.code} from ${countries} where ${countries.centralAsia})`;

function cohortIdsWhere(cond: SQL): SQL {
  return sql`(select ${cohorts.id} from ${cohorts} where ${cond})`;
}

export function studentWhere(t: typeof students, f: StudentFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.nationalities?.length) conds.push(inArray(t.nationality, f.nationalities));
  if (f.centralAsian != null)
    conds.push(f.centralAsian ? inArray(t.nationality, centralAsianCodes) : sql`${t.nationality} not in ${centralAsianCodes}`);
  if (f.homeInstitutionId != null)
    conds.push(eq(t.homeInstitutionId, fromGlobalId(f.homeInstitutionId, "Institution", `${path}.homeInstitutionId`)));
  // Enrollment conditions hold together on one enrollment of the student.
  const e: SQL[] = [];
  if (f.cohortId != null) e.push(eq(enrollments.cohortId, fromGlobalId(f.cohortId, "Cohort", `${path}.cohortId`)));
  if (f.programId != null)
    e.push(inArray(enrollments.cohortId, cohortIdsWhere(eq(cohorts.programId, fromGlobalId(f.programId, "Program", `${path}.programId`)))));
  if (f.enrollmentStatuses?.length) e.push(inArray(enrollments.status, f.enrollmentStatuses as EnrollmentStatusValue[]));
  const year = checkYear(f.intakeYear, `${path}.intakeYear`);
  if (year != null) e.push(inArray(enrollments.cohortId, cohortIdsWhere(eq(cohorts.intakeYear, year))));
  if (e.length) conds.push(inArray(t.id, sql`(select ${enrollments.studentId} from ${enrollments} where ${and(...e)})`));
  if (f.search != null) {
    const q = f.search.trim();
    if (q.length < 1 || q.length > 100) throw badInput(`${path}.search`, "must be 1 to 100 characters");
    // One lower-cased column of every name form, under a trigram index (migration 0007).
    conds.push(sql`${t.searchText} like ${likePattern(q.toLowerCase())}`);
  }
  return and(...conds);
}

export function enrollmentWhere(t: typeof enrollments, f: EnrollmentFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.cohortId != null) conds.push(eq(t.cohortId, fromGlobalId(f.cohortId, "Cohort", `${path}.cohortId`)));
  if (f.programId != null)
    conds.push(inArray(t.cohortId, cohortIdsWhere(eq(cohorts.programId, fromGlobalId(f.programId, "Program", `${path}.programId`)))));
  if (f.hostInstitutionId != null) {
    const host = fromGlobalId(f.hostInstitutionId, "Institution", `${path}.hostInstitutionId`);
    conds.push(
      inArray(
        t.cohortId,
        cohortIdsWhere(inArray(cohorts.programId, sql`(select ${programs.id} from ${programs} where ${programs.hostInstitutionId} = ${host})`)),
      ),
    );
  }
  if (f.studentId != null) conds.push(eq(t.studentId, fromGlobalId(f.studentId, "Student", `${path}.studentId`)));
  if (f.statuses?.length) conds.push(inArray(t.status, f.statuses as EnrollmentStatusValue[]));
  if (f.nationalities?.length)
    conds.push(inArray(t.studentId, sql`(select ${students.id} from ${students} where ${inArray(students.nationality, f.nationalities)})`));
  const from = checkYear(f.intakeYearFrom, `${path}.intakeYearFrom`);
  const to = checkYear(f.intakeYearTo, `${path}.intakeYearTo`);
  checkRange(from, to, `${path}.intakeYearTo`);
  if (from != null || to != null)
    conds.push(
      inArray(
        t.cohortId,
        cohortIdsWhere(and(from != null ? gte(cohorts.intakeYear, from) : undefined, to != null ? lte(cohorts.intakeYear, to) : undefined)!),
      ),
    );
  checkRange(f.changedFrom?.getTime(), f.changedBefore?.getTime(), `${path}.changedBefore`);
  if (f.changedFrom) conds.push(gte(t.statusChangedAt, f.changedFrom));
  if (f.changedBefore) conds.push(lt(t.statusChangedAt, f.changedBefore));
  return and(...conds);
}

export const READERS = ["INSTITUTION_ADMIN", "PARTNER_REGISTRAR"] as const;
