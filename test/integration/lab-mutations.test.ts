import { and, count, eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, labOutputs, labProjects } from "../../src/db/schema.js";
import { fromGlobalId, toGlobalId } from "../../src/shared/global-id.js";
import { buildPeople, type People } from "../factories/people.js";
import { describeEachEngine } from "../helpers/engines.js";

const CREATE = /* GraphQL */ `
  mutation($input: CreateLabProjectInput!) {
    createLabProject(input: $input) {
      project { id code title status startDate endDate fundingAmount fundingCurrency funder lab { id } principalInvestigator { id } }
    }
  }
`;
const UPDATE = `mutation($input: UpdateLabProjectInput!) { updateLabProject(input: $input) { project { id title startDate endDate fundingAmount fundingCurrency funder } } }`;
const MOVE = `mutation($input: TransitionLabProjectInput!) { transitionLabProject(input: $input) { project { id status } } }`;
const PARTICIPANT = `mutation($input: AddLabProjectParticipantInput!) { addLabProjectParticipant(input: $input) { project { id } participant { role expert { id } } } }`;
const MILESTONE = `mutation($input: AddLabMilestoneInput!) { addLabMilestone(input: $input) { milestone { id title dueOn doneOn overdue project { id } } } }`;
const DONE = `mutation($input: CompleteLabMilestoneInput!) { completeLabMilestone(input: $input) { milestone { id doneOn overdue } } }`;
const OUTPUT = `mutation($input: AddLabOutputInput!) { addLabOutput(input: $input) { output { kind title doi publishedOn url } project { id outputs { doi } } } }`;
const OVERDUE = `query($lab: ID!) { overdueMilestones(labId: $lab, first: 50) { nodes { id title } } }`;

