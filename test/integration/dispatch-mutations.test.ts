import { and, count, eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, dispatches, dispatchMembers, idempotencyKeys } from "../../src/db/schema.js";
import { fromGlobalId, toGlobalId } from "../../src/shared/global-id.js";
import { buildPeople, type People } from "../factories/people.js";
import { describeEachEngine } from "../helpers/engines.js";

const CREATE = /* GraphQL */ `
  mutation($input: CreateDispatchInput!) {
    createDispatch(input: $input) {
      dispatch { id code title status countryCode startDate endDate purposes team { role expert { id } } hostInstitution { id } sendingInstitution { id } }
    }
  }
`;
const START = `mutation($input: StartDispatchInput!) { startDispatch(input: $input) { dispatch { id status } } }`;
const COMPLETE = `mutation($input: CompleteDispatchInput!) { completeDispatch(input: $input) { dispatch { id status casesSeen peopleTrained outcomeNotes } } }`;
const CANCEL = `mutation($input: CancelDispatchInput!) { cancelDispatch(input: $input) { dispatch { id status } } }`;
const ADD = `mutation($input: AddDispatchMembersInput!) { addDispatchMembers(input: $input) { dispatch { id team { role expert { id } } } } }`;

describeEachEngine("dispatch mutations", {}, (api) => {
  const db = () => api().database.db;

  /** A valid createDispatch input: lead a, member nurse (of the sender's hospital), in March 2025. */
  const input = (p: People, over: Record<string, unknown> = {}) => ({
    title: `${p.tag} mission`,
    sendingInstitutionId: p.ids.sender,
    hostInstitutionId: p.ids.host,
    startDate: "2025-03-01",
    endDate: "2025-03-10",
    purposes: ["COMPLEX_CASE_DIAGNOSIS", "TECHNICAL_TRAINING"],
    team: [
      { expertId: p.ids.a, role: "LEAD" },
      { expertId: p.ids.nurse, role: "MEMBER" },
    ],
    ...over,
  });

  /** What the database holds for the fixture's sender: dispatches, team rows, audit rows. */
  const written = async (p: People) => {
    const [d] = await db().select({ n: count() }).from(dispatches).where(eq(dispatches.sendingInstitutionId, p.inst.sender));
    const [m] = await db()
      .select({ n: count() })
      .from(dispatchMembers)
      .innerJoin(dispatches, eq(dispatches.id, dispatchMembers.dispatchId))
      .where(eq(dispatches.sendingInstitutionId, p.inst.sender));
    const [a] = await db()
      .select({ n: count() })
      .from(auditLog)
      .where(inArray(auditLog.actorSubject, Object.values(p.as).map((v) => v.subject)));
    return { dispatches: d.n, members: m.n, audit: a.n };
  };

  it("creates a PLANNED dispatch (country of the host, generated code), starts and completes it, with audit rows", async () => {
    const p = await buildPeople(db());
    const r = await api().run(CREATE, { input: input(p) }, p.as.coordinator);
    expect(r.errors).toBeUndefined();
    const d = r.data.createDispatch.dispatch;
    expect(d).toMatchObject({
      title: `${p.tag} mission`,
      status: "PLANNED",
      countryCode: "KZ",
      startDate: "2025-03-01",
      endDate: "2025-03-10",
      purposes: ["COMPLEX_CASE_DIAGNOSIS", "TECHNICAL_TRAINING"],
      hostInstitution: { id: p.ids.host },
      sendingInstitution: { id: p.ids.sender },
    });
    const id = fromGlobalId(d.id, "Dispatch", "id");
    expect(d.code).toBe(`D-2025-${id}`);
    expect(d.team).toEqual([
      { role: "LEAD", expert: { id: p.ids.a } },
      { role: "MEMBER", expert: { id: p.ids.nurse } },
    ]);
    // The trigger copied the dispatch's dates onto the team rows.
    const members = await db().select().from(dispatchMembers).where(eq(dispatchMembers.dispatchId, id));
    expect(members.map((m) => [m.startsOn, m.endsOn, m.active])).toEqual([
      ["2025-03-01", "2025-03-10", true],
      ["2025-03-01", "2025-03-10", true],
    ]);

    const started = await api().run(START, { input: { dispatchId: d.id } }, p.as.coordinator);
    expect(started.errors).toBeUndefined();
    expect(started.data.startDispatch.dispatch.status).toBe("IN_PROGRESS");
    const done = await api().run(
      COMPLETE,
      { input: { dispatchId: d.id, casesSeen: 212, peopleTrained: 40, notes: "  Joint ward rounds and two workshops.  " } },
      p.as.senderAdmin,
    );
    expect(done.errors).toBeUndefined();
    expect(done.data.completeDispatch.dispatch).toEqual({ id: d.id, status: "COMPLETED", casesSeen: 212, peopleTrained: 40, outcomeNotes: "Joint ward rounds and two workshops." });

    // COMPLETED is final and keeps its outcome.
    const again = await api().run(COMPLETE, { input: { dispatchId: d.id, casesSeen: 1, peopleTrained: 1 } }, p.as.coordinator);
    expect(again.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", from: "COMPLETED", to: "COMPLETED" });
    const cancel = await api().run(CANCEL, { input: { dispatchId: d.id, reason: "too late" } }, p.as.coordinator);
    expect(cancel.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", from: "COMPLETED", to: "CANCELLED" });
    const restart = await api().run(START, { input: { dispatchId: d.id } }, p.as.coordinator);
    expect(restart.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", from: "COMPLETED", to: "IN_PROGRESS", field: "input.dispatchId" });
    const [row] = await db().select().from(dispatches).where(eq(dispatches.id, id));
    expect(row).toMatchObject({ status: "COMPLETED", casesSeen: 212, peopleTrained: 40 });

    const trail = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "Dispatch"), eq(auditLog.entityId, id)))
      .orderBy(auditLog.id);
    expect(trail.map((t) => [t.action, t.actorSubject])).toEqual([
      ["dispatch.create", p.as.coordinator.subject],
      ["dispatch.start", p.as.coordinator.subject],
      ["dispatch.complete", p.as.senderAdmin.subject],
    ]);
    expect(trail[0].after).toMatchObject({ code: d.code, status: "PLANNED", countryCode: "KZ", team: [{ expertId: p.expert.a, role: "LEAD" }, { expertId: p.expert.nurse, role: "MEMBER" }] });
    expect(trail[2].before).toMatchObject({ status: "IN_PROGRESS" });
    expect(trail[2].after).toMatchObject({ status: "COMPLETED", casesSeen: 212, peopleTrained: 40 });
    expect(trail[0].actorRole).toBe("EXPERT_COORDINATOR");
    expect(trail[0].actorInstitutionId).toBe(p.inst.sender);
  });

  it("refuses a team member already on an overlapping dispatch with OVERLAPPING_DISPATCH and writes nothing", async () => {
    const p = await buildPeople(db());
    const first = await api().run(CREATE, { input: input(p, { team: [{ expertId: p.ids.a, role: "LEAD" }, { expertId: p.ids.b, role: "MEMBER" }] }) }, p.as.coordinator);
    expect(first.errors).toBeUndefined();
    const before = await written(p);

    // b is on the first dispatch until 10 March; sharing that one day is an overlap (dates are inclusive).
    const clash = await api().run(
      CREATE,
      {
        input: input(p, {
          idempotencyKey: `${p.tag}-clash`,
          startDate: "2025-03-10",
          endDate: "2025-03-20",
          team: [{ expertId: p.ids.c, role: "LEAD" }, { expertId: p.ids.b, role: "MEMBER" }],
        }),
      },
      p.as.coordinator,
    );
    expect(clash.data).toEqual({ createDispatch: null }); // payloads are nullable: the failure nulls only its field
    expect(clash.errors?.[0].extensions).toMatchObject({ code: "OVERLAPPING_DISPATCH", field: "input.team[1].expertId", expertIds: [p.ids.b] });
    expect(clash.errors?.[0].message).not.toMatch(/constraint|dispatch_members|exclu/i);
    expect(await written(p)).toEqual(before);
    // The refusal is the key's stored answer (README, "Idempotency"): a retry gets it again.
    const keys = await db().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, `${p.tag}-clash`));
    expect(keys.map((k) => k.state)).toEqual(["failed"]);
    const retry = await api().run(CREATE, { input: input(p, { idempotencyKey: `${p.tag}-clash`, startDate: "2025-03-10", endDate: "2025-03-20", team: [{ expertId: p.ids.c, role: "LEAD" }, { expertId: p.ids.b, role: "MEMBER" }] }) }, p.as.coordinator);
    expect(retry.errors?.[0].extensions).toMatchObject({ code: "OVERLAPPING_DISPATCH", field: "input.team[1].expertId" });

    // The day after is free: the corrected request (a new key) goes through.
    const next = await api().run(
      CREATE,
      { input: input(p, { idempotencyKey: `${p.tag}-clash-corrected`, startDate: "2025-03-11", endDate: "2025-03-20", team: [{ expertId: p.ids.c, role: "LEAD" }, { expertId: p.ids.b, role: "MEMBER" }] }) },
      p.as.coordinator,
    );
    expect(next.errors).toBeUndefined();

    // Adding someone busy on those dates to an existing team is refused the same way.
    const add = await api().run(ADD, { input: { dispatchId: next.data.createDispatch.dispatch.id, expertIds: [p.ids.nurse, p.ids.a] } }, p.as.coordinator);
    expect(add.errors).toBeUndefined();
    const busy = await api().run(
      CREATE,
      { input: input(p, { startDate: "2025-03-15", endDate: "2025-03-16", team: [{ expertId: p.ids.d, role: "LEAD" }] }) },
      p.as.coordinator,
    );
    expect(busy.errors).toBeUndefined();
    const addBusy = await api().run(ADD, { input: { dispatchId: busy.data.createDispatch.dispatch.id, expertIds: [p.ids.surgeon, p.ids.c] } }, p.as.coordinator);
    expect(addBusy.errors?.[0].extensions).toMatchObject({ code: "OVERLAPPING_DISPATCH", field: "input.expertIds[1]" });
    const addAgain = await api().run(ADD, { input: { dispatchId: busy.data.createDispatch.dispatch.id, expertIds: [p.ids.d] } }, p.as.coordinator);
    expect(addAgain.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.expertIds[0]" });
  });

  it("races: of concurrent dispatches sharing one expert on overlapping dates, exactly one is written", async () => {
    const p = await buildPeople(db());
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, k) =>
        api().run(
          CREATE,
          { input: input(p, { title: `race ${k}`, startDate: `2025-05-0${k + 1}`, endDate: "2025-05-20", team: [{ expertId: p.ids.d, role: "LEAD" }] }) },
          p.as.coordinator,
        ),
      ),
    );
    const codes = results.map((r) => r.errors?.[0].extensions?.code ?? "OK").sort();
    expect(codes).toEqual(["OK", ...Array(5).fill("OVERLAPPING_DISPATCH")]);
    expect(await written(p)).toEqual({ dispatches: 1, members: 1, audit: 1 });
  });

  it("a cancelled dispatch frees its experts: a new overlapping dispatch then succeeds", async () => {
    const p = await buildPeople(db());
    const a = await api().run(CREATE, { input: input(p) }, p.as.coordinator);
    const id = a.data.createDispatch.dispatch.id;
    const blocked = await api().run(CREATE, { input: input(p, { startDate: "2025-03-05", endDate: "2025-03-06" }) }, p.as.coordinator);
    expect(blocked.errors?.[0].extensions?.code).toBe("OVERLAPPING_DISPATCH");

    const noReason = await api().run(CANCEL, { input: { dispatchId: id, reason: "   " } }, p.as.coordinator);
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
    const cancelled = await api().run(CANCEL, { input: { dispatchId: id, reason: "Host postponed the training" } }, p.as.coordinator);
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data.cancelDispatch.dispatch.status).toBe("CANCELLED");
    const members = await db().select({ active: dispatchMembers.active }).from(dispatchMembers).where(eq(dispatchMembers.dispatchId, fromGlobalId(id, "Dispatch", "id")));
    expect(members.map((m) => m.active)).toEqual([false, false]);
    const [trail] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "dispatch.cancel"), eq(auditLog.entityId, fromGlobalId(id, "Dispatch", "id"))));
    expect(trail.after).toMatchObject({ status: "CANCELLED", reason: "Host postponed the training" });

    const now = await api().run(CREATE, { input: input(p, { startDate: "2025-03-05", endDate: "2025-03-06" }) }, p.as.coordinator);
    expect(now.errors).toBeUndefined();
    expect(now.data.createDispatch.dispatch.status).toBe("PLANNED");
    const twice = await api().run(CANCEL, { input: { dispatchId: id, reason: "again" } }, p.as.coordinator);
    expect(twice.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", from: "CANCELLED", to: "CANCELLED" });
  });

  it("names the bad field: dates, purposes, team size, leads, repeats, experts of other institutions", async () => {
    const p = await buildPeople(db());
    const before = await written(p);
    const bad = async (over: Record<string, unknown>, field: string) => {
      const r = await api().run(CREATE, { input: input(p, over) }, p.as.coordinator);
      expect(r.errors?.[0].extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field });
    };
    await bad({ startDate: "2025-03-10", endDate: "2025-03-09" }, "input.endDate");
    await bad({ purposes: [] }, "input.purposes");
    await bad({ team: [] }, "input.team");
    await bad({ team: Array.from({ length: 51 }, () => ({ expertId: p.ids.a, role: "MEMBER" })) }, "input.team");
    await bad({ team: [{ expertId: p.ids.a, role: "LEAD" }, { expertId: p.ids.b, role: "LEAD" }] }, "input.team");
    await bad({ team: [{ expertId: p.ids.a, role: "MEMBER" }] }, "input.team");
    await bad({ team: [{ expertId: p.ids.a, role: "LEAD" }, { expertId: p.ids.a, role: "MEMBER" }] }, "input.team[1].expertId");
    await bad({ team: [{ expertId: p.ids.a, role: "LEAD" }, { expertId: p.ids.foreign, role: "MEMBER" }] }, "input.team[1].expertId");
    await bad({ team: [{ expertId: p.ids.a, role: "LEAD" }, { expertId: p.ids.host, role: "MEMBER" }] }, "input.team[1].expertId");
    await bad({ hostInstitutionId: p.ids.sender }, "input.hostInstitutionId");
    await bad({ title: "  " }, "input.title");
    await bad({ startDate: "1800-01-01" }, "input.startDate");
    expect(await written(p)).toEqual(before);

    // A hospital's experts go with their university; the university's experts do not go for the hospital.
    const byHospital = await api().run(
      CREATE,
      { input: input(p, { sendingInstitutionId: p.ids.hospital, team: [{ expertId: p.ids.surgeon, role: "LEAD" }, { expertId: p.ids.a, role: "MEMBER" }] }) },
      p.as.hospitalCoordinator,
    );
    expect(byHospital.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.team[1].expertId" });

    const d = await api().run(CREATE, { input: input(p) }, p.as.coordinator);
    const negative = await api().run(COMPLETE, { input: { dispatchId: d.data.createDispatch.dispatch.id, casesSeen: -1, peopleTrained: 0 } }, p.as.coordinator);
    expect(negative.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const huge = await api().run(COMPLETE, { input: { dispatchId: d.data.createDispatch.dispatch.id, casesSeen: 5_000_000, peopleTrained: 0 } }, p.as.coordinator);
    expect(huge.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.casesSeen" });
    const missing = await api().run(START, { input: { dispatchId: toGlobalId("Dispatch", 99_999_999) } }, p.as.coordinator);
    expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("access: anonymous UNAUTHENTICATED, other institutions and roles FORBIDDEN, the sender's coordinator allowed", async () => {
    const p = await buildPeople(db());
    const anon = await api().run(CREATE, { input: input(p) }, null);
    expect(anon.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const outsider = await api().run(CREATE, { input: input(p) }, p.as.outsiderCoordinator);
    expect(outsider.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const research = await api().run(CREATE, { input: input(p) }, p.as.senderResearch);
    expect(research.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const hospital = await api().run(CREATE, { input: input(p) }, p.as.hospitalCoordinator);
    expect(hospital.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await written(p)).dispatches).toBe(0);

    const own = await api().run(CREATE, { input: input(p) }, p.as.coordinator);
    expect(own.errors).toBeUndefined();
    const id = own.data.createDispatch.dispatch.id;
    for (const [q, i] of [
      [START, { dispatchId: id }],
      [COMPLETE, { dispatchId: id, casesSeen: 1, peopleTrained: 1 }],
      [CANCEL, { dispatchId: id, reason: "not ours" }],
      [ADD, { dispatchId: id, expertIds: [p.ids.b] }],
    ] as const) {
      const r = await api().run(q, { input: i }, p.as.outsiderAdmin);
      expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      const a = await api().run(q, { input: i }, null);
      expect(a.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    }
    const platform = await api().run(START, { input: { dispatchId: id } });
    expect(platform.data.startDispatch.dispatch.status).toBe("IN_PROGRESS");
  });

  it("replays an idempotent retry of createDispatch: the same dispatch, written once", async () => {
    const p = await buildPeople(db());
    const i = input(p, { idempotencyKey: `${p.tag}-create-1` });
    const a = await api().run(CREATE, { input: i }, p.as.coordinator);
    const b = await api().run(CREATE, { input: i }, p.as.coordinator);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(b.data).toEqual(a.data);
    expect(await written(p)).toEqual({ dispatches: 1, members: 2, audit: 1 });
    // The same key with another request is refused; without a key the same request makes a second one.
    const other = await api().run(CREATE, { input: { ...i, title: "Another" } }, p.as.coordinator);
    expect(other.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.idempotencyKey" });
    const bad = await api().run(CREATE, { input: { ...i, idempotencyKey: "" } }, p.as.coordinator);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.idempotencyKey" });
    expect((await written(p)).dispatches).toBe(1);
  });
});
