import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import {
  agreementFocusAreas,
  agreementParties,
  agreements,
  cohorts,
  countries,
  dispatches,
  dispatchMembers,
  dispatchPurposes,
  enrollments,
  enrollmentStatusChanges,
  institutionFigures,
  institutions,
  jointLabs,
  labMilestones,
  labProjects,
  programs,
  sources,
  students,
  telemedicineLinks,
} from "../../src/db/schema.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildJointProgram, studentRow, type JointProgram } from "../factories/joint-program.js";
import { buildPeople, type People } from "../factories/people.js";
import { buildTree } from "../factories/tree.js";
import { describeEachEngine, PLATFORM_ADMIN } from "../helpers/engines.js";

// The reports on rows the test writes itself, with exact counts: what goes in comes out.

type Status = (typeof enrollments.$inferSelect)["status"];
const ENROLLED: Status[] = ["NOMINATED", "ADMITTED", "ENROLLED"];

/** A student with one enrollment whose history walks `path`; the enrollment ends in its last status. */
async function enrol(db: Db, cohortId: number, homeInstitutionId: number, nationality: string, path: Status[]) {
  const [s] = await db.insert(students).values({ ...studentRow({ nationality }), homeInstitutionId }).returning({ id: students.id });
  const [e] = await db.insert(enrollments).values({ studentId: s.id, cohortId, status: path.at(-1)! }).returning({ id: enrollments.id });
  await db.insert(enrollmentStatusChanges).values(path.map((to, i) => ({ enrollmentId: e.id, fromStatus: i ? path[i - 1] : null, toStatus: to, actor: "test" })));
}

async function times(n: number, f: () => Promise<void>) {
  for (let i = 0; i < n; i++) await f();
}

interface StudentWorld {
  jp: JointProgram;
  /** Intake 2085: the reconciliation example. */
  current: number;
  /** Intake 2080: a finished cohort. */
  finished: number;
  /** Intake 2090: four Central Asian students who started. */
  small: number;
  /** A program with no agreement and an empty cohort (intake 2086). */
  bare: { program: number; cohort: number };
}

async function buildStudentWorld(db: Db): Promise<StudentWorld> {
  const jp = await buildJointProgram(db);
  await db.insert(countries).values({ code: "RU", nameEn: "Russia" }).onConflictDoNothing();
  const [a] = await db.insert(agreements).values({ code: `REP-${jp.ids.program}`, title: "Founding agreement", placesPerYear: 12 }).returning({ id: agreements.id });
  await db.update(programs).set({ agreementId: a.id }).where(eq(programs.id, jp.programId));
  const cohort = async (programId: number, intakeYear: number, capacity: number) =>
    (
      await db
        .insert(cohorts)
        .values({ programId, intakeYear, name: `Test ${intakeYear}`, capacity, startDate: `${intakeYear}-09-01`, expectedGraduation: `${intakeYear + 5}-07-01` })
        .returning({ id: cohorts.id })
    )[0].id;
  const current = await cohort(jp.programId, 2085, 10);
  const finished = await cohort(jp.programId, 2080, 5);
  const small = await cohort(jp.programId, 2090, 10);

  // 2085: 3 enrolled, 1 on leave, 2 withdrawn (one after enrolling, one before), 1 rejected, 1 still nominated, 1 admitted.
  await times(3, () => enrol(db, current, jp.partner, "UZ", ENROLLED));
  await enrol(db, current, jp.partner, "UZ", [...ENROLLED, "ON_LEAVE"]);
  await enrol(db, current, jp.outsider, "KZ", [...ENROLLED, "WITHDRAWN"]);
  await enrol(db, current, jp.outsider, "KZ", ["NOMINATED", "ADMITTED", "WITHDRAWN"]);
  await enrol(db, current, jp.partner, "UZ", ["NOMINATED", "REJECTED"]);
  await enrol(db, current, jp.partner, "UZ", ["NOMINATED"]);
  await enrol(db, current, jp.outsider, "KZ", ["NOMINATED", "ADMITTED"]);
  // 2080: two graduates from Russia (applied directly), one Uzbek who left after enrolling.
  await times(2, () => enrol(db, finished, jp.host, "RU", [...ENROLLED, "GRADUATED"]));
  await enrol(db, finished, jp.partner, "UZ", [...ENROLLED, "ON_LEAVE", "ENROLLED", "WITHDRAWN"]);
  // 2090: four Central Asian students started, one Russian started, two Central Asian nominations pending.
  await times(4, () => enrol(db, small, jp.partner, "UZ", ENROLLED));
  await enrol(db, small, jp.host, "RU", ENROLLED);
  await times(2, () => enrol(db, small, jp.partner, "UZ", ["NOMINATED"]));

  const [bareProgram] = await db
    .insert(programs)
    .values({ code: `REP-BARE-${jp.ids.program}`, titleEn: "Bare program", hostInstitutionId: jp.host, level: "MASTER", iscedField: "0912", lengthYears: 3, launchYear: 2086 })
    .returning({ id: programs.id });
  const bareCohort = await cohort(bareProgram.id, 2086, 7);
  return { jp, current, finished, small, bare: { program: bareProgram.id, cohort: bareCohort } };
}

