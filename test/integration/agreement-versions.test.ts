import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agreementParties, agreementVersionApprovals, agreementVersions, agreements, auditLog, cohorts, institutions, programs } from "../../src/db/schema.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { fromGlobalId, toGlobalId } from "../../src/shared/global-id.js";
import { buildJointProgram, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine } from "../helpers/engines.js";

// Amendments of an agreement with three parties: partial approvals leave the version in force as it is, the
// last approval brings the new one into force, a second proposal supersedes one still proposed, a wrong hash
// and a non-party are refused, an approval is withdrawn, and the version in force is found by date (programs'
// quotas in the cohort reconciliation follow it).

const CREATE = `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id placesPerYear currentVersion { number } versions { id number status contentHash } } } }`;
const PROPOSE = `mutation($input: ProposeAgreementAmendmentInput!) { proposeAgreementAmendment(input: $input) { version { id number status contentHash canonicalContent placesPerYear summary focusAreas validFrom validUntil parties { role institution { id } } proposedBy { id } } } }`;
const APPROVE = `mutation($input: ApproveAgreementVersionInput!) { approveAgreementVersion(input: $input) { version { id number status inForceFrom approvals { institution { id } contentHash withdrawnAt } } } }`;
const WITHDRAW = `mutation($input: WithdrawAgreementApprovalInput!) { withdrawAgreementApproval(input: $input) { version { status approvals { institution { id } withdrawnAt withdrawalReason } } } }`;
const AGREEMENT = `query($id: ID!, $on: LocalDate!) { agreement(id: $id) { placesPerYear summary parties { role institution { id } } currentVersion { number status }
  versions { number status supersededAt approvals { institution { id } withdrawnAt } } termsOn(date: $on) { number placesPerYear } } }`;

