import { afterAll, beforeAll, expect, it } from "vitest";
import { httpConfig } from "../../src/config.js";
import { createContext, type ReadStrategy } from "../../src/context.js";
import { runInRequest } from "../../src/db/request-store.js";
import { logger } from "../../src/logger.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { createApollo, type Apollo } from "../../src/server.js";
import { mulberry32 } from "../../seeds/random.js";
import { buildMixed, STATUSES, type Mixed } from "../factories/mixed.js";
import { describeEachEngine, PLATFORM_ADMIN, type Engine, type TestApi } from "../helpers/engines.js";
import { ReadDocumentGenerator, type Pools, type ReadDocument } from "../helpers/read-documents.js";

// The differential test of the read engine (issue 12). Random read documents over the engine's roots, run as
// six callers on three strategies under graphql-jit, and on graphql-js: every answer must be the same JSON,
// data and errors (messages, paths, codes) alike. The fixture (factories/mixed.ts) holds every enrollment
// status, several nationalities and home institutions, NULLs and registeredBy set or not, so a filter or scope
// left out on one path shows. DIFF_SEED and DIFF_DOCUMENTS change the documents; DIFF_ONLY=<n> runs one.

const SEED = Number(process.env.DIFF_SEED ?? 20_261_212);
const DOCUMENTS = Number(process.env.DIFF_DOCUMENTS ?? 200);
const ONLY = process.env.DIFF_ONLY === undefined ? undefined : Number(process.env.DIFF_ONLY);

const ROOTS = [
  "institutions",
  "institution",
  "programs",
  "program",
  "cohorts",
  "cohort",
  "students",
  "student",
  "enrollments",
  "enrollment",
  "countries",
  "country",
  "sources",
  "institutionFigures",
  "node",
  "nodes",
] as const;
// Declared types (src/engine) the documents nest through, and the JavaScript field's LocalizedName.
const TYPES = new Set(["Institution", "InstitutionIdentifier", "Country", "Source", "InstitutionFigure", "Program", "Cohort", "Student", "Enrollment", "EnrollmentStatusChange", "LocalizedName"]);
const UNSCOPED = ["Institution", "Program", "Cohort", "Country", "Source", "InstitutionFigure"];
const STRATEGIES: ReadStrategy[] = ["whole", "inline", "batched"];
// Where the documents lean: the scoped and filtered paths (students, enrollments, a cohort's enrollments by
// status, personal data) more often than reference data.
const WEIGHTS: Record<string, number> = {
  "Query.students": 2,
  "Query.student": 2,
  "Query.enrollments": 2,
  "Query.enrollment": 2,
  "Query.cohort": 3,
  "Query.cohorts": 2,
  "Query.countries": 0.5,
  "Query.country": 0.5,
  "Query.sources": 0.5,
  "Query.institutionFigures": 0.5,
  "Cohort.enrollments": 4,
  "Cohort.enrollments.filter": 0.7,
  "CohortEnrollmentFilter.statuses": 0.9,
  "Program.cohorts": 2,
  "Institution.programs": 2,
  "Enrollment.student": 3,
  "Enrollment.cohort": 2,
  "Enrollment.history": 1.5,
  "Student.enrollments": 2,
  "Student.registeredByInstitution": 1.5,
};

