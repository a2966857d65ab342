import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { academicTerms, auditLog, cohorts, courseResults, courseUnits, enrollments, offerings, programs, progressionDecisions, yearCreditRules } from "../../src/db/schema.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { academicYearLabel } from "../../src/modules/education/academic-year.rules.js";
import { buildEducation, day, type Education } from "../factories/education.js";
import { buildJointProgram, enrollAtPartner, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine } from "../helpers/engines.js";

const ADVANCE = `mutation($input: AdvanceCohortInput!) { advanceCohort(input: $input) {
  cohort { currentYearOfStudy }
  advanced { id kind fromYear creditsEarned creditsRequired creditsShort missingUnits enrollment { id yearOfStudy } }
  heldBack { id kind fromYear creditsEarned creditsRequired creditsShort missingUnits enrollment { id yearOfStudy } } } }`;
const OVERRIDE = `mutation($input: OverrideProgressionInput!) { overrideProgression(input: $input) { decision { kind reason fromYear creditsShort missingUnits enrollment { yearOfStudy } } } }`;
const GRADUATE = `mutation($input: GraduateStudentInput!) { graduateStudent(input: $input) { decision { kind reason creditsEarned creditsRequired creditsShort missingUnits awardingInstitutions { id } enrollment { status } } } }`;
const GRADUATE_COHORT = `mutation($input: GraduateCohortInput!) { graduateCohort(input: $input) {
  graduated { kind enrollment { id status } awardingInstitutions { id } } notEligible { kind creditsShort missingUnits enrollment { id status } awardingInstitutions { id } } } }`;

/** A student of the partner enrolled in the cohort, with results: [unit, passed] (credits: the unit's when passed). */
async function student(db: any, jp: JointProgram, ed: Education, units: Record<string, { id: number; offering: number; ects: number }>, results: [string, boolean][], status: "ENROLLED" | "ON_LEAVE" = "ENROLLED") {
  const e = await enrollAtPartner(db, jp, status);
  if (results.length)
    await db.insert(courseResults).values(
      results.map(([code, passed], k) => ({
        enrollmentId: e.id, offeringId: units[code].offering, unitId: units[code].id, attempt: 1 + results.slice(0, k).filter(([c]) => c === code).length,
        grade: passed ? "80" : "40", passed, creditsEarned: passed ? units[code].ects : 0, assessedOn: day(-10), enteredBy: "test",
      })),
    );
  return e.id as number;
}

