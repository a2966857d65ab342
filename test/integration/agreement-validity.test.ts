import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agreementParties, agreements, institutions } from "../../src/db/schema.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildJointProgram, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine } from "../helpers/engines.js";

// Status and validity rules of agreements (tester M2, M3, M4): EXPIRED only once the validity has run out;
// nothing founded on an EXPIRED agreement nor on a date its validity does not cover (one check,
// agreement.service.ts partiesOnDay, naming the date field); no amendment or approval of an ended agreement.
// A deactivated institution is not named as a new party, and its admins create, amend and approve nothing (M5).

const UPDATE = `mutation($input: UpdateAgreementInput!) { updateAgreement(input: $input) { agreement { status } } }`;
const PROGRAM = `mutation($input: CreateProgramInput!) { createProgram(input: $input) { program { id } } }`;
const COHORT = `mutation($input: CreateCohortInput!) { createCohort(input: $input) { cohort { id } } }`;
const LINK = `mutation($input: CreateTelemedicineLinkInput!) { createTelemedicineLink(input: $input) { link { id } } }`;
const LAB = `mutation($input: CreateJointLabInput!) { createJointLab(input: $input) { jointLab { id } } }`;
const PROPOSE = `mutation($input: ProposeAgreementAmendmentInput!) { proposeAgreementAmendment(input: $input) { version { id contentHash } } }`;
const APPROVE = `mutation($input: ApproveAgreementVersionInput!) { approveAgreementVersion(input: $input) { version { status } } }`;

