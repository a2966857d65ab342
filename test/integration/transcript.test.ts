import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEV_JWT_SECRET, httpConfig } from "../../src/config.js";
import { cohorts, courseResults, courseUnits, enrollments, institutions, offerings, students, yearCreditRules } from "../../src/db/schema.js";
import { logger } from "../../src/logger.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { mintToken } from "../../src/modules/auth/auth.service.js";
import { renderTranscriptPdf } from "../../src/modules/education/transcript.pdf.js";
import { PdfRenderPool, transcriptPdfPool } from "../../src/modules/education/transcript.pdf.pool.js";
import { transcriptFor } from "../../src/modules/education/transcript.service.js";
import { createServer, TRANSCRIPT_PDF_COST } from "../../src/server.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildEducation, day, type Education } from "../factories/education.js";
import { buildJointProgram, enrollAtPartner, type JointProgram, studentRow } from "../factories/joint-program.js";
import { describeEachEngine, PLATFORM_ADMIN } from "../helpers/engines.js";

const TRANSCRIPT = `query($e: ID!) { transcript(enrollmentId: $e) {
  enrollmentId complete status standing creditsShort hostScale curriculumVersion programCode cohortName
  student { familyName givenNames familyNameLatin givenNamesLatin nationality homeInstitution { nameEn } }
  hostInstitution { nameEn names { language text } } partnerInstitutions { nameEn }
  years { yearOfStudy creditsEarned creditsRequired missingUnits met inProgress
    terms { term creditsEarned units { code compulsory scale grade convertedGrade passed creditsEarned teachingInstitution { nameEn }
      attempts { attempt grade convertedGrade passed creditsEarned assessedOn termName corrected }
      recognition { status convertedGrade creditsRecognised } } } }
  totals { units unitsPassed attempts creditsEarned creditsRecognised creditHours weightedMean } } }`;