interface ActivityWorld {
  pp: People;
  uzHost: number;
  dispatch: Record<"d1" | "d2" | "d3" | "d4" | "d5", number>;
  lab2: number;
  agreementHost: number;
  agreement: Record<"a1" | "a2" | "a3" | "a4", number>;
  xjHospital: [number, number];
  figureInstitution: number;
}

async function buildActivityWorld(db: Db): Promise<ActivityWorld> {
  const pp = await buildPeople(db);
  await db.insert(countries).values({ code: "UZ", nameEn: "Uzbekistan", centralAsia: true }).onConflictDoNothing();
  const inst = async (slug: string, countryCode: string, kind: "HOSPITAL" | "UNIVERSITY" = "HOSPITAL") =>
    (await db.insert(institutions).values({ slug: `${pp.tag}-${slug}`, kind, countryCode, nameEn: `${pp.tag} ${slug}` }).returning({ id: institutions.id }))[0].id;
  const uzHost = await inst("uz-host", "UZ");

  // Dispatches sent by the sender in 2091–2092: d4 is cancelled and never counts; d5 has no team and no purpose.
  const specs = [
    ["d1", pp.inst.host, "KZ", "2091-03-01", "2091-03-10", "COMPLETED", ["TECHNICAL_TRAINING", "HEALTH_EDUCATION"], [pp.expert.a, pp.expert.b]],
    ["d2", pp.inst.host, "KZ", "2091-06-01", "2091-06-10", "PLANNED", ["TECHNICAL_TRAINING"], [pp.expert.a, pp.expert.c]],
    ["d3", uzHost, "UZ", "2092-01-05", "2092-01-15", "IN_PROGRESS", ["COMPLEX_CASE_DIAGNOSIS"], [pp.expert.b, pp.expert.nurse]],
    ["d4", uzHost, "UZ", "2092-02-01", "2092-02-10", "CANCELLED", ["SURGICAL_SUPPORT"], [pp.expert.a, pp.expert.b, pp.expert.c, pp.expert.d, pp.expert.surgeon]],
    ["d5", pp.inst.host, "KZ", "2092-03-01", "2092-03-05", "COMPLETED", [], []],
  ] as const;
  const dispatch = {} as ActivityWorld["dispatch"];
  for (const [key, host, countryCode, startDate, endDate, status, purposes, team] of specs) {
    const [d] = await db
      .insert(dispatches)
      .values({ code: `${pp.tag}-${key}`, title: key, sendingInstitutionId: pp.inst.sender, hostInstitutionId: host, countryCode, startDate, endDate, status })
      .returning({ id: dispatches.id });
    dispatch[key] = d.id;
    if (purposes.length) await db.insert(dispatchPurposes).values(purposes.map((purpose) => ({ dispatchId: d.id, purpose })));
    if (team.length) await db.insert(dispatchMembers).values(team.map((expertId) => ({ dispatchId: d.id, expertId })));
  }

  // Lab 1 (led by the sender, the KZ host a member): four projects; lab 2 (led by the outsider): one.
  const project = async (labId: number, key: string, status: (typeof labProjects.$inferSelect)["status"], startDate: string | null = null) =>
    (await db.insert(labProjects).values({ code: `${pp.tag}-${key}`, labId, title: key, status, startDate, principalInvestigatorId: pp.expert.a }).returning({ id: labProjects.id }))[0].id;
  const p1 = await project(pp.labId, "p1", "ACTIVE", "2091-01-01");
  const p2 = await project(pp.labId, "p2", "ON_HOLD");
  const p3 = await project(pp.labId, "p3", "COMPLETED");
  await project(pp.labId, "p4", "PROPOSED");
  const [lab2] = await db.insert(jointLabs).values({ code: `${pp.tag}-LAB2`, nameEn: `${pp.tag} Second Lab`, leadInstitutionId: pp.inst.outsider }).returning({ id: jointLabs.id });
  const p5 = await project(lab2.id, "p5", "ACTIVE");
  await db.insert(labMilestones).values([
    { projectId: p1, title: "m1", dueOn: "2091-02-01" },
    { projectId: p1, title: "m2", dueOn: "2091-03-01" },
    { projectId: p1, title: "m3 (done)", dueOn: "2091-01-15", doneOn: "2091-01-14" },
    { projectId: p1, title: "m4 (not due)", dueOn: "2092-01-01" },
    { projectId: p2, title: "m5", dueOn: "2091-05-01" },
    { projectId: p3, title: "m6 (project completed)", dueOn: "2091-01-01" },
    { projectId: p5, title: "m7", dueOn: "2090-12-31" },
  ]);

  // Agreements of one host university with a UZ partner and a KZ outsider.
  const jp = await buildJointProgram(db);
  const agreement = {} as ActivityWorld["agreement"];
  const aSpecs = [
    ["a1", "2091-05-01", "2095-06-30", "ACTIVE", [jp.host, jp.partner], ["JOINT_EDUCATION", "TCM"]],
    ["a2", "2092-01-01", "2095-07-15", "ACTIVE", [jp.host, jp.outsider], ["TELEMEDICINE"]],
    ["a3", "2092-03-01", "2099-01-01", "ACTIVE", [jp.host, jp.partner, jp.outsider], ["TELEMEDICINE", "JOINT_RESEARCH"]],
    ["a4", null, null, "DRAFT", [jp.host, jp.outsider], ["TCM"]],
  ] as const;
  for (const [key, signedOn, validUntil, status, parties, areas] of aSpecs) {
    const [a] = await db
      .insert(agreements)
      .values({ code: `${pp.tag}-${key}`, title: key, signedOn, signedOnPrecision: signedOn ? "DAY" : null, validUntil, status })
      .returning({ id: agreements.id });
    agreement[key] = a.id;
    await db.insert(agreementParties).values(parties.map((institutionId, i) => ({ agreementId: a.id, institutionId, role: i ? ("PARTNER" as const) : ("HOST" as const) })));
    await db.insert(agreementFocusAreas).values(areas.map((area) => ({ agreementId: a.id, area })));
  }

  // Telemedicine since 2091: two Xinjiang hospitals, four partner hospitals abroad linked (a fifth is not).
  const h1 = await inst("xj-h1", "CN");
  const h2 = await inst("xj-h2", "CN");
  const [u1, u2, , k1, k2] = [await inst("uz-p1", "UZ"), await inst("uz-p2", "UZ"), await inst("uz-p3", "UZ"), await inst("kz-p1", "KZ"), await inst("kz-p2", "KZ")];
  await db.insert(telemedicineLinks).values([
    { xinjiangHospitalId: h1, partnerHospitalId: u1, since: "2091-01-01", sincePrecision: "DAY" },
    { xinjiangHospitalId: h1, partnerHospitalId: u2, since: "2091-02-01", sincePrecision: "DAY" },
    { xinjiangHospitalId: h2, partnerHospitalId: u2, since: "2092-01-01", sincePrecision: "DAY" },
    { xinjiangHospitalId: h2, partnerHospitalId: k1, since: "2092-02-01", sincePrecision: "DAY" },
    { xinjiangHospitalId: h1, partnerHospitalId: k2, since: "2092-03-01", sincePrecision: "DAY" },
  ]);

  // Figures of one hospital, with their source.
  const figureInstitution = await inst("figures", "CN");
  const [src] = await db.insert(sources).values({ slug: `${pp.tag}-src`, title: `${pp.tag} annual report`, language: "en" }).returning({ id: sources.id });
  await db.insert(institutionFigures).values([
    { institutionId: figureInstitution, metric: "INTERNATIONAL_BEDS", value: 120, asOf: "2092-12-31", sourceId: src.id },
    { institutionId: figureInstitution, metric: "INTERNATIONAL_PATIENTS_TREATED", value: 5000, qualifier: "AT_LEAST", asOf: "2092-12-31", sourceId: src.id },
    { institutionId: figureInstitution, metric: "INTERNATIONAL_BEDS", value: 100, asOf: "2091-12-31", sourceId: src.id },
  ]);

  return { pp, uzHost, dispatch, lab2: lab2.id, agreementHost: jp.host, agreement, xjHospital: [h1, h2], figureInstitution };
}

