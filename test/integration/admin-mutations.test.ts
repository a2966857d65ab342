import { expect, it } from "vitest";
import { buildJointProgram, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine } from "../helpers/engines.js";

const CREATE_AGREEMENT = `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id code focusAreas parties { role institution { id } } } } }`;
const CREATE_PROGRAM = `mutation($input: CreateProgramInput!) { createProgram(input: $input) { program { id joint partners { id } agreement { code } } } }`;
const CREATE_COHORT = `mutation($input: CreateCohortInput!) { createCohort(input: $input) { cohort { id name capacity seatsLeft } } }`;
const UPDATE_COHORT = `mutation($input: UpdateCohortInput!) { updateCohort(input: $input) { cohort { capacity } } }`;

describeEachEngine("agreements, programs and cohorts by admins", {}, (api) => {
  let jp: JointProgram;
  let agreementId: string;
  let n = 0;
  const code = (p: string) => `${p}-${Date.now().toString(36)}-${++n}`;

  it("records an agreement between parties, and only a party's admin may", async () => {
    jp = await buildJointProgram(api().database.db);
    const input = {
      code: code("AG"),
      title: "Joint TCM education",
      signedOn: "2026-01-15",
      validFrom: "2026-02-01",
      validUntil: "2031-01-31",
      parties: [
        { institutionId: jp.ids.host, role: "HOST" },
        { institutionId: jp.ids.partner, role: "PARTNER" },
      ],
      focusAreas: ["JOINT_EDUCATION", "TCM"],
    };
    const ok = await api().run(CREATE_AGREEMENT, { input }, jp.as.hostAdmin);
    expect(ok.errors).toBeUndefined();
    agreementId = ok.data.createAgreement.agreement.id;
    expect(ok.data.createAgreement.agreement.focusAreas).toEqual(["JOINT_EDUCATION", "TCM"]);

    const notParty = await api().run(CREATE_AGREEMENT, { input: { ...input, code: code("AG") } }, jp.as.outsiderAdmin);
    expect(notParty.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const one = await api().run(CREATE_AGREEMENT, { input: { ...input, code: code("AG"), parties: input.parties.slice(0, 1) } }, jp.as.hostAdmin);
    expect(one.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.parties" });
    const dates = await api().run(CREATE_AGREEMENT, { input: { ...input, code: code("AG"), validUntil: "2020-01-01" } }, jp.as.hostAdmin);
    expect(dates.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.validUntil" });
    const dup = await api().run(CREATE_AGREEMENT, { input: { ...input } }, jp.as.hostAdmin);
    expect(dup.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.code" });
    const upd = await api().run(
      `mutation($input: UpdateAgreementInput!) { updateAgreement(input: $input) { agreement { placesPerYear status } } }`,
      { input: { agreementId, placesPerYear: 30, status: "ACTIVE" } },
      jp.as.partnerRegistrar,
    );
    expect(upd.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("creates a joint program only with partners that are parties to its agreement", async () => {
    const base = {
      titleEn: "Traditional Chinese Medicine",
      hostInstitutionId: jp.ids.host,
      level: "BACHELOR",
      iscedField: "0917",
      lengthYears: 5,
      teachingLanguages: ["zh", "ru"],
      launchYear: 2026,
    };
    // Nothing is founded on an agreement before every party has approved its terms (version 1).
    const early = await api().run(CREATE_PROGRAM, { input: { ...base, code: code("P"), agreementId, partnerIds: [jp.ids.partner] } }, jp.as.hostAdmin);
    expect(early.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.agreementId", reason: "NOT_APPROVED" });
    const v1 = (await api().run(`query($id: ID!) { agreement(id: $id) { status versions { id contentHash } } }`, { id: agreementId })).data.agreement;
    expect(v1.status).toBe("DRAFT");
    const partnerAdmin = { ...jp.as.hostAdmin, subject: "partner-admin", institutionId: jp.partner };
    for (const who of [jp.as.hostAdmin, partnerAdmin]) {
      const a = await api().run(`mutation($input: ApproveAgreementVersionInput!) { approveAgreementVersion(input: $input) { version { status } } }`, { input: { versionId: v1.versions[0].id, contentHash: v1.versions[0].contentHash } }, who);
      expect(a.errors).toBeUndefined();
    }
    expect((await api().run(`query($id: ID!) { agreement(id: $id) { status } }`, { id: agreementId })).data.agreement.status).toBe("ACTIVE");
    const noAgreement = await api().run(CREATE_PROGRAM, { input: { ...base, code: code("P"), partnerIds: [jp.ids.partner] } }, jp.as.hostAdmin);
    expect(noAgreement.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.agreementId" });
    const notParty = await api().run(
      CREATE_PROGRAM,
      { input: { ...base, code: code("P"), agreementId, partnerIds: [jp.ids.partner, jp.ids.outsider] } },
      jp.as.hostAdmin,
    );
    expect(notParty.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.partnerIds[1]" });
    const other = await api().run(CREATE_PROGRAM, { input: { ...base, code: code("P") } }, jp.as.outsiderAdmin);
    expect(other.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const ok = await api().run(CREATE_PROGRAM, { input: { ...base, code: code("P"), agreementId, partnerIds: [jp.ids.partner] } }, jp.as.hostAdmin);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createProgram.program).toMatchObject({ joint: true, partners: [{ id: jp.ids.partner }] });

    const cohort = await api().run(
      CREATE_COHORT,
      { input: { programId: ok.data.createProgram.program.id, intakeYear: 2026, name: "TCM 2026", capacity: 2, startDate: "2026-09-01", expectedGraduation: "2031-07-01" } },
      jp.as.hostAdmin,
    );
    expect(cohort.data.createCohort.cohort).toMatchObject({ name: "TCM 2026", capacity: 2, seatsLeft: 2 });
    const again = await api().run(
      CREATE_COHORT,
      { input: { programId: ok.data.createProgram.program.id, intakeYear: 2026, name: "again", capacity: 2, startDate: "2026-09-01", expectedGraduation: "2031-07-01" } },
      jp.as.hostAdmin,
    );
    expect(again.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.intakeYear" });
    const up = await api().run(UPDATE_COHORT, { input: { cohortId: cohort.data.createCohort.cohort.id, capacity: 40 } }, jp.as.hostAdmin);
    expect(up.data.updateCohort.cohort.capacity).toBe(40);
  });

  it("refuses a capacity below the seats taken", async () => {
    const { enrollments, students } = await import("../../src/db/schema.js");
    const [s] = await api()
      .database.db.insert(students)
      .values({ familyName: "A", givenNames: "B", familyNameLatin: "A", givenNamesLatin: "B", dateOfBirth: "2004-01-01", nationality: "UZ", passportNumber: `CAP${Date.now()}`, homeInstitutionId: jp.partner })
      .returning();
    await api().database.db.insert(enrollments).values({ studentId: s.id, cohortId: jp.cohortId, status: "ENROLLED" });
    const r = await api().run(UPDATE_COHORT, { input: { cohortId: jp.ids.cohort, capacity: 0 } }, jp.as.hostAdmin);
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.capacity" });
  });

  // Nullable payloads (README "Decisions"): mutations of one document run one after another, each in its own
  // transaction; one that fails nulls only its own field, and the other's committed write still reaches the client.
  it("answers a committed mutation when another mutation of the same document fails", async () => {
    const ok = code("TWO");
    const input = (c: string) => ({
      code: c,
      title: "Two in one document",
      signedOn: "2026-03-01",
      parties: [
        { institutionId: jp.ids.host, role: "HOST" },
        { institutionId: jp.ids.partner, role: "PARTNER" },
      ],
      focusAreas: ["TCM"],
    });
    const doc = `mutation Two($a: CreateAgreementInput!, $b: CreateAgreementInput!) {
      first: createAgreement(input: $a) { agreement { id code } }
      second: createAgreement(input: $b) { agreement { id code } }
    }`;
    for (const [a, b, failing] of [
      [input(ok), input(ok), "second"], // the second repeats the first's code: CONFLICT after the first committed
      [{ ...input(code("TWO")), parties: input("x").parties.slice(0, 1) }, input(code("TWO")), "first"], // the first is refused, the second runs
    ] as const) {
      const r = await api().run(doc, { a, b }, jp.as.hostAdmin);
      const passing = failing === "first" ? "second" : "first";
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0].path).toEqual([failing]);
      expect(r.data[failing]).toBeNull();
      expect(r.data[passing].agreement).toMatchObject({ code: (failing === "first" ? b : a).code });
      const read = await api().run(`query Read($id: ID!) { node(id: $id) { ... on Agreement { code } } }`, { id: r.data[passing].agreement.id });
      expect(read.data.node.code).toBe((failing === "first" ? b : a).code); // committed
    }
  });

  it("moves an agreement's status only forwards: ACTIVE by approval alone, TERMINATED final and in force no more", async () => {
    const UPDATE = `mutation($input: UpdateAgreementInput!) { updateAgreement(input: $input) { agreement { status } } }`;
    const asked = await api().run(CREATE_AGREEMENT, { input: { code: code("AG"), title: "Asked active", parties: [{ institutionId: jp.ids.host, role: "HOST" }, { institutionId: jp.ids.partner, role: "PARTNER" }], focusAreas: ["TCM"], status: "ACTIVE" } }, jp.as.hostAdmin);
    expect(asked.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.status" });
    // Dates outside 1900–2100 are refused where terms are written, as where they are read.
    const far = await api().run(CREATE_AGREEMENT, { input: { code: code("AG"), title: "Far", parties: [{ institutionId: jp.ids.host, role: "HOST" }, { institutionId: jp.ids.partner, role: "PARTNER" }], focusAreas: ["TCM"], validUntil: "9999-12-31" } }, jp.as.hostAdmin);
    expect(far.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.validUntil" });
    const amendFar = await api().run(`mutation($input: ProposeAgreementAmendmentInput!) { proposeAgreementAmendment(input: $input) { version { id } } }`, { input: { agreementId, validFrom: "0001-01-01" } }, jp.as.hostAdmin);
    expect(amendFar.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.validFrom" });
    const back = await api().run(UPDATE, { input: { agreementId, status: "DRAFT" } }, jp.as.hostAdmin);
    expect(back.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", field: "input.status", from: "ACTIVE", to: "DRAFT" });
    const today = new Date().toISOString().slice(0, 10);
    const inForce = async () => (await api().run(`query($d: LocalDate!) { agreements(first: 100, filter: { inForceOn: $d }) { nodes { id } } }`, { d: today })).data.agreements.nodes.map((n: any) => n.id);
    const expiring = async () => (await api().run(`{ expiringAgreements(withinDays: 3650, first: 100) { agreement { id } } }`, {})).data.expiringAgreements.map((e: any) => e.agreement.id);
    expect(await inForce()).toContain(agreementId);
    expect(await expiring()).toContain(agreementId);
    expect((await api().run(UPDATE, { input: { agreementId, status: "TERMINATED" } }, jp.as.hostAdmin)).data.updateAgreement.agreement.status).toBe("TERMINATED");
    expect(await inForce()).not.toContain(agreementId);
    expect(await expiring()).not.toContain(agreementId);
    for (const to of ["ACTIVE", "EXPIRED", "DRAFT"]) {
      const r = await api().run(UPDATE, { input: { agreementId, status: to } }, jp.as.hostAdmin);
      expect(r.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", field: "input.status", from: "TERMINATED" });
    }
    const program = await api().run(CREATE_PROGRAM, { input: { code: code("P"), titleEn: "After the end", hostInstitutionId: jp.ids.host, level: "BACHELOR", iscedField: "0917", lengthYears: 5, teachingLanguages: ["zh"], launchYear: 2026, agreementId, partnerIds: [jp.ids.partner] } }, jp.as.hostAdmin);
    expect(program.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.agreementId", reason: "TERMINATED" });
  });
});
