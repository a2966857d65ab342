import { and, eq, inArray, sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import { queryRows } from "../../db/rows.js";
import { checkReason, checkText } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { runMutation, type Tx } from "../../shared/mutation.js";
import { audit, type AuditEntry } from "../audit/audit.service.js";
import type { Viewer } from "../auth/auth.roles.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize } from "../auth/require-access.js";
import { cohorts, programPartners } from "../programs/program.table.js";
import { canTransition } from "../students/enrollment.rules.js";
import { enrollments, enrollmentStatusChanges } from "../students/student.table.js";
import type { Db } from "../../db/client.js";
import type { AdvanceCohortInput, AdvanceCohortYearInput, GraduateCohortInput, GraduateStudentInput, OverrideProgressionInput } from "./progression.input.js";
import { standingQuery, termsStillTaught, toStandings, yearOf, type Standing } from "./progression.rules.js";
import { progressionDecisions } from "./result.table.js";

type Kind = (typeof progressionDecisions.$inferInsert)["kind"];

/** The standing of some enrollments against the rule of a year (null: graduation), in one statement. */
export async function standings(db: Db | Tx, where: ReturnType<typeof sql>, year: number | null): Promise<Standing[]> {
  return toStandings(await queryRows(db as Db, standingQuery(where, year)));
}

const lacks = (s: Standing) => ({ creditsShort: Math.max(0, s.creditsRequired - s.creditsEarned), missingUnits: s.missingUnits });

function decisionRow(s: Standing, kind: Kind, who: string, extra: { reason?: string | null; awarding?: number[] } = {}): typeof progressionDecisions.$inferInsert {
  return {
    enrollmentId: s.enrollmentId,
    kind,
    fromYear: s.yearOfStudy,
    creditsEarned: s.creditsEarned,
    creditsRequired: s.creditsRequired,
    missingUnits: s.missingUnits,
    reason: extra.reason ?? null,
    awardingInstitutionIds: extra.awarding ?? null,
    decidedBy: who,
  };
}

/** Writes the decisions and one audit row per decision (under the enrollment: the personal-data rule of the feed). */
async function record(tx: Tx, ctx: Context, rows: (typeof progressionDecisions.$inferInsert)[], action: string): Promise<{ id: number; kind: Kind; enrollmentId: number }[]> {
  if (!rows.length) return [];
  const saved = await tx.insert(progressionDecisions).values(rows).returning({ id: progressionDecisions.id, kind: progressionDecisions.kind, enrollmentId: progressionDecisions.enrollmentId });
  const entries: AuditEntry[] = saved.map((d, i) => ({
    action,
    entityType: "Enrollment",
    entityId: d.enrollmentId,
    after: { decisionId: d.id, kind: d.kind, fromYear: rows[i].fromYear, creditsEarned: rows[i].creditsEarned, creditsRequired: rows[i].creditsRequired, missingUnits: rows[i].missingUnits, reason: rows[i].reason, awardingInstitutionIds: rows[i].awardingInstitutionIds },
  }));
  await audit(tx, ctx, entries);
  return saved;
}

/** Sets enrollments' own year of study (held back, advanced, on leave: apart from the cohort from now on). */
async function setYear(tx: Tx, ids: number[], year: number) {
  if (ids.length) await tx.update(enrollments).set({ yearOfStudy: year }).where(inArray(enrollments.id, ids));
}

async function cohortOf(tx: Tx, ctx: Context, cohortId: number, given: string, opts: { withoutCurriculum?: boolean } = {}) {
  const [c] = await lockAndAuthorize(tx, ctx, Permission.CohortUpdate, [cohortId], { field: "input.cohortId", given }, {
    year: cohorts.currentYearOfStudy,
    curriculumId: cohorts.curriculumId,
    programId: cohorts.programId,
    length: sql<number>`(select p.length_years from programs p where p.id = cohorts.program_id)`,
    host: sql<number>`(select p.host_institution_id from programs p where p.id = cohorts.program_id)`,
  });
  if (c.curriculumId == null && !opts.withoutCurriculum)
    throw new AppError(ErrorCode.CONFLICT, "The cohort follows no curriculum: there is no credit rule to apply", { field: "input.cohortId" });
  return c;
}

/**
 * Advances a cohort's students from a year of study (admins of the program's host). Every ENROLLED student
 * in that year is measured against the year's credit rule in one statement: those who meet it move to the
 * next year (ADVANCED), the others stay (HELD_BACK, with the credits short and the compulsory units not
 * passed); students on leave in that year stay too, without a decision. The cohort's current year moves on
 * when it was that year. The last year is graduation's (graduateCohort).
 *
 * A cohort that follows no curriculum has no credit rule: nothing can be lacking, so every ENROLLED student of
 * the year moves on (ADVANCED, 0 credits asked and earned), as a cohort moved before curricula existed. A cohort
 * keeps the curriculum it has (a trigger), so this is never a way around a rule.
 */
export async function advanceCohort(ctx: Context, input: AdvanceCohortInput) {
  requireRole(ctx, rolesOf(Permission.CohortUpdate));
  const cohortId = fromGlobalId(input.cohortId, "Cohort", "input.cohortId");
  const year = input.yearOfStudy;
  if (!Number.isInteger(year) || year < 1 || year > 10) throw badInput("input.yearOfStudy", "must be 1 to 10");
  return runMutation(ctx, {
    operation: "advanceCohort",
    input,
    run: async (tx) => {
      const c = await cohortOf(tx, ctx, cohortId, input.cohortId, { withoutCurriculum: true });
      return advance(tx, ctx, cohortId, c, year, "input.yearOfStudy");
    },
  });
}

/**
 * The cohort's current year advanced: advanceCohort with the year the cohort is in (the deprecated
 * advanceCohortYear, which moved the whole cohort on before the credit rule existed, runs this).
 */
export async function advanceCohortCurrentYear(ctx: Context, input: AdvanceCohortYearInput) {
  requireRole(ctx, rolesOf(Permission.CohortUpdate));
  const cohortId = fromGlobalId(input.cohortId, "Cohort", "input.cohortId");
  return runMutation(ctx, {
    operation: "advanceCohortYear",
    input,
    run: async (tx) => {
      const c = await cohortOf(tx, ctx, cohortId, input.cohortId, { withoutCurriculum: true });
      return advance(tx, ctx, cohortId, c, c.year, "input.cohortId");
    },
  });
}

type CohortRow = Awaited<ReturnType<typeof cohortOf>>;

/** Refuses to measure a year still being taught (the rule: progression.rules.ts termsStillTaught). */
async function yearTaught(tx: Tx, cohortId: number, year: number, field: string) {
  const running = await queryRows(tx as unknown as Db, termsStillTaught(cohortId, year));
  if (!running.length) return;
  const terms = [...new Set(running.map((t) => `${t.name} (ends ${t.endDate})`))];
  throw new AppError(ErrorCode.INVALID_TRANSITION, `Year ${year} is still being taught: ${terms.join(", ")}. It is measured once every term of the year has ended`, {
    field,
    endsOn: String(running[0].endDate),
  });
}

interface Decided {
  id: number;
  enrollmentId: number;
  kind: Kind;
  creditsEarned: number;
  creditsRequired: number;
  missingUnits: string[];
}

/** The HELD_BACK decisions of these enrollments in that year (at most one each: advance and redecide keep it so). */
async function heldBackIn(tx: Tx, ids: number[], year: number): Promise<Map<number, Decided>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ id: progressionDecisions.id, enrollmentId: progressionDecisions.enrollmentId, kind: progressionDecisions.kind, creditsEarned: progressionDecisions.creditsEarned, creditsRequired: progressionDecisions.creditsRequired, missingUnits: progressionDecisions.missingUnits })
    .from(progressionDecisions)
    .where(and(inArray(progressionDecisions.enrollmentId, ids), eq(progressionDecisions.fromYear, year), eq(progressionDecisions.kind, "HELD_BACK")));
  return new Map(rows.map((r) => [r.enrollmentId, r]));
}

