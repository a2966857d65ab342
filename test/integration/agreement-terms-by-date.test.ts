import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agreementFocusAreas, agreementParties, agreements, countries, institutions } from "../../src/db/schema.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildJointProgram, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine } from "../helpers/engines.js";

// Programs, quotas, party checks and reports follow the version of an agreement's terms in force on a date.
// An agreement of three parties (host, partner, a Kazakh signatory) in force since 2024 is amended: the
// Kazakh party leaves, a Tajik one joins, places go from 12 to 25, focus areas and validity change. While only
// some parties have approved the amendment, every read and check follows version 1; once the last party
// approves, version 2 applies from that day on, and a date before it still answers version 1's terms.
// The two versions differ in every term read, so a read of the agreement's row instead of the terms of the
// day asked fails.

const DAY = 86_400_000;
const dayFrom = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const today = dayFrom(0);
const nextYear = new Date().getUTCFullYear() + 1;
const BEFORE = "2025-06-01"; // under version 1, whatever today is

const LIST = `query($f: AgreementFilter) { agreements(first: 50, filter: $f) { totalCount nodes { code } } }`;
const COUNTS = `query($g: [AgreementDimension!]!, $f: AgreementReportFilter) { agreementCounts(groupBy: $g, filter: $f) { focusArea partyCountryCode agreements parties } }`;
const EXPIRING = `query($d: Int!, $asOf: LocalDate, $f: AgreementReportFilter) { expiringAgreements(withinDays: $d, asOf: $asOf, filter: $f) { validUntil daysLeft agreement { code validUntil } } }`;
const PROPOSE = `mutation($input: ProposeAgreementAmendmentInput!) { proposeAgreementAmendment(input: $input) { version { id contentHash } } }`;
const APPROVE = `mutation($input: ApproveAgreementVersionInput!) { approveAgreementVersion(input: $input) { version { status } } }`;
const CREATE_PROGRAM = `mutation($input: CreateProgramInput!) { createProgram(input: $input) { program { id } } }`;
const CREATE_COHORT = `mutation($input: CreateCohortInput!) { createCohort(input: $input) { cohort { id } } }`;
const CREATE_LINK = `mutation($input: CreateTelemedicineLinkInput!) { createTelemedicineLink(input: $input) { link { id } } }`;
const CREATE_LAB = `mutation($input: CreateJointLabInput!) { createJointLab(input: $input) { jointLab { id } } }`;
const UPDATE = `mutation($input: UpdateAgreementInput!) { updateAgreement(input: $input) { agreement { title } } }`;