const ISSUE = `mutation($input: IssueTranscriptInput!) { issueTranscript(input: $input) { code issuedAt url transcript { totals { creditsEarned } } } }`;
const VERIFY = `query($code: String!) { verifyTranscript(code: $code) { code status issuedAt issuedBy { nameEn } hostInstitution { nameEn } program } }`;
const auth = { secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" };

async function pdfText(buf: ArrayBuffer): Promise<{ pages: number; text: string[] }> {
  const pdf = await getDocumentProxy(new Uint8Array(buf));
  const { totalPages, text } = await extractText(pdf, { mergePages: false });
  return { pages: totalPages, text: text as string[] };
}

describeEachEngine("transcript of records", {}, (api) => {
  let jp: JointProgram;
  let ed: Education;
  let a: string; // the partner's student (Cyrillic name): a resit, a recognition, in good standing
  let b: string; // the host's own student (Chinese name): failed HOST1, short of credits
  let c: string; // many units: a document of more than one page
  let ecId: number;
  let eaId: number;
  let teacher: Viewer;
  let teacherAdmin: Viewer;
  let partnerAdmin: Viewer;
  let server: Awaited<ReturnType<typeof createServer>>;
  let base: string;
  const token = async (v: Viewer | null): Promise<Record<string, string>> => (v ? { authorization: `Bearer ${await mintToken(auth, { subject: v.subject, role: v.role, institutionId: v.institutionId })}` } : {});
  const pdf = async (url: string, v: Viewer | null) => fetch(`${base}${url}`, { headers: await token(v) });

  beforeAll(async () => {
    const db = api().database.db;
    jp = await buildJointProgram(db);
    const enroll = async (over: Record<string, unknown>, home: number) => {
      const [s] = await db.insert(students).values({ ...studentRow(over), homeInstitutionId: home }).returning({ id: students.id });
      const [en] = await db.insert(enrollments).values({ studentId: s.id, cohortId: jp.cohortId, status: "ENROLLED" }).returning({ id: enrollments.id });
      return en.id;
    };
    const ea = await enroll({}, jp.partner); // Каримов Алишер
    ed = await buildEducation(db, jp, ea); // TEACH1: 4 (2–5 scale), HOST1: 75 (percent)
    const eb = await enroll({ familyName: "王", givenNames: "小明", familyNameLatin: "Wang", givenNamesLatin: "Xiaoming", nationality: "CN" }, jp.host);
    const ec = await enroll({ familyName: "Иванова", givenNames: "Мария", familyNameLatin: "Ivanova", givenNamesLatin: "Mariya", nationality: "KZ" }, jp.partner);
    // The cohort is in year 2: year 1 is judged, year 2 under way.
    await db.update(cohorts).set({ currentYearOfStudy: 2 }).where(eq(cohorts.id, jp.cohortId));
    const unit = (code: string, year: number, term: number, ects: number, compulsory: boolean) => ({
      curriculumId: ed.curriculumId, code, titleEn: `${code} unit`, names: { zh: `${code} 课程`, ru: `${code} курс` }, yearOfStudy: year, term, ectsCredits: ects, creditHours: ects * 2, compulsory, language: "zh", teachingInstitutionId: jp.host, gradeScaleId: ed.scales.pct,
    });
    const [h2, y2] = await db.insert(courseUnits).values([unit("HOST2", 1, 2, 5, false), unit("YEAR2", 2, 1, 10, true)]).returning({ id: courseUnits.id });
    const [o2, oy2] = await db.insert(offerings).values([{ unitId: h2.id, termId: ed.terms.host, cohortId: jp.cohortId, academicYear: ed.calendar.academicYear }, { unitId: y2.id, termId: ed.terms.host, cohortId: jp.cohortId, academicYear: ed.calendar.academicYear }]).returning({ id: offerings.id });
    const res = (enrollmentId: number, offeringId: number, unitId: number, attempt: number, grade: string, passed: boolean, credits: number, assessedOn: string) =>
      ({ enrollmentId, offeringId, unitId, attempt, grade, passed, creditsEarned: passed ? credits : 0, assessedOn, enteredBy: "test", enteredByInstitutionId: jp.host });
    await db.insert(courseResults).values([
      res(ea, o2.id, h2.id, 1, "45", false, 5, day(-60)), // failed, then passed at the resit
      res(ea, o2.id, h2.id, 2, "68", true, 5, day(-46)),
      res(ea, oy2.id, y2.id, 1, "88", true, 10, day(-5)),
      res(eb, ed.offerings.host, ed.units.host, 1, "50", false, 10, day(-29)),
    ]);
    // C: forty small units of year 3, for a document of several pages.
    const many = await db.insert(courseUnits).values(Array.from({ length: 40 }, (_, i) => unit(`MANY${String(i).padStart(2, "0")}`, 3, 1 + (i % 2), 1, false))).returning({ id: courseUnits.id });
    const mo = await db.insert(offerings).values(many.map((u) => ({ unitId: u.id, termId: ed.terms.host, cohortId: jp.cohortId, academicYear: ed.calendar.academicYear }))).returning({ id: offerings.id, unitId: offerings.unitId });
    await db.insert(courseResults).values(mo.map((o) => res(ec, o.id, o.unitId, 1, "90", true, 1, day(-20))));
    a = toGlobalId("Enrollment", ea);
    b = toGlobalId("Enrollment", eb);
    c = toGlobalId("Enrollment", ec);
    ecId = ec;
    eaId = ea;
    teacher = { subject: "tr-teacher-registrar", role: "PARTNER_REGISTRAR", institutionId: ed.teacher };
    teacherAdmin = { subject: "tr-teacher-admin", role: "INSTITUTION_ADMIN", institutionId: ed.teacher };
    partnerAdmin = { subject: "tr-partner-admin", role: "INSTITUTION_ADMIN", institutionId: jp.partner };
    // The host recognises the teacher's unit: 4 on the 2–5 scale is 78 on the host's (the program's table).
    const r = await api().run(`mutation($input: DecideRecognitionInput!) { decideRecognition(input: $input) { recognition { convertedGrade } } }`, { input: { enrollmentId: a, unitId: ed.ids.unitTeacher, decision: "RECOGNISE" } }, jp.as.hostAdmin);
    expect(r.errors).toBeUndefined();
    server = await createServer({ database: api().database, logger, auth, http: httpConfig({}) });
    base = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}`;
  });

  afterAll(async () => {
    await server?.close(2_000);
  });

  it("holds the record by year and term: attempts with a resit, original and converted grades, recognition, totals, standing", async () => {
    const r = await api().run(TRANSCRIPT, { e: a }, jp.as.hostAdmin);
    expect(r.errors).toBeUndefined();
    const t = r.data.transcript;
    expect(t).toMatchObject({
      enrollmentId: a, complete: true, status: "ENROLLED", standing: "GOOD_STANDING", creditsShort: 0, hostScale: expect.stringMatching(/-PCT$/), curriculumVersion: 1,
      student: { familyName: "Каримов", givenNames: "Алишер", familyNameLatin: "Karimov", givenNamesLatin: "Alisher", nationality: "UZ" },
      partnerInstitutions: expect.arrayContaining([expect.objectContaining({ nameEn: expect.stringMatching(/Partner Academy/) }), expect.objectContaining({ nameEn: expect.stringMatching(/Teaching Institute/) })]),
    });
    expect(t.years.map((y: any) => [y.yearOfStudy, y.creditsEarned, y.creditsRequired, y.met, y.inProgress, y.missingUnits])).toEqual([
      [1, 25, 20, true, false, []],
      [2, 10, 20, false, true, []],
    ]);
    const y1 = t.years[0];
    expect(y1.terms.map((x: any) => [x.term, x.units.map((u: any) => u.code), x.creditsEarned])).toEqual([
      [1, ["HOST1", "TEACH1"], 20],
      [2, ["HOST2"], 5],
    ]);
    const [host1, teach1] = y1.terms[0].units;
    expect(host1).toMatchObject({ scale: expect.stringMatching(/PCT/), grade: "75", convertedGrade: "75", passed: true, creditsEarned: 10, recognition: null });
    // The teacher's 2–5 grade, converted to the host's percentages; recognised by the host.
    expect(teach1).toMatchObject({ scale: expect.stringMatching(/UZ5/), grade: "4", convertedGrade: "78", passed: true, teachingInstitution: { nameEn: expect.stringMatching(/Teaching Institute/) } });
    expect(teach1.attempts).toEqual([{ attempt: 1, grade: "4", convertedGrade: "78", passed: true, creditsEarned: 10, assessedOn: ed.assessedOn.result, termName: ed.termName, corrected: false }]);
    expect(teach1.recognition).toEqual({ status: "RECOGNISED", convertedGrade: "78", creditsRecognised: 10 });
    const host2 = y1.terms[1].units[0];
    expect(host2).toMatchObject({ compulsory: false, grade: "68", passed: true, creditsEarned: 5 });
    expect(host2.attempts.map((x: any) => [x.attempt, x.grade, x.passed, x.creditsEarned])).toEqual([
      [1, "45", false, 0],
      [2, "68", true, 5],
    ]);
    // 10×75 + 10×78 + 5×68 + 10×88 over 35 credits.
    expect(t.totals).toEqual({ units: 4, unitsPassed: 4, attempts: 5, creditsEarned: 35, creditsRecognised: 10, creditHours: 70, weightedMean: Math.round(((750 + 780 + 340 + 880) / 35) * 10) / 10 });

    // B: failed HOST1 and sat nothing else: short of credits, the compulsory units named.
    const tb = (await api().run(TRANSCRIPT, { e: b }, jp.as.hostAdmin)).data.transcript;
    expect(tb).toMatchObject({ standing: "CREDITS_SHORT", creditsShort: 20, student: { familyName: "王", givenNames: "小明", familyNameLatin: "Wang", nationality: "CN" } });
    expect(tb.years).toMatchObject([{ yearOfStudy: 1, creditsEarned: 0, met: false, missingUnits: ["HOST1", "TEACH1"] }]);
    expect(tb.totals).toMatchObject({ units: 1, unitsPassed: 0, attempts: 1, creditsEarned: 0, weightedMean: 50 });

    // A year's own credit rule (year_credit_rules, as progression applies it) instead of the version's.
    const db = api().database.db;
    await db.insert(yearCreditRules).values({ curriculumId: ed.curriculumId, yearOfStudy: 1, creditsRequired: 30, compulsoryRequired: false });
    const ruled = (await api().run(TRANSCRIPT, { e: a }, jp.as.hostAdmin)).data.transcript;
    expect([ruled.standing, ruled.creditsShort, ruled.years[0].creditsRequired, ruled.years[0].met]).toEqual(["CREDITS_SHORT", 5, 30, false]);
    const ruledB = (await api().run(TRANSCRIPT, { e: b }, jp.as.hostAdmin)).data.transcript;
    expect(ruledB.years[0].missingUnits).toEqual([]); // the year's rule asks for no compulsory unit
    await db.delete(yearCreditRules).where(eq(yearCreditRules.curriculumId, ed.curriculumId));
  });

  it("access: home and host staff and platform admins see the whole record, the teaching institution its own units only, others nothing", async () => {
    const read = async (e: string, v: Viewer | null) => api().run(TRANSCRIPT, { e }, v);
    const units = (t: any) => t.years.flatMap((y: any) => y.terms.flatMap((x: any) => x.units.map((u: any) => u.code)));
    const whole = await read(a, PLATFORM_ADMIN);
    for (const v of [jp.as.hostAdmin, jp.as.partnerRegistrar, partnerAdmin]) {
      const r = await read(a, v);
      expect(r.errors, v.subject).toBeUndefined();
      expect(r.data.transcript, v.subject).toEqual(whole.data.transcript);
    }
    // The teaching institution (neither home nor host): its unit only, no student, no standing.
    for (const v of [teacher, teacherAdmin]) {
      const r = await read(a, v);
      expect(r.errors, v.subject).toBeUndefined();
      expect(r.data.transcript).toMatchObject({ complete: false, student: null, status: null, standing: null, creditsShort: null });
      expect(units(r.data.transcript)).toEqual(["TEACH1"]);
      // Its one unit is not the year: no year claims to meet the rule or not, nor which units are missing.
      expect(r.data.transcript.years.map((y: any) => [y.yearOfStudy, y.met, y.missingUnits])).toEqual([[1, null, null]]);
      // B sat no unit of the teacher's: nothing to see.
      expect((await read(b, v)).errors?.[0].extensions?.code, v.subject).toBe("FORBIDDEN");
    }
    // B's home is the host: the partner's staff may not read it.
    for (const v of [jp.as.partnerRegistrar, partnerAdmin, jp.as.outsiderAdmin, jp.as.outsiderRegistrar, jp.as.researchOffice, jp.as.coordinator]) {
      expect((await read(b, v)).errors?.[0].extensions?.code, v.subject).toBe("FORBIDDEN");
    }
    expect((await read(b, jp.as.hostAdmin)).data.transcript.complete).toBe(true);
    for (const v of [jp.as.outsiderAdmin, jp.as.outsiderRegistrar, jp.as.researchOffice, jp.as.coordinator]) {
      const r = await read(a, v);
      expect(r.errors?.[0].extensions?.code, v.subject).toBe("FORBIDDEN");
      expect(r.data).toBeNull();
    }
    expect((await read(a, null)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    // An id that does not exist is answered as one the caller may not see (which ids exist is not told); a platform admin, who sees all, is told NOT_FOUND.
    const missing = toGlobalId("Enrollment", 99_999_999);
    expect((await read(missing, PLATFORM_ADMIN)).errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: "enrollmentId" });
    const answer = (r: any) => ({ message: r.errors?.[0].message, extensions: r.errors?.[0].extensions, data: r.data });
    for (const [v, unseen] of [[teacher, b], [jp.as.outsiderAdmin, a], [jp.as.partnerRegistrar, b]] as const) {
      const gone = answer(await read(missing, v));
      expect(gone.extensions?.code, v.subject).toBe("FORBIDDEN");
      expect(gone, v.subject).toEqual(answer(await read(unseen, v)));
      const issue = (e: string) => api().run(ISSUE, { input: { enrollmentId: e } }, v).then(answer);
      const issuedGone = await issue(missing);
      expect(issuedGone.extensions?.code, v.subject).toBe("FORBIDDEN");
      expect(issuedGone, v.subject).toEqual(await issue(unseen));
    }
    expect((await api().run(ISSUE, { input: { enrollmentId: missing } }, PLATFORM_ADMIN)).errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: "input.enrollmentId" });

    // Issuing the document: home and host staff, platform admins; not the teacher, others or anonymous callers.
    for (const v of [teacher, teacherAdmin, jp.as.outsiderAdmin, jp.as.researchOffice]) {
      const r = await api().run(ISSUE, { input: { enrollmentId: a } }, v);
      expect(r.errors?.[0].extensions, v.subject).toMatchObject({ code: "FORBIDDEN", field: "input.enrollmentId" });
    }
    expect((await api().run(ISSUE, { input: { enrollmentId: a } }, null)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const issued = await api().run(ISSUE, { input: { enrollmentId: a } }, jp.as.partnerRegistrar);
    expect(issued.errors).toBeUndefined();
    const url = issued.data.issueTranscript.url;
    // The PDF: the same callers as issuing.
    for (const v of [PLATFORM_ADMIN, jp.as.hostAdmin, jp.as.partnerRegistrar, partnerAdmin]) {
      const res = await pdf(url, v);
      expect(res.status, v.subject).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      await res.arrayBuffer();
    }
    for (const v of [teacher, teacherAdmin, jp.as.outsiderAdmin, jp.as.outsiderRegistrar, jp.as.researchOffice, jp.as.coordinator]) {
      const res = await pdf(url, v);
      expect(res.status, v.subject).toBe(403);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe("FORBIDDEN");
    }
    const anon = await pdf(url, null);
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as any).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const badToken = await fetch(`${base}${url}`, { headers: { authorization: "Bearer not.a.token" } });
    expect(badToken.status).toBe(401);
    const unknown = await pdf("/transcripts/0000-0000-0000-0000-0000-0000.pdf", PLATFORM_ADMIN);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toMatch(/select|stack|at /i);
    // Which codes exist is not told to a caller whose access depends on the record: an unknown code (or a name
    // that is no code) answers as a code of another institution's student.
    const refused = await (await pdf(url, jp.as.outsiderAdmin)).json();
    for (const u of ["/transcripts/0000-0000-0000-0000-0000-0000.pdf", "/transcripts/not%20a%20code.pdf", "/transcripts/x"]) {
      const r = await pdf(u, jp.as.outsiderAdmin);
      expect(r.status, u).toBe(403);
      expect(await r.json(), u).toEqual(refused);
    }
  });

  it("renders the PDF and reads it back: both scripts of the student's name, the units, the totals, page numbers, the code", async () => {
    for (const [e, latin, original] of [
      [a, "Karimov Alisher", "Каримов Алишер"],
      [b, "Wang Xiaoming", "王 小明"],
    ] as const) {
      const issued = await api().run(ISSUE, { input: { enrollmentId: e, idempotencyKey: `tr-${e}` } }, jp.as.hostAdmin);
      expect(issued.errors).toBeUndefined();
      const { code, url, issuedAt } = issued.data.issueTranscript;
      expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(url).toBe(`/transcripts/${code}.pdf`);
      // The same key: the same code, nothing issued again.
      const again = await api().run(ISSUE, { input: { enrollmentId: e, idempotencyKey: `tr-${e}` } }, jp.as.hostAdmin);
      expect(again.data.issueTranscript.code).toBe(code);
      const res = await pdf(url, jp.as.hostAdmin);
      expect(res.status).toBe(200);
      const body = await res.arrayBuffer();
      if (process.env.TRANSCRIPT_PDF_DIR) writeFileSync(`${process.env.TRANSCRIPT_PDF_DIR}/${latin.replace(/ /g, "-")}.pdf`, Buffer.from(body));
      const { pages, text } = await pdfText(body);
      const all = text.join("\n");
      expect(all).toContain(latin);
      expect(all).toContain(original);
      expect(all).toContain("Transcript of Records · 成绩单 · Академическая справка");
      expect(all).toContain(code);
      expect(all).toContain(`issued ${new Date(issuedAt).toISOString().slice(0, 10)}`);
      expect(text[pages - 1]).toContain(`page ${pages} of ${pages}`);
      if (e === a) {
        for (const s of ["HOST1", "TEACH1", "HOST2", "YEAR2", "HOST2 unit · HOST2 курс · HOST2 课程", `1: 45 → 45 fail, ${day(-60)}`, `2: 68 → 68, ${day(-46)}`, `1: 4 → 78, ${ed.assessedOn.result}`, "Recognised by the host: 78, 10 ECTS", "ECTS credits earned: 35; recognised from partners: 10", "Standing: in good standing"])
          expect(all, s).toContain(s);
      } else {
        expect(all).toContain("Standing: short of credits (20 ECTS)");
        expect(all).toContain("compulsory units not passed: HOST1, TEACH1");
      }
    }
    // Forty units: more than one page, each numbered.
    const issued = await api().run(ISSUE, { input: { enrollmentId: c } }, PLATFORM_ADMIN);
    const { pages, text } = await pdfText(await (await pdf(issued.data.issueTranscript.url, PLATFORM_ADMIN)).arrayBuffer());
    expect(pages).toBeGreaterThan(1);
    for (let i = 1; i <= pages; i++) expect(text[i - 1]).toContain(`page ${i} of ${pages}`);
    expect(text.join("\n")).toContain("Ivanova Mariya");
    expect(text.join("\n")).toContain("Иванова Мария");
    expect(text.join("\n")).toContain("MANY39");
  });

  it("renders documents in worker threads: a GraphQL request is answered while several render, and each still reads back", async () => {
    const issued = await api().run(ISSUE, { input: { enrollmentId: c } }, PLATFORM_ADMIN);
    const url = issued.data.issueTranscript.url;
    let settled = 0;
    const downloads = Array.from({ length: 4 }, () =>
      pdf(url, PLATFORM_ADMIN).then(async (r) => {
        const body = await r.arrayBuffer();
        settled++;
        return { status: r.status, body };
      }),
    );
    // Once a document is rendering, a GraphQL request is answered before the renders are over: the event loop is free.
    while (transcriptPdfPool.stats().rendering === 0 && settled === 0) await new Promise((r) => setTimeout(r, 2));
    expect(settled).toBe(0);
    const gql = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...(await token(PLATFORM_ADMIN)) }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(((await gql.json()) as any).data).toEqual({ __typename: "Query" });
    const busy = transcriptPdfPool.stats();
    expect(settled).toBeLessThan(4);
    expect(busy.rendering + busy.queued).toBeGreaterThan(0);
    for (const d of await Promise.all(downloads)) {
      expect(d.status).toBe(200);
      const all = (await pdfText(d.body)).text.join("\n");
      for (const s of ["Ivanova Mariya", "Иванова Мария", "MANY39"]) expect(all).toContain(s);
    }
  });

  it("a download is charged to the caller's budget like a request, with its RateLimit headers (refusals too); another method is 405 with Allow, coded", async () => {
    const issued = await api().run(ISSUE, { input: { enrollmentId: a } }, jp.as.hostAdmin);
    const url = issued.data.issueTranscript.url;
    const limits = (r: Response) => ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"].map((h) => r.headers.get(h));
    const gql = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...(await token(jp.as.hostAdmin)) }, body: JSON.stringify({ query: "{ __typename }" }) });
    const [capacity] = limits(gql);
    expect(Number(capacity)).toBeGreaterThan(0);
    const ok = await pdf(url, jp.as.hostAdmin);
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
    const [limit, remaining, reset] = limits(ok);
    expect(limit).toBe(capacity); // the same bucket as the caller's GraphQL requests
    expect(Number(remaining)).toBeLessThanOrEqual(Number(capacity) - TRANSCRIPT_PDF_COST);
    expect(Number(reset)).toBeGreaterThanOrEqual(1);
    // Refusals touched the budget too: forbidden, unknown, anonymous (its own, smaller bucket).
    for (const [u, v, status] of [[url, teacher, 403], ["/transcripts/0000-0000-0000-0000-0000-0000.pdf", jp.as.hostAdmin, 403], ["/transcripts/0000-0000-0000-0000-0000-0000.pdf", PLATFORM_ADMIN, 404], [url, null, 401]] as const) {
      const r = await pdf(u, v);
      expect(r.status).toBe(status);
      await r.arrayBuffer();
      if (status !== 401) expect(limits(r).every((h) => h !== null && /^\d+$/.test(h)), `${status}`).toBe(true);
    }
    // Another method: 405, Allow, a JSON error with a code (not Express's HTML page), nothing rendered; charged as
    // any refusal, with its RateLimit-* headers.
    for (const method of ["POST", "PUT", "DELETE"]) {
      const r = await fetch(`${base}${url}`, { method, headers: { ...(await token(jp.as.hostAdmin)), "content-type": "application/json" }, body: method === "DELETE" ? undefined : "{}" });
      expect(r.status, method).toBe(405);
      expect(r.headers.get("allow")).toBe("GET, HEAD");
      expect(limits(r).every((h) => h !== null && /^\d+$/.test(h)), method).toBe(true);
      expect(r.headers.get("content-type")).toMatch(/^application\/json/);
      expect(((await r.json()) as any).errors[0].extensions.code).toBe("BAD_REQUEST");
    }
  });

  it("sets an Arabic-script name (Uyghur, as in the passport) in Noto Sans Arabic, right to left, and it reads back", async () => {
    const t = await transcriptFor(api().database.db, PLATFORM_ADMIN, eaId, "");
    t.student = { ...t.student!, familyName: "تۇرسۇن", givenNames: "ئابلىمىت", familyNameLatin: "Tursun", givenNamesLatin: "Ablimit", nationality: "CN" };
    const buf = await transcriptPdfPool.render(t, { code: "TEST-UYGHUR", issuedAt: new Date(), verifyHint: "" });
    const all = (await pdfText(new Uint8Array(buf).buffer as ArrayBuffer)).text.join("\n");
    expect(all).toContain("Student: Tursun Ablimit");
    // The reader's logical order: the family name first, each letter once (no stray mark characters).
    expect(all).toContain("As in the passport: تۇرسۇن ئابلىمىت");
    expect(all).toContain("Transcript of Records · 成绩单 · Академическая справка");
  });

  it("a saturated pool refuses a document at once, coded, and renders the ones it took", async () => {
    const pool = new PdfRenderPool({ size: 1, queue: 1 });
    try {
      const t = await transcriptFor(api().database.db, PLATFORM_ADMIN, ecId, "");
      const facts = { code: "TEST-POOL", issuedAt: new Date(), verifyHint: "" };
      const taken = [pool.render(t, facts), pool.render(t, facts)];
      expect(pool.stats()).toEqual({ rendering: 1, queued: 1, threads: 1 });
      await expect(pool.render(t, facts)).rejects.toMatchObject({ extensions: { code: "SERVICE_UNAVAILABLE", http: { status: 503 } } });
      for (const buf of await Promise.all(taken)) expect((await pdfText(new Uint8Array(buf).buffer as ArrayBuffer)).text.join("\n")).toContain("TEST-POOL");
      expect(pool.stats()).toEqual({ rendering: 0, queued: 0, threads: 1 });
    } finally {
      await pool.close();
    }
  });

  it("a verification code confirms the issue to anyone without the content; an unknown one says so; a changed record supersedes it", async () => {
    const issued = await api().run(ISSUE, { input: { enrollmentId: b } }, jp.as.hostAdmin);
    const { code, url } = issued.data.issueTranscript;
    const v = await api().run(VERIFY, { code: code.toLowerCase().replace(/-/g, "") }, null);
    expect(v.errors).toBeUndefined();
    expect(v.data.verifyTranscript).toMatchObject({ code, status: "VALID", issuedBy: { nameEn: expect.stringMatching(/Host University/) }, hostInstitution: { nameEn: expect.stringMatching(/Host University/) }, program: expect.stringMatching(/TCM/) });
    expect(Date.parse(v.data.verifyTranscript.issuedAt)).toBeGreaterThan(Date.now() - 600_000);
    expect(JSON.stringify(v.data)).not.toMatch(/Wang|Xiaoming|王|HOST1|grade/i);
    for (const bad of ["0000-0000-0000-0000-0000-0000", "nope", "x".repeat(500), ""]) {
      const u = await api().run(VERIFY, { code: bad }, null);
      expect(u.errors, bad).toBeUndefined();
      expect(u.data.verifyTranscript).toEqual({ code: bad.slice(0, 64), status: "UNKNOWN", issuedAt: null, issuedBy: null, hostInstitution: null, program: null });
    }
    // Renaming an institution changes no record: still VALID, and the PDF is served (with the current name).
    const hostId = Number(Buffer.from(jp.ids.host, "base64").toString().split(":")[1]);
    const [{ nameEn: hostName }] = await api().database.db.select({ nameEn: institutions.nameEn }).from(institutions).where(eq(institutions.id, hostId));
    await api().database.db.update(institutions).set({ nameEn: `${hostName} (renamed)` }).where(eq(institutions.id, hostId));
    expect((await api().run(VERIFY, { code }, null)).data.verifyTranscript).toMatchObject({ status: "VALID", hostInstitution: { nameEn: `${hostName} (renamed)` } });
    expect((await pdf(url, jp.as.hostAdmin)).status).toBe(200);
    await api().database.db.update(institutions).set({ nameEn: hostName }).where(eq(institutions.id, hostId));
    // A resit changes the record: the code is SUPERSEDED, its PDF no longer served, a new issue is VALID.
    await api().database.db.insert(courseResults).values({ enrollmentId: Number(Buffer.from(b, "base64").toString().split(":")[1]), offeringId: ed.offerings.host, unitId: ed.units.host, attempt: 2, grade: "70", passed: true, creditsEarned: 10, assessedOn: day(-1), enteredBy: "test" });
    expect((await api().run(VERIFY, { code }, null)).data.verifyTranscript.status).toBe("SUPERSEDED");
    const stale = await pdf(url, jp.as.hostAdmin);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as any).errors[0].extensions.code).toBe("CONFLICT");
    const fresh = await api().run(ISSUE, { input: { enrollmentId: b } }, jp.as.hostAdmin);
    expect((await api().run(VERIFY, { code: fresh.data.issueTranscript.code }, null)).data.verifyTranscript.status).toBe("VALID");
    // Each issue is in the audit trail.
    const audit = await api().run(`query($id: ID!) { auditLog(filter: { entityId: $id }) { nodes { action } } }`, { id: b });
    expect(audit.data.auditLog.nodes.filter((n: any) => n.action === "transcript.issue").length).toBeGreaterThanOrEqual(2);
  });
});

describeEachEngine("transcript of records: a held-back student", {}, (api) => {
  it("judges no year after the student's own: a later year's unit results are shown, not counted toward the standing", async () => {
    const db = api().database.db;
    const jp = await buildJointProgram(db);
    const onTrack = await enrollAtPartner(db, jp);
    const ed = await buildEducation(db, jp, onTrack.id); // on track: year 1's HOST1 and TEACH1 passed (20 of 20)
    const held = ed.freshEnrollment; // held back in year 1: HOST1 failed
    // The cohort is in year 3; both sat a year-2 unit (10 of year 2's 20 credits).
    await db.update(cohorts).set({ currentYearOfStudy: 3 }).where(eq(cohorts.id, jp.cohortId));
    await db.update(enrollments).set({ yearOfStudy: 1 }).where(eq(enrollments.id, held));
    const [y2] = await db.insert(courseUnits).values({ curriculumId: ed.curriculumId, code: "YEAR2", titleEn: "Year 2", yearOfStudy: 2, term: 1, ectsCredits: 10, creditHours: 20, compulsory: false, language: "zh", teachingInstitutionId: jp.host, gradeScaleId: ed.scales.pct }).returning({ id: courseUnits.id });
    const [o] = await db.insert(offerings).values({ unitId: y2.id, termId: ed.terms.host, cohortId: jp.cohortId, academicYear: ed.calendar.academicYear }).returning({ id: offerings.id });
    const res = (enrollmentId: number, offeringId: number, unitId: number, grade: string, passed: boolean) =>
      ({ enrollmentId, offeringId, unitId, attempt: 1, grade, passed, creditsEarned: passed ? 10 : 0, assessedOn: day(-20), enteredBy: "test", enteredByInstitutionId: jp.host });
    await db.insert(courseResults).values([res(onTrack.id, o.id, y2.id, "80", true), res(held, o.id, y2.id, "80", true), res(held, ed.offerings.host, ed.units.host, "40", false)]);
    const Q = `query($e: ID!) { transcript(enrollmentId: $e) { standing creditsShort years { yearOfStudy creditsEarned met inProgress } } }`;
    const t = async (id: number) => (await api().run(Q, { e: toGlobalId("Enrollment", id) }, jp.as.hostAdmin)).data.transcript;
    // Held back in year 1: year 1 judged (short 20), year 2 shown and not judged (its 10 short do not count).
    expect(await t(held)).toEqual({
      standing: "CREDITS_SHORT", creditsShort: 20,
      years: [{ yearOfStudy: 1, creditsEarned: 0, met: false, inProgress: false }, { yearOfStudy: 2, creditsEarned: 10, met: false, inProgress: true }],
    });
    // On track with the cohort (year 3): both years judged, year 2 short 10.
    expect(await t(onTrack.id)).toEqual({
      standing: "CREDITS_SHORT", creditsShort: 10,
      years: [{ yearOfStudy: 1, creditsEarned: 20, met: true, inProgress: false }, { yearOfStudy: 2, creditsEarned: 10, met: false, inProgress: false }],
    });
  });
});

describeEachEngine("transcript of records: a finished year with no results", {}, (api) => {
  it("judges every year the student has finished, results or not: one holding none is short of its whole rule; a year just reached or under way is not shown", async () => {
    const db = api().database.db;
    const jp = await buildJointProgram(db);
    const enroll = async () => {
      const en = await enrollAtPartner(db, jp);
      return en.id;
    };
    const onTrack = await enroll();
    const ed = await buildEducation(db, jp, onTrack); // year 1's HOST1 and TEACH1 passed (20 of 20)
    const late = await enroll(); // year 1 passed, moved on to year 2 only now (the cohort already in year 3)
    const none = await enroll(); // no result at all
    await db.insert(courseResults).values([ed.offerings.host, ed.offerings.teacher].map((offeringId, k) => ({
      enrollmentId: late, offeringId, unitId: k === 0 ? ed.units.host : ed.units.teacher, attempt: 1, grade: k === 0 ? "70" : "5", passed: true, creditsEarned: 10, assessedOn: day(-20), enteredBy: "test", enteredByInstitutionId: k === 0 ? jp.host : ed.teacher,
    })));
    // Year 2: a compulsory unit (15) and an elective (5); year 3's rule is the version's 20.
    await db.insert(courseUnits).values([
      { curriculumId: ed.curriculumId, code: "Y2C", titleEn: "Year 2 compulsory", yearOfStudy: 2, term: 1, ectsCredits: 15, creditHours: 30, compulsory: true, language: "zh", teachingInstitutionId: jp.host, gradeScaleId: ed.scales.pct },
      { curriculumId: ed.curriculumId, code: "Y2E", titleEn: "Year 2 elective", yearOfStudy: 2, term: 2, ectsCredits: 5, creditHours: 10, compulsory: false, language: "zh", teachingInstitutionId: jp.host, gradeScaleId: ed.scales.pct },
    ]);
    const Q = `query($e: ID!) { transcript(enrollmentId: $e) { complete standing creditsShort years { yearOfStudy creditsEarned creditsRequired met missingUnits inProgress terms { term } } } }`;
    const t = async (id: number, v = jp.as.hostAdmin) => {
      const r = await api().run(Q, { e: toGlobalId("Enrollment", id) }, v);
      expect(r.errors).toBeUndefined();
      return r.data.transcript;
    };
    const y1 = { yearOfStudy: 1, creditsEarned: 20, creditsRequired: 20, met: true, missingUnits: [], inProgress: false, terms: [{ term: 1 }] };
    const y2None = { yearOfStudy: 2, creditsEarned: 0, creditsRequired: 20, met: false, missingUnits: ["Y2C"], inProgress: false, terms: [] };
    // The cohort in year 2: year 2 under way, not shown (no results), year 1 judged.
    await db.update(cohorts).set({ currentYearOfStudy: 2 }).where(eq(cohorts.id, jp.cohortId));
    expect(await t(onTrack)).toEqual({ complete: true, standing: "GOOD_STANDING", creditsShort: 0, years: [y1] });
    // The cohort in year 3: year 2 is over, and holds no result: judged short of its whole rule (20), its compulsory unit missing.
    await db.update(cohorts).set({ currentYearOfStudy: 3 }).where(eq(cohorts.id, jp.cohortId));
    expect(await t(onTrack)).toEqual({ complete: true, standing: "CREDITS_SHORT", creditsShort: 20, years: [y1, y2None] });
    // The platform admin reads the same record.
    expect((await t(onTrack, PLATFORM_ADMIN)).standing).toBe("CREDITS_SHORT");
    // No result at all, years 1 and 2 over: both short, not "not assessed".
    expect(await t(none)).toEqual({
      complete: true, standing: "CREDITS_SHORT", creditsShort: 40,
      years: [{ yearOfStudy: 1, creditsEarned: 0, creditsRequired: 20, met: false, missingUnits: ["HOST1", "TEACH1"], inProgress: false, terms: [] }, y2None],
    });
    // A student who moved on to year 2 only now (their own year): year 2 is not finished, not shown.
    await db.update(enrollments).set({ yearOfStudy: 2 }).where(eq(enrollments.id, late));
    expect(await t(late)).toEqual({ complete: true, standing: "GOOD_STANDING", creditsShort: 0, years: [y1] });
    // A partial record (the teaching institution's own units) shows only its units' years, judging none.
    const teacher: Viewer = { subject: "fy-teacher-registrar", role: "PARTNER_REGISTRAR", institutionId: ed.teacher };
    expect(await t(onTrack, teacher)).toEqual({
      complete: false, standing: null, creditsShort: null,
      years: [{ yearOfStudy: 1, creditsEarned: 10, creditsRequired: 20, met: null, missingUnits: null, inProgress: false, terms: [{ term: 1 }] }],
    });
  });
});

describeEachEngine("transcript of records (seeded)", { seed: true }, (api) => {
  it("every student of the TCM 2024 cohort has a transcript of years 1 and 2 (the one held back in year 1: year 1 only); the one short of credits is CREDITS_SHORT; one renders", async () => {
    const db = api().database.db;
    const [cohort] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.name, "TCM 2024"));
    const list = await db.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.cohortId, cohort.id)).orderBy(enrollments.id);
    expect(list.length).toBe(17);
    const standings: string[] = [];
    const years: string[] = [];
    for (const e of list) {
      const r = await api().run(`query($e: ID!) { transcript(enrollmentId: $e) { standing creditsShort student { familyNameLatin familyName } years { yearOfStudy } totals { creditsEarned } } }`, { e: toGlobalId("Enrollment", e.id) });
      expect(r.errors).toBeUndefined();
      years.push(r.data.transcript.years.map((y: any) => y.yearOfStudy).join());
      standings.push(r.data.transcript.standing);
    }
    // Year 3 is under way: no result of it, not shown.
    expect(years.filter((y) => y === "1,2").length).toBe(16);
    expect(years[standings.indexOf("CREDITS_SHORT")]).toBe("1");
    expect(standings.filter((s) => s === "CREDITS_SHORT").length).toBe(1);
    expect(standings.filter((s) => s === "GOOD_STANDING").length).toBe(16);
    const short = list[standings.indexOf("CREDITS_SHORT")];
    const issued = await api().run(ISSUE, { input: { enrollmentId: toGlobalId("Enrollment", short.id) } });
    expect(issued.errors).toBeUndefined();
    const t = await transcriptFor(db, PLATFORM_ADMIN, short.id, "");
    const { text } = await pdfText(new Uint8Array(await renderTranscriptPdf(t, { code: issued.data.issueTranscript.code, issuedAt: new Date(), verifyHint: "" })).buffer as ArrayBuffer);
    const all = text.join("\n");
    expect(all).toContain(`${t.student!.familyNameLatin} ${t.student!.givenNamesLatin}`);
    expect(all).toContain(`${t.student!.familyName} ${t.student!.givenNames}`);
    expect(all).toContain("Xinjiang Medical University");
    expect(all).toContain("新疆医科大学");
    expect(all).toContain("ANA101");
    expect(all).toContain("Standing: short of credits (10 ECTS)");
  });
});