const sameStanding = (d: Decided, s: Standing) =>
  !s.meets && Number(d.creditsEarned) === s.creditsEarned && Number(d.creditsRequired) === s.creditsRequired && d.missingUnits.join(" ") === s.missingUnits.join(" ");

/** Changes standing decisions in place (one statement), with an audit row each saying what they were. */
async function redecide(tx: Tx, ctx: Context, changes: { before: Decided; row: typeof progressionDecisions.$inferInsert }[], action: string) {
  if (!changes.length) return;
  const rows = changes.map(({ before, row }) => ({ id: before.id, kind: row.kind, earned: row.creditsEarned, required: row.creditsRequired, missing: row.missingUnits ?? [], reason: row.reason ?? null, by: row.decidedBy }));
  await tx.execute(sql`update progression_decisions d set kind = x.kind::progression_kind, credits_earned = x.earned, credits_required = x.required,
      missing_units = x.missing, reason = x.reason, decided_by = x.by, decided_at = now()
    from json_to_recordset(${JSON.stringify(rows)}::json) as x(id int, kind text, earned numeric, required numeric, missing text[], reason text, by text)
    where d.id = x.id`);
  const entries: AuditEntry[] = changes.map(({ before, row }) => ({
    action,
    entityType: "Enrollment",
    entityId: before.enrollmentId,
    before: { decisionId: before.id, kind: before.kind, fromYear: row.fromYear, creditsEarned: Number(before.creditsEarned), creditsRequired: Number(before.creditsRequired), missingUnits: before.missingUnits },
    after: { decisionId: before.id, kind: row.kind, fromYear: row.fromYear, creditsEarned: row.creditsEarned, creditsRequired: row.creditsRequired, missingUnits: row.missingUnits, reason: row.reason ?? null },
  }));
  await audit(tx, ctx, entries);
}