interface Answer {
  data: unknown;
  /** extensions.cost.actual: counted by the one-statement path's SQL, by a walk of the answer elsewhere. */
  actual?: unknown;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

async function run(apollo: Apollo, api: TestApi, strategy: ReadStrategy, doc: ReadDocument, as: Viewer | null): Promise<Answer> {
  const res = await runInRequest({ requestId: "differential", statements: 0 }, () =>
    apollo.executeOperation({ query: doc.query, variables: doc.variables }, { contextValue: createContext(api.database.db, "differential", as, "local", { strategy }) }),
  );
  if (res.body.kind !== "single") throw new Error("unexpected incremental result");
  const cost = res.body.singleResult.extensions?.cost as { actual?: unknown } | undefined;
  return { data: res.body.singleResult.data, errors: res.body.singleResult.errors as Answer["errors"], actual: cost?.actual };
}

/** An answer as JSON: data as written (keys in order), errors in a fixed order (execution lists them as they come). */
function canonical(a: Answer): string {
  return JSON.stringify({ data: a.data ?? null, errors: a.errors?.map((e) => JSON.stringify(e)).sort(), actual: a.actual });
}

/**
 * Why two answers differ, if they do. The data must be the same JSON, and so must every error, with one
 * exception: once a non-null field fails and its object comes out null (the data itself, when the field is
 * under a root field that is non-null), graphql-js and graphql-jit stop listening to that object's other
 * fields (Promise.all), so whether an error inside it that comes later is reported is timing (a bad argument
 * the inline strategy finds while planning, the batched one a level later). Errors inside a nulled object
 * are therefore not compared; a null data must still come with an error on both sides.
 */
function differ(expected: Answer, actual: Answer, keyOrder: boolean): string | undefined {
  const text = keyOrder ? JSON.stringify : sortedJson;
  if (text(expected.data ?? null) !== text(actual.data ?? null)) return keyOrder ? "data" : "data (keys in any order)";
  const firm = (a: Answer) => JSON.stringify((a.errors ?? []).filter((e) => !underNull(a.data, e.path ?? [])).map((e) => JSON.stringify(e)).sort());
  if (firm(expected) !== firm(actual)) return "errors";
  if (expected.data == null && !(expected.errors?.length && actual.errors?.length)) return "data null without an error";
  if (expected.actual !== actual.actual) return "extensions.cost.actual";
  return undefined;
}

/** JSON with every object's keys sorted. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/** Whether an object holding `path` (a proper prefix of it) is null in `data`. */
function underNull(data: unknown, path: readonly (string | number)[]): boolean {
  let v = data;
  for (let i = 0; i < path.length; i++) {
    if (v === null || v === undefined) return true;
    v = (v as Record<string | number, unknown>)[path[i]];
  }
  return false;
}

// What a document is a case of, for the coverage the test checks it reached.
const features = {
  statusFilter: /enrollments\([^)]*statuses/,
  personal: /\b(dateOfBirth|passportNumber|email)\b/,
  fragment: /\.\.\.F\d/,
  directive: /@(skip|include)/,
  cursor: /\b(after|before):/,
};

/** The suite on one engine: one file per engine, so the two run side by side (test/integration/differential.*.test.ts). */
export const differentialSuite = (engine: Engine) =>
describeEachEngine("the read engine answers the same on every path (differential)", { engines: [engine] }, (api) => {
  let mixed: Mixed;
  let jit: Apollo;
  let js: Apollo;
  let docs: ReadDocument[] = [];

  beforeAll(async () => {
    const t0 = Date.now();
    mixed = await buildMixed(api().database.db);
    // Budgets and the cost limit out of the way: thousands of operations from six callers, deep ones too.
    const cfg = httpConfig({ BUDGET_CAPACITY: "1000000000", BUDGET_REFILL_PER_SECOND: "1000000000", ANON_BUDGET_CAPACITY: "1000000000", ANON_BUDGET_REFILL_PER_SECOND: "1000000000", MAX_COST: "100000000", MAX_ALIASES: "1000" });
    jit = await createApollo(api().database, logger, { http: { ...cfg, jit: true } });
    js = await createApollo(api().database, logger, { http: { ...cfg, jit: false } });
    await Promise.all([jit.start(), js.start()]);
    // Cursors of each list's ordering, read from the fixture.
    const lists = await run(
      js,
      api(),
      "batched",
      {
        query: `{ institutions(first: 100) { edges { cursor } } programs(first: 100) { edges { cursor } } cohorts(first: 100) { edges { cursor } }
          students(first: 100) { edges { cursor } } enrollments(first: 100) { edges { cursor } } institutionFigures(first: 100) { edges { cursor } } }`,
        variables: {},
      },
      PLATFORM_ADMIN,
    );
    expect(lists.errors).toBeUndefined();
    const d = lists.data as Record<string, { edges: { cursor: string }[] }>;
    const cursors = (k: string) => d[k].edges.map((e) => e.cursor);
    const pools: Pools = {
      ids: mixed.ids,
      cursors: {
        Institution: cursors("institutions"),
        Program: cursors("programs"),
        Cohort: cursors("cohorts"),
        Student: cursors("students"),
        Enrollment: cursors("enrollments"),
        InstitutionFigure: cursors("institutionFigures"),
      },
      countryCodes: ["CN", "KZ", "UZ", "TJ", "KG"],
      values: {
        "InstitutionFilter.search": ["Alpha", "beta", "Дельта", "阿尔法", "centre", "zz"],
        "ProgramFilter.search": ["Medicine", "nurs", "中医", "Residency"],
        "ProgramFilter.iscedField": ["0917", "0912", "0913"],
        "ProgramFilter.launchYearFrom": [2018, 2020, 2023],
        "ProgramFilter.launchYearTo": [2019, 2022, 2024],
        "StudentFilter.search": ["karimov", "Ali", "Рахимова", "o'neil", "李"],
        "StudentFilter.intakeYear": [2022, 2023, 2024],
        "CohortFilter.intakeYearFrom": [2022, 2023, 2024],
        "CohortFilter.intakeYearTo": [2022, 2023, 2025],
        "EnrollmentFilter.intakeYearFrom": [2022, 2023, 2024],
        "EnrollmentFilter.intakeYearTo": [2023, 2024, 2025],
        "EnrollmentFilter.changedFrom": ["2023-01-01T00:00:00Z", "2023-02-15T10:00:00.000Z", "2023-03-01T00:00:00+05:00"],
        "EnrollmentFilter.changedBefore": ["2023-02-01T00:00:00Z", "2023-03-15T00:00:00Z", "2024-01-01T00:00:00Z"],
        "InstitutionFigureFilter.regionCode": ["CN-XJ", "KZ-ALA"],
      },
    };
    const gen = new ReadDocumentGenerator(api().apollo.schema, mulberry32(SEED), pools, { roots: ROOTS, types: TYPES, unscoped: UNSCOPED, maxDepth: 3, weights: WEIGHTS });
    docs = Array.from({ length: DOCUMENTS }, () => gen.document());
    console.log(`[differential ${api().engine}] fixture and ${DOCUMENTS} documents (seed ${SEED}) in ${Date.now() - t0} ms`);
  });

  afterAll(async () => {
    await jit?.stop();
    await js?.stop();
  });

  it("has a fixture in which no filter can pass for its absence", () => {
    for (const s of STATUSES) expect(mixed.counts.byStatus[s], s).toBeGreaterThan(0);
    expect(mixed.viewers).toHaveLength(6);
  });

  // Faults outside the engine, pinned so that they show when fixed (then read-documents.ts may put directives on
  // selections that hold fragments again): graphql-jit collects the fields of a fragment under a @skip'ped (or
  // not @include'd) selection when the same field is selected elsewhere too. graphql-js leaves them out, and so
  // does the plan, so the inline strategy answers INTERNAL_SERVER_ERROR ("Cannot return null for non-nullable
  // field Student.familyName") and the batched one answers the skipped field; a whole answer is right. Suggested
  // fix: src/shared/jit-executor.ts leaves documents with @skip or @include to graphql-js (or graphql-jit fixed).
  it.fails("(graphql-jit leaves out a fragment's field under @skip(if: true), as graphql-js does: not yet)", async () => {
    const doc = { query: `{ enrollments(first: 1) { nodes { student @skip(if: true) { ... { familyName } } student { id } } } }`, variables: {} };
    const expected = canonical(await run(js, api(), "inline", doc, PLATFORM_ADMIN));
    await run(jit, api(), "inline", doc, PLATFORM_ADMIN); // graphql-jit compiles a document on its second request
    for (const s of STRATEGIES) expect(canonical(await run(jit, api(), s, doc, PLATFORM_ADMIN)), s).toBe(expected);
  });

  it.fails("(graphql-jit applies a fragment spread's @include(if: false) to that spread only, as graphql-js does: not yet)", async () => {
    const doc = {
      query: `{ country(code: "CN") { names { ...N @include(if: false) } } program(id: "${mixed.ids.Program[0]}") { names { ...N } } } fragment N on LocalizedName { text }`,
      variables: {},
    };
    const expected = canonical(await run(js, api(), "inline", doc, null));
    await run(jit, api(), "inline", doc, null);
    for (const s of STRATEGIES) expect(canonical(await run(jit, api(), s, doc, null)), s).toBe(expected);
  });

  it.fails("(graphql-jit puts a field whose first selection is @skip'ped where graphql-js does: not yet)", async () => {
    const doc = { query: `{ countries { code centralAsia @skip(if: true) nameEn ... on Country { centralAsia } } }`, variables: {} };
    const expected = JSON.stringify(await run(js, api(), "inline", doc, null));
    await run(jit, api(), "inline", doc, null);
    for (const s of STRATEGIES) expect(JSON.stringify(await run(jit, api(), s, doc, null)), s).toBe(expected);
  });

  it(`answers ${DOCUMENTS} random read documents the same as 6 callers: whole, inline and batched under graphql-jit, and graphql-js (seed ${SEED})`, async () => {
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    const mismatches: string[] = [];
    const codes = new Map<string, number>();
    const seen = Object.fromEntries(Object.keys(features).map((k) => [k, 0])) as Record<keyof typeof features, number>;
    let runs = 0;
    let answered = 0;
    let nullData = 0;
    let statusFiltered = 0;
    let personalShown = 0;
    for (let i = 0; i < docs.length; i++) {
      if (ONLY !== undefined && i !== ONLY) continue;
      const doc = docs[i];
      for (const [k, re] of Object.entries(features)) if (re.test(doc.query)) seen[k as keyof typeof features]++;
      // Keys in the order of the selection, but where @skip or @include is: graphql-jit puts a field whose first
      // selection is skipped where that selection is, graphql-js (and a whole answer) where it is collected
      // (pinned above).
      const keyOrder = !features.directive.test(doc.query);
      // Under graphql-jit every caller and strategy, then graphql-js with the callers in the opposite order, so
      // that a plan kept for one caller and served to another (the plan cache) shows. The first request of a
      // document runs alone: requests that parse a document at the same time each keep a copy of their own, and
      // would not share its plans. The others run at once, as a server meets them.
      const jitRuns = mixed.viewers.flatMap(([, as]) => STRATEGIES.map((s) => () => run(jit, api(), s, doc, as)));
      const jitAnswers = [await jitRuns[0](), ...(await Promise.all(jitRuns.slice(1).map((f) => f())))];
      const jsRuns = [...mixed.viewers].reverse().map(([, as]) => () => run(js, api(), "batched", doc, as));
      const jsAnswers = [await jsRuns[0](), ...(await Promise.all(jsRuns.slice(1).map((f) => f())))].reverse();
      const report = (who: string, what: string, expected: Answer, actual: Answer, why?: string) =>
        mismatches.push(
          [
            `document ${i} (DIFF_SEED=${SEED} DIFF_ONLY=${i}), caller ${who}: ${what}${why ? ` (${why})` : ""}`,
            `query: ${doc.query}`,
            `variables: ${JSON.stringify(doc.variables)}`,
            `expected: ${canonical(expected).slice(0, 2000)}`,
            `actual:   ${canonical(actual).slice(0, 2000)}`,
          ].join("\n"),
        );
      mixed.viewers.forEach(([who], v) => {
        const [whole, inline, batched] = jitAnswers.slice(v * 3, v * 3 + 3);
        const ref = jsAnswers[v];
        runs += 4;
        for (const e of ref.errors ?? []) codes.set(String(e.extensions?.code), (codes.get(String(e.extensions?.code)) ?? 0) + 1);
        if (ref.data == null) nullData++;
        else answered++;
        const text = JSON.stringify(ref.data);
        if (features.statusFilter.test(doc.query) && /"status":"/.test(text)) statusFiltered++;
        if (/"(dateOfBirth|passportNumber|email)":"/.test(text)) personalShown++;
        // The strategies under graphql-jit, then graphql-jit against graphql-js.
        for (const [what, expected, actual] of [
          ["whole ≠ batched (graphql-jit)", batched, whole],
          ["inline ≠ batched (graphql-jit)", batched, inline],
          ["graphql-jit ≠ graphql-js (batched)", ref, batched],
        ] as const) {
          const why = differ(expected, actual, keyOrder);
          if (why) report(who, what, expected, actual, why);
        }
      });
    }
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `[differential ${api().engine}] ${runs} runs of ${ONLY === undefined ? docs.length : 1} documents in ${seconds} s (this process's CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s); ${mismatches.length} differences; ` +
        `graphql-js answers with data ${answered}, with data null ${nullData}; error codes ${JSON.stringify(Object.fromEntries(codes))}; ` +
        `documents with ${JSON.stringify(seen)}; answers with status-filtered enrollments ${statusFiltered}, with personal data shown ${personalShown}`,
    );
    if (mismatches.length) console.log(`[differential ${api().engine}] the first differences:\n${mismatches.slice(0, 5).join("\n\n")}`);
    expect(mismatches.length, `differences (seed ${SEED}); the first:\n${mismatches[0] ?? ""}`).toBe(0);
    if (ONLY !== undefined) return;
    // The documents reached what they are meant to: personal data refused and shown, filtered enrollments,
    // fragments, directives, cursors, and coded errors of bad arguments.
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(DOCUMENTS / 20);
    expect(codes.get("FORBIDDEN") ?? 0).toBeGreaterThan(0);
    expect(codes.get("UNAUTHENTICATED") ?? 0).toBeGreaterThan(0);
    expect(codes.get("BAD_USER_INPUT") ?? 0).toBeGreaterThan(0);
    expect(statusFiltered).toBeGreaterThan(DOCUMENTS / 20);
    expect(personalShown).toBeGreaterThan(DOCUMENTS / 20);
    expect(answered).toBeGreaterThan(nullData);
  }, 600_000);
});
