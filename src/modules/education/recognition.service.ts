import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import type { Db } from "../../db/client.js";
import { queryRows } from "../../db/rows.js";
import { checkReason, checkText } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { runMutation, type Tx } from "../../shared/mutation.js";
import { partyIdsOn } from "../agreements/agreement-version.sql.js";
import { agreements } from "../agreements/agreement.table.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize } from "../auth/require-access.js";
import { programPartners } from "../programs/program.table.js";
import { courseUnits } from "./curriculum.table.js";
import { gradeConversions } from "./grade-scale.table.js";
import { convertGrade } from "./grade.rules.js";
import type { DecideRecognitionInput } from "./recognition.input.js";
import { courseResults, recognitions } from "./result.table.js";

/**
 * The conversion tables that may convert a unit's grades for a host: the program's own, its founding
 * agreement's, and those of any agreement the host and the teaching institution are both parties to under
 * its terms in force on the cohort's start date.
 */
async function conversionsFor(tx: Tx, p: { programId: number; agreementId: number | null; host: number; startDate: string }, teacher: number, from: number, to: number) {
  const shared = sql`(select shared_a.id from ${agreements} shared_a where ${partyIdsOn(sql`shared_a.id`, sql`${p.startDate}::date`)} @> array[${p.host}::int, ${teacher}::int])`;
  return tx
    .select()
    .from(gradeConversions)
    .where(
      and(
        eq(gradeConversions.fromScaleId, from),
        eq(gradeConversions.toScaleId, to),
        or(eq(gradeConversions.programId, p.programId), p.agreementId == null ? undefined : eq(gradeConversions.agreementId, p.agreementId), inArray(gradeConversions.agreementId, shared)),
      ),
    )
    .orderBy(gradeConversions.id);
}

/**
 * The host's decision on a unit a student took at a partner (admins of the host). Recognition follows the
 * agreement: the unit must be taught by a partner of the joint program, or covered by a conversion table of
 * an agreement between the host and the teaching institution; the grade is converted to the host's scale
 * (the curriculum's) through such a table. A refusal needs a reason. One decision per enrollment and unit.
 */
export async function decideRecognition(ctx: Context, input: DecideRecognitionInput) {
  const v = requireRole(ctx, rolesOf(Permission.RecordDecide));
  const enrollmentId = fromGlobalId(input.enrollmentId, "Enrollment", "input.enrollmentId");
  const unitId = fromGlobalId(input.unitId, "CourseUnit", "input.unitId");
  const reason = input.decision === "REFUSE" ? checkReason(input.reason, "input.reason", 1000) : input.reason ? checkText(input.reason, "input.reason", 1000) : null;
  return runMutation(ctx, {
    operation: "decideRecognition",
    input,
    run: async (tx) => {
      const [e] = await lockAndAuthorize(tx, ctx, Permission.RecordDecide, [enrollmentId], { field: "input.enrollmentId", given: input.enrollmentId }, {
        curriculumId: sql<number | null>`(select c.curriculum_id from cohorts c where c.id = enrollments.cohort_id)`,
        programId: sql<number>`(select c.program_id from cohorts c where c.id = enrollments.cohort_id)`,
        agreementId: sql<number | null>`(select p.agreement_id from cohorts c join programs p on p.id = c.program_id where c.id = enrollments.cohort_id)`,
        host: sql<number>`(select p.host_institution_id from cohorts c join programs p on p.id = c.program_id where c.id = enrollments.cohort_id)`,
        startDate: sql<string>`(select c.start_date::text from cohorts c where c.id = enrollments.cohort_id)`,
        hostScaleId: sql<number | null>`(select cu.host_scale_id from cohorts c join curricula cu on cu.id = c.curriculum_id where c.id = enrollments.cohort_id)`,
      });
      const [u] = await tx.select().from(courseUnits).where(eq(courseUnits.id, unitId));
      if (!u || u.curriculumId !== e.curriculumId) throw badInput("input.unitId", "is not a unit of the curriculum the student's cohort follows");
      if (u.teachingInstitutionId === e.host) throw badInput("input.unitId", "is taught by the host: there is nothing to recognise");
      const decided = await tx.select({ id: recognitions.id }).from(recognitions).where(and(eq(recognitions.enrollmentId, enrollmentId), eq(recognitions.unitId, unitId)));
      if (decided.length) throw new AppError(ErrorCode.CONFLICT, "This unit is already decided for the student", { field: "input.unitId" });
      const jointPartner = (await tx.select().from(programPartners).where(and(eq(programPartners.programId, e.programId), eq(programPartners.institutionId, u.teachingInstitutionId)))).length > 0;
      const found = u.gradeScaleId === e.hostScaleId ? [] : await conversionsFor(tx, e, u.teachingInstitutionId, u.gradeScaleId, e.hostScaleId!);
      // A unit of a partner of the joint program converts through any of them; any other unit only through an agreement's.
      const tables = jointPartner ? found : found.filter((t) => t.agreementId != null);
      // Covered by an agreement: a table of an agreement (the program's or one the two institutions share).
      const covered = tables.some((t) => t.agreementId != null);
      if (!jointPartner && !covered) throw badInput("input.unitId", "is neither a unit of a joint program's partner nor covered by an agreement's conversion table");
      const [result] = await tx
        .select()
        .from(courseResults)
        .where(and(eq(courseResults.enrollmentId, enrollmentId), eq(courseResults.unitId, unitId), eq(courseResults.passed, true)))
        .orderBy(desc(courseResults.attempt))
        .limit(1);
      let row: typeof recognitions.$inferInsert;
      if (input.decision === "REFUSE") row = { enrollmentId, unitId, resultId: result?.id ?? null, status: "REFUSED", reason, creditsRecognised: 0, decidedBy: v.subject, decidedByInstitutionId: v.institutionId };
      else {
        if (!result) throw new AppError(ErrorCode.CONFLICT, "The student has no passed result at this unit to recognise", { field: "input.unitId" });
        let converted = result.grade;
        let conversionId: number | null = null;
        if (u.gradeScaleId !== e.hostScaleId) {
          const table = tables.find((t) => convertGrade(t, result.grade) != null);
          if (!table) throw new AppError(ErrorCode.CONFLICT, `No conversion table of the program or its agreements converts ${result.grade} to the host's scale`, { field: "input.unitId" });
          converted = convertGrade(table, result.grade)!;
          conversionId = table.id;
        }
        row = { enrollmentId, unitId, resultId: result.id, status: "RECOGNISED", conversionId, convertedGrade: converted, creditsRecognised: result.creditsEarned, reason, decidedBy: v.subject, decidedByInstitutionId: v.institutionId };
      }
      const [saved] = await tx.insert(recognitions).values(row).returning();
      await audit(tx, ctx, {
        action: input.decision === "REFUSE" ? "recognition.refuse" : "recognition.recognise",
        entityType: "Recognition",
        entityId: saved.id,
        after: { enrollmentId, unitId, status: saved.status, convertedGrade: saved.convertedGrade, creditsRecognised: saved.creditsRecognised, reason },
        visibleTo: [...new Set([e.host, u.teachingInstitutionId, ...(await homeOf(tx, enrollmentId))])],
      });
      return { recognitionId: saved.id };
    },
  });
}