/** The standing of no rule: a cohort without a curriculum asks for nothing, so every student meets it. */
const noRule = (e: { id: number; year: number }): Standing => ({ enrollmentId: e.id, status: "ENROLLED", yearOfStudy: e.year, creditsEarned: 0, creditsRequired: 0, missingUnits: [], meets: true });

async function advance(tx: Tx, ctx: Context, cohortId: number, c: CohortRow, year: number, field: string) {
  const v = ctx.viewer!;
  if (year >= c.length)
    throw new AppError(ErrorCode.INVALID_TRANSITION, `Year ${year} is the last of a ${c.length}-year program: its students graduate (graduateCohort)`, { field });
  if (year > c.year) throw badInput(field, `the cohort is in year ${c.year}: year ${year} has not begun`);
  await yearTaught(tx, cohortId, year, field);
  // The students of that year, locked against a concurrent move of one of them.
  const inYear = await tx
    .select({ id: enrollments.id, status: enrollments.status })
    .from(enrollments)
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .where(and(eq(enrollments.cohortId, cohortId), inArray(enrollments.status, ["ENROLLED", "ON_LEAVE"]), sql`${yearOf(sql`enrollments`, sql`cohorts`)} = ${year}`))
    .orderBy(enrollments.id)
    .for("update", { of: enrollments });
  const enrolled = inYear.filter((e) => e.status === "ENROLLED").map((e) => e.id);
  const measured =
    c.curriculumId == null
      ? enrolled.map((id) => noRule({ id, year }))
      : enrolled.length
        ? await standings(tx, sql`en.id in (${sql.join(enrolled.map((id) => sql`${id}::int`), sql`, `)})`, year)
        : [];
  // One decision per enrollment and year: a student already held back in it is measured again and that
  // decision changed (to ADVANCED, or to what is lacking now), never a second one. The cohort's row is locked,
  // so a concurrent call reads this one's decisions once it commits.
  const held = await heldBackIn(tx, enrolled, year);
  const meets = measured.filter((s) => s.meets);
  const short = measured.filter((s) => !s.meets);
  const fresh = measured.filter((s) => !held.has(s.enrollmentId));
  const saved = await record(tx, ctx, fresh.map((s) => decisionRow(s, s.meets ? "ADVANCED" : "HELD_BACK", v.subject)), "progression.advance");
  const changed = measured.filter((s) => held.has(s.enrollmentId) && !sameStanding(held.get(s.enrollmentId)!, s));
  await redecide(tx, ctx, changed.map((s) => ({ before: held.get(s.enrollmentId)!, row: decisionRow(s, s.meets ? "ADVANCED" : "HELD_BACK", v.subject) })), "progression.advance");
  const idOf = new Map([...saved.map((d) => [d.enrollmentId, d.id] as const), ...[...held.values()].map((d) => [d.enrollmentId, d.id] as const)]);
  await setYear(tx, meets.map((s) => s.enrollmentId), year + 1);
  await setYear(tx, [...short.map((s) => s.enrollmentId), ...inYear.filter((e) => e.status === "ON_LEAVE").map((e) => e.id)], year);
  if (c.year === year) {
    await tx.update(cohorts).set({ currentYearOfStudy: year + 1 }).where(eq(cohorts.id, cohortId));
    await audit(tx, ctx, { action: "cohort.advanceYear", entityType: "Cohort", entityId: cohortId, before: { currentYearOfStudy: year }, after: { currentYearOfStudy: year + 1, advanced: meets.length, heldBack: short.length } });
  }
  return {
    cohortId,
    advanced: meets.map((s) => idOf.get(s.enrollmentId)!),
    heldBack: short.map((s) => idOf.get(s.enrollmentId)!),
  };
}