describeEachEngine("lab project mutations", {}, (api) => {
  const db = () => api().database.db;

  const input = (p: People, over: Record<string, unknown> = {}) => ({
    labId: p.ids.lab,
    title: `${p.tag} Recombinant antigens for echinococcosis diagnosis`,
    principalInvestigatorId: p.ids.a,
    startDate: "2025-01-01",
    endDate: "2027-12-31",
    funding: { amount: "1250000", currency: "cny", funder: "National Natural Science Foundation of China" },
    ...over,
  });

  const newProject = async (p: People, as = p.as.senderResearch) => {
    const r = await api().run(CREATE, { input: input(p) }, as);
    expect(r.errors).toBeUndefined();
    return r.data.createLabProject.project.id as string;
  };

  const projectsOf = async (p: People) =>
    (await db().select({ n: count() }).from(labProjects).where(eq(labProjects.labId, p.labId)))[0].n;

  it("creates a PROPOSED project with normalised funding and an audit row; names bad fields and writes nothing for them", async () => {
    const p = await buildPeople(db());
    const r = await api().run(CREATE, { input: input(p) }, p.as.senderResearch);
    expect(r.errors).toBeUndefined();
    const project = r.data.createLabProject.project;
    const id = fromGlobalId(project.id, "LabProject", "id");
    expect(project).toEqual({
      id: project.id,
      code: `LP-${id}`,
      title: `${p.tag} Recombinant antigens for echinococcosis diagnosis`,
      status: "PROPOSED",
      startDate: "2025-01-01",
      endDate: "2027-12-31",
      fundingAmount: "1250000.00",
      fundingCurrency: "CNY",
      funder: "National Natural Science Foundation of China",
      lab: { id: p.ids.lab },
      principalInvestigator: { id: p.ids.a },
    });
    const trail = await db().select().from(auditLog).where(and(eq(auditLog.entityType, "LabProject"), eq(auditLog.entityId, id)));
    expect(trail.map((t) => [t.action, t.actorSubject])).toEqual([["labProject.create", p.as.senderResearch.subject]]);
    expect(trail[0].after).toMatchObject({ status: "PROPOSED", fundingAmount: "1250000.00", fundingCurrency: "CNY" });

    const bad = async (over: Record<string, unknown>, field: string) => {
      const x = await api().run(CREATE, { input: input(p, over) }, p.as.senderResearch);
      expect(x.errors?.[0].extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field });
    };
    await bad({ endDate: "2024-12-31" }, "input.endDate");
    await bad({ title: "" }, "input.title");
    await bad({ funding: { amount: "-5", currency: "CNY" } }, "input.funding.amount");
    await bad({ funding: { amount: "12.345", currency: "CNY" } }, "input.funding.amount");
    await bad({ funding: { amount: "1e6", currency: "CNY" } }, "input.funding.amount");
    await bad({ funding: { amount: "100", currency: "YU" } }, "input.funding.currency");
    await bad({ funding: { amount: "100", currency: "C1Y" } }, "input.funding.currency");
    await bad({ principalInvestigatorId: toGlobalId("Expert", 99_999_999) }, "input.principalInvestigatorId");
    await bad({ principalInvestigatorId: p.ids.sender }, "input.principalInvestigatorId");
    expect(await projectsOf(p)).toBe(1);

    const noFunding = await api().run(CREATE, { input: input(p, { funding: null, startDate: null, endDate: null }) }, p.as.hostResearch);
    expect(noFunding.errors).toBeUndefined();
    expect(noFunding.data.createLabProject.project).toMatchObject({ fundingAmount: null, fundingCurrency: null, startDate: null });
  });

  it("updates title, dates and funding, keeping what is not given", async () => {
    const p = await buildPeople(db());
    const id = await newProject(p);
    const r = await api().run(UPDATE, { input: { projectId: id, endDate: "2028-06-30", funding: { amount: "0.5", currency: "KZT" } } }, p.as.senderResearch);
    expect(r.errors).toBeUndefined();
    expect(r.data.updateLabProject.project).toMatchObject({
      title: `${p.tag} Recombinant antigens for echinococcosis diagnosis`,
      startDate: "2025-01-01",
      endDate: "2028-06-30",
      fundingAmount: "0.50",
      fundingCurrency: "KZT",
      funder: null,
    });
    const early = await api().run(UPDATE, { input: { projectId: id, endDate: "2024-01-01" } }, p.as.senderResearch);
    expect(early.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.endDate" });
    const late = await api().run(UPDATE, { input: { projectId: id, startDate: "2029-01-01" } }, p.as.senderResearch);
    expect(late.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.startDate" });
    const nothing = await api().run(UPDATE, { input: { projectId: id } }, p.as.senderResearch);
    expect(nothing.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input" });
    const [trail] = await db().select().from(auditLog).where(and(eq(auditLog.action, "labProject.update"), eq(auditLog.entityId, fromGlobalId(id, "LabProject", "id"))));
    expect(trail.before).toEqual({ endDate: "2027-12-31", fundingAmount: "1250000.00", fundingCurrency: "CNY", funder: "National Natural Science Foundation of China" });
    expect(trail.after).toEqual({ endDate: "2028-06-30", fundingAmount: "0.50", fundingCurrency: "KZT", funder: null });
  });

  it("moves a project along its lifecycle and refuses other moves with INVALID_TRANSITION naming both statuses", async () => {
    const p = await buildPeople(db());
    const id = await newProject(p);
    const move = (to: string, as = p.as.senderResearch) => api().run(MOVE, { input: { projectId: id, to, reason: `to ${to}` } }, as);

    const skip = await move("COMPLETED");
    expect(skip.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", from: "PROPOSED", to: "COMPLETED", field: "input.to" });
    for (const to of ["ACTIVE", "ON_HOLD"]) {
      const r = await move(to);
      expect(r.errors).toBeUndefined();
      expect(r.data.transitionLabProject.project.status).toBe(to);
    }
    const fromHold = await move("COMPLETED");
    expect(fromHold.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", from: "ON_HOLD", to: "COMPLETED" });
    const same = await move("ON_HOLD");
    expect(same.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", from: "ON_HOLD", to: "ON_HOLD" });
    expect((await move("ACTIVE", p.as.hostResearch)).errors).toBeUndefined(); // a member institution's research office
    expect((await move("COMPLETED", p.as.senderAdmin)).errors).toBeUndefined();
    for (const to of ["ACTIVE", "CANCELLED", "PROPOSED"]) {
      const r = await move(to);
      expect(r.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", from: "COMPLETED", to });
    }
    const trail = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "labProject.transition"), eq(auditLog.entityId, fromGlobalId(id, "LabProject", "id"))))
      .orderBy(auditLog.id);
    expect(trail.map((t) => [(t.before as any).status, (t.after as any).status])).toEqual([
      ["PROPOSED", "ACTIVE"],
      ["ACTIVE", "ON_HOLD"],
      ["ON_HOLD", "ACTIVE"],
      ["ACTIVE", "COMPLETED"],
    ]);
    expect((trail[1].after as any).reason).toBe("to ON_HOLD");

    // A completed project takes no new participants or milestones.
    const late = await api().run(MILESTONE, { input: { projectId: id, title: "late", dueOn: "2026-01-01" } }, p.as.senderResearch);
    expect(late.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.projectId" });
  });

  it("adds participants; the same expert twice, or the principal investigator, is a CONFLICT", async () => {
    const p = await buildPeople(db());
    const id = await newProject(p);
    const add = (expertId: string, role = "RESEARCHER") => api().run(PARTICIPANT, { input: { projectId: id, expertId, role } }, p.as.senderResearch);
    const first = await add(p.ids.b, "CO_INVESTIGATOR");
    expect(first.errors).toBeUndefined();
    expect(first.data.addLabProjectParticipant.participant).toEqual({ role: "CO_INVESTIGATOR", expert: { id: p.ids.b } });
    const again = await add(p.ids.b);
    expect(again.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.expertId" });
    const pi = await add(p.ids.a);
    expect(pi.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.expertId" });
    const unknown = await add(toGlobalId("Expert", 99_999_999));
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.expertId" });
    expect((await add(p.ids.foreign, "TECHNICIAN")).errors).toBeUndefined();
    const q = await api().run(`query($id: ID!) { labProject(id: $id) { participants { role expert { id } } } }`, { id });
    expect(q.data.labProject.participants).toHaveLength(2);
  });

  it("an overdue milestone is listed by overdueMilestones until it is done, and left out once its project is cancelled", async () => {
    const p = await buildPeople(db());
    const id = await newProject(p);
    const other = await newProject(p);
    const m = await api().run(MILESTONE, { input: { projectId: id, title: "Antigen panel validated", dueOn: "2020-06-30" } }, p.as.senderResearch);
    expect(m.errors).toBeUndefined();
    const milestone = m.data.addLabMilestone.milestone;
    expect(milestone).toMatchObject({ title: "Antigen panel validated", dueOn: "2020-06-30", doneOn: null, overdue: true, project: { id } });
    const o = await api().run(MILESTONE, { input: { projectId: other, title: "Cohort recruited", dueOn: "2021-01-31" } }, p.as.senderResearch);
    const future = await api().run(MILESTONE, { input: { projectId: id, title: "Final report", dueOn: "2099-01-01" } }, p.as.senderResearch);
    expect(future.data.addLabMilestone.milestone.overdue).toBe(false);
    const listed = async () => (await api().run(OVERDUE, { lab: p.ids.lab }, null)).data.overdueMilestones.nodes.map((n: any) => n.id);
    expect(await listed()).toEqual([milestone.id, o.data.addLabMilestone.milestone.id]);

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const ahead = await api().run(DONE, { input: { milestoneId: milestone.id, doneOn: tomorrow } }, p.as.senderResearch);
    expect(ahead.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.doneOn" });
    const done = await api().run(DONE, { input: { milestoneId: milestone.id, doneOn: "2020-07-15" } }, p.as.hostResearch);
    expect(done.errors).toBeUndefined();
    expect(done.data.completeLabMilestone.milestone).toMatchObject({ doneOn: "2020-07-15", overdue: false });
    expect(await listed()).toEqual([o.data.addLabMilestone.milestone.id]);
    const twice = await api().run(DONE, { input: { milestoneId: milestone.id } }, p.as.senderResearch);
    expect(twice.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.milestoneId" });

    // A cancelled (or completed) project has nothing overdue.
    expect((await api().run(MOVE, { input: { projectId: other, to: "CANCELLED", reason: "funding withdrawn" } }, p.as.senderResearch)).errors).toBeUndefined();
    expect(await listed()).toEqual([]);
    const all = await api().run(`{ overdueMilestones(first: 100) { nodes { id } } }`);
    expect(all.data.overdueMilestones.nodes.map((n: any) => n.id)).not.toContain(o.data.addLabMilestone.milestone.id);

    const trail = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "LabMilestone"), eq(auditLog.entityId, fromGlobalId(milestone.id, "LabMilestone", "id"))))
      .orderBy(auditLog.id);
    expect(trail.map((t) => t.action)).toEqual(["labMilestone.create", "labMilestone.complete"]);
  });

  it("records outputs: a publication needs a valid DOI (a https://doi.org/ prefix is removed), once per project", async () => {
    const p = await buildPeople(db());
    const id = await newProject(p);
    const add = (over: Record<string, unknown>) =>
      api().run(OUTPUT, { input: { projectId: id, kind: "PUBLICATION", title: "Serological diagnosis of cystic echinococcosis", ...over } }, p.as.senderResearch);
    const before = (await db().select({ n: count() }).from(labOutputs).where(eq(labOutputs.projectId, fromGlobalId(id, "LabProject", "id"))))[0].n;

    for (const [over, field] of [
      [{}, "input.doi"],
      [{ doi: "  " }, "input.doi"],
      [{ doi: "10.12/abc" }, "input.doi"],
      [{ doi: "11.1016/j.jep.2023.116789" }, "input.doi"],
      [{ doi: "10.1016/j jep" }, "input.doi"],
      [{ doi: "https://example.org/10.1016/j.jep.2023.116789" }, "input.doi"],
      [{ doi: "10.1016/j.jep.2023.116789", publishedOn: "2099-01-01" }, "input.publishedOn"],
      [{ doi: "10.1016/j.jep.2023.116789", url: "javascript:alert(1)" }, "input.url"],
      [{ doi: "10.1016/j.jep.2023.116789", url: "not a url" }, "input.url"],
    ] as const) {
      const r = await add(over);
      expect(r.errors?.[0].extensions, JSON.stringify(over)).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect((await db().select({ n: count() }).from(labOutputs).where(eq(labOutputs.projectId, fromGlobalId(id, "LabProject", "id"))))[0].n).toBe(before);

    const ok = await add({ doi: "https://doi.org/10.1016/J.JEP.2023.116789", publishedOn: "2024-05-02", url: "https://www.sciencedirect.com/science/article/pii/S0378874123006578" });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.addLabOutput.output).toEqual({
      kind: "PUBLICATION",
      title: "Serological diagnosis of cystic echinococcosis",
      doi: "10.1016/J.JEP.2023.116789",
      publishedOn: "2024-05-02",
      url: "https://www.sciencedirect.com/science/article/pii/S0378874123006578",
    });
    const dup = await add({ doi: "doi:10.1016/j.jep.2023.116789" });
    expect(dup.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.doi" });
    const patent = await api().run(OUTPUT, { input: { projectId: id, kind: "PATENT", title: "Recombinant antigen EgAgB8/1", publishedOn: "2025-02-11" } }, p.as.senderResearch);
    expect(patent.errors).toBeUndefined();
    expect(patent.data.addLabOutput.project.outputs.map((o: any) => o.doi)).toEqual(["10.1016/J.JEP.2023.116789", null]);
    const audits = await db()
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, "labOutput.create"), eq(auditLog.actorSubject, p.as.senderResearch.subject)));
    expect(audits[0].n).toBe(2);
  });

  it("access: anonymous UNAUTHENTICATED; offices of institutions outside the lab, and other roles, FORBIDDEN", async () => {
    const p = await buildPeople(db());
    const anon = await api().run(CREATE, { input: input(p) }, null);
    expect(anon.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    for (const as of [p.as.outsiderResearch, p.as.outsiderAdmin, p.as.coordinator]) {
      const r = await api().run(CREATE, { input: input(p) }, as);
      expect(r.errors?.[0].extensions?.code, as.subject).toBe("FORBIDDEN");
    }
    expect(await projectsOf(p)).toBe(0);

    const id = await newProject(p, p.as.hostResearch);
    const m = await api().run(MILESTONE, { input: { projectId: id, title: "Kick-off", dueOn: "2025-02-01" } }, p.as.senderResearch);
    const attempts: [string, Record<string, unknown>][] = [
      [MOVE, { projectId: id, to: "ACTIVE" }],
      [UPDATE, { projectId: id, title: "Taken over" }],
      [PARTICIPANT, { projectId: id, expertId: p.ids.foreign, role: "RESEARCHER" }],
      [MILESTONE, { projectId: id, title: "x", dueOn: "2025-01-01" }],
      [DONE, { milestoneId: m.data.addLabMilestone.milestone.id }],
      [OUTPUT, { projectId: id, kind: "GUIDELINE", title: "x" }],
    ];
    for (const [q, i] of attempts) {
      const r = await api().run(q, { input: i }, p.as.outsiderResearch);
      expect(r.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      const a = await api().run(q, { input: i }, null);
      expect(a.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    }
    const projectRow = await db().select().from(labProjects).where(inArray(labProjects.id, [fromGlobalId(id, "LabProject", "id")]));
    expect(projectRow[0]).toMatchObject({ status: "PROPOSED", title: input(p).title });
    const missing = await api().run(MOVE, { input: { projectId: toGlobalId("LabProject", 99_999_999), to: "ACTIVE" } }, p.as.senderResearch);
    expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const platform = await api().run(MOVE, { input: { projectId: id, to: "ACTIVE" } });
    expect(platform.data.transitionLabProject.project.status).toBe("ACTIVE");
  });

  it("replays an idempotent retry of createLabProject: the same project, written once", async () => {
    const p = await buildPeople(db());
    const i = input(p, { idempotencyKey: `${p.tag}-lp-1` });
    const a = await api().run(CREATE, { input: i }, p.as.senderResearch);
    const b = await api().run(CREATE, { input: i }, p.as.senderResearch);
    expect(a.errors).toBeUndefined();
    expect(b.data).toEqual(a.data);
    expect(await projectsOf(p)).toBe(1);
  });
});
