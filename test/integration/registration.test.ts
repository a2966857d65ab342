import { expect, it } from "vitest";
import { buildJointProgram, studentRow, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine } from "../helpers/engines.js";

const REGISTER = /* GraphQL */ `
  mutation($input: RegisterStudentInput!) {
    registerStudent(input: $input) { existingStudent student { id familyNameLatin passportNumber } enrollment { id status history { toStatus actor } } }
  }
`;
const BULK = /* GraphQL */ `
  mutation($input: RegisterStudentsInput!) {
    registerStudents(input: $input) { written accepted rejected results { row existingStudent error { code field message } student { id } enrollment { status } } }
  }
`;
const COUNT = `query($c: ID!) { cohort(id: $c) { enrollments(first: 1) { totalCount } } }`;

describeEachEngine("registration", {}, (api) => {
  let jp: JointProgram;
  const count = async () => (await api().run(COUNT, { c: jp.ids.cohort })).data.cohort.enrollments.totalCount as number;

  it("registers one student as NOMINATED with history and audit, and refuses non-partners", async () => {
    jp = await buildJointProgram(api().database.db);
    const r = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: studentRow() } }, jp.as.partnerRegistrar);
    expect(r.errors).toBeUndefined();
    expect(r.data.registerStudent.enrollment.status).toBe("NOMINATED");
    expect(r.data.registerStudent.enrollment.history).toEqual([{ toStatus: "NOMINATED", actor: jp.as.partnerRegistrar.subject }]);
    expect(r.data.registerStudent.student.passportNumber).toMatch(/^FA/);

    const audit = await api().run(`{ auditLog(first: 5, filter: { action: "enrollment.nominate" }) { nodes { action actorSubject } } }`);
    expect(audit.errors).toBeUndefined();
    expect(audit.data.auditLog.nodes.some((n: any) => n.actorSubject === jp.as.partnerRegistrar.subject)).toBe(true);
    const hostAudit = await api().run(`{ auditLog(first: 5) { totalCount } }`, {}, jp.as.hostAdmin);
    expect(hostAudit.data.auditLog.totalCount).toBe(0); // the host's staff made none of these changes
    const denied = await api().run(`{ auditLog(first: 5) { totalCount } }`, {}, jp.as.partnerRegistrar);
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");

    const outsider = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: studentRow() } }, jp.as.outsiderRegistrar);
    expect(outsider.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const anon = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: studentRow() } }, null);
    expect(anon.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(await count()).toBe(1);
  });

  it("never makes a second student for the same person", async () => {
    const row = studentRow();
    const a = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: row } }, jp.as.partnerRegistrar);
    expect(a.errors).toBeUndefined();
    // Same person, spaces and case differ: the same nomination is a CONFLICT naming the field.
    const again = await api().run(
      REGISTER,
      { input: { cohortId: jp.ids.cohort, student: { ...row, passportNumber: ` ${row.passportNumber.toLowerCase()} ` } } },
      jp.as.partnerRegistrar,
    );
    expect(again.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.student.passportNumber" });
    // Another cohort: the existing student is reused.
    const other = await buildJointProgram(api().database.db);
    const students = await api().run(`query($h: ID!) { students(filter: { homeInstitutionId: $h }) { totalCount } }`, { h: jp.ids.partner });
    expect(students.data.students.totalCount).toBe(2);
    // A registrar of another institution cannot claim the person.
    const claim = await api().run(
      REGISTER,
      { input: { cohortId: other.ids.cohort, student: row } },
      other.as.partnerRegistrar,
    );
    expect(claim.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.student.passportNumber" });
  });

  it("replays an idempotent retry and refuses the key with other input", async () => {
    const row = studentRow();
    const input = { idempotencyKey: "retry-1", cohortId: jp.ids.cohort, student: row };
    const before = await count();
    const a = await api().run(REGISTER, { input }, jp.as.partnerRegistrar);
    const b = await api().run(REGISTER, { input }, jp.as.partnerRegistrar);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(b.data).toEqual(a.data);
    expect(await count()).toBe(before + 1);
    const c = await api().run(REGISTER, { input: { ...input, student: studentRow() } }, jp.as.partnerRegistrar);
    expect(c.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.idempotencyKey" });
  });

  it("bulk: checks every row first and writes nothing when one is bad", async () => {
    const before = await count();
    const rows = [studentRow(), studentRow({ dateOfBirth: "2020-01-01" }), studentRow({ familyNameLatin: "Кар" }), studentRow()];
    rows.push({ ...rows[0] }); // the same person twice in one request
    const r = await api().run(BULK, { input: { cohortId: jp.ids.cohort, students: rows } }, jp.as.partnerRegistrar);
    expect(r.errors).toBeUndefined();
    const out = r.data.registerStudents;
    expect(out).toMatchObject({ written: false, accepted: 2, rejected: 3 });
    expect(out.results.map((x: any) => x.error?.field ?? null)).toEqual([
      null,
      "students[1].dateOfBirth",
      "students[2].familyNameLatin",
      null,
      "students[4].passportNumber",
    ]);
    expect(out.results[4].error.code).toBe("CONFLICT");
    expect(await count()).toBe(before);

    const good = await api().run(BULK, { input: { cohortId: jp.ids.cohort, students: [studentRow(), studentRow(), studentRow()] } }, jp.as.partnerRegistrar);
    expect(good.data.registerStudents).toMatchObject({ written: true, accepted: 3, rejected: 0 });
    expect(good.data.registerStudents.results.every((x: any) => x.enrollment.status === "NOMINATED")).toBe(true);
    expect(await count()).toBe(before + 3);
  });

  it("bulk: parses CSV with csv-parse and names bad CSV rows and columns", async () => {
    const a = studentRow();
    const b = studentRow();
    const header = "family_name,given_names,family_name_latin,given_names_latin,date_of_birth,nationality,email,passport_number";
    const line = (s: any) => [s.familyName, s.givenNames, s.familyNameLatin, s.givenNamesLatin, s.dateOfBirth, s.nationality, s.email, s.passportNumber].join(",");
    const bad = await api().run(
      BULK,
      { input: { cohortId: jp.ids.cohort, csv: [header, line(a), line({ ...b, nationality: "XX", email: "" })].join("\n") } },
      jp.as.partnerRegistrar,
    );
    expect(bad.data.registerStudents.results[1].error).toMatchObject({ code: "BAD_USER_INPUT", field: "csv[1].nationality" });
    expect(bad.data.registerStudents.written).toBe(false);
    const ok = await api().run(BULK, { input: { cohortId: jp.ids.cohort, csv: `\uFEFF${header}\n${line(a)}\n\n${line({ ...b, email: "" })}\n` } }, jp.as.partnerRegistrar);
    expect(ok.data.registerStudents).toMatchObject({ written: true, accepted: 2 });
    const header2 = await api().run(BULK, { input: { cohortId: jp.ids.cohort, csv: `name,passport\nA,B` } }, jp.as.partnerRegistrar);
    expect(header2.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.csv" });
    const ragged = await api().run(BULK, { input: { cohortId: jp.ids.cohort, csv: `${header}\na,b,c` } }, jp.as.partnerRegistrar);
    expect(ragged.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.csv" });
    const both = await api().run(BULK, { input: { cohortId: jp.ids.cohort, csv: header, students: [] } }, jp.as.partnerRegistrar);
    expect(both.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.students" });
    const tooMany = await api().run(BULK, { input: { cohortId: jp.ids.cohort, students: Array.from({ length: 1001 }, () => studentRow()) } }, jp.as.partnerRegistrar);
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.students" });
  });
});