/** The enrollment a decision on one student is about, locked, with the host's admins' permission checked. */
async function enrollmentOf(tx: Tx, ctx: Context, id: number, given: string, opts: { byOverride?: boolean } = {}) {
  const [e] = await lockAndAuthorize(tx, ctx, Permission.RecordDecide, [id], { field: "input.enrollmentId", given }, {
    status: enrollments.status,
    cohortId: enrollments.cohortId,
    year: sql<number>`coalesce(enrollments.year_of_study, (select c.current_year_of_study from cohorts c where c.id = enrollments.cohort_id))`,
    cohortYear: sql<number>`(select c.current_year_of_study from cohorts c where c.id = enrollments.cohort_id)`,
    length: sql<number>`(select p.length_years from cohorts c join programs p on p.id = c.program_id where c.id = enrollments.cohort_id)`,
    programId: sql<number>`(select c.program_id from cohorts c where c.id = enrollments.cohort_id)`,
    host: sql<number>`(select p.host_institution_id from cohorts c join programs p on p.id = c.program_id where c.id = enrollments.cohort_id)`,
    curriculumId: sql<number | null>`(select c.curriculum_id from cohorts c where c.id = enrollments.cohort_id)`,
  });
  // Without a curriculum there is no rule to measure against: only an override (with its reason) decides.
  if (e.curriculumId == null && !opts.byOverride)
    throw new AppError(ErrorCode.CONFLICT, "The student's cohort follows no curriculum: there is no credit rule to apply (graduateStudent takes an override with a reason)", { field: "input.enrollmentId" });
  return e;
}

const reasonOf = (reason: string | null | undefined) => checkReason(reason, "input.reason", 1000);

/**
 * An admin of the host moves one held-back student on to the next year although the year's rule is not met,
 * with a reason: the standing HELD_BACK decision of the student's year becomes OVERRIDE_ADVANCED (one decision
 * per enrollment and year), recording what is lacking. Never past the cohort's own year; a repeat finds no
 * HELD_BACK decision (CONFLICT).
 */
