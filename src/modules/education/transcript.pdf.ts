import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type PDFKit from "pdfkit";
import type { LocalizedName } from "../../shared/localized.type.js";
import type { Transcript, TranscriptInstitution, TranscriptUnit } from "./transcript.type.js";

// The transcript rendered as a PDF (pdfkit) in Noto Sans SC, which covers Latin, Cyrillic and Chinese, and Noto
// Sans Arabic for Arabic-script text (a Uyghur name as in the passport) (the npm packages
// @expo-google-fonts/noto-sans-sc and -arabic, SIL Open Font License 1.1; pdfkit embeds only the glyphs used).
// A4, every page with the issue date, the verification code and "page n of N".

const require = createRequire(import.meta.url);
/** The font files, read once per process (10 MB and 0.2 MB, off the JavaScript heap). */
let font: Buffer | undefined;
function fontData(): Buffer {
  font ??= readFileSync(require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"));
  return font;
}
let arabicFont: Buffer | undefined;
function arabicFontData(): Buffer {
  arabicFont ??= readFileSync(require.resolve("@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf"));
  return arabicFont;
}

/** Arabic-script letters (the Arabic blocks and presentation forms); a run is such words with the spaces between. */
const ARABIC_LETTERS = "\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF";
const ARABIC_RUN = new RegExp(`[${ARABIC_LETTERS}]+(?:\\s+[${ARABIC_LETTERS}]+)*`, "g");

/**
 * A line's runs of one script each: Arabic-script runs are set in Noto Sans Arabic, the rest in Noto Sans SC.
 * fontkit lays an Arabic run out right to left (it shapes the letters and reverses the run, words included), so
 * a run is handed over in logical order and needs no reordering of its own; the runs follow each other left
 * to right, as the line's text (Latin or Cyrillic labels around a name) does.
 */
export function scriptRuns(text: string): { text: string; arabic: boolean }[] {
  const runs: { text: string; arabic: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(ARABIC_RUN)) {
    if (m.index > at) runs.push({ text: text.slice(at, m.index), arabic: false });
    runs.push({ text: m[0], arabic: true });
    at = m.index + m[0].length;
  }
  if (at < text.length || !runs.length) runs.push({ text: text.slice(at), arabic: false });
  return runs;
}

/**
 * Noto Sans Arabic's ccmp feature splits letters into a dotless base and dot marks that map to no character:
 * the text read back (copy, search, screen readers) came out with stray characters. Without it each letter is
 * one glyph of its own character, joined and shaped as before (init, medi, fina, ligatures).
 */
const ARABIC_FEATURES = { ccmp: false } as unknown as PDFKit.Mixins.TextOptions["features"];

export interface DocumentFacts {
  code: string;
  issuedAt: Date;
  /** Where the code is verified (the public verifyTranscript query). */
  verifyHint: string;
}

const M = 40; // margin
const FOOTER = 36;
const COLS = [
  { key: "code", x: 40, w: 48 },
  { key: "unit", x: 90, w: 160 },
  { key: "teacher", x: 252, w: 88 },
  { key: "ects", x: 342, w: 26 },
  { key: "attempts", x: 370, w: 112 },
  { key: "grade", x: 484, w: 40 },
  { key: "credits", x: 526, w: 30 },
] as const;
type Col = (typeof COLS)[number]["key"];

const names = (list: LocalizedName[]) => list.map((n) => n.text).join(" · ");
const instNames = (i: TranscriptInstitution) => names(i.names);
const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const day = (d: Date) => d.toISOString().slice(0, 10);

/** pdfkit, loaded on the first document (27 MB of RSS a server that renders none does not need). */
let pdfkit: Promise<typeof PDFKit> | undefined;
const loadPdfkit = () => (pdfkit ??= import("pdfkit").then((m) => m.default));

/** The PDF of a transcript (complete: a home or host institution's view). */
export async function renderTranscriptPdf(t: Transcript, facts: DocumentFacts): Promise<Buffer> {
  const PDFDocument = await loadPdfkit();
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: M, bottom: M, left: M, right: M },
    bufferPages: true,
    info: { Title: `Transcript of Records ${facts.code}`, Author: t.hostInstitution.nameEn, Subject: "Transcript of Records", CreationDate: facts.issuedAt },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("noto", fontData());
  doc.font("noto");
  let arabic = false; // registered with the first Arabic-script run
  const fontFor = (isArabic: boolean) => {
    if (isArabic && !arabic) doc.registerFont("arabic", arabicFontData());
    arabic ||= isArabic;
    doc.font(isArabic ? "arabic" : "noto");
  };
  const width = doc.page.width - 2 * M;
  const bottom = () => doc.page.height - M - FOOTER;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  const line = (text: string, size = 9, gap = 2) => {
    doc.fontSize(size);
    ensure(doc.heightOfString(text, { width }));
    const runs = scriptRuns(text);
    runs.forEach((r, i) => {
      fontFor(r.arabic);
      const opts = { width, continued: i < runs.length - 1, ...(r.arabic && { features: ARABIC_FEATURES }) };
      if (i === 0) doc.text(r.text, M, doc.y, opts);
      else doc.text(r.text, opts);
    });
    doc.font("noto");
    doc.moveDown(gap / size);
  };

  // Heading: the host, the document, the student.
  line(instNames(t.hostInstitution), 12);
  line("Transcript of Records · 成绩单 · Академическая справка", 16, 6);
  const s = t.student!;
  line(`Student: ${s.familyNameLatin} ${s.givenNamesLatin}`, 11);
  line(`As in the passport: ${s.familyName} ${s.givenNames}`, 11);
  line(`Nationality: ${s.nationality}    Enrollment status: ${t.status ?? ""}`, 9);
  line(`Home institution: ${instNames(s.homeInstitution)}`, 9);
  line(`Program: ${t.programCode} — ${names(t.programTitles)}`, 9);
  line(`Cohort: ${t.cohortName}    Curriculum version: ${t.curriculumVersion ?? "—"}    Host scale: ${t.hostScale ?? "—"}`, 9);
  if (t.partnerInstitutions.length) line(`Partners of the joint program: ${t.partnerInstitutions.map(instNames).join("; ")}`, 9);
  doc.moveDown(0.5);

  const row = (cells: Record<Col, string>, size: number) => {
    doc.fontSize(size);
    const h = Math.max(...COLS.map((c) => doc.heightOfString(cells[c.key] || " ", { width: c.w }))) + 3;
    ensure(h);
    const y = doc.y;
    for (const c of COLS) doc.text(cells[c.key], c.x, y, { width: c.w });
    doc.y = y + h;
    doc.x = M;
  };
  const header = () =>
    row({ code: "Code", unit: "Unit", teacher: "Taught and graded by", ects: "ECTS", attempts: "Attempts: grade → host scale, date", grade: "Host grade", credits: "Credits" }, 7);
  const unitRow = (u: TranscriptUnit) => {
    const rec = u.recognition;
    const recText = rec ? (rec.status === "RECOGNISED" ? `\nRecognised by the host: ${rec.convertedGrade}, ${num(rec.creditsRecognised)} ECTS` : `\nRecognition refused: ${rec.reason ?? ""}`) : "";
    row(
      {
        code: u.code + (u.compulsory ? "" : "\n(elective)"),
        unit: names(u.titles) + recText,
        teacher: `${u.teachingInstitution.nameEn}\nscale ${u.scale}`,
        ects: num(u.ectsCredits),
        attempts: u.attempts.map((a) => `${a.attempt}: ${a.grade} → ${a.convertedGrade ?? "—"}${a.passed ? "" : " fail"}, ${a.assessedOn}${a.corrected ? " (corrected)" : ""}`).join("\n"),
        grade: u.convertedGrade ?? "—",
        credits: num(u.creditsEarned),
      },
      8,
    );
  };

  for (const y of t.years) {
    ensure(60);
    line(`Year ${y.yearOfStudy}`, 12, 4);
    for (const term of y.terms) {
      line(`Term ${term.term} (${term.term === 1 ? "autumn" : "spring"})`, 10, 2);
      header();
      for (const u of term.units) unitRow(u);
      line(`Term credits: ${num(term.creditsEarned)}`, 8, 4);
    }
    const missing = y.missingUnits?.length ? `; compulsory units not passed: ${y.missingUnits.join(", ")}` : "";
    line(`Year ${y.yearOfStudy}: ${num(y.creditsEarned)} of ${num(y.creditsRequired)} ECTS${missing}${y.inProgress ? " (year under way)" : y.met ? " — credit rule met" : " — credit rule not met"}`, 9, 8);
  }

  const tt = t.totals;
  ensure(90);
  line("Totals", 12, 4);
  line(`Units: ${tt.units} (${tt.unitsPassed} passed), attempts: ${tt.attempts}`, 9);
  line(`ECTS credits earned: ${num(tt.creditsEarned)}; recognised from partners: ${num(tt.creditsRecognised)}; credit hours: ${tt.creditHours}`, 9);
  if (tt.weightedMean != null) line(`Credit-weighted mean (${t.hostScale}): ${num(tt.weightedMean)}`, 9);
  const standing = t.standing === "GOOD_STANDING" ? "in good standing" : t.standing === "CREDITS_SHORT" ? `short of credits (${num(t.creditsShort ?? 0)} ECTS)` : "not assessed yet";
  line(`Standing: ${standing}`, 9, 8);
  line(`Issued on ${day(facts.issuedAt)}. Verification code: ${facts.code}. ${facts.verifyHint}`, 9);

  // Footers, once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.fontSize(7);
    const text = `${t.hostInstitution.nameEn} · Transcript of Records · issued ${day(facts.issuedAt)} · verification code ${facts.code} · page ${i + 1} of ${range.count}`;
    // Below the bottom margin: pdfkit would otherwise start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(text, M, doc.page.height - M - 12, { width, align: "center", lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