describeEachEngine("agreement amendments approved by every party", {}, (api) => {
  let jp: JointProgram;
  let third: { id: number; gid: string };
  let admin: Record<"host" | "partner" | "third" | "outsider", Viewer>;
  let agreementId: string;
  const today = new Date().toISOString().slice(0, 10);
  const run = (q: string, v: Record<string, unknown>, as: Viewer) => api().run(q, v, as);
  const approve = (versionId: string, contentHash: string, as: Viewer, extra: Record<string, unknown> = {}) => run(APPROVE, { input: { versionId, contentHash, ...extra } }, as);
  const read = async (on = today) => {
    const r = await api().run(AGREEMENT, { id: agreementId, on });
    expect(r.errors).toBeUndefined();
    return r.data.agreement;
  };

  beforeAll(async () => {
    const db = api().database.db;
    jp = await buildJointProgram(db);
    const [t] = await db.insert(institutions).values({ slug: `third-${jp.host}`, kind: "HOSPITAL", countryCode: "KZ", nameEn: "Third Hospital" }).returning({ id: institutions.id });
    third = { id: t.id, gid: toGlobalId("Institution", t.id) };
    const a = (inst: number, who: string): Viewer => ({ subject: `amend-${who}-${inst}`, role: "INSTITUTION_ADMIN", institutionId: inst });
    admin = { host: a(jp.host, "host"), partner: a(jp.partner, "partner"), third: a(t.id, "third"), outsider: a(jp.outsider, "outsider") };
  });

  it("version 1 comes into force only when all three parties have approved it", async () => {
    const r = await run(CREATE, {
      input: {
        code: `AMD-${jp.host}`, title: "Three-party TCM cooperation", summary: "Joint education", validFrom: "2026-01-01", validUntil: "2030-12-31", placesPerYear: 20,
        parties: [{ institutionId: jp.ids.host, role: "HOST" }, { institutionId: jp.ids.partner, role: "PARTNER" }, { institutionId: third.gid, role: "PARTNER" }],
        focusAreas: ["TCM", "JOINT_EDUCATION"],
      },
    }, admin.host);
    expect(r.errors).toBeUndefined();
    const created = r.data.createAgreement.agreement;
    agreementId = created.id;
    expect(created.currentVersion).toBeNull();
    const [v1] = created.versions;
    expect(v1).toMatchObject({ number: 1, status: "PROPOSED" });

    // a non-party admin, and a registrar of a party, are refused
    expect((await approve(v1.id, v1.contentHash, admin.outsider)).errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", field: "input.versionId" });
    expect((await approve(v1.id, v1.contentHash, jp.as.partnerRegistrar)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    // a hash that is not the version's
    const wrong = await approve(v1.id, "0".repeat(64), admin.host);
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.contentHash", contentHash: v1.contentHash });

    expect((await approve(v1.id, v1.contentHash, admin.host)).data.approveAgreementVersion.version.status).toBe("PROPOSED");
    expect((await approve(v1.id, v1.contentHash, admin.host)).errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.versionId" });
    expect((await approve(v1.id, v1.contentHash, admin.partner)).data.approveAgreementVersion.version.status).toBe("PROPOSED");
    // Not in force yet (a DRAFT): version 1's terms, as proposed, are the agreement's own, and termsOn(date:) answers
    // version 1 for any day; no day is one it is in force on.
    const draft = await read();
    expect(draft).toMatchObject({ currentVersion: null, placesPerYear: 20, termsOn: { number: 1, placesPerYear: 20 } });
    expect((await read("2025-06-01")).termsOn).toEqual({ number: 1, placesPerYear: 20 });
    const inForce = async (day: string) =>
      (await api().run(`query($f: AgreementFilter) { agreements(first: 50, filter: $f) { nodes { id } } }`, { f: { inForceOn: day, institutionId: third.gid } })).data.agreements.nodes.map((n: { id: string }) => n.id);
    expect(await inForce("2026-06-01")).not.toContain(agreementId);
    const last = await approve(v1.id, v1.contentHash, admin.third, { idempotencyKey: "v1-third" });
    expect(last.data.approveAgreementVersion.version).toMatchObject({ number: 1, status: "IN_FORCE" });
    expect(last.data.approveAgreementVersion.version.approvals).toHaveLength(3);
    // the same key again: the first answer, nothing written twice
    const again = await approve(v1.id, v1.contentHash, admin.third, { idempotencyKey: "v1-third" });
    expect(again.errors).toBeUndefined();
    const a = await read();
    expect(a).toMatchObject({ placesPerYear: 20, currentVersion: { number: 1, status: "IN_FORCE" }, termsOn: { number: 1, placesPerYear: 20 } });
  });

  let v2: { id: string; contentHash: string };
  it("an amendment by one party leaves version 1 in force while only some parties have approved it", async () => {
    const r = await run(PROPOSE, { input: { agreementId, placesPerYear: 25, summary: "Joint education, more places" } }, admin.partner);
    expect(r.errors).toBeUndefined();
    const v = r.data.proposeAgreementAmendment.version;
    v2 = v;
    expect(v).toMatchObject({ number: 2, status: "PROPOSED", placesPerYear: 25, summary: "Joint education, more places", focusAreas: ["JOINT_EDUCATION", "TCM"], validFrom: "2026-01-01", validUntil: "2030-12-31", proposedBy: { id: jp.ids.partner } });
    expect(v.parties.map((p: any) => p.institution.id).sort()).toEqual([jp.ids.host, jp.ids.partner, third.gid].sort());
    // the hash is SHA-256 of the canonical content, and the canonical content is the terms
    expect(createHash("sha256").update(v.canonicalContent, "utf8").digest("hex")).toBe(v.contentHash);
    expect(JSON.parse(v.canonicalContent)).toMatchObject({ placesPerYear: 25, focusAreas: ["TCM", "JOINT_EDUCATION"].sort((x, y) => (x === "TCM" ? 1 : -1) - (y === "TCM" ? 1 : -1)) });

    // the same terms as those in force: that version, unchanged (nothing superseded); a non-party: refused
    expect((await run(PROPOSE, { input: { agreementId, placesPerYear: 20 } }, admin.host)).data.proposeAgreementAmendment.version).toMatchObject({ number: 1, status: "IN_FORCE" });
    expect((await run(PROPOSE, { input: { agreementId, placesPerYear: 30 } }, admin.outsider)).errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", field: "input.agreementId" });

    await approve(v2.id, v2.contentHash, admin.partner);
    await approve(v2.id, v2.contentHash, admin.host);
    const a = await read();
    expect(a).toMatchObject({ placesPerYear: 20, summary: "Joint education", currentVersion: { number: 1 }, termsOn: { number: 1 } });
    expect(a.versions.map((x: any) => [x.number, x.status, x.approvals.length])).toEqual([[1, "IN_FORCE", 3], [2, "PROPOSED", 2]]);
  });

  it("proposing the terms still waiting again answers that proposal unchanged: its approvals stand (M13)", async () => {
    const versions = async () => (await read()).versions.map((x: any) => [x.number, x.status, x.approvals.filter((p: any) => !p.withdrawnAt).length]);
    const before = await versions();
    const again = await run(PROPOSE, { input: { agreementId, placesPerYear: 25, summary: "Joint education, more places", idempotencyKey: "m13-again" } }, admin.third);
    expect(again.errors).toBeUndefined();
    expect(again.data.proposeAgreementAmendment.version).toMatchObject({ id: v2.id, number: 2, status: "PROPOSED", contentHash: v2.contentHash });
    // the deprecated updateAgreement, given the same terms (left out, a term is the one in force): the same
    expect((await run(`mutation($input: UpdateAgreementInput!) { updateAgreement(input: $input) { agreement { id } } }`, { input: { agreementId, placesPerYear: 25, summary: "Joint education, more places" } }, admin.host)).errors).toBeUndefined();
    expect(await versions()).toEqual(before);
  });

  it("a party withdraws its approval before the version is in force", async () => {
    const r = await run(WITHDRAW, { input: { versionId: v2.id, reason: "Places to be discussed with the ministry" } }, admin.partner);
    expect(r.errors).toBeUndefined();
    const partnerApproval = r.data.withdrawAgreementApproval.version.approvals.find((x: any) => x.institution.id === jp.ids.partner);
    expect(partnerApproval).toMatchObject({ withdrawalReason: "Places to be discussed with the ministry" });
    expect(partnerApproval.withdrawnAt).not.toBeNull();
    // nothing left to withdraw; a non-party cannot
    expect((await run(WITHDRAW, { input: { versionId: v2.id, reason: "again" } }, admin.partner)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.versionId" });
    expect((await run(WITHDRAW, { input: { versionId: v2.id, reason: "x" } }, admin.outsider)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    // the third party's approval does not complete it now (the partner's was withdrawn)
    expect((await approve(v2.id, v2.contentHash, admin.third)).data.approveAgreementVersion.version.status).toBe("PROPOSED");
  });

  it("a second amendment supersedes the one still proposed; its approval brings it into force and supersedes version 1", async () => {
    const r = await run(PROPOSE, { input: { agreementId, placesPerYear: 30, focusAreas: ["TCM"], parties: [{ institutionId: jp.ids.host, role: "HOST" }, { institutionId: jp.ids.partner, role: "PARTNER" }, { institutionId: third.gid, role: "MEMBER" }] } }, admin.third);
    expect(r.errors).toBeUndefined();
    const v3 = r.data.proposeAgreementAmendment.version;
    expect(v3).toMatchObject({ number: 3, status: "PROPOSED", placesPerYear: 30, summary: "Joint education", focusAreas: ["TCM"] });
    const superseded = await approve(v2.id, v2.contentHash, admin.partner);
    expect(superseded.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.versionId", reason: "VERSION_SUPERSEDED" });
    expect((await run(WITHDRAW, { input: { versionId: v2.id, reason: "x" } }, admin.host)).errors?.[0].extensions).toMatchObject({ code: "CONFLICT", reason: "VERSION_SUPERSEDED" });

    await approve(v3.id, v3.contentHash, admin.third);
    await approve(v3.id, v3.contentHash, admin.host);
    expect((await read()).currentVersion.number).toBe(1);
    const done = await approve(v3.id, v3.contentHash, admin.partner);
    expect(done.data.approveAgreementVersion.version.status).toBe("IN_FORCE");
    // once in force, an approval cannot be withdrawn
    expect((await run(WITHDRAW, { input: { versionId: v3.id, reason: "x" } }, admin.host)).errors?.[0].extensions).toMatchObject({ code: "CONFLICT", reason: "VERSION_IN_FORCE" });
    const a = await read();
    expect(a).toMatchObject({ placesPerYear: 30, summary: "Joint education", currentVersion: { number: 3, status: "IN_FORCE" }, termsOn: { number: 3, placesPerYear: 30 } });
    expect(a.parties.find((p: any) => p.institution.id === third.gid).role).toBe("MEMBER");
    expect(a.versions.map((x: any) => [x.number, x.status])).toEqual([[1, "SUPERSEDED"], [2, "SUPERSEDED"], [3, "IN_FORCE"]]);
    expect(a.versions[0].supersededAt).not.toBeNull();
  });

  it("the deprecated updateAgreement opens an amendment instead of changing the terms in place", async () => {
    const r = await run(`mutation($input: UpdateAgreementInput!) { updateAgreement(input: $input) { agreement { title placesPerYear versions { number status placesPerYear } } } }`, { input: { agreementId, placesPerYear: 35, title: "Renamed" } }, admin.host);
    expect(r.errors).toBeUndefined();
    expect(r.data.updateAgreement.agreement).toMatchObject({ title: "Renamed", placesPerYear: 30 });
    expect(r.data.updateAgreement.agreement.versions.at(-1)).toMatchObject({ number: 4, status: "PROPOSED", placesPerYear: 35 });
  });

  it("the version in force on a date, and the places a cohort's reconciliation counts, follow the dates versions came into force", async () => {
    const db = api().database.db;
    // An agreement recorded before versions existed (as the seed's are): version 1 in force from its signing.
    const [ag] = await db.insert(agreements).values({ code: `OLD-${jp.host}`, title: "Older agreement", signedOn: "2024-01-10", signedOnPrecision: "DAY", placesPerYear: 12 }).returning({ id: agreements.id });
    await db.insert(agreementParties).values([{ agreementId: ag.id, institutionId: jp.host, role: "HOST" }, { agreementId: ag.id, institutionId: jp.partner, role: "PARTNER" }]);
    await db.execute(sql`select agreement_record_first_versions(${ag.id}::int)`);
    const id = toGlobalId("Agreement", ag.id);
    const p = await run(PROPOSE, { input: { agreementId: id, placesPerYear: 40 } }, admin.host);
    expect(p.errors).toBeUndefined();
    const v = p.data.proposeAgreementAmendment.version;
    expect((await approve(v.id, v.contentHash, admin.host)).errors).toBeUndefined();
    const last = await approve(v.id, v.contentHash, admin.partner);
    expect(last.errors).toBeUndefined();
    expect(last.data.approveAgreementVersion.version.status).toBe("IN_FORCE");
    const on = async (date: string) => (await api().run(`query($id: ID!, $d: LocalDate!) { agreement(id: $id) { termsOn(date: $d) { number placesPerYear } } }`, { id, d: date })).data.agreement.termsOn;
    // Before version 1 came into force (its signing) no version is in force, and the terms of such a day are still
    // version 1's: termsOn(date:) answers them, as the places of a cohort started then do (below).
    expect(await on("2024-01-09")).toEqual({ number: 1, placesPerYear: 12 });
    expect(await on("2023-09-01")).toEqual({ number: 1, placesPerYear: 12 });
    expect(await on("2024-01-10")).toEqual({ number: 1, placesPerYear: 12 });
    const listedOn = async (day: string) =>
      (await api().run(`query($f: AgreementFilter) { agreements(first: 50, filter: $f) { nodes { id } } }`, { f: { inForceOn: day, search: "Older agreement" } })).data.agreements.nodes.map((n: { id: string }) => n.id);
    expect(await listedOn("2024-01-09")).not.toContain(id);
    expect(await listedOn("2024-01-10")).toContain(id);
    expect(await on("2025-06-30")).toEqual({ number: 1, placesPerYear: 12 });
    expect(await on(today)).toEqual({ number: 2, placesPerYear: 40 });
    const bad = await api().run(`query($id: ID!) { agreement(id: $id) { termsOn(date: "2025-02-30") { number } } }`, { id });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "termsOn.date" });

    // A program founded on it, with cohorts starting before v1, under v1, and after v2 came into force.
    const [prog] = await db.insert(programs).values({ code: `OLDP-${jp.host}`, titleEn: "Nursing", hostInstitutionId: jp.host, level: "BACHELOR", iscedField: "0913", lengthYears: 4, launchYear: 2023, agreementId: ag.id }).returning({ id: programs.id });
    const next = new Date(Date.now() + 400 * 86400_000);
    await db.insert(cohorts).values([
      { programId: prog.id, intakeYear: 2023, name: "2023", capacity: 5, startDate: "2023-09-01", expectedGraduation: "2027-07-01" },
      { programId: prog.id, intakeYear: 2025, name: "2025", capacity: 5, startDate: "2025-09-01", expectedGraduation: "2029-07-01" },
      { programId: prog.id, intakeYear: next.getUTCFullYear(), name: "next", capacity: 5, startDate: next.toISOString().slice(0, 10), expectedGraduation: "2040-07-01" },
    ]);
    const r = await api().run(`query($f: CohortFilter) { cohortReconciliation(first: 10, filter: $f) { nodes { intakeYear placesAgreed } } }`, { f: { programId: toGlobalId("Program", prog.id) } });
    expect(r.errors).toBeUndefined();
    expect(r.data.cohortReconciliation.nodes).toEqual([
      { intakeYear: 2023, placesAgreed: 12 }, // before version 1: its first version's
      { intakeYear: 2025, placesAgreed: 12 },
      { intakeYear: next.getUTCFullYear(), placesAgreed: 40 },
    ]);
  });

  it("audits every proposal, approval, withdrawal, supersession and coming into force, and the database keeps versions unchanged", async () => {
    const db = api().database.db;
    const versions = await db.select({ id: agreementVersions.id }).from(agreementVersions).where(eq(agreementVersions.agreementId, fromGlobalId(agreementId, "Agreement", "id")));
    const rows = await db
      .select({ action: auditLog.action, n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "AgreementVersion"), inArray(auditLog.entityId, versions.map((v) => v.id))))
      .groupBy(auditLog.action);
    const counts = Object.fromEntries(rows.map((r) => [r.action, Number(r.n)]));
    // v1 (create), v2, v3, v4 proposed; 3 + 2 + 1 + 3 approvals; one withdrawal; v2 superseded by v3; v1 and v3 came into force
    expect(counts).toEqual({ "agreementVersion.propose": 4, "agreementVersion.approve": 9, "agreementVersion.withdraw": 1, "agreementVersion.supersede": 1, "agreementVersion.inForce": 2 });
    const approvals = await db.select({ n: sql<number>`count(*)::int` }).from(agreementVersionApprovals).where(inArray(agreementVersionApprovals.versionId, versions.map((v) => v.id)));
    expect(Number(approvals[0].n)).toBe(9);

    await expect(db.update(agreementVersions).set({ content: { placesPerYear: 999 } }).where(eq(agreementVersions.id, versions[0].id))).rejects.toThrow();
    await expect(db.update(agreementVersions).set({ inForceFrom: new Date() }).where(eq(agreementVersions.id, versions[0].id))).rejects.toThrow();
  });

  it("an amendment that removes or replaces a party needs that party's approval too", async () => {
    const r = await run(CREATE, {
      input: {
        code: `RMV-${jp.host}`, title: "Three parties, one to be removed", summary: "Exchange", validFrom: "2026-01-01", validUntil: "2030-12-31", placesPerYear: 8,
        parties: [{ institutionId: jp.ids.host, role: "HOST" }, { institutionId: jp.ids.partner, role: "PARTNER" }, { institutionId: third.gid, role: "PARTNER" }],
        focusAreas: ["TCM"],
      },
    }, admin.host);
    expect(r.errors).toBeUndefined();
    const id = r.data.createAgreement.agreement.id;
    const [v1] = r.data.createAgreement.agreement.versions;
    for (const who of [admin.host, admin.partner, admin.third]) expect((await approve(v1.id, v1.contentHash, who)).errors).toBeUndefined();

    // The host and the partner replace the third party by the outsider: both of them and the new party approve.
    const p = await run(PROPOSE, { input: { agreementId: id, parties: [{ institutionId: jp.ids.host, role: "HOST" }, { institutionId: jp.ids.partner, role: "PARTNER" }, { institutionId: jp.ids.outsider, role: "PARTNER" }] } }, admin.host);
    expect(p.errors).toBeUndefined();
    const v2 = p.data.proposeAgreementAmendment.version;
    for (const who of [admin.host, admin.partner, admin.outsider])
      expect((await approve(v2.id, v2.contentHash, who)).data.approveAgreementVersion.version.status).toBe("PROPOSED");
    const terms = async () => (await api().run(`query($id: ID!) { agreement(id: $id) { currentVersion { number } parties { institution { id } } } }`, { id })).data.agreement;
    // Not in force without the removed party: the third party is still a party.
    expect((await terms()).currentVersion.number).toBe(1);
    expect((await terms()).parties.map((x: any) => x.institution.id)).toContain(third.gid);
    // The removed party may withdraw nothing it has not given, and may approve; then the amendment is in force.
    expect((await run(WITHDRAW, { input: { versionId: v2.id, reason: "not given yet" } }, admin.third)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.versionId" });
    const last = await approve(v2.id, v2.contentHash, admin.third);
    expect(last.errors).toBeUndefined();
    expect(last.data.approveAgreementVersion.version.status).toBe("IN_FORCE");
    const after = await terms();
    expect(after.currentVersion.number).toBe(2);
    expect(after.parties.map((x: any) => x.institution.id).sort()).toEqual([jp.ids.host, jp.ids.partner, jp.ids.outsider].sort());
    // Now the third party is no party at all: a later amendment is not its to approve.
    const p3 = await run(PROPOSE, { input: { agreementId: id, placesPerYear: 9 } }, admin.host);
    const v3 = p3.data.proposeAgreementAmendment.version;
    expect((await approve(v3.id, v3.contentHash, admin.third)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("versionHistory pages an agreement's versions by number (a connection), and the deprecated versions list answers the same", async () => {
    const create = (code: string) =>
      run(CREATE, {
        input: {
          code, title: "Paged versions", summary: "Joint education", validFrom: "2026-01-01", validUntil: "2030-12-31", placesPerYear: 1,
          parties: [{ institutionId: jp.ids.host, role: "HOST" }, { institutionId: jp.ids.partner, role: "PARTNER" }], focusAreas: ["TCM"],
        },
      }, admin.host);
    const a = (await create(`PAGED-A-${jp.host}`)).data.createAgreement.agreement;
    const b = (await create(`PAGED-B-${jp.host}`)).data.createAgreement.agreement;
    for (const v of [a.versions[0], b.versions[0]]) for (const who of [admin.host, admin.partner]) expect((await approve(v.id, v.contentHash, who)).errors).toBeUndefined();
    // 24 proposals to A, interleaved with 5 to B: each supersedes the one before it still waiting.
    for (let i = 2; i <= 25; i++) {
      expect((await run(PROPOSE, { input: { agreementId: a.id, placesPerYear: 100 + i } }, admin.host)).errors).toBeUndefined();
      if (i % 5 === 0) expect((await run(PROPOSE, { input: { agreementId: b.id, placesPerYear: 200 + i } }, admin.partner)).errors).toBeUndefined();
    }
    const HISTORY = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) { agreement(id: $id) {
      versionHistory(first: $first, after: $after, last: $last, before: $before) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor } nodes { number status placesPerYear } } } }`;
    const page = async (id: string, args: Record<string, unknown>) => {
      const r = await api().run(HISTORY, { id, ...args });
      expect(r.errors).toBeUndefined();
      return r.data.agreement.versionHistory;
    };
    const numbers = (p: { nodes: { number: number }[] }) => p.nodes.map((n) => n.number);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const p1 = await page(a.id, { first: 10 });
    expect(p1.totalCount).toBe(25);
    expect(numbers(p1)).toEqual(range(1, 10));
    expect(p1.nodes[0]).toEqual({ number: 1, status: "IN_FORCE", placesPerYear: 1 });
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = await page(a.id, { first: 10, after: p1.pageInfo.endCursor });
    expect(numbers(p2)).toEqual(range(11, 20));
    const p3 = await page(a.id, { first: 10, after: p2.pageInfo.endCursor });
    expect(numbers(p3)).toEqual(range(21, 25));
    expect(p3.pageInfo.hasNextPage).toBe(false);
    expect(p3.nodes.map((n: { status: string }) => n.status)).toEqual(["SUPERSEDED", "SUPERSEDED", "SUPERSEDED", "SUPERSEDED", "PROPOSED"]);
    const tail = await page(a.id, { last: 3 });
    expect(numbers(tail)).toEqual([23, 24, 25]);
    expect(numbers(await page(a.id, { last: 4, before: tail.pageInfo.startCursor }))).toEqual([19, 20, 21, 22]);
    // The default page is 20; B has its own 6 versions; a page size over 100 is refused naming the argument.
    expect(numbers(await page(a.id, {}))).toEqual(range(1, 20));
    const pb = await page(b.id, { first: 100 });
    expect([pb.totalCount, numbers(pb)]).toEqual([6, range(1, 6)]);
    const big = await api().run(HISTORY, { id: a.id, first: 101 });
    expect(big.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    // The deprecated list: every version, the same order.
    const old = await api().run(`query($id: ID!) { agreement(id: $id) { versions { number } } }`, { id: a.id });
    expect(old.data.agreement.versions.map((v: { number: number }) => v.number)).toEqual(range(1, 25));
  });

  it("createAgreement: codes unique whatever their case (CONFLICT on input.code), no signing date in the future; terms already ended come into force EXPIRED, not ACTIVE", async () => {
    const base = {
      title: "Small items", summary: "Joint education", validFrom: "2026-01-01", validUntil: "2030-12-31", placesPerYear: 2,
      parties: [{ institutionId: jp.ids.host, role: "HOST" }, { institutionId: jp.ids.partner, role: "PARTNER" }], focusAreas: ["TCM"],
    };
    const create = (input: Record<string, unknown>) => run(CREATE, { input: { ...base, ...input } }, admin.host);
    const count = async (code: string) =>
      (await api().database.db.select({ id: agreements.id }).from(agreements).where(sql`lower(${agreements.code}) = lower(${code})`)).length;
    const code = `CI-${jp.host}-Abc`;
    expect((await create({ code })).errors).toBeUndefined();
    for (const other of [code.toUpperCase(), ` ${code.toLowerCase()} `]) {
      const dup = await create({ code: other });
      expect(dup.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.code" });
    }
    expect(await count(code)).toBe(1);
    expect((await create({ code: `CI-${jp.host}-Abd` })).errors).toBeUndefined();

    // A signing date is a day that has come: today passes, tomorrow and 2099 do not.
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    for (const signedOn of ["2099-01-01", tomorrow]) {
      const r = await create({ code: `SIGNED-${jp.host}-${signedOn}`, signedOn });
      expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.signedOn" });
      expect(await count(`SIGNED-${jp.host}-${signedOn}`)).toBe(0);
    }
    expect((await create({ code: `SIGNED-${jp.host}-today`, signedOn: today })).errors).toBeUndefined();

    // Terms whose validity ended before the last approval: the agreement comes into force EXPIRED; a running one ACTIVE.
    const ended = (await create({ code: `ENDED-${jp.host}`, validFrom: "2020-01-01", validUntil: "2021-12-31" })).data.createAgreement.agreement;
    const running = (await create({ code: `RUNNING-${jp.host}` })).data.createAgreement.agreement;
    for (const a of [ended, running]) for (const who of [admin.host, admin.partner]) expect((await approve(a.versions[0].id, a.versions[0].contentHash, who)).errors).toBeUndefined();
    const status = async (id: string) => (await api().run(`query($id: ID!) { agreement(id: $id) { status currentVersion { number status } } }`, { id })).data.agreement;
    expect(await status(ended.id)).toEqual({ status: "EXPIRED", currentVersion: { number: 1, status: "IN_FORCE" } });
    expect(await status(running.id)).toEqual({ status: "ACTIVE", currentVersion: { number: 1, status: "IN_FORCE" } });
  });
});