export async function overrideProgression(ctx: Context, input: OverrideProgressionInput) {
  const v = requireRole(ctx, rolesOf(Permission.RecordDecide));
  const id = fromGlobalId(input.enrollmentId, "Enrollment", "input.enrollmentId");
  const reason = reasonOf(input.reason);
  return runMutation(ctx, {
    operation: "overrideProgression",
    input,
    run: async (tx) => {
      const e = await enrollmentOf(tx, ctx, id, input.enrollmentId);
      if (e.status !== "ENROLLED") throw new AppError(ErrorCode.INVALID_TRANSITION, `Only an ENROLLED student moves on; this enrollment is ${e.status}`, { field: "input.enrollmentId", from: e.status });
      if (e.year >= e.length)
        throw new AppError(ErrorCode.INVALID_TRANSITION, `Year ${e.year} is the last of a ${e.length}-year program: the student graduates (graduateStudent)`, { field: "input.enrollmentId" });
      const held = (await heldBackIn(tx, [id], e.year)).get(id);
      if (!held)
        throw new AppError(ErrorCode.CONFLICT, `The student has no HELD_BACK decision in year ${e.year} to override: only a student the cohort's measure held back is moved on by an override`, { field: "input.enrollmentId" });
      if (e.year + 1 > e.cohortYear)
        throw new AppError(ErrorCode.INVALID_TRANSITION, `The cohort is in year ${e.cohortYear}: an override does not move a student past it`, { field: "input.enrollmentId" });
      const [s] = await standings(tx, sql`en.id = ${id}::int`, e.year);
      await redecide(tx, ctx, [{ before: held, row: decisionRow(s, "OVERRIDE_ADVANCED", v.subject, { reason }) }], "progression.override");
      await setYear(tx, [id], e.year + 1);
      return { decisionId: held.id };
    },
  });
}

/**
 * The awarding institutions of a degree: the host, and for a joint program each partner, unless the input
 * names some (the host and partners of the program only, the host among them).
 */
async function awardingOf(tx: Tx, p: { programId: number; host: number }, given: readonly string[] | null | undefined): Promise<number[]> {
  const partners = (await tx.select({ id: programPartners.institutionId }).from(programPartners).where(eq(programPartners.programId, p.programId))).map((r) => r.id);
  const allowed = new Set([p.host, ...partners]);
  if (given == null) return [p.host, ...partners.sort((a, b) => a - b)];
  const ids = given.map((g, i) => fromGlobalId(g, "Institution", `input.awardingInstitutionIds[${i}]`));
  const bad = ids.findIndex((x) => !allowed.has(x));
  if (bad >= 0) throw badInput(`input.awardingInstitutionIds[${bad}]`, "must be the program's host or one of its partners");
  if (!ids.includes(p.host)) throw badInput("input.awardingInstitutionIds", "must include the program's host");
  return [...new Set(ids)];
}

/** ENROLLED → GRADUATED along the enrollment lifecycle, with its history row. */
async function graduate(tx: Tx, v: Viewer, ids: number[], reason: string | null) {
  if (!ids.length) return;
  const now = new Date();
  await tx.update(enrollments).set({ status: "GRADUATED", statusChangedAt: now }).where(inArray(enrollments.id, ids));
  await tx.insert(enrollmentStatusChanges).values(ids.map((enrollmentId) => ({ enrollmentId, fromStatus: "ENROLLED" as const, toStatus: "GRADUATED" as const, changedAt: now, actor: v.subject, reason })));
}

/**
 * Graduates one student (admins of the host) in the program's final year (their own year of study, else
 * the cohort's; an override does not waive it): eligible when every compulsory unit of the curriculum is
 * passed and every year's credits are reached; otherwise only with `override` and a reason
 * (OVERRIDE_GRADUATED, recording what was lacking). The enrollment moves ENROLLED → GRADUATED (the
 * lifecycle's rule: from no other status). A joint degree records its awarding institutions.
 */
