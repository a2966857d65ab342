import { eq } from "drizzle-orm";
import { cohorts } from "../../src/db/schema.js";
import { expect, it } from "vitest";
import { TRANSITIONS } from "../../src/modules/students/enrollment.rules.js";
import { buildJointProgram, studentRow, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine } from "../helpers/engines.js";

const MOVE = /* GraphQL */ `
  mutation($input: TransitionEnrollmentInput!) {
    transitionEnrollment(input: $input) { enrollment { id status history { fromStatus toStatus actor reason } cohort { seatsTaken seatsLeft } } }
  }
`;

async function nominate(api: () => any, jp: JointProgram, n: number): Promise<string[]> {
  const r = await api().run(
    `mutation($input: RegisterStudentsInput!) { registerStudents(input: $input) { written results { enrollment { id } } } }`,
    { input: { cohortId: jp.ids.cohort, students: Array.from({ length: n }, () => studentRow()) } },
    jp.as.partnerRegistrar,
  );
  expect(r.data.registerStudents.written).toBe(true);
  return r.data.registerStudents.results.map((x: any) => x.enrollment.id);
}

describeEachEngine("enrollment lifecycle", {}, (api) => {
  it("walks NOMINATED → ADMITTED → ENROLLED ⇄ ON_LEAVE → ENROLLED → GRADUATED with a full history", async () => {
    const jp = await buildJointProgram(api().database.db, 3);
    const [id] = await nominate(api, jp, 1);
    const steps = ["ADMITTED", "ENROLLED", "ON_LEAVE", "ENROLLED"];
    for (const to of steps) {
      const r = await api().run(MOVE, { input: { enrollmentId: id, to, reason: `to ${to}` } }, jp.as.hostAdmin);
      expect(r.errors, to).toBeUndefined();
    }
    // Graduation is not a plain move: it has its own rule and record (graduateStudent).
    const direct = await api().run(MOVE, { input: { enrollmentId: id, to: "GRADUATED", reason: "bypass" } }, jp.as.hostAdmin);
    expect(direct.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", field: "input.to", from: "ENROLLED", to: "GRADUATED" });
    expect(direct.errors?.[0].message).toMatch(/graduateStudent/);
    // A student graduates from the program's final year (the cohort's here).
    await api().database.db.update(cohorts).set({ currentYearOfStudy: 5 }).where(eq(cohorts.id, jp.cohortId));
    const graduated = await api().run(
      `mutation($input: GraduateStudentInput!) { graduateStudent(input: $input) { decision { kind enrollment { id status cohort { seatsTaken seatsLeft } history { fromStatus toStatus actor reason } } } } }`,
      { input: { enrollmentId: id, override: true, reason: "to GRADUATED" } },
      jp.as.hostAdmin,
    );
    expect(graduated.errors, JSON.stringify(graduated.errors)).toBeUndefined();
    expect(graduated.data.graduateStudent.decision.kind).toBe("OVERRIDE_GRADUATED"); // no curriculum: no rule to meet
    const e = graduated.data.graduateStudent.decision.enrollment;
    expect(e.status).toBe("GRADUATED");
    expect(e.history.map((h: any) => `${h.fromStatus}>${h.toStatus}`)).toEqual([
      "null>NOMINATED",
      "NOMINATED>ADMITTED",
      "ADMITTED>ENROLLED",
      "ENROLLED>ON_LEAVE",
      "ON_LEAVE>ENROLLED",
      "ENROLLED>GRADUATED",
    ]);
    expect(e.history.at(-1)).toMatchObject({ actor: jp.as.hostAdmin.subject, reason: "to GRADUATED" });
    expect(e.cohort).toEqual({ seatsTaken: 0, seatsLeft: 3 });
  });

  it("refuses every move the lifecycle does not allow with INVALID_TRANSITION naming both statuses", async () => {
    const jp = await buildJointProgram(api().database.db, 3);
    const [id] = await nominate(api, jp, 1);
    // From NOMINATED: everything but ADMITTED, REJECTED, WITHDRAWN is refused, and nothing is written.
    for (const to of ["NOMINATED", "ENROLLED", "ON_LEAVE", "GRADUATED"]) {
      const r = await api().run(MOVE, { input: { enrollmentId: id, to } }, jp.as.hostAdmin);
      expect(r.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", from: "NOMINATED", to });
      expect(r.errors?.[0].message).toContain("NOMINATED");
    }
    await api().run(MOVE, { input: { enrollmentId: id, to: "REJECTED" } }, jp.as.hostAdmin);
    for (const to of Object.keys(TRANSITIONS)) {
      const r = await api().run(MOVE, { input: { enrollmentId: id, to } }, jp.as.hostAdmin);
      expect(r.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", from: "REJECTED", to });
    }
    const h = await api().run(`query($id: ID!) { enrollment(id: $id) { history { toStatus } } }`, { id });
    expect(h.data.enrollment.history).toHaveLength(2);
  });

  it("answers CAPACITY_REACHED when the cohort is full, and frees the seat on withdrawal", async () => {
    const jp = await buildJointProgram(api().database.db, 2);
    const ids = await nominate(api, jp, 3);
    for (const id of ids) await api().run(MOVE, { input: { enrollmentId: id, to: "ADMITTED" } }, jp.as.hostAdmin);
    expect((await api().run(MOVE, { input: { enrollmentId: ids[0], to: "ENROLLED" } }, jp.as.hostAdmin)).errors).toBeUndefined();
    expect((await api().run(MOVE, { input: { enrollmentId: ids[1], to: "ENROLLED" } }, jp.as.hostAdmin)).errors).toBeUndefined();
    const full = await api().run(MOVE, { input: { enrollmentId: ids[2], to: "ENROLLED" } }, jp.as.hostAdmin);
    expect(full.errors?.[0].extensions?.code).toBe("CAPACITY_REACHED");
    expect(JSON.stringify(full.errors)).not.toMatch(/seats|constraint|cohorts_/);
    // Nothing of the failed move was written.
    const still = await api().run(`query($id: ID!) { enrollment(id: $id) { status history { toStatus } } }`, { id: ids[2] });
    expect(still.data.enrollment).toEqual({ status: "ADMITTED", history: [{ toStatus: "NOMINATED" }, { toStatus: "ADMITTED" }] });
    // A partner registrar may withdraw its own student; the seat is then free.
    const w = await api().run(MOVE, { input: { enrollmentId: ids[0], to: "WITHDRAWN" } }, jp.as.partnerRegistrar);
    expect(w.errors).toBeUndefined();
    expect((await api().run(MOVE, { input: { enrollmentId: ids[2], to: "ENROLLED" } }, jp.as.hostAdmin)).errors).toBeUndefined();
  });

  it("lets only host admins move enrollments, registrars only withdraw their own", async () => {
    const jp = await buildJointProgram(api().database.db, 2);
    const [id] = await nominate(api, jp, 1);
    const cases: [keyof JointProgram["as"] | null, string, string][] = [
      [null, "ADMITTED", "UNAUTHENTICATED"],
      ["outsiderAdmin", "ADMITTED", "FORBIDDEN"],
      ["partnerRegistrar", "ADMITTED", "FORBIDDEN"],
      ["outsiderRegistrar", "WITHDRAWN", "FORBIDDEN"],
      ["researchOffice", "ADMITTED", "FORBIDDEN"],
      ["coordinator", "ADMITTED", "FORBIDDEN"],
    ];
    for (const [who, to, code] of cases) {
      const r = await api().run(MOVE, { input: { enrollmentId: id, to } }, who ? jp.as[who] : null);
      expect(r.errors?.[0].extensions?.code, `${who} → ${to}`).toBe(code);
    }
  });

  // advanceCohortYear is deprecated: a cohort without a curriculum (no credit rule) moves on, students and all.
  it("advances a cohort's year up to the program's length (deprecated advanceCohortYear)", async () => {
    const jp = await buildJointProgram(api().database.db, 2);
    const ADV = `mutation($input: AdvanceCohortYearInput!) { advanceCohortYear(input: $input) { cohort { currentYearOfStudy } } }`;
    for (let year = 2; year <= 5; year++) {
      const r = await api().run(ADV, { input: { cohortId: jp.ids.cohort } }, jp.as.hostAdmin);
      expect(r.data.advanceCohortYear.cohort.currentYearOfStudy).toBe(year);
    }
    const r = await api().run(ADV, { input: { cohortId: jp.ids.cohort } }, jp.as.hostAdmin);
    expect(r.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", field: "input.cohortId" });
    const other = await api().run(ADV, { input: { cohortId: jp.ids.cohort } }, jp.as.outsiderAdmin);
    expect(other.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
