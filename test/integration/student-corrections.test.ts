import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog, students } from "../../src/db/schema.js";
import { fromGlobalId } from "../../src/shared/global-id.js";
import { buildWorld, type World } from "../factories/world.js";
import { studentRow } from "../factories/joint-program.js";
import { describeEachEngine, PLATFORM_ADMIN } from "../helpers/engines.js";

// Personal data corrected with history: the old values stay in the student's history (read under the
// personal-data rule), the audit trail and the change feed name the fields and the reason only, and the
// same-person rule holds across a passport renewal.

const CORRECT = `mutation($input: CorrectStudentInput!) { correctStudent(input: $input) {
  student { id familyNameLatin passportNumber dateOfBirth corrections { field oldValue newValue reason correctedBy correctedByInstitution { id } } } } }`;
const REGISTER = `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { existingStudent student { id } } }`;

describeEachEngine("student personal data corrections", {}, (api) => {
  let w: World;
  let original: typeof students.$inferSelect;
  const db = () => api().database.db;
  const err = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;

  beforeAll(async () => {
    w = await buildWorld(db());
    [original] = await db().select().from(students).where(eq(students.id, w.rows.student));
  });

  it("a platform admin renews the passport and fixes a name, with a reason; the history keeps the old values; the audit row does not", async () => {
    const renewed = `FR${original.passportNumber!.slice(2)}`;
    const input = { studentId: w.student, passportNumber: renewed.toLowerCase(), familyNameLatin: "Karimov-Saidov", reason: "passport renewed, new spelling" };
    // Staff may not change the passport number (see the next test); nothing of the refused correction is written.
    expect(err(await api().run(CORRECT, { input }, w.jp.as.partnerRegistrar))).toMatchObject({ code: "FORBIDDEN", field: "input.passportNumber" });
    const r = await api().run(CORRECT, { input }, PLATFORM_ADMIN);
    expect(r.errors).toBeUndefined();
    const s = r.data.correctStudent.student;
    expect(s).toMatchObject({ familyNameLatin: "Karimov-Saidov", passportNumber: renewed });
    expect(s.corrections).toEqual([
      { field: "FAMILY_NAME_LATIN", oldValue: original.familyNameLatin, newValue: "Karimov-Saidov", reason: "passport renewed, new spelling", correctedBy: PLATFORM_ADMIN.subject, correctedByInstitution: null },
      { field: "PASSPORT_NUMBER", oldValue: original.passportNumber, newValue: renewed, reason: "passport renewed, new spelling", correctedBy: PLATFORM_ADMIN.subject, correctedByInstitution: null },
    ]);
    const [row] = await db().select().from(auditLog).where(and(eq(auditLog.action, "student.correct"), eq(auditLog.entityId, w.rows.student)));
    expect(row.after).toEqual({ fields: ["familyNameLatin", "passportNumber"], reason: "passport renewed, new spelling" });
    expect(JSON.stringify(row)).not.toContain(original.passportNumber);
    expect(JSON.stringify(row)).not.toContain(renewed);
    // The change feed shows the correction to the student's home and host, without the values.
    const feed = await api().run(`{ changes(first: 100) { nodes { action data } } }`, {}, w.jp.as.hostAdmin);
    const mine = feed.data.changes.nodes.filter((n: any) => n.action === "student.correct");
    // (The feed shows a change once older transactions of the shared server have ended: it may lag, never differ.)
    for (const n of mine) expect(n).toEqual({ action: "student.correct", data: { fields: ["familyNameLatin", "passportNumber"], reason: "passport renewed, new spelling" } });
    expect(JSON.stringify(feed)).not.toContain(renewed);
  });

  it("the same-person rule holds: a number another student holds or held is CONFLICT; registering with the old number finds the student (already in the cohort)", async () => {
    const other = studentRow();
    const reg = await api().run(REGISTER, { input: { cohortId: w.jp.ids.cohort, student: other } }, w.jp.as.partnerRegistrar);
    expect(reg.errors).toBeUndefined();
    const otherId = reg.data.registerStudent.student.id;
    const [now] = await db().select().from(students).where(eq(students.id, w.rows.student));
    expect(err(await api().run(CORRECT, { input: { studentId: otherId, passportNumber: now.passportNumber, reason: "typo" } }, PLATFORM_ADMIN))).toMatchObject({ code: "CONFLICT", field: "input.passportNumber" });
    // The number the first student held before its renewal still identifies that student.
    expect(err(await api().run(CORRECT, { input: { studentId: otherId, passportNumber: original.passportNumber, reason: "typo" } }, PLATFORM_ADMIN))).toMatchObject({ code: "CONFLICT", field: "input.passportNumber" });
    const again = await api().run(REGISTER, { input: { cohortId: w.jp.ids.cohort, student: studentRow({ passportNumber: original.passportNumber }) } }, w.jp.as.partnerRegistrar);
    expect(err(again)).toMatchObject({ code: "CONFLICT", field: "input.student.passportNumber" });
    expect(again.errors?.[0].message).toContain("this student is already nominated into this cohort");
    // And under the renewed number too; a new person with neither number is registered as new.
    const [current] = await db().select().from(students).where(eq(students.id, w.rows.student));
    const byNew = await api().run(REGISTER, { input: { cohortId: w.jp.ids.cohort, student: studentRow({ passportNumber: current.passportNumber }) } }, w.jp.as.partnerRegistrar);
    expect(byNew.errors?.[0].message).toContain("this student is already nominated into this cohort");
  });

  it("the host admin may correct; others may not; bad values name their field; nothing is written for a refused correction", async () => {
    const ok = await api().run(CORRECT, { input: { studentId: w.student, dateOfBirth: "2005-03-15", email: "new.address@example.org", reason: "birth certificate" } }, w.jp.as.hostAdmin);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.correctStudent.student.dateOfBirth).toBe("2005-03-15");
    for (const [who, code] of [[w.jp.as.outsiderAdmin, "FORBIDDEN"], [w.jp.as.outsiderRegistrar, "FORBIDDEN"], [w.jp.as.researchOffice, "FORBIDDEN"], [null, "UNAUTHENTICATED"]] as const)
      expect(err(await api().run(CORRECT, { input: { studentId: w.student, givenNames: "X", reason: "x" } }, who))?.code).toBe(code);
    const bad = async (patch: object, field: string) =>
      expect(err(await api().run(CORRECT, { input: { studentId: w.student, reason: "fix", ...patch } }, w.jp.as.partnerRegistrar))).toMatchObject({ code: "BAD_USER_INPUT", field });
    await bad({ dateOfBirth: "2024-01-01" }, "input.dateOfBirth");
    await bad({ familyNameLatin: "Каримов" }, "input.familyNameLatin");
    await bad({ passportNumber: "12" }, "input.passportNumber");
    await bad({}, "input");
    await bad({ givenNames: "A", reason: " " }, "input.reason");
    const history = await api().run(`query($id: ID!) { student(id: $id) { corrections { field } } }`, { id: w.student }, PLATFORM_ADMIN);
    expect(history.data.student.corrections.map((c: any) => c.field)).toEqual(["FAMILY_NAME_LATIN", "PASSPORT_NUMBER", "DATE_OF_BIRTH", "EMAIL"]);
    // A student of the outsider's: its corrections are not the partner's to read, and not reachable.
    expect(fromGlobalId(w.student, "Student", "id")).toBe(w.rows.student);
  });

  it("an explicit email: null removes the address (the history keeps the old one); other fields' null changes nothing", async () => {
    const EMAIL = `mutation($input: CorrectStudentInput!) { correctStudent(input: $input) { student { email corrections { field oldValue newValue } } } }`;
    const set = await api().run(EMAIL, { input: { studentId: w.student, email: "wrong.person@example.org", reason: "address given" } }, w.jp.as.partnerRegistrar);
    expect(set.errors).toBeUndefined();
    const removed = await api().run(EMAIL, { input: { studentId: w.student, email: null, reason: "not the student's address" } }, w.jp.as.partnerRegistrar);
    expect(removed.errors).toBeUndefined();
    expect(removed.data.correctStudent.student.email).toBeNull();
    expect(removed.data.correctStudent.student.corrections.at(-1)).toEqual({ field: "EMAIL", oldValue: "wrong.person@example.org", newValue: null });
    expect(err(await api().run(EMAIL, { input: { studentId: w.student, givenNamesLatin: null, reason: "x" } }, w.jp.as.partnerRegistrar))).toMatchObject({ code: "BAD_USER_INPUT", field: "input" });
  });
});