async function homeOf(tx: Tx, enrollmentId: number): Promise<number[]> {
  const r = await tx.execute(sql`select s.home_institution_id as home from enrollments e join students s on s.id = e.student_id where e.id = ${enrollmentId}`);
  const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { home: number }[];
  return rows.map((x) => Number(x.home));
}

/**
 * A correction of the result a recognition rests on withdraws the recognition (correctResult calls this in
 * its transaction): its converted grade and credits were read from the old grade, and a recognition is the
 * host's decision, which the teaching institution cannot make for it. The recognition is removed, so the unit
 * is undecided again and the host decides anew with decideRecognition; the audit trail keeps what it said,
 * with the correction's reason, for the host, the teaching institution and the student's home. A refusal
 * stands (it gave no grade and no credits).
 */
export async function revokeRecognitionsOf(tx: Tx, ctx: Context, resultId: number, reason: string): Promise<void> {
  const gone = await queryRows(
    tx as unknown as Db,
    sql`delete from ${recognitions} rec where rec.result_id = ${resultId} and rec.status = 'RECOGNISED'
      returning rec.id, rec.enrollment_id as "enrollmentId", rec.unit_id as "unitId", rec.converted_grade as "convertedGrade",
        rec.credits_recognised::float8 as "creditsRecognised", rec.decided_by as "decidedBy",
        (select array[s.home_institution_id, p.host_institution_id, u.teaching_institution_id]
          from enrollments en join students s on s.id = en.student_id join cohorts c on c.id = en.cohort_id
          join programs p on p.id = c.program_id join course_units u on u.id = rec.unit_id
          where en.id = rec.enrollment_id) as audience`,
  );
  if (!gone.length) return;
  await audit(
    tx,
    ctx,
    gone.map((r) => ({
      action: "recognition.revoke",
      entityType: "Recognition",
      entityId: Number(r.id),
      before: { enrollmentId: Number(r.enrollmentId), unitId: Number(r.unitId), status: "RECOGNISED", convertedGrade: r.convertedGrade, creditsRecognised: Number(r.creditsRecognised), decidedBy: r.decidedBy },
      after: { status: null, resultCorrected: resultId, reason },
      visibleTo: [...new Set((r.audience as (number | string)[]).map(Number))],
    })),
  );
}