describeEachEngine("agreement status and validity rules", {}, (api) => {
  let jp: JointProgram;
  let n = 0;
  /** An agreement of the host and the partner, version 1 approved and in force (as recorded ones are). */
  const agreement = async (status: "ACTIVE" | "EXPIRED", validFrom: string | null, validUntil: string | null) => {
    const db = api().database.db;
    const [a] = await db.insert(agreements).values({ code: `VAL-${jp.host}-${++n}`, title: "Validity", status, signedOn: validFrom, signedOnPrecision: validFrom ? "DAY" : null, validFrom, validUntil }).returning({ id: agreements.id });
    await db.insert(agreementParties).values([{ agreementId: a.id, institutionId: jp.host, role: "HOST" }, { agreementId: a.id, institutionId: jp.partner, role: "PARTNER" }]);
    await db.execute(sql`select agreement_record_first_versions(${a.id}::int)`);
    return toGlobalId("Agreement", a.id);
  };
  const program = (agreementId: string, launchYear: number, joint = true) =>
    api().run(PROGRAM, {
      input: {
        code: `VAL-P-${jp.host}-${++n}`, titleEn: "Validity program", hostInstitutionId: jp.ids.host, agreementId, partnerIds: joint ? [jp.ids.partner] : [],
        level: "BACHELOR", iscedField: "0917", lengthYears: 5, teachingLanguages: ["en"], launchYear,
      },
    }, jp.as.hostAdmin);
  const refusal = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0].extensions;

  beforeAll(async () => {
    jp = await buildJointProgram(api().database.db);
  });

  it("EXPIRED only once validUntil has passed; refused before, and for an open-ended agreement, naming input.status", async () => {
    const running = await agreement("ACTIVE", "2020-01-01", "2099-12-31");
    expect(refusal(await api().run(UPDATE, { input: { agreementId: running, status: "EXPIRED" } }, jp.as.hostAdmin))).toMatchObject({ code: "INVALID_TRANSITION", field: "input.status", validUntil: "2099-12-31" });
    const open = await agreement("ACTIVE", "2020-01-01", null);
    expect(refusal(await api().run(UPDATE, { input: { agreementId: open, status: "EXPIRED" } }, jp.as.hostAdmin))).toMatchObject({ code: "INVALID_TRANSITION", field: "input.status" });
    const past = await agreement("ACTIVE", "2015-01-01", "2020-12-31");
    const r = await api().run(UPDATE, { input: { agreementId: past, status: "EXPIRED" } }, jp.as.hostAdmin);
    expect(r.errors).toBeUndefined();
    expect(r.data.updateAgreement.agreement.status).toBe("EXPIRED");
  });

  it("nothing is founded on a date outside the agreement's validity (CONFLICT OUTSIDE_VALIDITY naming the date field)", async () => {
    const a = await agreement("ACTIVE", "2020-03-01", "2030-06-30");
    // A program is recorded by year: any day of its launch year within the validity will do.
    expect(refusal(await program(a, 2031))).toMatchObject({ code: "CONFLICT", reason: "OUTSIDE_VALIDITY", field: "input.launchYear", validUntil: "2030-06-30" });
    expect(refusal(await program(a, 2019))).toMatchObject({ code: "CONFLICT", reason: "OUTSIDE_VALIDITY", field: "input.launchYear" });
    expect(refusal(await program(a, 2031, false))).toMatchObject({ code: "CONFLICT", reason: "OUTSIDE_VALIDITY", field: "input.launchYear" });
    const ok = await program(a, 2025);
    expect(ok.errors).toBeUndefined();
    const programId = ok.data.createProgram.program.id;
    const cohort = (year: number, startDate: string) =>
      api().run(COHORT, { input: { programId, name: `Intake ${year}`, intakeYear: year, startDate, expectedGraduation: `${year + 5}-06-30`, capacity: 20 } }, jp.as.hostAdmin);
    expect(refusal(await cohort(2030, "2030-09-01"))).toMatchObject({ code: "CONFLICT", reason: "OUTSIDE_VALIDITY", field: "input.startDate" });
    expect((await cohort(2029, "2029-09-01")).errors).toBeUndefined();
    const link = (since: string) =>
      api().run(LINK, { input: { xinjiangHospitalId: jp.ids.host, partnerHospitalId: jp.ids.partner, since, agreementId: a } }, jp.as.hostAdmin);
    expect(refusal(await link("2031-01-01"))).toMatchObject({ code: "CONFLICT", reason: "OUTSIDE_VALIDITY", field: "input.since" });
    expect(refusal(await link("2020-02-29"))).toMatchObject({ code: "CONFLICT", reason: "OUTSIDE_VALIDITY", field: "input.since" });
    const lab = (establishedOn: string) =>
      api().run(LAB, { input: { nameEn: `Validity lab ${++n}`, leadInstitutionId: jp.ids.host, agreementId: a, establishedOn, focusAreas: ["TCM"] } }, jp.as.hostAdmin);
    expect(refusal(await lab("2030-07-01"))).toMatchObject({ code: "CONFLICT", reason: "OUTSIDE_VALIDITY", field: "input.establishedOn" });
    expect((await lab("2030-06-30")).errors).toBeUndefined();
    expect((await link("2030-06-30")).errors).toBeUndefined();
  });

  it("nothing is founded on an EXPIRED agreement (CONFLICT EXPIRED naming input.agreementId), whatever the date", async () => {
    const a = await agreement("EXPIRED", "2015-01-01", "2020-12-31");
    expect(refusal(await program(a, 2018))).toMatchObject({ code: "CONFLICT", reason: "EXPIRED", field: "input.agreementId" });
    expect(refusal(await program(a, 2018, false))).toMatchObject({ code: "CONFLICT", reason: "EXPIRED", field: "input.agreementId" });
  });

  it("no amendment or approval of a TERMINATED or EXPIRED agreement (CONFLICT with the status as reason)", async () => {
    const a = await agreement("ACTIVE", "2020-01-01", "2099-12-31");
    const p = await api().run(PROPOSE, { input: { agreementId: a, placesPerYear: 12 } }, jp.as.hostAdmin);
    expect(p.errors).toBeUndefined();
    const { id: versionId, contentHash } = p.data.proposeAgreementAmendment.version;
    expect((await api().run(UPDATE, { input: { agreementId: a, status: "TERMINATED" } }, jp.as.hostAdmin)).errors).toBeUndefined();
    expect(refusal(await api().run(PROPOSE, { input: { agreementId: a, placesPerYear: 14 } }, jp.as.hostAdmin))).toMatchObject({ code: "CONFLICT", reason: "TERMINATED", field: "input.agreementId" });
    expect(refusal(await api().run(UPDATE, { input: { agreementId: a, validUntil: "2098-12-31" } }, jp.as.hostAdmin))).toMatchObject({ code: "CONFLICT", reason: "TERMINATED", field: "input.agreementId" });
    expect(refusal(await api().run(APPROVE, { input: { versionId, contentHash } }, jp.as.hostAdmin))).toMatchObject({ code: "CONFLICT", reason: "TERMINATED", field: "input.versionId" });
    const e = await agreement("EXPIRED", "2015-01-01", "2020-12-31");
    expect(refusal(await api().run(PROPOSE, { input: { agreementId: e, validUntil: "2025-12-31" } }, jp.as.hostAdmin))).toMatchObject({ code: "CONFLICT", reason: "EXPIRED", field: "input.agreementId" });
  });

  it("a deactivated institution is named as no new party, and its admins create, amend and approve nothing (BAD_USER_INPUT)", async () => {
    const db = api().database.db;
    const [d, e] = await db
      .insert(institutions)
      .values([
        { slug: `val-d-${jp.host}`, kind: "UNIVERSITY", countryCode: "KZ", nameEn: "Later Deactivated University" },
        { slug: `val-e-${jp.host}`, kind: "UNIVERSITY", countryCode: "KZ", nameEn: "Deactivated University" },
      ])
      .returning({ id: institutions.id });
    const dAdmin: Viewer = { subject: `val-d-admin-${d.id}`, role: "INSTITUTION_ADMIN", institutionId: d.id };
    const [a] = await db.insert(agreements).values({ code: `VAL-D-${jp.host}`, title: "With a party deactivated later", validFrom: "2020-01-01", validUntil: "2099-12-31" }).returning({ id: agreements.id });
    await db.insert(agreementParties).values([{ agreementId: a.id, institutionId: jp.host, role: "HOST" }, { agreementId: a.id, institutionId: d.id, role: "PARTNER" }]);
    await db.execute(sql`select agreement_record_first_versions(${a.id}::int)`);
    const agreementId = toGlobalId("Agreement", a.id);
    const p = await api().run(PROPOSE, { input: { agreementId, placesPerYear: 9 } }, jp.as.hostAdmin);
    expect(p.errors).toBeUndefined();
    const { id: versionId, contentHash } = p.data.proposeAgreementAmendment.version;
    await db.update(institutions).set({ deactivatedOn: "2025-01-01" }).where(eq(institutions.id, d.id));
    await db.update(institutions).set({ deactivatedOn: "2024-01-01" }).where(eq(institutions.id, e.id));
    const deactivated = (field: string) => ({ code: "BAD_USER_INPUT", field, message: expect.stringContaining("deactivated on") });
    const error = (r: { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }) => r.errors && { ...r.errors[0].extensions, message: r.errors[0].message };

    const create = (parties: [string, string][], as: Viewer) =>
      api().run(`mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id } } }`, {
        input: { code: `VAL-N-${jp.host}-${++n}`, title: "New", focusAreas: ["TCM"], parties: parties.map(([institutionId, role]) => ({ institutionId, role })) },
      }, as);
    const eId = toGlobalId("Institution", e.id);
    const dId = toGlobalId("Institution", d.id);
    expect(error(await create([[jp.ids.host, "HOST"], [eId, "PARTNER"]], jp.as.hostAdmin))).toMatchObject(deactivated("input.parties[1].institutionId"));
    expect(error(await create([[dId, "HOST"], [jp.ids.partner, "PARTNER"]], dAdmin))).toMatchObject(deactivated("input.parties[0].institutionId"));
    const adding = await api().run(PROPOSE, { input: { agreementId, parties: [{ institutionId: jp.ids.host, role: "HOST" }, { institutionId: dId, role: "PARTNER" }, { institutionId: eId, role: "PARTNER" }] } }, jp.as.hostAdmin);
    expect(error(adding)).toMatchObject(deactivated("input.parties[2].institutionId"));
    expect(error(await api().run(PROPOSE, { input: { agreementId, placesPerYear: 11 } }, dAdmin))).toMatchObject(deactivated("input.agreementId"));
    expect(error(await api().run(APPROVE, { input: { versionId, contentHash } }, dAdmin))).toMatchObject(deactivated("input.institutionId"));
    // The party still there may be removed, and the others go on.
    const removing = await api().run(PROPOSE, { input: { agreementId, parties: [{ institutionId: jp.ids.host, role: "HOST" }, { institutionId: jp.ids.partner, role: "PARTNER" }] } }, jp.as.hostAdmin);
    expect(removing.errors).toBeUndefined();
  });

  it("an amendment clears an optional term with an explicit null; left out, a term keeps its value (M6)", async () => {
    const db = api().database.db;
    const [a] = await db.insert(agreements).values({ code: `VAL-M6-${jp.host}`, title: "Optional terms", validFrom: "2020-01-01", validUntil: "2099-12-31", placesPerYear: 8, summary: "Places for nurses" }).returning({ id: agreements.id });
    await db.insert(agreementParties).values([{ agreementId: a.id, institutionId: jp.host, role: "HOST" }, { agreementId: a.id, institutionId: jp.partner, role: "PARTNER" }]);
    await db.execute(sql`select agreement_record_first_versions(${a.id}::int)`);
    const agreementId = toGlobalId("Agreement", a.id);
    const TERMS = `mutation($input: ProposeAgreementAmendmentInput!) { proposeAgreementAmendment(input: $input) { version { number placesPerYear validFrom validUntil summary } } }`;
    const cleared = await api().run(TERMS, { input: { agreementId, validUntil: null, placesPerYear: null, summary: null } }, jp.as.hostAdmin);
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data.proposeAgreementAmendment.version).toEqual({ number: 2, placesPerYear: null, validFrom: "2020-01-01", validUntil: null, summary: null });
    const kept = await api().run(TERMS, { input: { agreementId, placesPerYear: 9 } }, jp.as.hostAdmin);
    expect(kept.data.proposeAgreementAmendment.version).toEqual({ number: 3, placesPerYear: 9, validFrom: "2020-01-01", validUntil: "2099-12-31", summary: "Places for nurses" });
    // The deprecated updateAgreement keeps its meaning: null there leaves the term as it is.
    const upd = await api().run(UPDATE, { input: { agreementId, validUntil: null, title: "Optional terms (renamed)" } }, jp.as.hostAdmin);
    expect(upd.errors).toBeUndefined();
    const versions = await api().run(`query($id: ID!) { agreement(id: $id) { validUntil versions { number status } } }`, { id: agreementId });
    expect(versions.data.agreement).toEqual({ validUntil: "2099-12-31", versions: [{ number: 1, status: "IN_FORCE" }, { number: 2, status: "SUPERSEDED" }, { number: 3, status: "PROPOSED" }] });
  });
});