describeEachEngine("reports on rows the test writes", {}, (api) => {
  let w: StudentWorld;
  let x: ActivityWorld;
  beforeAll(async () => {
    w = await buildStudentWorld(api().database.db);
    x = await buildActivityWorld(api().database.db);
  });

  const run = async (query: string, variables?: Record<string, unknown>, viewer: Viewer | null = PLATFORM_ADMIN) => {
    const r = await api().run(query, variables, viewer);
    expect(r.errors, query).toBeUndefined();
    return r;
  };
  const gid = (type: string, id: number) => toGlobalId(type, id);

  const RECONCILE = `query($f: CohortFilter) { cohortReconciliation(first: 100, filter: $f) {
    totalCount nodes { cohortId cohort { name } intakeYear placesAgreed capacity nominated admitted enrolled onLeave graduated withdrawn rejected seatsTaken seatsLeft } } }`;

  it("cohort reconciliation shows exactly what was written", async () => {
    const r = await run(RECONCILE, { f: { programId: w.jp.ids.program, intakeYearFrom: 2080, intakeYearTo: 2090 } });
    expect(r.data.cohortReconciliation.totalCount).toBe(3);
    expect(r.data.cohortReconciliation.nodes).toEqual([
      { cohortId: gid("Cohort", w.finished), cohort: { name: "Test 2080" }, intakeYear: 2080, placesAgreed: 12, capacity: 5,
        nominated: 3, admitted: 3, enrolled: 0, onLeave: 0, graduated: 2, withdrawn: 1, rejected: 0, seatsTaken: 0, seatsLeft: 5 },
      { cohortId: gid("Cohort", w.current), cohort: { name: "Test 2085" }, intakeYear: 2085, placesAgreed: 12, capacity: 10,
        nominated: 9, admitted: 7, enrolled: 3, onLeave: 1, graduated: 0, withdrawn: 2, rejected: 1, seatsTaken: 4, seatsLeft: 6 },
      { cohortId: gid("Cohort", w.small), cohort: { name: "Test 2090" }, intakeYear: 2090, placesAgreed: 12, capacity: 10,
        nominated: 7, admitted: 5, enrolled: 5, onLeave: 0, graduated: 0, withdrawn: 0, rejected: 0, seatsTaken: 5, seatsLeft: 5 },
    ]);
    // a program without an agreement: no places agreed; an empty cohort: zeros, every seat left
    const bare = await run(RECONCILE, { f: { programId: gid("Program", w.bare.program) } });
    expect(bare.data.cohortReconciliation.nodes).toEqual([
      { cohortId: gid("Cohort", w.bare.cohort), cohort: { name: "Test 2086" }, intakeYear: 2086, placesAgreed: null, capacity: 7,
        nominated: 0, admitted: 0, enrolled: 0, onLeave: 0, graduated: 0, withdrawn: 0, rejected: 0, seatsTaken: 0, seatsLeft: 7 },
    ]);
    // by host institution: the joint program's four cohorts (2026 from the factory) and the bare one
    const byHost = await run(RECONCILE, { f: { hostInstitutionId: w.jp.ids.host } });
    expect(byHost.data.cohortReconciliation.nodes.map((n: any) => n.intakeYear)).toEqual([2026, 2080, 2085, 2086, 2090]);
  });

  it("cohort reconciliation counts only the students the caller may list; seats stay whole", async () => {
    const f = { f: { programId: w.jp.ids.program, intakeYearFrom: 2085, intakeYearTo: 2085 } };
    const pick = (d: any) => {
      const { nominated, admitted, enrolled, onLeave, withdrawn, rejected, seatsTaken, seatsLeft } = d.cohortReconciliation.nodes[0];
      return { nominated, admitted, enrolled, onLeave, withdrawn, rejected, seatsTaken, seatsLeft };
    };
    expect(pick((await run(RECONCILE, f, w.jp.as.hostAdmin)).data)).toEqual({ nominated: 9, admitted: 7, enrolled: 3, onLeave: 1, withdrawn: 2, rejected: 1, seatsTaken: 4, seatsLeft: 6 });
    expect(pick((await run(RECONCILE, f, w.jp.as.partnerRegistrar)).data)).toEqual({ nominated: 6, admitted: 4, enrolled: 3, onLeave: 1, withdrawn: 0, rejected: 1, seatsTaken: 4, seatsLeft: 6 });
    expect(pick((await run(RECONCILE, f, w.jp.as.outsiderRegistrar)).data)).toEqual({ nominated: 3, admitted: 3, enrolled: 0, onLeave: 0, withdrawn: 2, rejected: 0, seatsTaken: 4, seatsLeft: 6 });
    expect(pick((await run(RECONCILE, f, w.jp.as.outsiderAdmin)).data)).toEqual({ nominated: 3, admitted: 3, enrolled: 0, onLeave: 0, withdrawn: 2, rejected: 0, seatsTaken: 4, seatsLeft: 6 });
    for (const [viewer, code] of [[null, "UNAUTHENTICATED"], [w.jp.as.researchOffice, "FORBIDDEN"], [w.jp.as.coordinator, "FORBIDDEN"]] as const) {
      const r = await api().run(RECONCILE, f, viewer);
      expect(r.errors?.[0].extensions?.code).toBe(code);
      expect(r.data).toBeNull();
    }
  });

  it("student counts: exact groups by cohort and status, nationality, intake year; ever enrolled from the history", async () => {
    const q = `query($g: [StudentDimension!]!, $f: StudentReportFilter) { studentCounts(groupBy: $g, filter: $f) { cohortId status nationality intakeYear programId students } }`;
    const f = { programId: w.jp.ids.program, yearFrom: 2080, yearTo: 2090 };
    const rows = async (g: string[], filter: Record<string, unknown> = f, viewer: Viewer | null = PLATFORM_ADMIN) =>
      (await run(q, { g, f: filter }, viewer)).data.studentCounts.map((r: any) => Object.fromEntries(Object.entries(r).filter(([, v]) => v != null)));
    const c = (id: number) => gid("Cohort", id);
    expect(await rows(["COHORT", "STATUS"])).toEqual([
      { cohortId: c(w.current), status: "NOMINATED", students: 1 },
      { cohortId: c(w.current), status: "ADMITTED", students: 1 },
      { cohortId: c(w.current), status: "ENROLLED", students: 3 },
      { cohortId: c(w.current), status: "ON_LEAVE", students: 1 },
      { cohortId: c(w.current), status: "REJECTED", students: 1 },
      { cohortId: c(w.current), status: "WITHDRAWN", students: 2 },
      { cohortId: c(w.finished), status: "GRADUATED", students: 2 },
      { cohortId: c(w.finished), status: "WITHDRAWN", students: 1 },
      { cohortId: c(w.small), status: "NOMINATED", students: 2 },
      { cohortId: c(w.small), status: "ENROLLED", students: 5 },
    ]);
    expect(await rows(["NATIONALITY"])).toEqual([
      { nationality: "KZ", students: 3 },
      { nationality: "RU", students: 3 },
      { nationality: "UZ", students: 13 },
    ]);
    expect(await rows(["INTAKE_YEAR", "PROGRAM"])).toEqual([
      { intakeYear: 2080, programId: w.jp.ids.program, students: 3 },
      { intakeYear: 2085, programId: w.jp.ids.program, students: 9 },
      { intakeYear: 2090, programId: w.jp.ids.program, students: 7 },
    ]);
    expect(await rows(["INTAKE_YEAR"], { ...f, everEnrolled: true })).toEqual([
      { intakeYear: 2080, students: 3 },
      { intakeYear: 2085, students: 5 },
      { intakeYear: 2090, students: 5 },
    ]);
    expect(await rows(["INTAKE_YEAR"], { ...f, everEnrolled: false, centralAsian: true })).toEqual([
      { intakeYear: 2085, students: 4 },
      { intakeYear: 2090, students: 2 },
    ]);
    expect(await rows([], { ...f, statuses: ["WITHDRAWN"], homeInstitutionId: w.jp.ids.outsider })).toEqual([{ students: 2 }]);
    expect(await rows([], { ...f, nationalities: ["MN"] })).toEqual([{ students: 0 }]);
    // scoped: the partner registrar counts its own students, the outsider registrar its own
    expect(await rows(["NATIONALITY"], f, w.jp.as.partnerRegistrar)).toEqual([{ nationality: "UZ", students: 13 }]);
    expect(await rows(["NATIONALITY"], f, w.jp.as.outsiderRegistrar)).toEqual([{ nationality: "KZ", students: 3 }]);
    expect(await rows(["NATIONALITY"], f, w.jp.as.hostAdmin)).toEqual(await rows(["NATIONALITY"]));
  });

  it("Central Asian intake: exact for who may list students, counts of 1 to 4 withheld from anyone else", async () => {
    const q = `query($f: IntakeReportFilter) { centralAsianIntake(filter: $f) { intakeYear students suppressed } }`;
    const years = { f: { yearFrom: 2080, yearTo: 2090 } };
    const exact = [
      { intakeYear: 2080, students: 1, suppressed: false },
      { intakeYear: 2085, students: 5, suppressed: false },
      { intakeYear: 2090, students: 4, suppressed: false },
    ];
    expect((await run(q, years)).data.centralAsianIntake).toEqual(exact);
    expect((await run(q, years, w.jp.as.hostAdmin)).data.centralAsianIntake).toEqual(exact);
    const withheld = [
      { intakeYear: 2080, students: null, suppressed: true },
      { intakeYear: 2085, students: 5, suppressed: false },
      { intakeYear: 2090, students: null, suppressed: true },
    ];
    expect((await run(q, years, null)).data.centralAsianIntake).toEqual(withheld);
    expect((await run(q, years, w.jp.as.researchOffice)).data.centralAsianIntake).toEqual(withheld);
    expect((await run(q, years, w.jp.as.coordinator)).data.centralAsianIntake).toEqual(withheld);
    // a registrar gets its own students exactly, small or not, and may narrow
    expect((await run(q, { f: { ...years.f, nationalities: ["KZ"] } }, w.jp.as.outsiderRegistrar)).data.centralAsianIntake).toEqual([{ intakeYear: 2085, students: 1, suppressed: false }]);
    expect((await run(q, { f: { programId: w.jp.ids.program } })).data.centralAsianIntake).toEqual(exact);
    // anyone else may not narrow it beyond years (a narrower count minus a wider one would give a withheld one back)
    const r = await api().run(q, { f: { ...years.f, programId: w.jp.ids.program } }, null);
    expect(r.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", field: "filter.programId" });
  });

  it("student reports run a fixed number of statements for 3 cohorts or for 8", async () => {
    const tree = await buildTree(api().database.db, { institutions: 1, programsEach: 4, cohortsEach: 2, enrollmentsEach: 3 });
    const treeHost = gid("Institution", tree.institutionIds[0]);
    const few = await run(RECONCILE, { f: { programId: w.jp.ids.program, intakeYearFrom: 2080 } });
    const many = await run(RECONCILE, { f: { hostInstitutionId: treeHost } });
    expect(few.data.cohortReconciliation.nodes).toHaveLength(3);
    expect(many.data.cohortReconciliation.nodes).toHaveLength(8);
    expect(many.data.cohortReconciliation.nodes.every((n: any) => n.enrolled === 3 && n.nominated === 0)).toBe(true); // no history written by the tree
    expect([few.statements, many.statements]).toEqual([3, 3]); // page, totalCount, cohort
    const q = `query($f: StudentReportFilter) { studentCounts(groupBy: [COHORT, PROGRAM], filter: $f) { cohort { name } program { code host { nameEn } } students } }`;
    const a = await run(q, { f: { programId: w.jp.ids.program } });
    const b = await run(q, { f: { hostInstitutionId: treeHost } });
    expect(b.data.studentCounts).toHaveLength(8);
    expect(a.data.studentCounts.length).toBeLessThan(8);
    expect([a.statements, b.statements]).toEqual([4, 4]); // counts, cohort + program (one tick each), host
  });

  it("dispatches: distinct experts and dispatches, exactly, cancelled ones left out", async () => {
    const q = `query($g: [DispatchDimension!]!, $f: DispatchReportFilter) { dispatchCounts(groupBy: $g, filter: $f) { countryCode purpose specialty year experts dispatches } }`;
    const base = { sendingInstitutionId: x.pp.ids.sender, yearFrom: 2091, yearTo: 2092 };
    const rows = async (g: string[], f: Record<string, unknown> = {}) =>
      (await run(q, { g, f: { ...base, ...f } }, null)).data.dispatchCounts.map((r: any) => Object.fromEntries(Object.entries(r).filter(([, v]) => v != null)));
    expect(await rows([])).toEqual([{ experts: 4, dispatches: 4 }]);
    expect(await rows(["COUNTRY"])).toEqual([
      { countryCode: "KZ", experts: 3, dispatches: 3 },
      { countryCode: "UZ", experts: 2, dispatches: 1 },
    ]);
    expect(await rows(["YEAR"])).toEqual([
      { year: 2091, experts: 3, dispatches: 2 },
      { year: 2092, experts: 2, dispatches: 2 },
    ]);
    expect(await rows(["PURPOSE"])).toEqual([
      { purpose: "COMPLEX_CASE_DIAGNOSIS", experts: 2, dispatches: 1 },
      { purpose: "HEALTH_EDUCATION", experts: 2, dispatches: 1 },
      { purpose: "TECHNICAL_TRAINING", experts: 3, dispatches: 2 },
    ]);
    expect(await rows(["SPECIALTY"])).toEqual([
      { specialty: "Cardiology", experts: 1, dispatches: 2 },
      { specialty: "Nursing", experts: 1, dispatches: 1 },
      { specialty: "Oncology", experts: 1, dispatches: 2 },
      { specialty: "Traditional Chinese Medicine", experts: 1, dispatches: 1 },
    ]);
    expect(await rows(["YEAR", "COUNTRY"])).toEqual([
      { year: 2091, countryCode: "KZ", experts: 3, dispatches: 2 },
      { year: 2092, countryCode: "KZ", experts: 0, dispatches: 1 },
      { year: 2092, countryCode: "UZ", experts: 2, dispatches: 1 },
    ]);
    expect(await rows([], { specialty: "Oncology" })).toEqual([{ experts: 1, dispatches: 2 }]);
    expect(await rows([], { purposes: ["HEALTH_EDUCATION"] })).toEqual([{ experts: 2, dispatches: 1 }]);
    expect(await rows(["PURPOSE"], { purposes: ["HEALTH_EDUCATION"] })).toEqual([{ purpose: "HEALTH_EDUCATION", experts: 2, dispatches: 1 }]);
    expect(await rows([], { statuses: ["COMPLETED"] })).toEqual([{ experts: 2, dispatches: 2 }]);
    expect(await rows([], { countryCodes: ["UZ"] })).toEqual([{ experts: 2, dispatches: 1 }]);
    expect(await rows([], { centralAsia: false })).toEqual([{ experts: 0, dispatches: 0 }]);
    expect(await rows([], { hostInstitutionId: x.pp.ids.host })).toEqual([{ experts: 3, dispatches: 3 }]);
    expect(await rows([], { yearFrom: 2092 })).toEqual([{ experts: 2, dispatches: 2 }]);
  });

  it("labs and projects by status; overdue milestones per lab, exactly", async () => {
    const q = `query($g: [LabProjectDimension!]!, $f: LabProjectReportFilter) { labProjectCounts(groupBy: $g, filter: $f) { status labId projects labs } }`;
    const rows = async (g: string[], f: Record<string, unknown>) =>
      (await run(q, { g, f }, null)).data.labProjectCounts.map((r: any) => Object.fromEntries(Object.entries(r).filter(([, v]) => v != null)));
    const lab1 = x.pp.ids.lab;
    const lab2 = gid("JointLab", x.lab2);
    expect(await rows(["STATUS"], { institutionId: x.pp.ids.sender })).toEqual([
      { status: "PROPOSED", projects: 1, labs: 1 },
      { status: "ACTIVE", projects: 1, labs: 1 },
      { status: "ON_HOLD", projects: 1, labs: 1 },
      { status: "COMPLETED", projects: 1, labs: 1 },
    ]);
    expect(await rows(["LAB", "STATUS"], { labId: lab2 })).toEqual([{ labId: lab2, status: "ACTIVE", projects: 1, labs: 1 }]);
    expect(await rows([], { countryCode: "KZ" })).toEqual([{ projects: 4, labs: 1 }]);
    expect(await rows(["STATUS"], { statuses: ["ACTIVE"], yearFrom: 2091, yearTo: 2091 })).toEqual([{ status: "ACTIVE", projects: 1, labs: 1 }]);
    const both = await run(`query($i: ID!, $o: ID!) {
      sender: overdueMilestoneReport(asOf: "2091-06-01", filter: { institutionId: $i }) { asOf milestones projects labs byLab { labId lab { nameEn } milestones projects oldestDueOn } }
      outsider: overdueMilestoneReport(asOf: "2091-06-01", filter: { institutionId: $o }) { milestones projects labs byLab { labId milestones projects oldestDueOn } }
      early: overdueMilestoneReport(asOf: "2090-01-01", filter: { institutionId: $i }) { milestones projects labs byLab { labId } }
      listed: overdueMilestones(asOf: "2091-06-01", labId: "${lab1}") { totalCount }
    }`, { i: x.pp.ids.sender, o: x.pp.ids.outsider }, null);
    expect(both.data.sender).toEqual({
      asOf: "2091-06-01", milestones: 3, projects: 2, labs: 1,
      byLab: [{ labId: lab1, lab: { nameEn: `${x.pp.tag} Joint Laboratory` }, milestones: 3, projects: 2, oldestDueOn: "2091-02-01" }],
    });
    expect(both.data.listed.totalCount).toBe(3);
    expect(both.data.outsider).toEqual({ milestones: 1, projects: 1, labs: 1, byLab: [{ labId: lab2, milestones: 1, projects: 1, oldestDueOn: "2090-12-31" }] });
    expect(both.data.early).toEqual({ milestones: 0, projects: 0, labs: 0, byLab: [] });
  });

  it("agreements by focus area, party country and year; expiring within N days, both ends included", async () => {
    const host = gid("Institution", x.agreementHost);
    const q = `query($g: [AgreementDimension!]!, $f: AgreementReportFilter) { agreementCounts(groupBy: $g, filter: $f) { focusArea status signedYear partyCountryCode agreements parties } }`;
    const rows = async (g: string[], f: Record<string, unknown> = {}) =>
      (await run(q, { g, f: { institutionId: host, ...f } }, null)).data.agreementCounts.map((r: any) => Object.fromEntries(Object.entries(r).filter(([, v]) => v != null)));
    expect(await rows([])).toEqual([{ agreements: 4, parties: 3 }]);
    expect(await rows(["FOCUS_AREA"])).toEqual([
      { focusArea: "TELEMEDICINE", agreements: 2, parties: 3 },
      { focusArea: "JOINT_EDUCATION", agreements: 1, parties: 2 },
      { focusArea: "JOINT_RESEARCH", agreements: 1, parties: 3 },
      { focusArea: "TCM", agreements: 2, parties: 3 },
    ]);
    expect(await rows(["FOCUS_AREA"], { focusAreas: ["TCM"] })).toEqual([{ focusArea: "TCM", agreements: 2, parties: 3 }]);
    expect(await rows([], { focusAreas: ["TCM"] })).toEqual([{ agreements: 2, parties: 3 }]);
    expect(await rows(["PARTY_COUNTRY"])).toEqual([
      { partyCountryCode: "CN", agreements: 4, parties: 1 },
      { partyCountryCode: "KZ", agreements: 3, parties: 1 },
      { partyCountryCode: "UZ", agreements: 2, parties: 1 },
    ]);
    expect(await rows(["SIGNED_YEAR", "STATUS"])).toEqual([
      { signedYear: 2091, status: "ACTIVE", agreements: 1, parties: 2 },
      { signedYear: 2092, status: "ACTIVE", agreements: 2, parties: 3 },
      { status: "DRAFT", agreements: 1, parties: 2 },
    ]);
    expect(await rows([], { countryCode: "UZ", yearFrom: 2092 })).toEqual([{ agreements: 1, parties: 3 }]);
    expect(await rows([], { expiringWithinDays: 30, asOf: "2095-06-20" })).toEqual([{ agreements: 2, parties: 3 }]);
    expect(await rows([], { expiringWithinDays: 10, asOf: "2095-06-20" })).toEqual([{ agreements: 1, parties: 2 }]);
    expect(await rows([], { expiringWithinDays: 9, asOf: "2095-06-20" })).toEqual([{ agreements: 0, parties: 0 }]);

    const e = `query($d: Int!, $a: LocalDate, $f: AgreementReportFilter) { expiringAgreements(withinDays: $d, asOf: $a, filter: $f) { validUntil daysLeft agreement { id title } } }`;
    const list = async (d: number, a: string) => (await run(e, { d, a, f: { institutionId: host } }, null)).data.expiringAgreements;
    expect(await list(30, "2095-06-20")).toEqual([
      { validUntil: "2095-06-30", daysLeft: 10, agreement: { id: gid("Agreement", x.agreement.a1), title: "a1" } },
      { validUntil: "2095-07-15", daysLeft: 25, agreement: { id: gid("Agreement", x.agreement.a2), title: "a2" } },
    ]);
    expect(await list(10, "2095-06-20")).toEqual([{ validUntil: "2095-06-30", daysLeft: 10, agreement: { id: gid("Agreement", x.agreement.a1), title: "a1" } }]);
    expect(await list(30, "2095-06-30")).toEqual([
      { validUntil: "2095-06-30", daysLeft: 0, agreement: { id: gid("Agreement", x.agreement.a1), title: "a1" } },
      { validUntil: "2095-07-15", daysLeft: 15, agreement: { id: gid("Agreement", x.agreement.a2), title: "a2" } },
    ]);
    expect(await list(30, "2095-07-01")).toEqual([{ validUntil: "2095-07-15", daysLeft: 14, agreement: { id: gid("Agreement", x.agreement.a2), title: "a2" } }]);
    expect(await list(3650, "2095-07-16")).toEqual([{ validUntil: "2099-01-01", daysLeft: 1265, agreement: { id: gid("Agreement", x.agreement.a3), title: "a3" } }]);
  });

  it("telemedicine partners by country and by Xinjiang hospital, exactly", async () => {
    const q = `query($g: [TelemedicineDimension!]!, $f: TelemedicineReportFilter) { telemedicinePartnerCounts(groupBy: $g, filter: $f) { partnerCountryCode xinjiangHospitalId partners xinjiangHospitals links } }`;
    const rows = async (g: string[], f: Record<string, unknown> = {}) =>
      (await run(q, { g, f: { yearFrom: 2091, ...f } }, null)).data.telemedicinePartnerCounts.map((r: any) => Object.fromEntries(Object.entries(r).filter(([, v]) => v != null)));
    const [h1, h2] = x.xjHospital.map((id) => gid("Institution", id));
    expect(await rows([])).toEqual([{ partners: 4, xinjiangHospitals: 2, links: 5 }]);
    expect(await rows(["PARTNER_COUNTRY"])).toEqual([
      { partnerCountryCode: "KZ", partners: 2, xinjiangHospitals: 2, links: 2 },
      { partnerCountryCode: "UZ", partners: 2, xinjiangHospitals: 2, links: 3 },
    ]);
    expect(await rows(["XINJIANG_HOSPITAL"])).toEqual([
      { xinjiangHospitalId: h1, partners: 3, xinjiangHospitals: 1, links: 3 },
      { xinjiangHospitalId: h2, partners: 2, xinjiangHospitals: 1, links: 2 },
    ]);
    expect(await rows([], { xinjiangHospitalId: h2 })).toEqual([{ partners: 2, xinjiangHospitals: 1, links: 2 }]);
    expect(await rows([], { partnerCountryCodes: ["KZ"], yearTo: 2092 })).toEqual([{ partners: 2, xinjiangHospitals: 2, links: 2 }]);
    expect(await rows([], { yearTo: 2091 })).toEqual([{ partners: 2, xinjiangHospitals: 1, links: 2 }]);
    expect(await rows([], { centralAsia: false })).toEqual([{ partners: 0, xinjiangHospitals: 0, links: 0 }]);
  });

  it("figures over time: by metric, then date, each with its source", async () => {
    const q = `query($f: FigureReportFilter, $n: Int) { figureSeries(filter: $f, first: $n) { metric value qualifier asOf institution { id } source { title } } }`;
    const i = gid("Institution", x.figureInstitution);
    const src = { title: `${x.pp.tag} annual report` };
    expect((await run(q, { f: { institutionId: i } }, null)).data.figureSeries).toEqual([
      { metric: "INTERNATIONAL_PATIENTS_TREATED", value: 5000, qualifier: "AT_LEAST", asOf: "2092-12-31", institution: { id: i }, source: src },
      { metric: "INTERNATIONAL_BEDS", value: 100, qualifier: "EXACT", asOf: "2091-12-31", institution: { id: i }, source: src },
      { metric: "INTERNATIONAL_BEDS", value: 120, qualifier: "EXACT", asOf: "2092-12-31", institution: { id: i }, source: src },
    ]);
    expect((await run(q, { f: { institutionId: i, yearFrom: 2092 } })).data.figureSeries.map((f: any) => f.value)).toEqual([5000, 120]);
    expect((await run(q, { f: { institutionId: i, metrics: ["INTERNATIONAL_BEDS"] }, n: 1 })).data.figureSeries.map((f: any) => f.value)).toEqual([100]);
  });
});
