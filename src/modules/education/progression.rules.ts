import { sql, type SQL } from "drizzle-orm";
import { TODAY } from "../../shared/today.js";

// The credit rule, once, as SQL: what a student has earned of a year of study (or of the whole curriculum),
// what the rule asks, and what is lacking. Used by the progression and graduation mutations
// (progression.service.ts), the seed's year-1 evaluation, and the students-at-risk report.
//
// A unit counts as passed when the student has a passed attempt at it, or a recognition of it; its credits
// are the most of either. The year's rule is its year_credit_rules row, else the curriculum version's
// (creditsPerYear, compulsoryRequired). Graduation needs every year's credits and every compulsory unit.
//
// A year is measured once it is over (termsStillTaught): its results are in only then.

/** An enrollment's year of study: its own once a decision set it, else its cohort's. */
export const yearOf = (enrollment: SQL, cohort: SQL) => sql`coalesce(${enrollment}.year_of_study, ${cohort}.current_year_of_study)`;

/** ECTS credits the rule asks for year `year` (an SQL expression) of curriculum `cu` (an alias of curricula). */
export const yearRequired = (cu: SQL, year: SQL) =>
  sql`coalesce((select ycr.credits_required from year_credit_rules ycr where ycr.curriculum_id = ${cu}.id and ycr.year_of_study = ${year}), ${cu}.credits_per_year)`;

/** Whether the rule of that year asks for every compulsory unit. */
export const yearCompulsory = (cu: SQL, year: SQL) =>
  sql`coalesce((select ycr.compulsory_required from year_credit_rules ycr where ycr.curriculum_id = ${cu}.id and ycr.year_of_study = ${year}), ${cu}.compulsory_required)`;

/** Every year's credits, for graduation (the program's length). */
const totalRequired = (cu: SQL, length: SQL) => sql`(select sum(${yearRequired(cu, sql`y.n`)}) from generate_series(1, ${length}) as y(n))`;

export interface Standing {
  enrollmentId: number;
  status: string;
  yearOfStudy: number;
  creditsEarned: number;
  creditsRequired: number;
  /** Codes of compulsory units not passed, when the rule asks for them (always for graduation). */
  missingUnits: string[];
  meets: boolean;
}

/**
 * One statement: the standing of the enrollments `where` selects (a condition over `en` enrollments and
 * `c` their cohorts) against the rule of year `year`, or against graduation when `year` is null. Enrollments
 * of a cohort that follows no curriculum are left out.
 */
export function standingQuery(where: SQL, year: number | null): SQL {
  const units = year == null ? sql`true` : sql`u.year_of_study = ${year}`;
  const required = year == null ? totalRequired(sql`cu`, sql`p.length_years`) : yearRequired(sql`cu`, sql`${year}::int`);
  const compulsory = year == null ? sql`true` : yearCompulsory(sql`cu`, sql`${year}::int`);
  return sql`
    select s.enrollment_id as "enrollmentId", s.status, s.year as "yearOfStudy",
      s.earned::float8 as "creditsEarned", s.required::float8 as "creditsRequired",
      case when s.compulsory then s.missing else '{}'::text[] end as "missingUnits",
      (s.earned >= s.required and (not s.compulsory or cardinality(s.missing) = 0)) as meets
    from (
      select en.id as enrollment_id, en.status::text as status, ${yearOf(sql`en`, sql`c`)} as year,
        coalesce(sum(pu.credits), 0) as earned, ${required} as required, ${compulsory} as compulsory,
        coalesce(array_agg(pu.code order by pu.code) filter (where pu.compulsory and pu.credits is null), '{}'::text[]) as missing
      from enrollments en
      join cohorts c on c.id = en.cohort_id
      join programs p on p.id = c.program_id
      join curricula cu on cu.id = c.curriculum_id
      left join lateral (
        select u.code, u.compulsory, greatest(
          (select max(r.credits_earned) from course_results r where r.enrollment_id = en.id and r.unit_id = u.id and r.passed),
          (select rec.credits_recognised from recognitions rec where rec.enrollment_id = en.id and rec.unit_id = u.id and rec.status = 'RECOGNISED')
        ) as credits
        from course_units u where u.curriculum_id = cu.id and ${units}
      ) pu on true
      where ${where}
      group by en.id, c.id, cu.id, p.id
    ) s
    order by s.enrollment_id`;
}

/** The rows of standingQuery, typed. */
export function toStandings(rows: Record<string, unknown>[]): Standing[] {
  return rows.map((r) => ({
    enrollmentId: Number(r.enrollmentId),
    status: String(r.status),
    yearOfStudy: Number(r.yearOfStudy),
    creditsEarned: Number(r.creditsEarned),
    creditsRequired: Number(r.creditsRequired),
    missingUnits: (r.missingUnits as string[] | null) ?? [],
    meets: r.meets === true || r.meets === "t",
  }));
}

/**
 * The academic terms in which year `year` of a cohort is still taught today. The year is taught in one academic
 * year, the cohort's intake year + year − 1; its terms are those of that academic year in which the cohort is
 * offered units of that year, and the host's terms of it (a term not yet given offerings, say the spring). A
 * term of a later academic year offering a unit of the year (a resit session) is not the year's teaching: a
 * held-back student is measured again once the resit's result is in. A term has ended on its end date (UTC):
 * `end_date > today` is still running. Latest end first (the day the year can be measured).
 */
export function termsStillTaught(cohortId: number, year: number): SQL {
  return sql`
    select t.name, t.end_date::text as "endDate"
    from academic_terms t
    join cohorts c on c.id = ${cohortId}::int
    join programs p on p.id = c.program_id
    where t.end_date > ${TODAY} and t.academic_year = c.intake_year + ${year}::int - 1
      and (t.institution_id = p.host_institution_id
        or t.id in (select o.term_id from offerings o join course_units u on u.id = o.unit_id where o.cohort_id = c.id and u.year_of_study = ${year}::int))
    order by t.end_date desc, t.name`;
}