export async function graduateStudent(ctx: Context, input: GraduateStudentInput) {
  const v = requireRole(ctx, rolesOf(Permission.RecordDecide));
  const id = fromGlobalId(input.enrollmentId, "Enrollment", "input.enrollmentId");
  const reason = input.override ? reasonOf(input.reason) : input.reason == null ? null : checkText(input.reason, "input.reason", 1000);
  return runMutation(ctx, {
    operation: "graduateStudent",
    input,
    run: async (tx) => {
      const e = await enrollmentOf(tx, ctx, id, input.enrollmentId, { byOverride: !!input.override });
      if (!canTransition(e.status, "GRADUATED"))
        throw new AppError(ErrorCode.INVALID_TRANSITION, `An enrollment cannot move from ${e.status} to GRADUATED`, { field: "input.enrollmentId", from: e.status, to: "GRADUATED" });
      // A student graduates from the program's final year: an override waives the credit rule, never the years
      // not yet studied (a year-3 student of a five-year program is refused, override or not).
      if (e.year < e.length)
        throw new AppError(ErrorCode.INVALID_TRANSITION, `The student is in year ${e.year} of a ${e.length}-year program: a student graduates from year ${e.length}, with or without an override`, {
          field: "input.enrollmentId",
          yearOfStudy: e.year,
          finalYear: e.length,
        });
      const awarding = await awardingOf(tx, e, input.awardingInstitutionIds);
      const [s] =
        e.curriculumId == null
          ? [{ enrollmentId: id, status: e.status, yearOfStudy: e.year, creditsEarned: 0, creditsRequired: 0, missingUnits: [], meets: false }]
          : await standings(tx, sql`en.id = ${id}::int`, null);
      if (!s.meets && !input.override) {
        const l = lacks(s);
        throw new AppError(
          ErrorCode.INVALID_TRANSITION,
          `The student is not eligible to graduate: ${[l.creditsShort > 0 ? `${l.creditsShort} credits short` : "", l.missingUnits.length ? `compulsory units not passed: ${l.missingUnits.join(", ")}` : ""].filter(Boolean).join("; ")}. An override needs a reason`,
          { field: "input.enrollmentId", ...l },
        );
      }
      const kind: Kind = s.meets ? "GRADUATED" : "OVERRIDE_GRADUATED";
      const [saved] = await record(tx, ctx, [decisionRow(s, kind, v.subject, { reason, awarding })], "progression.graduate");
      await graduate(tx, v, [id], reason);
      return { decisionId: saved.id };
    },
  });
}

/**
 * Graduates a cohort's ENROLLED students in the program's last year who are eligible (admins of the host);
 * the others are NOT_ELIGIBLE decisions with what they lack (an override is one student's: graduateStudent).
 */
export async function graduateCohort(ctx: Context, input: GraduateCohortInput) {
  const v = requireRole(ctx, rolesOf(Permission.CohortUpdate));
  const cohortId = fromGlobalId(input.cohortId, "Cohort", "input.cohortId");
  return runMutation(ctx, {
    operation: "graduateCohort",
    input,
    run: async (tx) => {
      const c = await cohortOf(tx, ctx, cohortId, input.cohortId);
      // A cohort graduates from its final year: before it, there is no one to graduate (an empty answer said "done").
      if (c.year < c.length)
        throw new AppError(ErrorCode.INVALID_TRANSITION, `The cohort is in year ${c.year} of a ${c.length}-year program: it graduates in year ${c.length}`, {
          field: "input.cohortId",
          yearOfStudy: c.year,
          finalYear: c.length,
        });
      const awarding = await awardingOf(tx, { programId: c.programId, host: c.host }, input.awardingInstitutionIds);
      const last = await tx
        .select({ id: enrollments.id })
        .from(enrollments)
        .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
        .where(and(eq(enrollments.cohortId, cohortId), eq(enrollments.status, "ENROLLED"), sql`${yearOf(sql`enrollments`, sql`cohorts`)} = ${c.length}`))
        .orderBy(enrollments.id)
        .for("update", { of: enrollments });
      const measured = last.length ? await standings(tx, sql`en.id in (${sql.join(last.map((e) => sql`${e.id}::int`), sql`, `)})`, null) : [];
      const eligible = measured.filter((s) => s.meets);
      const saved = await record(
        tx,
        ctx,
        [...eligible.map((s) => decisionRow(s, "GRADUATED", v.subject, { awarding })), ...measured.filter((s) => !s.meets).map((s) => decisionRow(s, "NOT_ELIGIBLE", v.subject))],
        "progression.graduate",
      );
      await graduate(tx, v, eligible.map((s) => s.enrollmentId), null);
      return {
        cohortId,
        graduated: saved.filter((d) => d.kind === "GRADUATED").map((d) => d.id),
        notEligible: saved.filter((d) => d.kind === "NOT_ELIGIBLE").map((d) => d.id),
      };
    },
  });
}
