import { and, eq, getTableColumns, ne, sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import { checkText } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { dataTag, runMutation } from "../../shared/mutation.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize } from "../auth/require-access.js";
import type { StudentRegistration } from "./registration.input.js";
import { checkRow } from "./registration.validate.js";
import type { CorrectStudentInput } from "./student-correction.input.js";
import { studentCorrections } from "./student-correction.table.js";
import { students } from "./student.table.js";

/** The correctable fields: input and column name → the history's field name. */
const FIELDS = {
  familyName: "FAMILY_NAME",
  givenNames: "GIVEN_NAMES",
  familyNameLatin: "FAMILY_NAME_LATIN",
  givenNamesLatin: "GIVEN_NAMES_LATIN",
  dateOfBirth: "DATE_OF_BIRTH",
  passportNumber: "PASSPORT_NUMBER",
  email: "EMAIL",
} as const;
type Field = keyof typeof FIELDS;

/**
 * Corrects personal data: the new values pass the registration's own checks (on the whole record after the
 * change), each changed field's old value goes to student_corrections with the reason, and the audit row
 * names the fields and the reason only (the audit trail holds no personal data). The passport number is changed
 * by platform admins only; the same-person rule holds: a number another student holds, or held before a renewal,
 * is CONFLICT.
 */
export async function correctStudent(ctx: Context, input: CorrectStudentInput) {
  const v = requireRole(ctx, rolesOf(Permission.StudentCorrect));
  const id = fromGlobalId(input.studentId, "Student", "input.studentId");
  const reason = checkText(input.reason, "input.reason", 500);
  // A field left out stays; email, the one optional field, is removed by an explicit null (a wrong address is
  // not always replaced by a right one). The other fields' null means "unchanged", as before.
  const given = (Object.keys(FIELDS) as Field[]).filter((f) => input[f] != null || (f === "email" && input.email === null));
  if (!given.length) throw badInput("input", "give one or more fields to correct");
  return runMutation(ctx, {
    operation: "correctStudent",
    input,
    dataOf: () => [dataTag("student", id)], // a refusal stored under a key names the student for an erasure

    run: async (tx) => {
      const [before] = await lockAndAuthorize(tx, ctx, Permission.StudentCorrect, [id], { field: "input.studentId", given: input.studentId }, getTableColumns(students));
      if (before.erasedAt) throw new AppError(ErrorCode.CONFLICT, "This student's personal data was erased", { field: "input.studentId" });
      const after = { ...before, ...Object.fromEntries(given.map((f) => [f, input[f]])) } as unknown as StudentRegistration;
      const error = checkRow({ row: 0, data: after, fieldName: (f) => `input.${f}` }, new Date());
      if (error) throw badInput(error.field, error.message);
      const changed = given.filter((f) => (after[f] ?? null) !== (before[f] ?? null));
      if (!changed.length) return { studentId: id };
      // The passport number is the same-person rule's key: whether a number is another student's (perhaps another
      // institution's) is not for institution staff to learn, as in registration. A CONFLICT for a known number and
      // success for an unknown one would tell them, so staff may not change it at all (one answer, whatever the
      // number); platform admins, who see every student, do, and learn of a collision.
      if (changed.includes("passportNumber") && v.role !== "PLATFORM_ADMIN")
        throw new AppError(ErrorCode.FORBIDDEN, "A passport number is changed by a platform admin (it identifies the person across institutions)", { field: "input.passportNumber" });
      if (changed.includes("passportNumber")) {
        const samePerson = sql`${students.nationality} = ${before.nationality} and not ${students.heldForReview} and ${students.id} <> ${id}`;
        const [holder] = await tx
          .select({ id: students.id })
          .from(students)
          .where(and(samePerson, eq(students.passportNumber, after.passportNumber)))
          .unionAll(
            tx
              .select({ id: students.id })
              .from(students)
              .innerJoin(studentCorrections, eq(studentCorrections.studentId, students.id))
              .where(and(samePerson, eq(studentCorrections.field, "PASSPORT_NUMBER"), eq(studentCorrections.oldValue, after.passportNumber), ne(studentCorrections.studentId, id))),
          )
          .limit(1);
        if (holder) throw new AppError(ErrorCode.CONFLICT, "Another student holds or held this passport number", { field: "input.passportNumber" });
      }
      await tx
        .update(students)
        .set(Object.fromEntries(changed.map((f) => [f, after[f]])))
        .where(eq(students.id, id));
      await tx.insert(studentCorrections).values(
        changed.map((f) => ({
          studentId: id, field: FIELDS[f], oldValue: (before[f] as string | null) ?? null, newValue: (after[f] as string | null) ?? null,
          reason, correctedBy: v.subject, correctedByInstitutionId: v.institutionId,
        })),
      );
      await audit(tx, ctx, { action: "student.correct", entityType: "Student", entityId: id, after: { fields: changed, reason } });
      return { studentId: id };
    },
  });
}