describeEachEngine("the terms of an agreement in force on a date", {}, (api) => {
  let jp: JointProgram;
  let kz: { id: number; gid: string };
  let tj: { id: number; gid: string };
  let admin: Record<"host" | "partner" | "kz" | "tj", Viewer>;
  let agreementId: string;
  let code: string;
  let title: string;
  const v1Until = dayFrom(300);
  const v2Until = dayFrom(40);
  let n = 0;
  const run = (q: string, v: Record<string, unknown>, as?: Viewer) => api().run(q, v, as);
  const ok = async (q: string, v: Record<string, unknown>, as?: Viewer) => {
    const r = await run(q, v, as);
    expect(r.errors).toBeUndefined();
    return r.data;
  };
  // Ours only: other suites' agreements do not share the title.
  const listed = async (f: Record<string, unknown>) => (await ok(LIST, { f: { search: title, ...f } })).agreements.nodes.map((a: { code: string }) => a.code);
  const counts = async (g: string[], f: Record<string, unknown> = {}) => (await ok(COUNTS, { g, f: { search: title, ...f } })).agreementCounts;
  const expiring = async (d: number, asOf: string | null, f: Record<string, unknown> = {}) => (await ok(EXPIRING, { d, asOf, f: { search: title, ...f } })).expiringAgreements;
  const program = (launchYear: number, partner: string) =>
    run(CREATE_PROGRAM, {
      input: { code: `TBD-${jp.host}-${++n}`, titleEn: "Joint nursing", hostInstitutionId: jp.ids.host, agreementId, level: "BACHELOR", iscedField: "0913", lengthYears: 4, teachingLanguages: ["en"], launchYear, partnerIds: [partner] },
    });
  const link = (since: string) => run(CREATE_LINK, { input: { xinjiangHospitalId: jp.ids.host, partnerHospitalId: tj.gid, since, agreementId } });
  const lab = (establishedOn: string) => run(CREATE_LAB, { input: { leadInstitutionId: tj.gid, nameEn: `Lab ${++n}`, focusAreas: ["TCM"], agreementId, establishedOn } });

  beforeAll(async () => {
    const db = api().database.db;
    jp = await buildJointProgram(db);
    await db.insert(countries).values({ code: "TJ", nameEn: "Tajikistan", centralAsia: true }).onConflictDoNothing();
    const [k, t] = await db
      .insert(institutions)
      .values([
        { slug: `tbd-kz-${jp.host}`, kind: "HOSPITAL", countryCode: "KZ", nameEn: "Kazakh Signatory Hospital" },
        { slug: `tbd-tj-${jp.host}`, kind: "HOSPITAL", countryCode: "TJ", nameEn: "Tajik Medical Center" },
      ])
      .returning({ id: institutions.id });
    kz = { id: k.id, gid: toGlobalId("Institution", k.id) };
    tj = { id: t.id, gid: toGlobalId("Institution", t.id) };
    const a = (inst: number, who: string): Viewer => ({ subject: `tbd-${who}-${inst}`, role: "INSTITUTION_ADMIN", institutionId: inst });
    admin = { host: a(jp.host, "host"), partner: a(jp.partner, "partner"), kz: a(k.id, "kz"), tj: a(t.id, "tj") };

    // Recorded before versions existed (as the seed's are): version 1, in force from its signing.
    code = `TBD-${jp.host}`;
    title = `Terms by date ${jp.host}`;
    const [ag] = await db
      .insert(agreements)
      .values({ code, title, signedOn: "2024-03-15", signedOnPrecision: "DAY", validFrom: "2024-04-01", validUntil: v1Until, placesPerYear: 12 })
      .returning({ id: agreements.id });
    await db.insert(agreementParties).values([
      { agreementId: ag.id, institutionId: jp.host, role: "HOST" },
      { agreementId: ag.id, institutionId: jp.partner, role: "PARTNER" },
      { agreementId: ag.id, institutionId: k.id, role: "SIGNATORY" },
    ]);
    await db.insert(agreementFocusAreas).values([{ agreementId: ag.id, area: "TCM" }, { agreementId: ag.id, area: "JOINT_EDUCATION" }]);
    await db.execute(sql`select agreement_record_first_versions(${ag.id}::int)`);
    agreementId = toGlobalId("Agreement", ag.id);
  });

  let v2: { id: string; contentHash: string };
  it("an amendment approved by only some of its parties leaves version 1's terms in every read and check", async () => {
    const r = await ok(
      PROPOSE,
      {
        input: {
          agreementId,
          placesPerYear: 25,
          validUntil: v2Until,
          focusAreas: ["TCM", "ACADEMIC_EXCHANGE"],
          parties: [{ institutionId: jp.ids.host, role: "HOST" }, { institutionId: jp.ids.partner, role: "PARTNER" }, { institutionId: tj.gid, role: "PARTNER" }],
        },
      },
      admin.partner,
    );
    v2 = r.proposeAgreementAmendment.version;
    // Two of version 2's three parties approve; the Tajik one has not yet.
    for (const who of [admin.partner, admin.host]) expect((await ok(APPROVE, { input: { versionId: v2.id, contentHash: v2.contentHash } }, who)).approveAgreementVersion.version.status).toBe("PROPOSED");

    // lists: parties, focus areas, validity of version 1, today and on a day given
    for (const f of [{}, { inForceOn: today }]) {
      expect(await listed({ ...f, institutionId: kz.gid })).toEqual([code]);
      expect(await listed({ ...f, institutionId: tj.gid })).toEqual([]);
      expect(await listed({ ...f, focusAreas: ["JOINT_EDUCATION"] })).toEqual([code]);
      expect(await listed({ ...f, focusAreas: ["ACADEMIC_EXCHANGE"] })).toEqual([]);
      expect(await listed({ ...f, countryCode: "TJ" })).toEqual([]);
      expect(await listed({ ...f, validUntilBefore: dayFrom(60) })).toEqual([]);
    }
    // counts
    expect(await counts(["PARTY_COUNTRY"])).toEqual([
      { focusArea: null, partyCountryCode: "CN", agreements: 1, parties: 1 },
      { focusArea: null, partyCountryCode: "KZ", agreements: 1, parties: 1 },
      { focusArea: null, partyCountryCode: "UZ", agreements: 1, parties: 1 },
    ]);
    expect((await counts(["FOCUS_AREA"])).map((c: { focusArea: string }) => c.focusArea)).toEqual(["JOINT_EDUCATION", "TCM"]);
    // expiring: version 1 runs 300 days more
    expect(await expiring(60, null)).toEqual([]);
    expect(await counts([], { expiringWithinDays: 60 })).toEqual([{ focusArea: null, partyCountryCode: null, agreements: 0, parties: 0 }]);
    expect(await expiring(365, null)).toEqual([{ validUntil: v1Until, daysLeft: 300, agreement: { code, validUntil: v1Until } }]);

    // party checks: the Tajik centre is not a party yet; the Kazakh hospital still is
    expect((await program(nextYear, tj.gid)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.partnerIds[0]" });
    expect((await link(today)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.agreementId" });
    expect((await lab(today)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.agreementId" });
    // access derived from being a party: the Kazakh admin may still change the agreement, the Tajik one not yet
    expect((await run(UPDATE, { input: { agreementId, title } }, admin.tj)).errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", field: "input.agreementId" });
    expect((await run(UPDATE, { input: { agreementId, title } }, admin.kz)).errors).toBeUndefined();
  });

  let kzProgram: string;
  it("once every party has approved, version 2's terms apply from that day on, and a day before it answers version 1's", async () => {
    // a program with the Kazakh hospital as partner, started under version 1 (before the last approval)
    const p = await program(2025, kz.gid);
    expect(p.errors).toBeUndefined();
    kzProgram = p.data.createProgram.program.id;
    // the Tajik party joins; the Kazakh one, which version 2 removes, approves its removal last
    expect((await ok(APPROVE, { input: { versionId: v2.id, contentHash: v2.contentHash } }, admin.tj)).approveAgreementVersion.version.status).toBe("PROPOSED");
    expect((await ok(APPROVE, { input: { versionId: v2.id, contentHash: v2.contentHash } }, admin.kz)).approveAgreementVersion.version.status).toBe("IN_FORCE");

    // lists: today version 2; on a day before, version 1
    expect(await listed({ institutionId: tj.gid })).toEqual([code]);
    expect(await listed({ institutionId: kz.gid })).toEqual([]);
    expect(await listed({ focusAreas: ["ACADEMIC_EXCHANGE"] })).toEqual([code]);
    expect(await listed({ validUntilBefore: dayFrom(60) })).toEqual([code]);
    expect(await listed({ inForceOn: BEFORE, institutionId: kz.gid })).toEqual([code]);
    expect(await listed({ inForceOn: BEFORE, institutionId: tj.gid })).toEqual([]);
    expect(await listed({ inForceOn: BEFORE, countryCode: "TJ" })).toEqual([]);
    expect(await listed({ inForceOn: BEFORE, focusAreas: ["JOINT_EDUCATION"] })).toEqual([code]);
    expect(await listed({ inForceOn: BEFORE, validUntilBefore: dayFrom(60) })).toEqual([]);
    // in force on a day: a version in force (signed 2024-03-15) and within its validity (from 2024-04-01, until v2's end)
    expect(await listed({ inForceOn: "2024-03-14" })).toEqual([]);
    expect(await listed({ inForceOn: "2024-03-20" })).toEqual([]);
    expect(await listed({ inForceOn: "2024-04-01" })).toEqual([code]);
    expect(await listed({ inForceOn: dayFrom(40) })).toEqual([code]);
    expect(await listed({ inForceOn: dayFrom(41) })).toEqual([]);

    // counts, today and on a day before
    expect((await counts(["PARTY_COUNTRY"])).map((c: { partyCountryCode: string }) => c.partyCountryCode)).toEqual(["CN", "TJ", "UZ"]);
    expect((await counts(["PARTY_COUNTRY"], { inForceOn: BEFORE })).map((c: { partyCountryCode: string }) => c.partyCountryCode)).toEqual(["CN", "KZ", "UZ"]);
    expect((await counts(["FOCUS_AREA"])).map((c: { focusArea: string }) => c.focusArea)).toEqual(["ACADEMIC_EXCHANGE", "TCM"]);
    expect((await counts(["FOCUS_AREA"], { inForceOn: BEFORE })).map((c: { focusArea: string }) => c.focusArea)).toEqual(["JOINT_EDUCATION", "TCM"]);
    expect(await counts([], { focusAreas: ["JOINT_EDUCATION"] })).toEqual([{ focusArea: null, partyCountryCode: null, agreements: 0, parties: 0 }]);
    expect(await counts([], { focusAreas: ["JOINT_EDUCATION"], inForceOn: BEFORE })).toEqual([{ focusArea: null, partyCountryCode: null, agreements: 1, parties: 3 }]);

    // expiring: version 2 ends in 40 days; counted from a day before, version 1's end
    expect(await expiring(60, null)).toEqual([{ validUntil: v2Until, daysLeft: 40, agreement: { code, validUntil: v2Until } }]);
    expect(await counts([], { expiringWithinDays: 60 })).toEqual([{ focusArea: null, partyCountryCode: null, agreements: 1, parties: 3 }]);
    const before = await expiring(3650, BEFORE);
    expect(before).toHaveLength(1);
    expect(before[0].validUntil).toBe(v1Until);
    expect(await expiring(3650, BEFORE, { institutionId: kz.gid })).toHaveLength(1);
    expect(await expiring(3650, BEFORE, { institutionId: tj.gid })).toEqual([]);
    expect(await counts(["PARTY_COUNTRY"], { expiringWithinDays: 3650, asOf: BEFORE })).toHaveLength(3);

    // party checks follow the date of the thing
    expect((await program(nextYear, tj.gid)).errors).toBeUndefined();
    expect((await program(2025, tj.gid)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.partnerIds[0]" });
    expect((await program(nextYear, kz.gid)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.partnerIds[0]" });
    expect((await link(BEFORE)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.agreementId" });
    expect((await link(today)).errors).toBeUndefined();
    expect((await lab(BEFORE)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.agreementId" });
    expect((await lab(today)).errors).toBeUndefined();
    // a cohort of the program with the Kazakh partner: one starting under version 1, none under version 2
    const cohort = (intakeYear: number, startDate: string) => run(CREATE_COHORT, { input: { programId: kzProgram, intakeYear, name: `${intakeYear}`, capacity: 10, startDate, expectedGraduation: `${intakeYear + 4}-07-01` } });
    // (version 2 ends before any day of that intake: outside its validity, refused before the party check)
    expect((await cohort(nextYear, `${nextYear}-09-01`)).errors?.[0].extensions).toMatchObject({ code: "CONFLICT", reason: "OUTSIDE_VALIDITY", field: "input.startDate" });
    expect((await cohort(2025, "2025-09-01")).errors).toBeUndefined();
    // access: the Tajik admin is a party now, the Kazakh one no longer
    expect((await run(UPDATE, { input: { agreementId, title } }, admin.tj)).errors).toBeUndefined();
    expect((await run(UPDATE, { input: { agreementId, title } }, admin.kz)).errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", field: "input.agreementId" });

    // quotas: the 2025 cohort counts version 1's places
    const r = await ok(`query($f: CohortFilter) { cohortReconciliation(first: 10, filter: $f) { nodes { intakeYear placesAgreed } } }`, { f: { programId: kzProgram } });
    expect(r.cohortReconciliation.nodes).toEqual([{ intakeYear: 2025, placesAgreed: 12 }]);
  });

  it("refuses a day out of range or two different days, naming the field", async () => {
    expect((await run(LIST, { f: { inForceOn: "1800-01-01" } })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.inForceOn" });
    expect((await run(LIST, { f: { inForceOn: "2025-02-30" } })).errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect((await run(COUNTS, { g: [], f: { inForceOn: "2190-01-01" } })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.inForceOn" });
    expect((await run(EXPIRING, { d: 30, asOf: BEFORE, f: { inForceOn: today } })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.inForceOn" });
    expect((await run(EXPIRING, { d: 30, asOf: null, f: { inForceOn: BEFORE } })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.inForceOn" });
    expect((await run(COUNTS, { g: [], f: { expiringWithinDays: 30, asOf: BEFORE, inForceOn: today } })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.inForceOn" });
    // the same day twice is one day
    expect((await run(EXPIRING, { d: 30, asOf: BEFORE, f: { inForceOn: BEFORE } })).errors).toBeUndefined();
  });
});
