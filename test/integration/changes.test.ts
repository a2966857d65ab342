import { expect, it } from "vitest";
import { buildJointProgram, studentRow, type JointProgram } from "../factories/joint-program.js";
import { logger } from "../../src/logger.js";
import { ChangeHub } from "../../src/modules/changes/change.hub.js";
import { auditLog } from "../../src/modules/audit/audit.table.js";
import { fromGlobalId, toGlobalId } from "../../src/shared/global-id.js";
import { describeEachEngine, PLATFORM_ADMIN } from "../helpers/engines.js";

const FEED = `query($after: String, $first: Int) { changes(after: $after, first: $first) { pageInfo { endCursor hasNextPage } nodes { cursor entityType entityId action enrollmentStatus actorInstitution { id } } } }`;
const MOVE = `mutation($input: TransitionEnrollmentInput!) { transitionEnrollment(input: $input) { enrollment { id } } }`;

async function readAll(api: () => any, viewer: unknown, after: string | null = null, first = 7) {
  const out: any[] = [];
  let cursor = after;
  for (;;) {
    const r = await api().run(FEED, { after: cursor, first }, viewer);
    expect(r.errors).toBeUndefined();
    out.push(...r.data.changes.nodes);
    if (!r.data.changes.pageInfo.hasNextPage) return { nodes: out, end: r.data.changes.pageInfo.endCursor ?? cursor };
    cursor = r.data.changes.pageInfo.endCursor;
  }
}

/**
 * A change shows once every older transaction has finished; on a shared PostgreSQL server another
 * database's long transaction (a bulk load) can hold it back for a while, so wait for what the test wrote.
 */
