import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { agreementParties, agreementVersionApprovals, agreementVersions, agreements } from "../../src/db/schema.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { describeEachEngine } from "../helpers/engines.js";

// A DRAFT agreement has no terms in force (tester S3): the seed's draft has version 1 proposed, with no
// approvals; it is in force on no day, reports leave it out, and nothing is founded on it. A database migrated
// and seeded before drizzle/0017 is corrected by that migration (run again here on a draft put in force the way
// 0014's backfill did), and the founding checks refuse a DRAFT by its status even with a version in force.

const DRAFT_CODE = "XMU-IMC-NURSING-DRAFT";
const MIGRATION = new URL("../../drizzle/0017_agreement_drafts_not_in_force.sql", import.meta.url);

describeEachEngine("a DRAFT agreement has no terms in force", { seed: true }, (api) => {
  const draft = async () => {
    const db = api().database.db;
    const [a] = await db.select().from(agreements).where(eq(agreements.code, DRAFT_CODE));
    const parties = await db.select().from(agreementParties).where(eq(agreementParties.agreementId, a.id));
    return { ...a, gid: toGlobalId("Agreement", a.id), host: parties.find((p) => p.role === "HOST")!.institutionId, partner: parties.find((p) => p.role === "PARTNER")!.institutionId };
  };
  const createProgram = (agreementId: string, host: number, partner: number, code: string) => {
    const as: Viewer = { subject: `draft-${host}`, role: "INSTITUTION_ADMIN", institutionId: host };
    return api().run(`mutation($input: CreateProgramInput!) { createProgram(input: $input) { program { id } } }`, {
      input: {
        code, titleEn: "Nursing on a draft", hostInstitutionId: toGlobalId("Institution", host), agreementId, partnerIds: [toGlobalId("Institution", partner)],
        level: "BACHELOR", iscedField: "0913", lengthYears: 4, teachingLanguages: ["en"], launchYear: 2026,
      },
    }, as);
  };

  it("the seed's draft: version 1 proposed, no approvals, in force on no day, not counted, nothing founded on it", async () => {
    const a = await draft();
    const r = await api().run(`query($id: ID!) { agreement(id: $id) { status currentVersion { number } versions { number status approvals { institution { id } } } } }`, { id: a.gid });
    expect(r.errors).toBeUndefined();
    expect(r.data.agreement).toEqual({ status: "DRAFT", currentVersion: null, versions: [{ number: 1, status: "PROPOSED", approvals: [] }] });
    for (const day of ["2024-06-01", new Date().toISOString().slice(0, 10)]) {
      const l = await api().run(`query($d: LocalDate!) { agreements(first: 100, filter: { inForceOn: $d, statuses: [DRAFT] }) { totalCount }
        agreementCounts(filter: { inForceOn: $d, statuses: [DRAFT] }, groupBy: []) { agreements } }`, { d: day });
      expect(l.errors).toBeUndefined();
      expect(l.data.agreements.totalCount).toBe(0);
      expect(l.data.agreementCounts).toEqual([{ agreements: 0 }]);
    }
    const p = await createProgram(a.gid, a.host, a.partner, "DRAFT-NURSING-1");
    expect(p.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", reason: "NOT_APPROVED", field: "input.agreementId" });
  });

  it("migration 0017 puts a draft the backfill put in force back to proposed; a draft with a version in force is still refused", async () => {
    const db = api().database.db;
    const a = await draft();
    // A draft as 0014's backfill left it: version 1 recorded, approved by both parties, in force, current.
    const [b] = await db.insert(agreements).values({ code: "DRAFT-BACKFILLED", title: "A backfilled draft", status: "DRAFT" }).returning({ id: agreements.id });
    await db.insert(agreementParties).values([{ agreementId: b.id, institutionId: a.host, role: "HOST" }, { agreementId: b.id, institutionId: a.partner, role: "PARTNER" }]);
    const content = { parties: [{ institutionId: a.host, role: "HOST" }, { institutionId: a.partner, role: "PARTNER" }].sort((x, y) => x.institutionId - y.institutionId), focusAreas: [], placesPerYear: null, validFrom: null, validUntil: null, summary: null };
    const [v] = await db.insert(agreementVersions).values({ agreementId: b.id, number: 1, content, contentHash: "", proposedBy: "recorded", inForceFrom: sql`now() - interval '1 year'` }).returning();
    await db.insert(agreementVersionApprovals).values([a.host, a.partner].map((institutionId) => ({ versionId: v.id, institutionId, contentHash: v.contentHash, approvedBy: "recorded" })));
    await db.update(agreements).set({ currentVersionId: v.id }).where(eq(agreements.id, b.id));
    // An active agreement recorded the same way is left as it is.
    const [c] = await db.insert(agreements).values({ code: "ACTIVE-BACKFILLED", title: "A backfilled active agreement", status: "ACTIVE" }).returning({ id: agreements.id });
    await db.insert(agreementParties).values([{ agreementId: c.id, institutionId: a.host, role: "HOST" }, { agreementId: c.id, institutionId: a.partner, role: "PARTNER" }]);
    await db.execute(sql`select agreement_record_first_versions(${c.id}::int)`);

    // Founding on a DRAFT is refused by its status, whatever its versions say.
    const before = await createProgram(toGlobalId("Agreement", b.id), a.host, a.partner, "DRAFT-NURSING-2");
    expect(before.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", reason: "NOT_APPROVED", field: "input.agreementId" });

    // As the migrator runs it: its statements in one transaction.
    await db.transaction(async (tx) => {
      for (const statement of readFileSync(MIGRATION, "utf8").split("--> statement-breakpoint")) await tx.execute(sql.raw(statement));
    });

    const [fixed] = await db.select().from(agreementVersions).where(eq(agreementVersions.id, v.id));
    expect(fixed).toMatchObject({ number: 1, inForceFrom: null, supersededAt: null, contentHash: v.contentHash });
    expect(await db.select().from(agreementVersionApprovals).where(eq(agreementVersionApprovals.versionId, v.id))).toEqual([]);
    expect((await db.select({ c: agreements.currentVersionId }).from(agreements).where(eq(agreements.id, b.id)))[0].c).toBeNull();
    const [active] = await db.select({ c: agreements.currentVersionId }).from(agreements).where(eq(agreements.id, c.id));
    const [activeV1] = await db.select().from(agreementVersions).where(and(eq(agreementVersions.agreementId, c.id), eq(agreementVersions.number, 1)));
    expect(active.c).toBe(activeV1.id);
    expect(activeV1.inForceFrom).not.toBeNull();
    // The trigger is on again: a version is still never changed.
    await expect(db.update(agreementVersions).set({ inForceFrom: null }).where(eq(agreementVersions.id, activeV1.id))).rejects.toThrow();

    // Its parties approve version 1 as proposed, which makes it ACTIVE, as createAgreement's drafts.
    for (const inst of [a.host, a.partner]) {
      const r = await api().run(`mutation($input: ApproveAgreementVersionInput!) { approveAgreementVersion(input: $input) { version { status agreement { status } } } }`,
        { input: { versionId: toGlobalId("AgreementVersion", v.id), contentHash: v.contentHash } }, { subject: `draft-${inst}`, role: "INSTITUTION_ADMIN", institutionId: inst });
      expect(r.errors).toBeUndefined();
    }
    const [now] = await db.select({ status: agreements.status, c: agreements.currentVersionId }).from(agreements).where(eq(agreements.id, b.id));
    expect(now).toEqual({ status: "ACTIVE", c: v.id });
  });
});
