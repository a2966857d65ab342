import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { fromGlobalId } from "../../src/shared/global-id.js";
import { buildWorld, type World } from "../factories/world.js";
import { describeEachEngine, PLATFORM_ADMIN } from "../helpers/engines.js";

// Institutions, experts, joint labs, telemedicine links and cooperation events managed through the API:
// what each mutation writes (read back through the engine), the audit row it leaves in the same
// transaction, the field a bad input names, and what a caller of another institution is refused.

let n = 0;
const u = () => `${Date.now().toString(36)}-${++n}`;
const admin = (inst: number): Viewer => ({ subject: `adm-${inst}`, role: "INSTITUTION_ADMIN", institutionId: inst });
const coordinator = (inst: number): Viewer => ({ subject: `coord-${inst}`, role: "EXPERT_COORDINATOR", institutionId: inst });
const research = (inst: number): Viewer => ({ subject: `ro-${inst}`, role: "RESEARCH_OFFICE", institutionId: inst });

describeEachEngine("admin surface: reference entities", {}, (api) => {
  let w: World;
  const db = () => api().database.db;
  const trail = async (entityType: string, gid: string) =>
    (await db().select().from(auditLog).where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, fromGlobalId(gid, entityType, "id")))).orderBy(auditLog.id)).map((r) => r.action);
  const err = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions;

  beforeAll(async () => {
    w = await buildWorld(db());
  });

  it("institutions: created by platform admins with names in several scripts and typed identifiers; updated by their own admins; deactivated, never deleted", async () => {
    const CREATE = `mutation($input: CreateInstitutionInput!) { createInstitution(input: $input) { institution { id slug kind nameEn names { language text } parent { id } identifiers { scheme value } deactivatedOn } } }`;
    const slug = `kz-clinic-${u()}`;
    const input = {
      slug, kind: "BRANCH_CAMPUS", nameEn: "Shymkent Branch", countryCode: "KZ", parentId: w.jp.ids.outsider, website: "https://example.kz",
      names: [{ language: "kk-Cyrl", text: "Шымкент филиалы" }, { language: "ru", text: "Шымкентский филиал" }, { language: "zh-Hans", text: "奇姆肯特分校" }],
      identifiers: [{ scheme: "ROR", value: "https://ror.org/04v7vb598" }, { scheme: "NATIONAL", value: `KZ-${n}-77` }, { scheme: "ISNI", value: "0000 0001 2150 090X" }],
    };
    const ok = await api().run(CREATE, { input }, PLATFORM_ADMIN);
    expect(ok.errors).toBeUndefined();
    const inst = ok.data.createInstitution.institution;
    expect(inst).toMatchObject({ slug, kind: "BRANCH_CAMPUS", parent: { id: w.jp.ids.outsider }, deactivatedOn: null });
    expect(inst.names.map((x: any) => x.language)).toEqual(["en", "kk-Cyrl", "ru", "zh-Hans"]);
    expect(inst.identifiers).toContainEqual({ scheme: "ROR", value: "04v7vb598" });
    expect(inst.identifiers).toContainEqual({ scheme: "ISNI", value: "000000012150090X" });
    expect(await trail("Institution", inst.id)).toEqual(["institution.create"]);

    // Bad input names its field; a second holder of the ROR id and a second slug are CONFLICT.
    const bad = async (patch: object, field: string, code = "BAD_USER_INPUT") =>
      expect(err(await api().run(CREATE, { input: { ...input, slug: `x-${u()}`, identifiers: [], ...patch } }, PLATFORM_ADMIN)), JSON.stringify(patch)).toMatchObject({ code, field });
    await bad({ names: [{ language: "Russian", text: "x" }] }, "input.names[0].language");
    await bad({ names: [{ language: "ru", text: "a" }, { language: "ru", text: "b" }] }, "input.names[1].language");
    await bad({ identifiers: [{ scheme: "ROR", value: "not-a-ror" }] }, "input.identifiers[0].value");
    // Check digits: ROR's (04v7vb598 with its last digit mistyped) and ISNI's (MOD 11-2: 0000 0001 2150 090X is valid).
    await bad({ identifiers: [{ scheme: "ROR", value: "04v7vb599" }] }, "input.identifiers[0].value");
    await bad({ identifiers: [{ scheme: "ISNI", value: "0000 0001 2150 0901" }] }, "input.identifiers[0].value");
    await bad({ identifiers: [{ scheme: "WIKIDATA", value: "Q1" }, { scheme: "WIKIDATA", value: "Q2" }] }, "input.identifiers[1].scheme");
    await bad({ identifiers: [{ scheme: "ROR", value: "04v7vb598" }] }, "input.identifiers[0].value", "CONFLICT");
    await bad({ slug }, "input.slug", "CONFLICT");
    await bad({ parentId: null }, "input.parentId");
    await bad({ website: "ftp://example.kz" }, "input.website");
    await bad({ countryCode: "FR" }, "input.countryCode");
    expect(err(await api().run(CREATE, { input: { ...input, slug: `x-${u()}`, identifiers: [] } }, admin(w.jp.host)))?.code).toBe("FORBIDDEN");
    expect(err(await api().run(CREATE, { input: { ...input, slug: `x-${u()}`, identifiers: [] } }, null))?.code).toBe("UNAUTHENTICATED");

    // Its own admin edits names and identifiers; the hierarchy is the platform's.
    const UPDATE = `mutation($input: UpdateInstitutionInput!) { updateInstitution(input: $input) { institution { city names { language text } identifiers { scheme value } parent { id } } } }`;
    const own = admin(fromGlobalId(inst.id, "Institution", "id"));
    const upd = await api().run(UPDATE, { input: { institutionId: inst.id, city: "Shymkent", names: [{ language: "uz-Latn", text: "Chimkent filiali" }], identifiers: [{ scheme: "WIKIDATA", value: "q4212" }] } }, own);
    expect(upd.errors).toBeUndefined();
    expect(upd.data.updateInstitution.institution).toMatchObject({ city: "Shymkent", names: [{ language: "en" }, { language: "uz-Latn", text: "Chimkent filiali" }], identifiers: [{ scheme: "WIKIDATA", value: "Q4212" }] });
    expect(err(await api().run(UPDATE, { input: { institutionId: inst.id, parentId: w.jp.ids.host } }, own))).toMatchObject({ code: "FORBIDDEN", field: "input.parentId" });
    expect(err(await api().run(UPDATE, { input: { institutionId: inst.id, city: "Elsewhere" } }, admin(w.jp.host)))).toMatchObject({ code: "FORBIDDEN", field: "input.institutionId" });
    // No cycle: the outsider cannot become a child of its own branch.
    expect(err(await api().run(UPDATE, { input: { institutionId: w.jp.ids.outsider, parentId: inst.id } }, PLATFORM_ADMIN))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.parentId" });

    // Deactivated, with a reason; it stays readable, and takes no new expert.
    const DEACT = `mutation($input: DeactivateInstitutionInput!) { deactivateInstitution(input: $input) { institution { deactivatedOn } } }`;
    const d = await api().run(DEACT, { input: { institutionId: inst.id, on: "2026-06-30", reason: "merged into the university" } }, PLATFORM_ADMIN);
    expect(d.data.deactivateInstitution.institution.deactivatedOn).toBe("2026-06-30");
    expect(err(await api().run(DEACT, { input: { institutionId: inst.id, reason: "again" } }, PLATFORM_ADMIN))?.code).toBe("CONFLICT");
    const expert = await api().run(`mutation($input: CreateExpertInput!) { createExpert(input: $input) { expert { id } } }`, { input: { familyName: "A", givenNames: "B", specialty: "C", homeInstitutionId: inst.id } }, PLATFORM_ADMIN);
    expect(err(expert)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.homeInstitutionId" });
    expect(await trail("Institution", inst.id)).toEqual(["institution.create", "institution.update", "institution.deactivate"]);
  });

  it("experts: created, updated and deactivated by their home institution's coordinators; a deactivated expert joins no new dispatch", async () => {
    const CREATE = `mutation($input: CreateExpertInput!) { createExpert(input: $input) { expert { id code specialty homeInstitution { id } deactivatedOn } } }`;
    const c = await api().run(CREATE, { input: { idempotencyKey: `ex-${n}`, familyName: "Abdullayev", givenNames: "Timur", specialty: "Hepatology", homeInstitutionId: w.pp.ids.sender } }, coordinator(w.pp.inst.sender));
    expect(c.errors).toBeUndefined();
    const ex = c.data.createExpert.expert;
    expect(ex).toMatchObject({ code: `EX-${fromGlobalId(ex.id, "Expert", "id")}`, specialty: "Hepatology", homeInstitution: { id: w.pp.ids.sender } });
    expect(err(await api().run(CREATE, { input: { familyName: "X", givenNames: "Y", specialty: " ", homeInstitutionId: w.pp.ids.sender } }, coordinator(w.pp.inst.sender)))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.specialty" });
    expect(err(await api().run(CREATE, { input: { familyName: "X", givenNames: "Y", specialty: "Z", homeInstitutionId: w.pp.ids.sender } }, coordinator(w.jp.host)))?.code).toBe("FORBIDDEN");

    const UPDATE = `mutation($input: UpdateExpertInput!) { updateExpert(input: $input) { expert { specialty homeInstitution { id } } } }`;
    expect((await api().run(UPDATE, { input: { expertId: ex.id, specialty: "Liver transplantation" } }, coordinator(w.pp.inst.sender))).data.updateExpert.expert.specialty).toBe("Liver transplantation");
    // Moving an expert to an institution the caller does not act for is refused, naming the new home.
    expect(err(await api().run(UPDATE, { input: { expertId: ex.id, homeInstitutionId: w.jp.ids.host } }, coordinator(w.pp.inst.sender)))).toMatchObject({ code: "FORBIDDEN", field: "input.homeInstitutionId" });
    const moved = await api().run(UPDATE, { input: { expertId: ex.id, homeInstitutionId: w.pp.ids.hospital } }, PLATFORM_ADMIN);
    expect(moved.data.updateExpert.expert.homeInstitution.id).toBe(w.pp.ids.hospital);

    const DEACT = `mutation($input: DeactivateExpertInput!) { deactivateExpert(input: $input) { expert { deactivatedOn } } }`;
    expect((await api().run(DEACT, { input: { expertId: w.pp.ids.d, on: "2026-01-01" } }, coordinator(w.pp.inst.sender))).data.deactivateExpert.expert.deactivatedOn).toBe("2026-01-01");
    const dispatch = await api().run(
      `mutation($input: CreateDispatchInput!) { createDispatch(input: $input) { dispatch { id } } }`,
      { input: { title: "Training", sendingInstitutionId: w.pp.ids.sender, hostInstitutionId: w.pp.ids.host, startDate: "2032-01-01", endDate: "2032-01-05", purposes: ["TECHNICAL_TRAINING"], team: [{ expertId: w.pp.ids.d, role: "LEAD" }] } },
      coordinator(w.pp.inst.sender),
    );
    expect(err(dispatch)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.team[0].expertId" });
    expect(await trail("Expert", ex.id)).toEqual(["expert.create", "expert.update", "expert.update"]);
    expect(await trail("Expert", w.pp.ids.d)).toEqual(["expert.deactivate"]);
  });

  it("joint labs: founded by the lead's research office with members in roles and focus areas; updated by the lead only", async () => {
    const CREATE = `mutation($input: CreateJointLabInput!) { createJointLab(input: $input) { jointLab { id code leadInstitution { id } memberships { role institution { id } } members { id } focusAreas names { language text } } } }`;
    const input = {
      nameEn: "Joint Laboratory of Natural Medicines", names: [{ language: "ru", text: "Совместная лаборатория природных лекарств" }], leadInstitutionId: w.pp.ids.sender,
      members: [{ institutionId: w.pp.ids.host, role: "CO_LEAD" }, { institutionId: w.pp.ids.hospital }], focusAreas: ["JOINT_RESEARCH", "TCM"],
    };
    const c = await api().run(CREATE, { input }, research(w.pp.inst.sender));
    expect(c.errors).toBeUndefined();
    const lab = c.data.createJointLab.jointLab;
    expect(lab.memberships).toEqual(
      [{ role: "CO_LEAD", institution: { id: w.pp.ids.host } }, { role: "MEMBER", institution: { id: w.pp.ids.hospital } }].sort((a, b) => fromGlobalId(a.institution.id, "Institution", "x") - fromGlobalId(b.institution.id, "Institution", "x")),
    );
    expect(lab.focusAreas).toEqual(["JOINT_RESEARCH", "TCM"]);
    const bad = async (patch: object, field: string) => expect(err(await api().run(CREATE, { input: { ...input, ...patch } }, research(w.pp.inst.sender)))).toMatchObject({ code: "BAD_USER_INPUT", field });
    await bad({ members: [{ institutionId: w.pp.ids.sender }] }, "input.members[0].institutionId");
    await bad({ members: [{ institutionId: w.pp.ids.host }, { institutionId: w.pp.ids.host }] }, "input.members[1].institutionId");
    await bad({ focusAreas: [] }, "input.focusAreas");
    await bad({ agreementId: w.agreement }, "input.agreementId"); // the lead is not a party to it
    expect(err(await api().run(CREATE, { input }, research(w.pp.inst.host)))?.code).toBe("FORBIDDEN"); // a member founds no lab in the lead's name

    const UPDATE = `mutation($input: UpdateJointLabInput!) { updateJointLab(input: $input) { jointLab { memberships { role } focusAreas description } } }`;
    const upd = await api().run(UPDATE, { input: { jointLabId: lab.id, members: [{ institutionId: w.pp.ids.host, role: "ASSOCIATE" }], focusAreas: ["DISEASE_PREVENTION"], description: "Biologics" } }, admin(w.pp.inst.sender));
    expect(upd.data.updateJointLab.jointLab).toEqual({ memberships: [{ role: "ASSOCIATE" }], focusAreas: ["DISEASE_PREVENTION"], description: "Biologics" });
    expect(err(await api().run(UPDATE, { input: { jointLabId: lab.id, description: "x" } }, research(w.pp.inst.host)))).toMatchObject({ code: "FORBIDDEN", field: "input.jointLabId" });
    expect(await trail("JointLab", lab.id)).toEqual(["jointLab.create", "jointLab.update"]);
  });

  it("telemedicine links: created by an admin of either hospital, China to abroad; ended with a date, once", async () => {
    const CREATE = `mutation($input: CreateTelemedicineLinkInput!) { createTelemedicineLink(input: $input) { link { id since endedOn xinjiangHospital { id } partnerHospital { id } } } }`;
    const input = { xinjiangHospitalId: w.pp.ids.hospital, partnerHospitalId: w.pp.ids.host, since: "2025-02-01" };
    expect(err(await api().run(CREATE, { input }, admin(w.jp.host)))?.code).toBe("FORBIDDEN");
    const c = await api().run(CREATE, { input }, admin(w.pp.inst.host));
    expect(c.errors).toBeUndefined();
    const link = c.data.createTelemedicineLink.link;
    expect(link).toMatchObject({ since: "2025-02-01", endedOn: null, xinjiangHospital: { id: w.pp.ids.hospital } });
    expect(err(await api().run(CREATE, { input }, PLATFORM_ADMIN))).toMatchObject({ code: "CONFLICT", field: "input.partnerHospitalId" });
    expect(err(await api().run(CREATE, { input: { ...input, xinjiangHospitalId: w.pp.ids.host, partnerHospitalId: w.pp.ids.hospital } }, PLATFORM_ADMIN))).toMatchObject({ field: "input.xinjiangHospitalId" });
    expect(err(await api().run(CREATE, { input: { ...input, partnerHospitalId: w.pp.ids.hospital } }, PLATFORM_ADMIN))).toMatchObject({ field: "input.partnerHospitalId" });

    const END = `mutation($input: EndTelemedicineLinkInput!) { endTelemedicineLink(input: $input) { link { endedOn } } }`;
    expect(err(await api().run(END, { input: { linkId: link.id, endedOn: "2025-01-01" } }, admin(w.pp.inst.hospital)))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.endedOn" });
    expect((await api().run(END, { input: { linkId: link.id, endedOn: "2026-03-31" } }, admin(w.pp.inst.hospital))).data.endTelemedicineLink.link.endedOn).toBe("2026-03-31");
    expect(err(await api().run(END, { input: { linkId: link.id, endedOn: "2026-04-30" } }, admin(w.pp.inst.hospital)))?.code).toBe("CONFLICT");
    expect(await trail("TelemedicineLink", link.id)).toEqual(["telemedicineLink.create", "telemedicineLink.end"]);
  });

  it("cooperation events: recorded by an admin of an institution involved, with countries; an admin cannot hand the event away", async () => {
    const CREATE = `mutation($input: CreateCooperationEventInput!) { createCooperationEvent(input: $input) { event { id code title occurredOn institutions { id } countries { code } } } }`;
    const input = { kind: "CONSULTATION_DAY", title: "Free consultation day in Astana", occurredOn: "2025-11-10", institutionIds: [w.jp.ids.host], countryCodes: ["KZ", "CN"] };
    const c = await api().run(CREATE, { input }, admin(w.jp.host));
    expect(c.errors).toBeUndefined();
    const ev = c.data.createCooperationEvent.event;
    expect(ev).toMatchObject({ institutions: [{ id: w.jp.ids.host }], countries: [{ code: "CN" }, { code: "KZ" }] });
    expect(err(await api().run(CREATE, { input: { ...input, institutionIds: [] } }, admin(w.jp.host)))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.institutionIds" });
    expect(err(await api().run(CREATE, { input: { ...input, countryCodes: ["FR"] } }, admin(w.jp.host)))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.countryCodes[0]" });
    expect((await api().run(CREATE, { input: { ...input, institutionIds: [] } }, PLATFORM_ADMIN)).errors).toBeUndefined(); // a ministers' meeting names no institution

    const UPDATE = `mutation($input: UpdateCooperationEventInput!) { updateCooperationEvent(input: $input) { event { title institutions { id } } } }`;
    expect(err(await api().run(UPDATE, { input: { eventId: ev.id, institutionIds: [w.jp.ids.outsider] } }, admin(w.jp.host)))).toMatchObject({ code: "FORBIDDEN" });
    const upd = await api().run(UPDATE, { input: { eventId: ev.id, title: "Consultation day", institutionIds: [w.jp.ids.host, w.jp.ids.partner] } }, admin(w.jp.host));
    expect(upd.data.updateCooperationEvent.event.institutions).toHaveLength(2);
    expect(err(await api().run(UPDATE, { input: { eventId: ev.id, title: "x" } }, admin(w.jp.outsider)))?.code).toBe("FORBIDDEN");
    expect(await trail("CooperationEvent", ev.id)).toEqual(["cooperationEvent.create", "cooperationEvent.update"]);
  });

  it("a date known to the month or the year is stored as the period's first day (DatePrecision), an event's on create and update, an agreement's signing", async () => {
    const CREATE = `mutation($input: CreateCooperationEventInput!) { createCooperationEvent(input: $input) { event { id occurredOn occurredOnPrecision } } }`;
    const UPDATE = `mutation($input: UpdateCooperationEventInput!) { updateCooperationEvent(input: $input) { event { occurredOn occurredOnPrecision } } }`;
    const base = { kind: "CONSULTATION_DAY", title: "Consultation days", institutionIds: [w.jp.ids.host] };
    const c = await api().run(CREATE, { input: { ...base, occurredOn: "2025-11-10", occurredOnPrecision: "MONTH" } }, admin(w.jp.host));
    expect(c.data.createCooperationEvent.event).toMatchObject({ occurredOn: "2025-11-01", occurredOnPrecision: "MONTH" });
    const id = c.data.createCooperationEvent.event.id;
    const update = async (input: Record<string, unknown>) => (await api().run(UPDATE, { input: { eventId: id, ...input } }, admin(w.jp.host))).data.updateCooperationEvent.event;
    expect(await update({ occurredOn: "2025-12-24" })).toEqual({ occurredOn: "2025-12-01", occurredOnPrecision: "MONTH" }); // the precision it has
    expect(await update({ occurredOnPrecision: "YEAR" })).toEqual({ occurredOn: "2025-01-01", occurredOnPrecision: "YEAR" }); // coarser: the year's first day
    expect(await update({ occurredOn: "2025-03-14", occurredOnPrecision: "DAY" })).toEqual({ occurredOn: "2025-03-14", occurredOnPrecision: "DAY" });
    const AGREEMENT = `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { signedOn signedOnPrecision } } }`;
    const a = await api().run(AGREEMENT, { input: { code: `PREC-${u()}`, title: "Signed some time in 2024", signedOn: "2024-06-15", signedOnPrecision: "YEAR", parties: [{ institutionId: w.jp.ids.host, role: "HOST" }, { institutionId: w.jp.ids.partner, role: "PARTNER" }], focusAreas: ["TCM"] } }, admin(w.jp.host));
    expect(a.errors).toBeUndefined();
    expect(a.data.createAgreement.agreement).toEqual({ signedOn: "2024-01-01", signedOnPrecision: "YEAR" });
  });
});