async function readSettled(api: () => any, viewer: unknown, after: string | null, atLeast: number, first = 7) {
  for (let i = 0; ; i++) {
    const got = await readAll(api, viewer, after, first);
    if (got.nodes.length >= atLeast || i >= 120) return got;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describeEachEngine("change feed", {}, (api) => {
  let jp: JointProgram;
  let other: JointProgram;

  it("lists every change in commit order, and replays from any cursor after a gap", async () => {
    jp = await buildJointProgram(api().database.db, 10);
    other = await buildJointProgram(api().database.db, 10);
    const before = await readAll(api, undefined);
    const reg = await api().run(
      `mutation($input: RegisterStudentsInput!) { registerStudents(input: $input) { results { enrollment { id } } } }`,
      { input: { cohortId: jp.ids.cohort, students: [studentRow(), studentRow(), studentRow()] } },
      jp.as.partnerRegistrar,
    );
    const ids: string[] = reg.data.registerStudents.results.map((r: any) => r.enrollment.id);
    for (const to of ["ADMITTED", "ENROLLED"]) for (const id of ids) await api().run(MOVE, { input: { enrollmentId: id, to } }, jp.as.hostAdmin);
    await api().run(MOVE, { input: { enrollmentId: ids[0], to: "ON_LEAVE" } }, jp.as.hostAdmin);

    const after = await readSettled(api, undefined, before.end, 13);
    // 3 students + 3 nominations + 3 admissions + 3 enrollments + 1 leave, in the order they were made
    expect(after.nodes.map((n: any) => n.action)).toEqual([
      "student.register", "student.register", "student.register",
      "enrollment.nominate", "enrollment.nominate", "enrollment.nominate",
      "enrollment.transition", "enrollment.transition", "enrollment.transition",
      "enrollment.transition", "enrollment.transition", "enrollment.transition",
      "enrollment.transition",
    ]);
    expect(after.nodes.at(-1)).toMatchObject({ entityType: "Enrollment", entityId: ids[0], enrollmentStatus: "ON_LEAVE" });

    // Replaying from any cursor in the middle gives exactly the tail, whatever the page size.
    const middle = after.nodes[5].cursor;
    const replay = await readAll(api, undefined, middle, 3);
    expect(replay.nodes.map((n: any) => n.cursor)).toEqual(after.nodes.slice(6).map((n: any) => n.cursor));
    // Nothing new: an empty page, and the same cursor to come back with.
    const idle = await api().run(FEED, { after: after.end, first: 10 });
    expect(idle.data.changes.nodes).toEqual([]);
  });

  it("shows each caller only what it may see, and a partner can rebuild its students' statuses from it", async () => {
    // A change in another partner's cohort, which jp's partner must not see.
    await api().run(
      `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { enrollment { id } } }`,
      { input: { cohortId: other.ids.cohort, student: studentRow() } },
      other.as.partnerRegistrar,
    );
    const mine = await readSettled(api, jp.as.partnerRegistrar, null, 10);
    const enrollmentEvents = mine.nodes.filter((n: any) => n.entityType === "Enrollment");
    expect(enrollmentEvents.length).toBe(3 + 3 + 3 + 1);

    // Rebuild: the last status per enrollment in the feed equals what the API says now.
    const rebuilt = new Map<string, string>();
    for (const e of enrollmentEvents) rebuilt.set(e.entityId, e.enrollmentStatus);
    const now = await api().run(`query($c: ID!) { cohort(id: $c) { enrollments(first: 50) { nodes { id status } } } }`, { c: jp.ids.cohort }, jp.as.partnerRegistrar);
    expect(Object.fromEntries(rebuilt)).toEqual(Object.fromEntries(now.data.cohort.enrollments.nodes.map((n: any) => [n.id, n.status])));

    // Staff of the host whose role reads no personal data (research office, expert coordinator) see none of it.
    // (Their institution's admin sees them: the rows are in the institution's scope.)
    expect((await readAll(api, jp.as.hostAdmin)).nodes.filter((n: any) => n.entityType === "Enrollment").length).toBeGreaterThan(0);
    for (const who of [jp.as.researchOffice, jp.as.coordinator]) {
      const seen = await readAll(api, who);
      expect(seen.nodes.filter((n: any) => n.entityType === "Enrollment" || n.entityType === "Student"), who.role).toEqual([]);
    }
    // Anonymous callers see no student or enrollment changes at all; platform admins see all.
    const anon = await readAll(api, null);
    expect(anon.nodes.filter((n: any) => n.entityType === "Enrollment" || n.entityType === "Student")).toEqual([]);
    let enrollmentsSeenByAdmin = 0;
    for (let i = 0; i < 120 && enrollmentsSeenByAdmin < enrollmentEvents.length + 1; i++) {
      if (i) await new Promise((r) => setTimeout(r, 250));
      enrollmentsSeenByAdmin = (await readAll(api, undefined)).nodes.filter((n: any) => n.entityType === "Enrollment").length;
    }
    expect(enrollmentsSeenByAdmin).toBe(enrollmentEvents.length + 1);
  });

  it("shows the ids in a change's data as global ids, in rows written before as now", async () => {
    const DATA = `query($after: String) { changes(after: $after, first: 50) { nodes { action entityId data } } }`;
    const start = (await readAll(api, undefined)).end;
    const reg = await api().run(
      `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { student { id } enrollment { id } } }`,
      { input: { cohortId: jp.ids.cohort, student: studentRow() } },
      jp.as.partnerRegistrar,
    );
    expect(reg.errors).toBeUndefined();
    const { student, enrollment } = reg.data.registerStudent;
    await readSettled(api, undefined, start, 2);
    const got = await api().run(DATA, { after: start });
    const nomination = got.data.changes.nodes.find((n: any) => n.action === "enrollment.nominate");
    expect(nomination.entityId).toBe(enrollment.id);
    expect(nomination.data).toEqual({ studentId: student.id, cohortId: jp.ids.cohort, status: "NOMINATED" });
    expect(got.data.changes.nodes.find((n: any) => n.action === "student.register").data).toMatchObject({ homeInstitutionId: jp.ids.partner });

    // A row as stored before (database ids, nested too) reads with global ids; one already holding global ids
    // and other numbers (counts, years) read as stored.
    const cohort = fromGlobalId(jp.ids.cohort, "Cohort", "cohort");
    const partner = fromGlobalId(jp.ids.partner, "Institution", "partner");
    await api().database.db.insert(auditLog).values([
      {
        actorSubject: "older-release", action: "program.create", entityType: "Program", entityId: 7,
        after: { id: 7, hostInstitutionId: partner, agreementId: 3, partners: [partner], launchYear: 2024, lengthYears: 5, team: [{ expertId: 9, role: "LEAD" }], content: { parties: [{ institutionId: partner, role: "HOST" }] } },
      },
      { actorSubject: "newer-release", action: "cohort.update", entityType: "Cohort", entityId: cohort, after: { cohortId: jp.ids.cohort, capacity: 40 } },
    ]);
    await readSettled(api, undefined, start, 4);
    const rows = (await api().run(DATA, { after: start })).data.changes.nodes;
    expect(rows.find((n: any) => n.action === "program.create").data).toEqual({
      id: toGlobalId("Program", 7),
      hostInstitutionId: jp.ids.partner,
      agreementId: toGlobalId("Agreement", 3),
      partners: [jp.ids.partner],
      launchYear: 2024,
      lengthYears: 5,
      team: [{ expertId: toGlobalId("Expert", 9), role: "LEAD" }],
      content: { parties: [{ institutionId: jp.ids.partner, role: "HOST" }] },
    });
    expect(rows.find((n: any) => n.action === "cohort.update").data).toEqual({ cohortId: jp.ids.cohort, capacity: 40 });
  });

  it("refuses a cursor of another list", async () => {
    const r = await api().run(FEED, { after: "WyJzdHVkZW50Lm5hbWUiLCJBIiwiQiIsMV0", first: 5 });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("the hub reads nothing while nobody listens; a new subscriber gets what commits after it, not before", async () => {
    const REGISTER = `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { student { id } } }`;
    const register = async () => {
      const r = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: studentRow() } }, jp.as.partnerRegistrar);
      expect(r.errors).toBeUndefined();
      return r.data.registerStudent.student.id as string;
    };
    const hub = await ChangeHub.start(api().database, logger, 3_600_000);
    const state = hub as unknown as { stale: boolean; position: unknown; pulling?: Promise<void> };
    try {
      const unheard = await register();
      hub.wake();
      await state.pulling;
      expect(state).toMatchObject({ stale: true, position: null });
      // A feed row is settled once every older transaction of the cluster has ended (other suites run beside this
      // one on PostgreSQL): subscribe only once the feed shows it, so "before" is before the subscriber's position.
      for (let i = 0; i < 200; i++) {
        const seen = await api().run(`{ changes(last: 20) { nodes { entityId } } }`, {}, PLATFORM_ADMIN);
        if (seen.data?.changes.nodes.some((n: { entityId: string }) => n.entityId === unheard)) break;
        await new Promise((r) => setTimeout(r, 100));
      }

      const feed = await hub.subscribe(PLATFORM_ADMIN, null);
      expect(state.stale).toBe(false);
      const heard = await register();
      const next = feed.next();
      let first: any;
      for (let i = 0; i < 200 && !first; i++) {
        hub.wake();
        first = await Promise.race([next, new Promise((r) => setTimeout(() => r(undefined), 100))]);
      }
      expect(first?.value).toMatchObject({ action: "student.register", entityType: "Student" });
      expect(toGlobalId("Student", first.value.entityId)).toBe(heard);
      expect(heard).not.toBe(unheard);
      await feed.return?.();
    } finally {
      await hub.close();
    }
  });
});
