import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { createContext } from "../../src/context.js";
import { dispatches, enrollments, institutions } from "../../src/db/schema.js";
import { ROLES, type RoleName, type Viewer } from "../../src/modules/auth/auth.roles.js";
import { Permission } from "../../src/modules/auth/permission.js";
import { checkAccess, lockAndAuthorize, requireAccess } from "../../src/modules/auth/require-access.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildWorld, type World } from "../factories/world.js";
import { describeEachEngine } from "../helpers/engines.js";

// Each permission over a set holding one row of each of two separate worlds (each with its own host,
// partner, sender, lab…): a caller of world A is never allowed the row of world B, so a rule that forgot
// its institution condition fails here, as does one that lets a wrong role or institution of world A in.

type Grant = [RoleName, number];
/** Per permission: the id it is checked on in a world, and who (role at institution) of that world may. */
const SPECS: Record<Permission, { id: (w: World) => number; may: (w: World) => Grant[] }> = {
  [Permission.AgreementCreate]: { id: (w) => w.jp.host, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
  [Permission.AgreementUpdate]: { id: (w) => w.rows.agreement, may: (w) => [["INSTITUTION_ADMIN", w.jp.host], ["INSTITUTION_ADMIN", w.jp.partner]] },
  [Permission.AgreementAmend]: { id: (w) => w.rows.agreement, may: (w) => [["INSTITUTION_ADMIN", w.jp.host], ["INSTITUTION_ADMIN", w.jp.partner]] },
  [Permission.AgreementApprove]: { id: (w) => w.rows.version, may: (w) => [["INSTITUTION_ADMIN", w.jp.host], ["INSTITUTION_ADMIN", w.jp.partner]] },
  [Permission.ProgramCreate]: { id: (w) => w.jp.host, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
  [Permission.ProgramUpdate]: { id: (w) => w.jp.programId, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
  [Permission.CohortCreate]: { id: (w) => w.jp.programId, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
  [Permission.CohortUpdate]: { id: (w) => w.jp.cohortId, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
  // The teaching institution is a second partner of the program (buildEducation).
  [Permission.CohortNominate]: { id: (w) => w.jp.cohortId, may: (w) => [["PARTNER_REGISTRAR", w.jp.partner], ["PARTNER_REGISTRAR", w.edu.teacher]] },
  [Permission.StudentRegister]: { id: (w) => w.jp.partner, may: (w) => [["PARTNER_REGISTRAR", w.jp.partner]] },
  [Permission.EnrollmentMove]: { id: (w) => w.rows.enrollment, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
  [Permission.EnrollmentWithdraw]: { id: (w) => w.rows.enrollment, may: (w) => [["INSTITUTION_ADMIN", w.jp.host], ["PARTNER_REGISTRAR", w.jp.partner]] },
  [Permission.DispatchCreate]: { id: (w) => w.pp.inst.sender, may: (w) => [["EXPERT_COORDINATOR", w.pp.inst.sender], ["INSTITUTION_ADMIN", w.pp.inst.sender]] },
  [Permission.DispatchUpdate]: { id: (w) => w.rows.dispatch, may: (w) => [["EXPERT_COORDINATOR", w.pp.inst.sender], ["INSTITUTION_ADMIN", w.pp.inst.sender]] },
  [Permission.LabProjectCreate]: { id: (w) => w.pp.labId, may: labStaff },
  [Permission.LabProjectUpdate]: { id: (w) => w.rows.project, may: labStaff },
  [Permission.LabMilestoneUpdate]: { id: (w) => w.rows.milestone, may: labStaff },
  [Permission.InstitutionUpdate]: { id: (w) => w.jp.host, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
  [Permission.ExpertCreate]: { id: (w) => w.pp.inst.sender, may: (w) => [["EXPERT_COORDINATOR", w.pp.inst.sender], ["INSTITUTION_ADMIN", w.pp.inst.sender]] },
  [Permission.ExpertUpdate]: { id: (w) => w.pp.expert.a, may: (w) => [["EXPERT_COORDINATOR", w.pp.inst.sender], ["INSTITUTION_ADMIN", w.pp.inst.sender]] },
  [Permission.JointLabCreate]: { id: (w) => w.pp.inst.sender, may: (w) => [["RESEARCH_OFFICE", w.pp.inst.sender], ["INSTITUTION_ADMIN", w.pp.inst.sender]] },
  [Permission.JointLabUpdate]: { id: (w) => w.pp.labId, may: (w) => [["RESEARCH_OFFICE", w.pp.inst.sender], ["INSTITUTION_ADMIN", w.pp.inst.sender]] },
  [Permission.TelemedicineCreate]: { id: (w) => w.jp.host, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
  [Permission.TelemedicineUpdate]: { id: (w) => w.rows.link, may: (w) => [["INSTITUTION_ADMIN", w.pp.inst.sender], ["INSTITUTION_ADMIN", w.pp.inst.host]] },
  [Permission.EventCreate]: { id: (w) => w.jp.host, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
  [Permission.StudentCorrect]: { id: (w) => w.rows.student, may: (w) => [["PARTNER_REGISTRAR", w.jp.partner], ["INSTITUTION_ADMIN", w.jp.host]] },
  [Permission.EventUpdate]: { id: (w) => w.rows.event, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
  [Permission.CurriculumCreate]: { id: (w) => w.jp.programId, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
  [Permission.TermCreate]: { id: (w) => w.edu.teacher, may: resultStaff },
  [Permission.TermClose]: { id: (w) => w.edu.terms.teacher, may: resultStaff },
  [Permission.ResultEnter]: { id: (w) => w.edu.offerings.teacher, may: resultStaff },
  [Permission.ResultCorrect]: { id: (w) => w.edu.resultId, may: resultStaff },
  [Permission.RecordDecide]: { id: (w) => w.rows.enrollment, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
  [Permission.WebhookCreate]: { id: (w) => w.jp.host, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
  [Permission.WebhookUpdate]: { id: (w) => w.rows.webhook, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
  [Permission.WebhookReplay]: { id: (w) => w.rows.delivery, may: (w) => [["INSTITUTION_ADMIN", w.jp.host]] },
};
/** Admins and registrars of the institution teaching the unit (neither the student's home nor the host). */
function resultStaff(w: World): Grant[] {
  return [["INSTITUTION_ADMIN", w.edu.teacher], ["PARTNER_REGISTRAR", w.edu.teacher]];
}
/** The lab's lead (the sender) and its member (the host hospital abroad). */
function labStaff(w: World): Grant[] {
  return (["RESEARCH_OFFICE", "INSTITUTION_ADMIN"] as const).flatMap((role): Grant[] => [[role, w.pp.inst.sender], [role, w.pp.inst.host]]);
}

const SCOPED = ROLES.filter((r) => r !== "PLATFORM_ADMIN");
const ADMIN: Viewer = { subject: "perm-platform", role: "PLATFORM_ADMIN", institutionId: null };

describeEachEngine("permissions", {}, (api) => {
  let a: World;
  let b: World;
  const db = () => api().database.db;
  const ctxOf = (v: Viewer | null) => createContext(db(), "test", v);
  const at = (role: RoleName, inst: number): Viewer => ({ subject: `perm-${role}-${inst}`, role, institutionId: inst });

  beforeAll(async () => {
    a = await buildWorld(db());
    b = await buildWorld(db());
  });

  it("has a rule for every permission, and this test a case for every rule", () => {
    expect(Object.keys(SPECS).sort()).toEqual(Object.values(Permission).sort());
  });

  for (const permission of Object.values(Permission)) {
    it(`${permission}: allowed to PLATFORM_ADMIN and the right roles of the right institution only, over a set of ids`, async () => {
      const spec = SPECS[permission];
      const ids = [spec.id(a), spec.id(b)];
      await expect(checkAccess(ctxOf(null), permission, ids)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
      // Every scoped role at every institution of world A; expected: A's row when the spec grants it, never B's.
      const insts = [...new Set([a.jp.host, a.jp.partner, a.jp.outsider, a.edu.teacher, ...Object.values(a.pp.inst)])];
      const viewers: [string, Viewer][] = [["PLATFORM_ADMIN", ADMIN], ...SCOPED.flatMap((role) => insts.map((i): [string, Viewer] => [`${role}@${i}`, at(role, i)]))];
      const granted = spec.may(a).map(([role, i]) => `${role}@${i}`);
      const got: string[] = [];
      const want: string[] = [];
      for (const [label, v] of viewers) {
        const { allowed, missing } = await checkAccess(ctxOf(v), permission, ids);
        expect(missing.size).toBe(0);
        got.push(`${label}: ${ids.filter((id) => allowed.has(id)).map((id) => (id === ids[0] ? "A" : "B")).join("+") || "none"}`);
        want.push(`${label}: ${label === "PLATFORM_ADMIN" ? "A+B" : granted.includes(label) ? "A" : "none"}`);
      }
      expect(got).toEqual(want);
      expect(granted.length).toBeGreaterThan(0);
      // The same grants in world B: B's row, not A's.
      for (const [role, i] of spec.may(b)) expect([...(await checkAccess(ctxOf(at(role, i)), permission, ids)).allowed]).toEqual([ids[1]]);
    });
  }

  it("requireAccess: NOT_FOUND for the first missing id (of a public type, or to a platform admin), then FORBIDDEN for the first refused one, each naming its field", async () => {
    const field = (i: number) => `input.ids[${i}]`;
    const missing = 2_000_000_000;
    const notFound = requireAccess(ctxOf(at("INSTITUTION_ADMIN", a.jp.host)), Permission.CohortUpdate, [b.jp.cohortId, missing], { field });
    await expect(notFound).rejects.toMatchObject({
      message: `Cohort ${toGlobalId("Cohort", missing)} was not found`,
      extensions: { code: "NOT_FOUND", field: "input.ids[1]", id: toGlobalId("Cohort", missing) },
    });
    const refused = requireAccess(ctxOf(at("INSTITUTION_ADMIN", a.jp.host)), Permission.CohortUpdate, [a.jp.cohortId, b.jp.cohortId], { field });
    await expect(refused).rejects.toMatchObject({ extensions: { code: "FORBIDDEN", field: "input.ids[1]" } });
    await requireAccess(ctxOf(at("INSTITUTION_ADMIN", a.jp.host)), Permission.CohortUpdate, [a.jp.cohortId], { field: "input.cohortId" });
    // Enrollments are not public: to a caller who may not read every one, a missing id is refused exactly as
    // an existing one of another institution (which ids exist is not told); a platform admin is told NOT_FOUND.
    for (const caller of [at("PARTNER_REGISTRAR", a.jp.partner), at("INSTITUTION_ADMIN", a.jp.host)]) {
      const answer = (id: number) =>
        requireAccess(ctxOf(caller), Permission.EnrollmentMove, [id], { field: "input.enrollmentId", given: "given-id" }).then(
          () => "allowed",
          (e: { message: string; extensions: Record<string, unknown> }) => JSON.stringify([e.message, e.extensions]),
        );
      const refusedOne = await answer(b.rows.enrollment);
      expect(refusedOne).toContain("FORBIDDEN");
      expect(await answer(missing)).toBe(refusedOne);
    }
    await expect(requireAccess(ctxOf(ADMIN), Permission.EnrollmentMove, [missing], { field: "input.enrollmentId", given: "given-id" })).rejects.toMatchObject({
      message: "Enrollment given-id was not found",
      extensions: { code: "NOT_FOUND", field: "input.enrollmentId" },
    });
    // The same in lockAndAuthorize (which locks what it checks).
    const registrar = at("PARTNER_REGISTRAR", a.jp.partner);
    const locked = (id: number) =>
      db()
        .transaction((tx) => lockAndAuthorize(tx, ctxOf(registrar), Permission.EnrollmentWithdraw, [id], { field: "input.enrollmentId" }, { id: enrollments.id }))
        .then(
          () => "allowed",
          (e: { message: string; extensions: Record<string, unknown> }) => JSON.stringify([e.message, e.extensions.code, e.extensions.field]),
        );
    expect(await locked(missing)).toBe(await locked(b.rows.enrollment));
    expect(await locked(b.rows.enrollment)).toContain("FORBIDDEN");
  });

  it("requireAccess with `some`: one allowed id is enough (an agreement's parties), none is FORBIDDEN", async () => {
    const admin = ctxOf(at("INSTITUTION_ADMIN", a.jp.host));
    await requireAccess(admin, Permission.AgreementCreate, [b.jp.host, a.jp.host], { field: "input.parties", some: true });
    await expect(requireAccess(admin, Permission.AgreementCreate, [b.jp.host, b.jp.partner], { field: "input.parties", some: true })).rejects.toMatchObject({
      extensions: { code: "FORBIDDEN", field: "input.parties" },
    });
  });

  it("lockAndAuthorize: the rows in the order asked, with the columns asked; NOT_FOUND and FORBIDDEN as requireAccess", async () => {
    const sender = ctxOf(at("EXPERT_COORDINATOR", a.pp.inst.sender));
    const cols = { id: dispatches.id, sending: dispatches.sendingInstitutionId };
    const rows = await db().transaction((tx) => lockAndAuthorize(tx, ctxOf(ADMIN), Permission.DispatchUpdate, [b.rows.dispatch, a.rows.dispatch], { field: "input.dispatchId" }, cols));
    expect(rows).toEqual([{ id: b.rows.dispatch, sending: b.pp.inst.sender }, { id: a.rows.dispatch, sending: a.pp.inst.sender }]);
    await expect(db().transaction((tx) => lockAndAuthorize(tx, sender, Permission.DispatchUpdate, [b.rows.dispatch], { field: "input.dispatchId" }, cols))).rejects.toMatchObject({
      extensions: { code: "FORBIDDEN", field: "input.dispatchId" },
    });
    await expect(db().transaction((tx) => lockAndAuthorize(tx, sender, Permission.DispatchUpdate, [2_000_000_000], { field: "input.dispatchId", given: "D" }, cols))).rejects.toMatchObject({
      extensions: { code: "NOT_FOUND", field: "input.dispatchId", id: "D" },
    });
  });

  it("lockAndAuthorize judges the row version it locks: a change committed while it waited for the lock decides", async () => {
    if (api().engine === "pglite") return; // one transaction at a time: nothing can change under a lock there
    const [other] = await db().insert(institutions).values({ slug: `perm-other-${Date.now()}`, kind: "UNIVERSITY", countryCode: "CN", nameEn: "Permission Other" }).returning({ id: institutions.id });
    const sender = ctxOf(at("EXPERT_COORDINATOR", a.pp.inst.sender));
    let changed!: () => void;
    let commit!: () => void;
    const changedP = new Promise<void>((r) => (changed = r));
    const commitP = new Promise<void>((r) => (commit = r));
    // Another transaction moves the dispatch to another sender and holds its row lock.
    const mover = db().transaction(async (tx) => {
      await tx.update(dispatches).set({ sendingInstitutionId: other.id }).where(eq(dispatches.id, a.rows.dispatch));
      changed();
      await commitP;
    });
    await changedP;
    let settled = false;
    const locking = db()
      .transaction((tx) => lockAndAuthorize(tx, sender, Permission.DispatchUpdate, [a.rows.dispatch], { field: "input.dispatchId" }, { id: dispatches.id }))
      .finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false); // waiting for the lock: the old sender's check has not been answered from the old version
    commit();
    await mover;
    await expect(locking).rejects.toMatchObject({ extensions: { code: "FORBIDDEN" } });
    await db().update(dispatches).set({ sendingInstitutionId: a.pp.inst.sender }).where(eq(dispatches.id, a.rows.dispatch));
  });
});
