import { and, asc, eq, gte, inArray, isNull, lt, lte, ne, notInArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { agreementWhere, termsDay } from "../agreements/agreement.service.js";
import { focusAreasOnTable, partiesOnTable, validUntilOn } from "../agreements/agreement-version.sql.js";
import type { Context } from "../../context.js";
import { checkDate, checkRange, checkYear } from "../../shared/args.js";
import { badInput } from "../../shared/errors.js";
import { fromGlobalId, toGlobalId } from "../../shared/global-id.js";
import { MAX_PAGE_SIZE } from "../../shared/pagination.js";
import { agreementById } from "../agreements/agreement.loaders.js";
import { agreements } from "../agreements/agreement.table.js";
import { dispatches, dispatchMembers, dispatchPurposes, experts } from "../experts/expert.table.js";
import { countries } from "../institutions/country.table.js";
import type { FigureRow } from "../institutions/institution.loaders.js";
import { institutionFigures, institutions } from "../institutions/institution.table.js";
import { CLOSED_PROJECT_STATUSES, todayUtc } from "../labs/lab.service.js";
import { jointLabMembers, jointLabs, labMilestones, labProjects } from "../labs/lab.table.js";
import { telemedicineLinks } from "../telemedicine/telemedicine.table.js";
import { checkDimensions } from "./report.args.js";
import type {
  AgreementReportFilter,
  DispatchReportFilter,
  FigureReportFilter,
  LabProjectReportFilter,
  OverdueMilestoneReportFilter,
  TelemedicineReportFilter,
} from "./report.input.js";
import {
  AGREEMENT_DIMENSIONS,
  DISPATCH_DIMENSIONS,
  LAB_PROJECT_DIMENSIONS,
  TELEMEDICINE_DIMENSIONS,
  type AgreementCount,
  type AgreementDimensionValue,
  type DispatchCount,
  type DispatchDimensionValue,
  type ExpiringAgreement,
  type LabProjectCount,
  type LabProjectDimensionValue,
  type OverdueMilestoneReport,
  type TelemedicineDimensionValue,
  type TelemedicinePartnerCount,
} from "./report.type.js";

// The public reports (experts and dispatches, labs, agreements, telemedicine, figures): each is one
// statement, grouped in the database.

type Row = Record<string, unknown>;
const int = (v: unknown): number => Number(v);
const intOrNull = (v: unknown): number | null => (v == null ? null : Number(v));

const centralAsianCodes = sql`(select ${countries.code} from ${countries} where ${countries.centralAsia})`;

/** Year bounds on a date column, checked and named in errors. */
function yearBounds(column: PgColumn, from: number | null | undefined, to: number | null | undefined, path: string): SQL[] {
  const f = checkYear(from, `${path}.yearFrom`);
  const t = checkYear(to, `${path}.yearTo`);
  checkRange(f, t, `${path}.yearTo`);
  const conds: SQL[] = [];
  if (f != null) conds.push(gte(column, `${f}-01-01`));
  if (t != null) conds.push(lte(column, `${t}-12-31`));
  return conds;
}

function checkFirst(first: number | null | undefined, field: string, fallback: number): number {
  if (first == null) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badInput(field, `must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`);
  return first;
}

/** Runs SELECT <dimensions>, <aggregates> … GROUP BY <dimensions> ORDER BY <dimensions> on a query being built. */
function grouped<Q extends { groupBy: (...c: (PgColumn | SQL)[]) => unknown }>(q: Q, dims: (PgColumn | SQL)[]): Promise<Row[]> {
  if (!dims.length) return q as unknown as Promise<Row[]>;
  const g = q.groupBy(...dims) as { orderBy: (...c: (PgColumn | SQL)[]) => Promise<Row[]> };
  return g.orderBy(...dims);
}

// ---------------------------------------------------------------- experts dispatched

const startYear = sql<number>`extract(year from ${dispatches.startDate})::int`;

/**
 * dispatchCounts, one statement:
 * SELECT <dimensions>, count(DISTINCT member.expert_id), count(DISTINCT dispatches.id) FROM dispatches
 * [JOIN dispatch_purposes] LEFT JOIN dispatch_members [JOIN experts] WHERE status <> 'CANCELLED' AND <filter>
 * GROUP BY <dimensions>. Purposes are joined only when grouped by PURPOSE, experts only when grouped by
 * SPECIALTY or filtered on it, so neither multiplies the other's counts.
 */
export async function dispatchCounts(ctx: Context, groupBy: string[], f: DispatchReportFilter | null | undefined): Promise<DispatchCount[]> {
  const dims = checkDimensions(groupBy as DispatchDimensionValue[], DISPATCH_DIMENSIONS);
  const path = "filter";
  const byPurpose = dims.includes("PURPOSE");
  const specialty = f?.specialty != null ? f.specialty.trim() : null;
  if (specialty != null && (specialty.length < 1 || specialty.length > 100)) throw badInput(`${path}.specialty`, "must be 1 to 100 characters");
  const withExperts = dims.includes("SPECIALTY") || specialty != null;

  const conds: (SQL | undefined)[] = [ne(dispatches.status, "CANCELLED")];
  if (f) {
    conds.push(...yearBounds(dispatches.startDate, f.yearFrom, f.yearTo, path));
    if (f.countryCodes?.length) conds.push(inArray(dispatches.countryCode, f.countryCodes));
    if (f.centralAsia != null)
      conds.push(f.centralAsia ? inArray(dispatches.countryCode, centralAsianCodes) : sql`${dispatches.countryCode} not in ${centralAsianCodes}`);
    if (f.purposes?.length) {
      const purposes = f.purposes as (typeof dispatchPurposes.$inferSelect)["purpose"][];
      conds.push(
        byPurpose
          ? inArray(dispatchPurposes.purpose, purposes)
          : inArray(dispatches.id, sql`(select ${dispatchPurposes.dispatchId} from ${dispatchPurposes} where ${inArray(dispatchPurposes.purpose, purposes)})`),
      );
    }
    if (specialty != null) conds.push(eq(experts.specialty, specialty));
    if (f.hostInstitutionId != null)
      conds.push(eq(dispatches.hostInstitutionId, fromGlobalId(f.hostInstitutionId, "Institution", `${path}.hostInstitutionId`)));
    if (f.sendingInstitutionId != null)
      conds.push(eq(dispatches.sendingInstitutionId, fromGlobalId(f.sendingInstitutionId, "Institution", `${path}.sendingInstitutionId`)));
    if (f.statuses?.length) {
      if (f.statuses.includes("CANCELLED")) throw badInput(`${path}.statuses`, "cancelled dispatches are never counted");
      conds.push(inArray(dispatches.status, f.statuses as (typeof dispatches.$inferSelect)["status"][]));
    }
  }

  const columns: Record<DispatchDimensionValue, PgColumn | SQL> = {
    COUNTRY: dispatches.countryCode,
    PURPOSE: dispatchPurposes.purpose,
    SPECIALTY: experts.specialty,
    YEAR: startYear,
  };
  const fields: Record<string, PgColumn | SQL> = {
    experts: sql<number>`count(distinct ${dispatchMembers.expertId})::int`,
    dispatches: sql<number>`count(distinct ${dispatches.id})::int`,
  };
  for (const d of dims) fields[d] = columns[d];

  let q = ctx.db.select(fields).from(dispatches).$dynamic();
  if (byPurpose) q = q.innerJoin(dispatchPurposes, eq(dispatchPurposes.dispatchId, dispatches.id));
  q = withExperts
    ? q.innerJoin(dispatchMembers, eq(dispatchMembers.dispatchId, dispatches.id)).innerJoin(experts, eq(experts.id, dispatchMembers.expertId))
    : q.leftJoin(dispatchMembers, eq(dispatchMembers.dispatchId, dispatches.id));
  const rows = await grouped(q.where(and(...conds)), dims.map((d) => columns[d]));
  return rows.map((r) => ({
    countryCode: (r.COUNTRY as string | undefined) ?? null,
    purpose: (r.PURPOSE as string | undefined) ?? null,
    specialty: (r.SPECIALTY as string | undefined) ?? null,
    year: intOrNull(r.YEAR),
    experts: int(r.experts),
    dispatches: int(r.dispatches),
  }));
}

// ---------------------------------------------------------------- labs and projects

/** Ids of the labs an institution leads or is a member of. */
function labsOfInstitution(id: number): SQL {
  return sql`(select ${jointLabs.id} from ${jointLabs} where ${jointLabs.leadInstitutionId} = ${id} union select ${jointLabMembers.labId} from ${jointLabMembers} where ${jointLabMembers.institutionId} = ${id})`;
}

function labsInCountry(code: string): SQL {
  const inCountry = sql`(select ${institutions.id} from ${institutions} where ${institutions.countryCode} = ${code})`;
  return sql`(select ${jointLabs.id} from ${jointLabs} where ${inArray(jointLabs.leadInstitutionId, inCountry)} union select ${jointLabMembers.labId} from ${jointLabMembers} where ${inArray(jointLabMembers.institutionId, inCountry)})`;
}

/**
 * labProjectCounts, one statement: SELECT <dimensions>, count(*), count(DISTINCT lab_id) FROM lab_projects
 * WHERE <filter> GROUP BY <dimensions>.
 */
export async function labProjectCounts(ctx: Context, groupBy: string[], f: LabProjectReportFilter | null | undefined): Promise<LabProjectCount[]> {
  const dims = checkDimensions(groupBy as LabProjectDimensionValue[], LAB_PROJECT_DIMENSIONS);
  const path = "filter";
  const conds: (SQL | undefined)[] = [];
  if (f) {
    if (f.labId != null) conds.push(eq(labProjects.labId, fromGlobalId(f.labId, "JointLab", `${path}.labId`)));
    if (f.institutionId != null)
      conds.push(inArray(labProjects.labId, labsOfInstitution(fromGlobalId(f.institutionId, "Institution", `${path}.institutionId`))));
    if (f.countryCode != null) conds.push(inArray(labProjects.labId, labsInCountry(f.countryCode)));
    if (f.statuses?.length) conds.push(inArray(labProjects.status, f.statuses as (typeof labProjects.$inferSelect)["status"][]));
    conds.push(...yearBounds(labProjects.startDate, f.yearFrom, f.yearTo, path));
  }
  const columns: Record<LabProjectDimensionValue, PgColumn> = { STATUS: labProjects.status, LAB: labProjects.labId };
  const fields: Record<string, PgColumn | SQL> = {
    projects: sql<number>`count(*)::int`,
    labs: sql<number>`count(distinct ${labProjects.labId})::int`,
  };
  for (const d of dims) fields[d] = columns[d];
  const rows = await grouped(ctx.db.select(fields).from(labProjects).where(and(...conds)).$dynamic(), dims.map((d) => columns[d]));
  return rows.map((r) => ({
    status: (r.STATUS as string | undefined) ?? null,
    labDbId: intOrNull(r.LAB),
    labId: r.LAB != null ? toGlobalId("JointLab", int(r.LAB)) : null,
    projects: int(r.projects),
    labs: int(r.labs),
  }));
}

/**
 * overdueMilestoneReport, one statement: SELECT lab_id, grouping(lab_id), count(*), count(DISTINCT project_id),
 * count(DISTINCT lab_id), min(due_on) FROM lab_milestones JOIN lab_projects WHERE done_on IS NULL AND
 * due_on < asOf AND project not COMPLETED/CANCELLED GROUP BY GROUPING SETS ((lab_id), ()): the rows per lab
 * and the total row at once.
 */
export async function overdueMilestoneReport(
  ctx: Context,
  asOfArg: string | null | undefined,
  f: OverdueMilestoneReportFilter | null | undefined,
): Promise<OverdueMilestoneReport> {
  const asOf = asOfArg != null ? checkDate(asOfArg, "asOf") : todayUtc();
  const conds: (SQL | undefined)[] = [
    isNull(labMilestones.doneOn),
    lt(labMilestones.dueOn, asOf),
    notInArray(labProjects.status, [...CLOSED_PROJECT_STATUSES]),
  ];
  if (f?.labId != null) conds.push(eq(labProjects.labId, fromGlobalId(f.labId, "JointLab", "filter.labId")));
  if (f?.institutionId != null)
    conds.push(inArray(labProjects.labId, labsOfInstitution(fromGlobalId(f.institutionId, "Institution", "filter.institutionId"))));
  const rows = (await ctx.db
    .select({
      labId: labProjects.labId,
      total: sql<number>`grouping(${labProjects.labId})::int`,
      milestones: sql<number>`count(*)::int`,
      projects: sql<number>`count(distinct ${labMilestones.projectId})::int`,
      labs: sql<number>`count(distinct ${labProjects.labId})::int`,
      oldestDueOn: sql<string>`min(${labMilestones.dueOn})::text`,
    })
    .from(labMilestones)
    .innerJoin(labProjects, eq(labProjects.id, labMilestones.projectId))
    .where(and(...conds))
    .groupBy(sql`grouping sets ((${labProjects.labId}), ())`)
    .orderBy(sql`grouping(${labProjects.labId})`, asc(labProjects.labId))) as Row[];
  const total = rows.find((r) => int(r.total) === 1);
  return {
    asOf,
    milestones: total ? int(total.milestones) : 0,
    projects: total ? int(total.projects) : 0,
    labs: total ? int(total.labs) : 0,
    byLab: rows
      .filter((r) => int(r.total) === 0)
      .map((r) => ({
        labDbId: int(r.labId),
        labId: toGlobalId("JointLab", int(r.labId)),
        milestones: int(r.milestones),
        projects: int(r.projects),
        oldestDueOn: String(r.oldestDueOn),
      })),
  };
}

// ---------------------------------------------------------------- agreements

/**
 * The filter's conditions, on the terms in force on `day` (termsDay: filter.inForceOn, else the expiry
 * window's asOf, else today); `areas`, the focus areas joined when grouping by them.
 */
function agreementReportWhere(f: AgreementReportFilter | null | undefined, day: SQL, areas: ReturnType<typeof focusAreasOnTable> | null, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  if (f.signedFrom != null) checkDate(f.signedFrom, `${path}.signedFrom`);
  if (f.signedTo != null) checkDate(f.signedTo, `${path}.signedTo`);
  const conds: (SQL | undefined)[] = [
    // The list's filter for what both share; grouped by focus area, the areas filter the joined rows instead.
    agreementWhere(agreements, { ...f, focusAreas: areas ? null : f.focusAreas }, path, day),
    areas && f.focusAreas?.length ? inArray(areas.area, f.focusAreas) : undefined,
    ...yearBounds(agreements.signedOn, f.yearFrom, f.yearTo, path),
  ];
  if (f.expiringWithinDays != null) conds.push(expiringWithin(f.expiringWithinDays, reportDay(f, path).asOf, day, `${path}.expiringWithinDays`));
  else if (f.asOf != null) throw badInput(`${path}.asOf`, "is the day expiringWithinDays counts from: give expiringWithinDays too");
  return and(...conds);
}

/** A report's day: asOf (checked; today when not given) and the terms it reads (those in force on asOf). */
function reportDay(f: AgreementReportFilter | null | undefined, path: string, asOfArg = f?.asOf, asOfField = `${path}.asOf`) {
  const asOf = asOfArg != null ? checkDate(asOfArg, asOfField) : todayUtc();
  return { asOf, day: termsDay(f, path, asOf) };
}

/** validUntil (under the terms of `day`) from asOf to asOf + days, both ends included. */
function expiringWithin(days: number, asOf: string, day: SQL, daysField: string): SQL {
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw badInput(daysField, `must be from 1 to 3650 days, got ${days}`);
  // Agreements that can still expire: neither a draft (not every party has approved it) nor terminated.
  return sql`${validUntilOn(agreements.id, day)} between ${asOf}::date and ${asOf}::date + ${days}::int
    and ${agreements.status} not in ('DRAFT', 'TERMINATED')`;
}

/**
 * agreementCounts, one statement: SELECT <dimensions>, count(DISTINCT agreements.id), count(DISTINCT
 * party.institution_id) FROM agreements [JOIN <focus areas on day>] LEFT JOIN <parties on day> [JOIN
 * institutions] WHERE <filter> GROUP BY <dimensions>. Parties and focus areas are those of the terms in force
 * on the report's day (filter.inForceOn, else filter.asOf with expiringWithinDays, else today).
 */
export async function agreementCounts(ctx: Context, groupBy: string[], f: AgreementReportFilter | null | undefined): Promise<AgreementCount[]> {
  const dims = checkDimensions(groupBy as AgreementDimensionValue[], AGREEMENT_DIMENSIONS);
  const byFocus = dims.includes("FOCUS_AREA");
  const byCountry = dims.includes("PARTY_COUNTRY");
  const day = f?.expiringWithinDays != null ? reportDay(f, "filter").day : termsDay(f, "filter");
  const areas = byFocus ? focusAreasOnTable(day) : null;
  const parties = partiesOnTable(day);
  const columns: Record<AgreementDimensionValue, PgColumn | SQL> = {
    FOCUS_AREA: areas ? sql`${areas.area}` : sql`null`,
    STATUS: agreements.status,
    SIGNED_YEAR: sql<number>`extract(year from ${agreements.signedOn})::int`,
    PARTY_COUNTRY: institutions.countryCode,
  };
  const fields: Record<string, PgColumn | SQL> = {
    agreements: sql<number>`count(distinct ${agreements.id})::int`,
    parties: sql<number>`count(distinct ${parties.institutionId})::int`,
  };
  for (const d of dims) fields[d] = columns[d];
  const where = agreementReportWhere(f, day, areas);
  let q = ctx.db.select(fields).from(agreements).$dynamic();
  if (areas) q = q.innerJoin(areas, eq(areas.agreementId, agreements.id));
  q = byCountry
    ? q.innerJoin(parties, eq(parties.agreementId, agreements.id)).innerJoin(institutions, eq(institutions.id, parties.institutionId))
    : q.leftJoin(parties, eq(parties.agreementId, agreements.id));
  const rows = await grouped(q.where(where), dims.map((d) => columns[d]));
  return rows.map((r) => ({
    focusArea: (r.FOCUS_AREA as string | undefined) ?? null,
    status: (r.STATUS as string | undefined) ?? null,
    signedYear: intOrNull(r.SIGNED_YEAR),
    partyCountryCode: (r.PARTY_COUNTRY as string | undefined) ?? null,
    agreements: int(r.agreements),
    parties: int(r.parties),
  }));
}

/**
 * expiringAgreements, one statement: SELECT agreements.*, valid_until - asOf FROM agreements WHERE valid_until
 * BETWEEN asOf AND asOf + days AND <filter> ORDER BY valid_until, id LIMIT first, where valid_until (and every
 * other term) is that of the terms in force on asOf. The rows prime the agreementById loader, so
 * `agreement { … }` costs no further statement.
 */
export async function expiringAgreements(
  ctx: Context,
  withinDays: number,
  asOfArg: string | null | undefined,
  f: AgreementReportFilter | null | undefined,
  first: number | null | undefined,
): Promise<ExpiringAgreement[]> {
  const limit = checkFirst(first, "first", 20);
  const { asOf, day } = reportDay(f, "filter", asOfArg, "asOf");
  if (f?.expiringWithinDays != null || f?.asOf != null)
    throw badInput(f.expiringWithinDays != null ? "filter.expiringWithinDays" : "filter.asOf", "give the window as withinDays and asOf");
  const validUntil = validUntilOn(agreements.id, day);
  const rows = await ctx.db
    .select({ agreement: agreements, validUntil: sql<string>`(${validUntil})::text`, daysLeft: sql<number>`(${validUntil} - ${asOf}::date)::int` })
    .from(agreements)
    .where(and(expiringWithin(withinDays, asOf, day, "withinDays"), agreementReportWhere(f, day, null)))
    .orderBy(asc(validUntil), asc(agreements.id))
    .limit(limit);
  const loader = agreementById(ctx);
  return rows.map((r) => {
    loader.prime(r.agreement.id, r.agreement);
    return { agreementDbId: r.agreement.id, validUntil: r.validUntil, daysLeft: int(r.daysLeft) };
  });
}

// ---------------------------------------------------------------- telemedicine

/**
 * telemedicinePartnerCounts, one statement: SELECT <dimensions>, count(DISTINCT partner_hospital_id),
 * count(DISTINCT xinjiang_hospital_id), count(*) FROM telemedicine_links JOIN institutions (the partner)
 * WHERE <filter> GROUP BY <dimensions>.
 */
export async function telemedicinePartnerCounts(
  ctx: Context,
  groupBy: string[],
  f: TelemedicineReportFilter | null | undefined,
): Promise<TelemedicinePartnerCount[]> {
  const dims = checkDimensions(groupBy as TelemedicineDimensionValue[], TELEMEDICINE_DIMENSIONS);
  const path = "filter";
  const conds: (SQL | undefined)[] = [];
  if (f) {
    if (f.partnerCountryCodes?.length) conds.push(inArray(institutions.countryCode, f.partnerCountryCodes));
    if (f.centralAsia != null)
      conds.push(f.centralAsia ? inArray(institutions.countryCode, centralAsianCodes) : sql`${institutions.countryCode} not in ${centralAsianCodes}`);
    if (f.xinjiangHospitalId != null)
      conds.push(eq(telemedicineLinks.xinjiangHospitalId, fromGlobalId(f.xinjiangHospitalId, "Institution", `${path}.xinjiangHospitalId`)));
    conds.push(...yearBounds(telemedicineLinks.since, f.yearFrom, f.yearTo, path));
  }
  const columns: Record<TelemedicineDimensionValue, PgColumn> = {
    PARTNER_COUNTRY: institutions.countryCode,
    XINJIANG_HOSPITAL: telemedicineLinks.xinjiangHospitalId,
  };
  const fields: Record<string, PgColumn | SQL> = {
    partners: sql<number>`count(distinct ${telemedicineLinks.partnerHospitalId})::int`,
    xinjiangHospitals: sql<number>`count(distinct ${telemedicineLinks.xinjiangHospitalId})::int`,
    links: sql<number>`count(*)::int`,
  };
  for (const d of dims) fields[d] = columns[d];
  const q = ctx.db
    .select(fields)
    .from(telemedicineLinks)
    .innerJoin(institutions, eq(institutions.id, telemedicineLinks.partnerHospitalId))
    .where(and(...conds))
    .$dynamic();
  const rows = await grouped(q, dims.map((d) => columns[d]));
  return rows.map((r) => ({
    partnerCountryCode: (r.PARTNER_COUNTRY as string | undefined) ?? null,
    xinjiangHospitalDbId: intOrNull(r.XINJIANG_HOSPITAL),
    xinjiangHospitalId: r.XINJIANG_HOSPITAL != null ? toGlobalId("Institution", int(r.XINJIANG_HOSPITAL)) : null,
    partners: int(r.partners),
    xinjiangHospitals: int(r.xinjiangHospitals),
    links: int(r.links),
  }));
}

// ---------------------------------------------------------------- figures over time

/**
 * figureSeries, one statement: SELECT * FROM institution_figures WHERE <filter> ORDER BY metric, as_of, id
 * LIMIT first (metrics in the order of the FigureMetric enum).
 */
export async function figureSeries(ctx: Context, f: FigureReportFilter | null | undefined, first: number | null | undefined): Promise<FigureRow[]> {
  const limit = checkFirst(first, "first", MAX_PAGE_SIZE);
  const path = "filter";
  const conds: (SQL | undefined)[] = [];
  if (f) {
    if (f.metrics?.length) conds.push(inArray(institutionFigures.metric, f.metrics as FigureRow["metric"][]));
    if (f.institutionId != null)
      conds.push(eq(institutionFigures.institutionId, fromGlobalId(f.institutionId, "Institution", `${path}.institutionId`)));
    if (f.regionCode != null) {
      if (!/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(f.regionCode)) throw badInput(`${path}.regionCode`, "must be an ISO 3166-2 code such as CN-XJ");
      conds.push(eq(institutionFigures.regionCode, f.regionCode));
    }
    conds.push(...yearBounds(institutionFigures.asOf, f.yearFrom, f.yearTo, path));
  }
  return ctx.db
    .select()
    .from(institutionFigures)
    .where(and(...conds))
    .orderBy(asc(institutionFigures.metric), asc(institutionFigures.asOf), asc(institutionFigures.id))
    .limit(limit);
}