describeEachEngine("progression", {}, (api) => {
  describe("advancing a cohort", () => {
    let jp: JointProgram;
    let ed: Education;
    const ids: Record<string, number> = {};
    const g = (k: string) => toGlobalId("Enrollment", ids[k]);

    beforeAll(async () => {
      const db = api().database.db;
      jp = await buildJointProgram(db);
      const b = await enrollAtPartner(db, jp);
      ed = await buildEducation(db, jp, b.id); // b passed HOST1 and TEACH1 (10 + 10); fresh has no result
      ids.b = b.id;
      ids.fresh = ed.freshEnrollment;
      // Year 1 asks for 25 credits: the two compulsory units and the elective.
      await db.insert(yearCreditRules).values({ curriculumId: ed.curriculumId, yearOfStudy: 1, creditsRequired: 25, compulsoryRequired: true });
      const [elec] = await db.insert(courseUnits).values({ curriculumId: ed.curriculumId, code: "ELEC1", titleEn: "Elective", yearOfStudy: 1, term: 1, ectsCredits: 5, creditHours: 10, compulsory: false, language: "zh", teachingInstitutionId: jp.host, gradeScaleId: ed.scales.pct }).returning({ id: courseUnits.id });
      const [o] = await db.insert(offerings).values({ unitId: elec.id, termId: ed.terms.host, cohortId: jp.cohortId, academicYear: ed.calendar.academicYear }).returning({ id: offerings.id });
      const units = { HOST1: { id: ed.units.host, offering: ed.offerings.host, ects: 10 }, TEACH1: { id: ed.units.teacher, offering: ed.offerings.teacher, ects: 10 }, ELEC1: { id: elec.id, offering: o.id, ects: 5 } };
      ids.a = await student(db, jp, ed, units, [["HOST1", true], ["TEACH1", true], ["ELEC1", true]]); // meets
      ids.resit = await student(db, jp, ed, units, [["HOST1", false], ["HOST1", true], ["TEACH1", true], ["ELEC1", true]]); // meets at the resit
      ids.c = await student(db, jp, ed, units, [["HOST1", true], ["TEACH1", false], ["ELEC1", true]]); // lacks a compulsory unit
      ids.leave = await student(db, jp, ed, units, [["HOST1", true]], "ON_LEAVE");
    });

    it("refuses other institutions and anonymous callers, and the program's last year", async () => {
      const input = { cohortId: jp.ids.cohort, yearOfStudy: 1 };
      for (const v of [jp.as.outsiderAdmin, jp.as.partnerRegistrar, jp.as.researchOffice])
        expect((await api().run(ADVANCE, { input }, v)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect((await api().run(ADVANCE, { input }, null)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
      const last = await api().run(ADVANCE, { input: { ...input, yearOfStudy: 5 } }, jp.as.hostAdmin);
      expect(last.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", field: "input.yearOfStudy" });
      const ahead = await api().run(ADVANCE, { input: { ...input, yearOfStudy: 2 } }, jp.as.hostAdmin);
      expect(ahead.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.yearOfStudy" });
      const none = await api().database.db.select().from(progressionDecisions).where(inArray(progressionDecisions.enrollmentId, Object.values(ids)));
      expect(none).toEqual([]);
    });

    it("refuses to measure a year while a term of it has not ended (the cohort's offerings' terms and the host's terms of that academic year)", async () => {
      const db = api().database.db;
      const input = { cohortId: jp.ids.cohort, yearOfStudy: 1 };
      const setTerm = (id: number, endDate: string) => db.update(academicTerms).set({ startDate: day(-120), endDate }).where(eq(academicTerms.id, id));
      const refused = async (endsOn: string) => {
        const r = await api().run(ADVANCE, { input }, jp.as.hostAdmin);
        expect(r.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", field: "input.yearOfStudy", endsOn });
        expect(await db.select().from(progressionDecisions).where(inArray(progressionDecisions.enrollmentId, Object.values(ids)))).toEqual([]);
        const [c] = await db.select({ year: cohorts.currentYearOfStudy }).from(cohorts).where(eq(cohorts.id, jp.cohortId));
        expect(c.year).toBe(1);
      };
      // Both autumn terms (the host's and the teaching institution's, each with an offering of year 1) running.
      await setTerm(ed.terms.host, day(40));
      await setTerm(ed.terms.teacher, day(44));
      await refused(day(44));
      // The host's term ends today (ended), the teacher's tomorrow: still taught.
      await setTerm(ed.terms.host, day(0));
      await setTerm(ed.terms.teacher, day(1));
      await refused(day(1));
      // Both ended; the host's spring term of the same academic year, with no offering yet, still counts.
      await setTerm(ed.terms.teacher, day(0));
      const [spring] = await db
        .insert(academicTerms)
        .values({ institutionId: jp.host, name: `${academicYearLabel(ed.calendar.academicYear)} spring`, academicYear: ed.calendar.academicYear, startDate: day(30), endDate: day(150) })
        .returning({ id: academicTerms.id });
      await refused(day(150));
      // A term of the next academic year (year 2's) does not, even offering a unit of year 1 (a resit session): year 1 is over.
      await db.update(academicTerms).set({ academicYear: ed.calendar.academicYear + 1, name: `${academicYearLabel(ed.calendar.academicYear + 1)} autumn` }).where(eq(academicTerms.id, spring.id));
      await db.insert(offerings).values({ unitId: ed.units.host, termId: spring.id, cohortId: jp.cohortId, academicYear: ed.calendar.academicYear + 1 });
    });

    it("moves on those who meet the year's rule and holds back the others with what they lack; a retry with the key does nothing more", async () => {
      const input = { cohortId: jp.ids.cohort, yearOfStudy: 1, idempotencyKey: `adv-${jp.cohortId}` };
      const r = await api().run(ADVANCE, { input }, jp.as.hostAdmin);
      expect(r.errors).toBeUndefined();
      const p = r.data.advanceCohort;
      expect(p.cohort.currentYearOfStudy).toBe(2);
      expect(p.advanced.map((d: any) => d.enrollment.id)).toEqual([g("a"), g("resit")]);
      expect(p.advanced[0]).toMatchObject({ kind: "ADVANCED", fromYear: 1, creditsEarned: 25, creditsRequired: 25, creditsShort: 0, missingUnits: [], enrollment: { yearOfStudy: 2 } });
      const held = Object.fromEntries(p.heldBack.map((d: any) => [d.enrollment.id, d]));
      expect(Object.keys(held).sort()).toEqual([g("b"), g("c"), g("fresh")].sort());
      // b: every compulsory unit, 5 credits short (no elective); c: TEACH1 not passed; fresh: nothing.
      expect(held[g("b")]).toMatchObject({ kind: "HELD_BACK", creditsEarned: 20, creditsShort: 5, missingUnits: [], enrollment: { yearOfStudy: 1 } });
      expect(held[g("c")]).toMatchObject({ creditsEarned: 15, creditsShort: 10, missingUnits: ["TEACH1"] });
      expect(held[g("fresh")]).toMatchObject({ creditsEarned: 0, creditsShort: 25, missingUnits: ["HOST1", "TEACH1"] });

      const db = api().database.db;
      const count = async () => (await db.select().from(progressionDecisions).where(inArray(progressionDecisions.enrollmentId, Object.values(ids)))).length;
      expect(await count()).toBe(5);
      const again = await api().run(ADVANCE, { input }, jp.as.hostAdmin);
      expect(again.data.advanceCohort.advanced.map((d: any) => d.id)).toEqual(p.advanced.map((d: any) => d.id));
      expect(await count()).toBe(5);
      // The student on leave stays in year 1, without a decision, while the cohort moved on.
      const [leave] = await db.select({ year: enrollments.yearOfStudy }).from(enrollments).where(eq(enrollments.id, ids.leave));
      expect(leave.year).toBe(1);
      // Each decision audited, seen in the feed by the student's home and host.
      const audits = await db.select({ to: auditLog.visibleTo }).from(auditLog).where(and(eq(auditLog.action, "progression.advance"), inArray(auditLog.entityId, Object.values(ids))));
      expect(audits).toHaveLength(5);
      expect(new Set(audits[0].to)).toEqual(new Set([jp.host, jp.partner]));
    });

    it("decisions are read by the student's home and host only", async () => {
      const q = `query($e: ID!) { enrollment(id: $e) { yearOfStudy progressionDecisions { kind creditsShort missingUnits } } }`;
      const home = await api().run(q, { e: g("c") }, jp.as.partnerRegistrar);
      expect(home.data.enrollment).toEqual({ yearOfStudy: 1, progressionDecisions: [{ kind: "HELD_BACK", creditsShort: 10, missingUnits: ["TEACH1"] }] });
      const teacher = { subject: "teacher-admin", role: "INSTITUTION_ADMIN" as const, institutionId: ed.teacher };
      const [d] = await api().database.db.select({ id: progressionDecisions.id }).from(progressionDecisions).where(eq(progressionDecisions.enrollmentId, ids.c));
      const node = `query($id: ID!) { node(id: $id) { ... on ProgressionDecision { kind } } }`;
      const gid = toGlobalId("ProgressionDecision", d.id);
      expect((await api().run(node, { id: gid }, jp.as.hostAdmin)).data.node).toEqual({ kind: "HELD_BACK" });
      for (const v of [teacher, jp.as.outsiderAdmin, null]) expect((await api().run(node, { id: gid }, v)).data?.node ?? null).toBeNull();
    });

    it("measures year 1 again: one decision per student and year, whether repeated or sent twice at once", async () => {
      const db = api().database.db;
      const mine = () => db.select().from(progressionDecisions).where(inArray(progressionDecisions.enrollmentId, Object.values(ids))).orderBy(progressionDecisions.id);
      const before = await mine();
      expect(before).toHaveLength(5);
      const input = { cohortId: jp.ids.cohort, yearOfStudy: 1 };
      // Two at once, without a key: the second waits for the first's lock on the cohort and finds its decisions.
      const both = await Promise.all([api().run(ADVANCE, { input }, jp.as.hostAdmin), api().run(ADVANCE, { input }, jp.as.hostAdmin)]);
      for (const r of both) {
        expect(r.errors).toBeUndefined();
        expect(r.data.advanceCohort.advanced).toEqual([]);
        expect(r.data.advanceCohort.heldBack.map((d: any) => d.id).sort()).toEqual(before.filter((d) => d.kind === "HELD_BACK").map((d) => toGlobalId("ProgressionDecision", d.id)).sort());
        expect(r.data.advanceCohort.cohort.currentYearOfStudy).toBe(2);
      }
      expect(await mine()).toEqual(before);
      // b passes the elective: measured again, its HELD_BACK decision becomes ADVANCED (the same decision) and b moves on.
      const [elec] = await db.select({ id: courseUnits.id }).from(courseUnits).where(and(eq(courseUnits.curriculumId, ed.curriculumId), eq(courseUnits.code, "ELEC1")));
      const [o] = await db.select({ id: offerings.id }).from(offerings).where(eq(offerings.unitId, elec.id));
      await db.insert(courseResults).values({ enrollmentId: ids.b, offeringId: o.id, unitId: elec.id, attempt: 1, grade: "70", passed: true, creditsEarned: 5, assessedOn: day(0), enteredBy: "test" });
      const r = await api().run(ADVANCE, { input }, jp.as.hostAdmin);
      expect(r.errors).toBeUndefined();
      const heldB = before.find((d) => d.enrollmentId === ids.b)!;
      expect(r.data.advanceCohort.advanced).toEqual([
        { id: toGlobalId("ProgressionDecision", heldB.id), kind: "ADVANCED", fromYear: 1, creditsEarned: 25, creditsRequired: 25, creditsShort: 0, missingUnits: [], enrollment: { id: g("b"), yearOfStudy: 2 } },
      ]);
      expect(r.data.advanceCohort.heldBack.map((d: any) => d.enrollment.id).sort()).toEqual([g("c"), g("fresh")].sort());
      const after = await mine();
      expect(after.map((d) => [d.id, d.enrollmentId, d.kind])).toEqual(before.map((d) => [d.id, d.enrollmentId, d.enrollmentId === ids.b ? "ADVANCED" : d.kind]));
      const audits = await db.select({ before: auditLog.before, after: auditLog.after }).from(auditLog).where(and(eq(auditLog.action, "progression.advance"), eq(auditLog.entityId, ids.b))).orderBy(auditLog.id);
      expect(audits.at(-1)).toMatchObject({ before: { decisionId: heldB.id, kind: "HELD_BACK", creditsEarned: 20 }, after: { decisionId: heldB.id, kind: "ADVANCED", creditsEarned: 25 } });
    });

    it("an override applies to a standing HELD_BACK decision only, never past the cohort's year, and once", async () => {
      const db = api().database.db;
      const reason = "Medical certificate for the resit";
      // a moved on (ADVANCED): nothing to override; before the fix each call moved a student one year further.
      const advanced = await api().run(OVERRIDE, { input: { enrollmentId: g("a"), reason } }, jp.as.hostAdmin);
      expect(advanced.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.enrollmentId" });
      // A HELD_BACK decision in the cohort's own year (2): moving on would pass the cohort.
      const [inCohortYear] = await db
        .insert(progressionDecisions)
        .values({ enrollmentId: ids.a, kind: "HELD_BACK", fromYear: 2, creditsEarned: 0, creditsRequired: 60, decidedBy: "test" })
        .returning({ id: progressionDecisions.id });
      const ahead = await api().run(OVERRIDE, { input: { enrollmentId: g("a"), reason } }, jp.as.hostAdmin);
      expect(ahead.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", field: "input.enrollmentId" });
      await db.delete(progressionDecisions).where(eq(progressionDecisions.id, inCohortYear.id));
      const [a] = await db.select({ year: enrollments.yearOfStudy }).from(enrollments).where(eq(enrollments.id, ids.a));
      expect(a.year).toBe(2);
    });

    it("an admin of the host overrides for one student with a reason, never without", async () => {
      const noReason = await api().run(OVERRIDE, { input: { enrollmentId: g("c"), reason: " " } }, jp.as.hostAdmin);
      expect(noReason.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
      const invisible = await api().run(OVERRIDE, { input: { enrollmentId: g("c"), reason: "\u200b\u200b\u200b\u200b" } }, jp.as.hostAdmin);
      expect(invisible.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
      const other = await api().run(OVERRIDE, { input: { enrollmentId: g("c"), reason: "Medical certificate for the resit" } }, jp.as.outsiderAdmin);
      expect(other.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      const leave = await api().run(OVERRIDE, { input: { enrollmentId: g("leave"), reason: "Medical certificate for the resit" } }, jp.as.hostAdmin);
      expect(leave.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", field: "input.enrollmentId" });
      const ok = await api().run(OVERRIDE, { input: { enrollmentId: g("c"), reason: "Medical certificate for the resit" } }, jp.as.hostAdmin);
      expect(ok.errors).toBeUndefined();
      expect(ok.data.overrideProgression.decision).toEqual({ kind: "OVERRIDE_ADVANCED", reason: "Medical certificate for the resit", fromYear: 1, creditsShort: 10, missingUnits: ["TEACH1"], enrollment: { yearOfStudy: 2 } });
      // The HELD_BACK decision became the override (one decision per year); a repeat finds none to override.
      const db = api().database.db;
      const decided = await db.select({ kind: progressionDecisions.kind, fromYear: progressionDecisions.fromYear }).from(progressionDecisions).where(eq(progressionDecisions.enrollmentId, ids.c));
      expect(decided).toEqual([{ kind: "OVERRIDE_ADVANCED", fromYear: 1 }]);
      const twice = await api().run(OVERRIDE, { input: { enrollmentId: g("c"), reason: "Once more" } }, jp.as.hostAdmin);
      expect(twice.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.enrollmentId" });
      const [c] = await db.select({ year: enrollments.yearOfStudy }).from(enrollments).where(eq(enrollments.id, ids.c));
      expect(c.year).toBe(2);
    });
  });

  describe("the deprecated advanceCohortYear", () => {
    it("runs advanceCohort's rule for the cohort's current year: only those who meet it move on", async () => {
      const db = api().database.db;
      const jp = await buildJointProgram(db);
      const b = await enrollAtPartner(db, jp);
      const ed = await buildEducation(db, jp, b.id); // b passed both compulsory units (20 credits, the rule's 20); fresh has nothing
      const ADV = `mutation($input: AdvanceCohortYearInput!) { advanceCohortYear(input: $input) { cohort { currentYearOfStudy } } }`;
      expect((await api().run(ADV, { input: { cohortId: jp.ids.cohort } }, jp.as.outsiderAdmin)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
      // advanceCohort's rule for a year still taught too, naming this mutation's field.
      await db.update(academicTerms).set({ startDate: day(-120), endDate: day(3) }).where(inArray(academicTerms.id, [ed.terms.host, ed.terms.teacher]));
      const taught = await api().run(ADV, { input: { cohortId: jp.ids.cohort } }, jp.as.hostAdmin);
      expect(taught.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", field: "input.cohortId", endsOn: day(3) });
      await db.update(academicTerms).set({ endDate: day(-1) }).where(inArray(academicTerms.id, [ed.terms.host, ed.terms.teacher]));
      const r = await api().run(ADV, { input: { cohortId: jp.ids.cohort, idempotencyKey: `adv-year-${jp.cohortId}` } }, jp.as.hostAdmin);
      expect(r.errors).toBeUndefined();
      expect(r.data.advanceCohortYear.cohort.currentYearOfStudy).toBe(2);
      const q = `query($e: ID!) { enrollment(id: $e) { yearOfStudy progressionDecisions { kind fromYear creditsShort missingUnits } } }`;
      expect((await api().run(q, { e: toGlobalId("Enrollment", b.id) }, jp.as.hostAdmin)).data.enrollment).toEqual({
        yearOfStudy: 2,
        progressionDecisions: [{ kind: "ADVANCED", fromYear: 1, creditsShort: 0, missingUnits: [] }],
      });
      expect((await api().run(q, { e: ed.ids.freshEnrollment }, jp.as.hostAdmin)).data.enrollment).toEqual({
        yearOfStudy: 1,
        progressionDecisions: [{ kind: "HELD_BACK", fromYear: 1, creditsShort: 20, missingUnits: ["HOST1", "TEACH1"] }],
      });
      // The same key again: the first answer, no second decision.
      const again = await api().run(ADV, { input: { cohortId: jp.ids.cohort, idempotencyKey: `adv-year-${jp.cohortId}` } }, jp.as.hostAdmin);
      expect(again.data.advanceCohortYear.cohort.currentYearOfStudy).toBe(2);
      const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(progressionDecisions).where(inArray(progressionDecisions.enrollmentId, [b.id, ed.freshEnrollment]));
      expect(Number(n.n)).toBe(2);
    });
  });

  describe("advancing a cohort that follows no curriculum", () => {
    let jp: JointProgram;
    const ids: number[] = [];
    let leave: number;

    beforeAll(async () => {
      const db = api().database.db;
      jp = await buildJointProgram(db); // no curriculum version of the program: the cohort follows none
      const enrol = async (status: "ENROLLED" | "ON_LEAVE") => {
        const e = await enrollAtPartner(db, jp, status);
        return e.id as number;
      };
      ids.push(await enrol("ENROLLED"), await enrol("ENROLLED"));
      leave = await enrol("ON_LEAVE");
    });

    it("has no credit rule: every ENROLLED student of the year moves on (0 credits asked), those on leave stay", async () => {
      const input = { cohortId: jp.ids.cohort, yearOfStudy: 1 };
      expect((await api().run(ADVANCE, { input }, jp.as.outsiderAdmin)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
      const ahead = await api().run(ADVANCE, { input: { ...input, yearOfStudy: 2 } }, jp.as.hostAdmin);
      expect(ahead.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.yearOfStudy" });
      const r = await api().run(ADVANCE, { input }, jp.as.hostAdmin);
      expect(r.errors).toBeUndefined();
      const p = r.data.advanceCohort;
      expect(p.cohort.currentYearOfStudy).toBe(2);
      expect(p.heldBack).toEqual([]);
      expect(p.advanced.map((d: any) => d.enrollment.id)).toEqual(ids.map((id) => toGlobalId("Enrollment", id)));
      for (const d of p.advanced) expect(d).toMatchObject({ kind: "ADVANCED", fromYear: 1, creditsEarned: 0, creditsRequired: 0, creditsShort: 0, missingUnits: [], enrollment: { yearOfStudy: 2 } });
      const db = api().database.db;
      const [onLeave] = await db.select({ year: enrollments.yearOfStudy }).from(enrollments).where(eq(enrollments.id, leave));
      expect(onLeave.year).toBe(1);
      expect(await db.select().from(progressionDecisions).where(eq(progressionDecisions.enrollmentId, leave))).toEqual([]);
      // Year 1 again: nobody is left in it but the student on leave, so nothing moves.
      const again = await api().run(ADVANCE, { input }, jp.as.hostAdmin);
      expect(again.data.advanceCohort).toMatchObject({ cohort: { currentYearOfStudy: 2 }, advanced: [], heldBack: [] });
      // Graduation stays strict: without a curriculum a degree needs an override with a reason (graduateStudent).
      const grad = await api().run(GRADUATE_COHORT, { input: { cohortId: jp.ids.cohort } }, jp.as.hostAdmin);
      expect(grad.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.cohortId" });
    });
  });

  describe("graduation", () => {
    let jp: JointProgram;
    let ed: Education;
    let eligible: string;

    beforeAll(async () => {
      const db = api().database.db;
      jp = await buildJointProgram(db);
      await db.update(programs).set({ lengthYears: 1 }).where(eq(programs.id, jp.programId)); // year 1 is the last
      const e = await enrollAtPartner(db, jp);
      ed = await buildEducation(db, jp, e.id); // e passed both compulsory units (20 credits, the rule's 20)
      eligible = toGlobalId("Enrollment", e.id);
    });

    it("is refused to a student who is not eligible, saying what is lacking; an override needs a reason", async () => {
      const fresh = ed.ids.freshEnrollment;
      // An override waives the credit rule, not the years: with the program five years long the student (in year 1)
      // is refused whatever the reason; a student whose own year is behind the final cohort's too.
      const db = api().database.db;
      await db.update(programs).set({ lengthYears: 5 }).where(eq(programs.id, jp.programId));
      for (const [cohortYear, ownYear] of [[3, null], [5, 3]] as const) {
        await db.update(cohorts).set({ currentYearOfStudy: cohortYear }).where(eq(cohorts.id, jp.cohortId));
        await db.update(enrollments).set({ yearOfStudy: ownYear }).where(eq(enrollments.id, ed.freshEnrollment));
        const early = await api().run(GRADUATE, { input: { enrollmentId: fresh, override: true, reason: "Credits of a prior degree, approved by the academic board" } }, jp.as.hostAdmin);
        expect(early.errors?.[0].extensions, `${cohortYear} ${ownYear}`).toMatchObject({ code: "INVALID_TRANSITION", field: "input.enrollmentId", yearOfStudy: 3, finalYear: 5 });
      }
      expect((await db.select({ status: enrollments.status }).from(enrollments).where(eq(enrollments.id, ed.freshEnrollment)))[0].status).toBe("ENROLLED");
      expect(await db.select().from(progressionDecisions).where(eq(progressionDecisions.enrollmentId, ed.freshEnrollment))).toEqual([]);
      await db.update(enrollments).set({ yearOfStudy: null }).where(eq(enrollments.id, ed.freshEnrollment));
      await db.update(cohorts).set({ currentYearOfStudy: 1 }).where(eq(cohorts.id, jp.cohortId));
      await db.update(programs).set({ lengthYears: 1 }).where(eq(programs.id, jp.programId));
      const no = await api().run(GRADUATE, { input: { enrollmentId: fresh } }, jp.as.hostAdmin);
      expect(no.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", field: "input.enrollmentId", creditsShort: 20, missingUnits: ["HOST1", "TEACH1"] });
      const noReason = await api().run(GRADUATE, { input: { enrollmentId: fresh, override: true } }, jp.as.hostAdmin);
      expect(noReason.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
      const invisible = await api().run(GRADUATE, { input: { enrollmentId: fresh, override: true, reason: "\u2060\u2060\u2060" } }, jp.as.hostAdmin);
      expect(invisible.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
      const other = await api().run(GRADUATE, { input: { enrollmentId: eligible } }, jp.as.outsiderAdmin);
      expect(other.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      const registrar = await api().run(GRADUATE, { input: { enrollmentId: eligible } }, jp.as.partnerRegistrar);
      expect(registrar.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      const [row] = await api().database.db.select({ status: enrollments.status }).from(enrollments).where(eq(enrollments.id, ed.freshEnrollment));
      expect(row.status).toBe("ENROLLED");
      const over = await api().run(GRADUATE, { input: { enrollmentId: fresh, override: true, reason: "Credits of a prior degree, approved by the academic board" } }, jp.as.hostAdmin);
      expect(over.errors).toBeUndefined();
      expect(over.data.graduateStudent.decision).toMatchObject({ kind: "OVERRIDE_GRADUATED", creditsShort: 20, missingUnits: ["HOST1", "TEACH1"], enrollment: { status: "GRADUATED" } });
      // The lifecycle's rule: a graduated enrollment does not graduate again.
      const twice = await api().run(GRADUATE, { input: { enrollmentId: fresh, override: true, reason: "Once more" } }, jp.as.hostAdmin);
      expect(twice.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", from: "GRADUATED" });
    });

    it("graduates an eligible student of a joint program with its awarding institutions", async () => {
      const outside = await api().run(GRADUATE, { input: { enrollmentId: eligible, awardingInstitutionIds: [jp.ids.host, jp.ids.outsider] } }, jp.as.hostAdmin);
      expect(outside.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.awardingInstitutionIds[1]" });
      const withoutHost = await api().run(GRADUATE, { input: { enrollmentId: eligible, awardingInstitutionIds: [jp.ids.partner] } }, jp.as.hostAdmin);
      expect(withoutHost.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.awardingInstitutionIds" });
      const r = await api().run(GRADUATE, { input: { enrollmentId: eligible, awardingInstitutionIds: [jp.ids.partner, jp.ids.host] } }, jp.as.hostAdmin);
      expect(r.errors).toBeUndefined();
      expect(r.data.graduateStudent.decision).toMatchObject({ kind: "GRADUATED", reason: null, creditsEarned: 20, creditsRequired: 20, creditsShort: 0, missingUnits: [], enrollment: { status: "GRADUATED" } });
      expect(r.data.graduateStudent.decision.awardingInstitutions.map((i: any) => i.id).sort()).toEqual([jp.ids.host, jp.ids.partner].sort());
      const h = await api().run(`query($e: ID!) { enrollment(id: $e) { history { fromStatus toStatus actor } } }`, { e: eligible }, jp.as.hostAdmin);
      expect(h.data.enrollment.history.at(-1)).toEqual({ fromStatus: "ENROLLED", toStatus: "GRADUATED", actor: jp.as.hostAdmin.subject });
    });

    it("graduates a cohort's eligible students, the others NOT_ELIGIBLE with what they lack", async () => {
      const db = api().database.db;
      const units = { HOST1: { id: ed.units.host, offering: ed.offerings.host, ects: 10 }, TEACH1: { id: ed.units.teacher, offering: ed.offerings.teacher, ects: 10 } };
      const ok = await student(db, jp, ed, units, [["HOST1", true], ["TEACH1", true]]);
      const short = await student(db, jp, ed, units, [["HOST1", true], ["TEACH1", false]]);
      await student(db, jp, ed, units, [["HOST1", true], ["TEACH1", true]], "ON_LEAVE");
      const input = { cohortId: jp.ids.cohort, idempotencyKey: `grad-${jp.cohortId}` };
      expect((await api().run(GRADUATE_COHORT, { input }, jp.as.outsiderAdmin)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
      // Not in its final year (a two-year program's year 1): refused, naming the cohort, nothing written.
      await db.update(programs).set({ lengthYears: 2 }).where(eq(programs.id, jp.programId));
      const early = await api().run(GRADUATE_COHORT, { input: { cohortId: jp.ids.cohort } }, jp.as.hostAdmin);
      await db.update(programs).set({ lengthYears: 1 }).where(eq(programs.id, jp.programId));
      expect(early.errors?.[0].extensions).toMatchObject({ code: "INVALID_TRANSITION", field: "input.cohortId", yearOfStudy: 1, finalYear: 2 });
      expect(early.data.graduateCohort).toBeNull();
      expect(await db.select().from(progressionDecisions).where(inArray(progressionDecisions.enrollmentId, [ok, short]))).toEqual([]);
      const r = await api().run(GRADUATE_COHORT, { input }, jp.as.hostAdmin);
      expect(r.errors).toBeUndefined();
      const p = r.data.graduateCohort;
      expect(p.graduated.map((d: any) => d.enrollment)).toEqual([{ id: toGlobalId("Enrollment", ok), status: "GRADUATED" }]);
      // Default awarding institutions of a joint degree: the host and every partner.
      expect(p.graduated[0].awardingInstitutions.map((i: any) => i.id).sort()).toEqual([jp.ids.host, jp.ids.partner, ed.ids.teacher].sort());
      expect(p.notEligible).toEqual([{ kind: "NOT_ELIGIBLE", creditsShort: 10, missingUnits: ["TEACH1"], enrollment: { id: toGlobalId("Enrollment", short), status: "ENROLLED" }, awardingInstitutions: [] }]);
      const again = await api().run(GRADUATE_COHORT, { input }, jp.as.hostAdmin);
      expect(again.data.graduateCohort.graduated.map((d: any) => d.kind)).toEqual(["GRADUATED"]);
      const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(progressionDecisions).where(inArray(progressionDecisions.enrollmentId, [ok, short]));
      expect(Number(n.n)).toBe(2);
    });
  });
});
