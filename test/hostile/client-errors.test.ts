import "reflect-metadata";
import { createHash } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_JWT_SECRET, httpConfig } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { logger } from "../../src/logger.js";
import { mintToken } from "../../src/modules/auth/auth.service.js";
import { createApollo, createServer } from "../../src/server.js";
import { describeEachEngine, makeApi, PLATFORM_ADMIN, type TestApi } from "../helpers/engines.js";
import { createTestDatabase, postgresStatus } from "../helpers/postgres.js";
import { buildJointProgram, studentRow, type JointProgram } from "../factories/joint-program.js";
import { openPgliteCopy } from "../helpers/templates.js";

// Hostile or broken client input must be a coded client error (4xx, or 200 with a coded error where a
// resolver reports it), naming the field where there is one: never 500 or INTERNAL_SERVER_ERROR, never a
// stack or SQL. Each case below answered INTERNAL_SERVER_ERROR before (issue 11, points 10 and 11).

const LEAKS = /select |insert |from "|constraint|relation|\bat .*\.ts|node_modules|stack|Failed query|params:/i;
const CLIENT_CODES = new Set(["BAD_USER_INPUT", "BAD_REQUEST", "UNAUTHENTICATED", "PERSISTED_QUERY_NOT_FOUND", "GRAPHQL_VALIDATION_FAILED"]);
const auth = { secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" };

const cursor = (...values: unknown[]) => Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
const NUL = "Rahi\u0000mova";
const LONE = "Rahi\ud800mova";
const REGISTER = `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { existingStudent } }`;
const CREATE_COHORT = `mutation($input: CreateCohortInput!) { createCohort(input: $input) { cohort { id } } }`;
const SEARCH = `query($s: String) { institutions(filter: { search: $s }) { totalCount } }`;

// A literal of each kind graphql-js's ValuesOfCorrectTypeRule refuses, with [code, field, message] of each error.
const LITERAL_CASES = (cohort: string): [string, [string, string, string][]][] => [
  // A custom scalar, nested in input objects.
  [
    `mutation { registerStudent(input: { cohortId: "${cohort}", student: { familyName: "A", givenNames: "x", familyNameLatin: "X", givenNamesLatin: "X", dateOfBirth: "2003-01-01", nationality: "ZZ", passportNumber: "FA9990002" } }) { existingStudent } }`,
    [["BAD_USER_INPUT", "input.student.nationality", "Value is not a valid country code: ZZ"]],
  ],
  // Inside a list of input objects: a built-in String given an Int, a custom scalar, a required field left out, an unknown field.
  [
    `mutation { recordResults(input: { offeringId: "T2ZmZXJpbmc6MQ", results: [{ enrollmentId: "RW5yb2xsbWVudDox", grade: 4, assessedOn: "2026-11-16" }, { enrollmentId: "RW5yb2xsbWVudDox", grade: "4", assessedOn: "2026-13-45" }, { enrollmentId: "RW5yb2xsbWVudDox", assessedOn: "2026-11-16" }, { enrollmentId: "RW5yb2xsbWVudDox", grade: "4", assessedOn: "2026-11-16", nope: 1 }] }) { written } }`,
    [
      ["BAD_USER_INPUT", "input.results[0].grade", "String cannot represent a non string value: 4"],
      ["BAD_USER_INPUT", "input.results[1].assessedOn", expect.stringContaining("2026-13-45") as unknown as string],
      ["BAD_USER_INPUT", "input.results[2].grade", 'Field "ResultEntry.grade" of required type "String!" was not provided.'],
      ["BAD_USER_INPUT", "input.results[3].nope", 'Field "nope" is not defined by type "ResultEntry".'],
    ],
  ],
  // An enum value that does not exist, in a list.
  [`{ students(filter: { enrollmentStatuses: [ENROLLED, NOPE] }) { totalCount } }`, [["BAD_USER_INPUT", "filter.enrollmentStatuses[1]", expect.stringContaining('"NOPE"') as unknown as string]]],
  // A built-in Int given a string.
  [`{ creditStanding(cohortId: "${cohort}", yearOfStudy: "x") { atRisk } }`, [["BAD_USER_INPUT", "yearOfStudy", 'Int cannot represent non-integer value: "x"']]],
];

type Err = { message: string; path?: unknown[]; extensions?: Record<string, unknown> };

/** Every error coded as the client's, none internal, nothing leaked; the first one's code and field. */
function expectClientError(errors: Err[] | undefined, code: string, field?: string) {
  expect(errors?.length, "an error is reported").toBeGreaterThan(0);
  for (const e of errors!) {
    expect(CLIENT_CODES.has(String(e.extensions?.code)), JSON.stringify(e)).toBe(true);
    expect(JSON.stringify(e)).not.toMatch(LEAKS);
  }
  expect(errors![0].extensions?.code, JSON.stringify(errors)).toBe(code);
  if (field !== undefined) expect(errors![0].extensions?.field, JSON.stringify(errors)).toBe(field);
}

describeEachEngine("hostile client input is a coded client error", {}, (api) => {
  let jp: JointProgram;
  beforeAll(async () => {
    jp = await buildJointProgram(api().database.db);
  });

  it("refuses a NUL or an unpaired surrogate in any string, literal or variable, nested or not, anonymous or not", async () => {
    const cases: [string, Record<string, unknown>, string, (typeof PLATFORM_ADMIN | null)?][] = [
      [`{ institutions(filter: { search: ${JSON.stringify(NUL)} }) { totalCount } }`, {}, "filter.search", null],
      // A variable is named by the argument path it is passed at, as a literal in its place is.
      [SEARCH, { s: NUL }, "filter.search", null],
      [SEARCH, { s: LONE }, "filter.search", null],
      [`query($s: String) { students(filter: { search: $s }) { totalCount } }`, { s: LONE }, "filter.search"],
      [REGISTER, { input: { cohortId: jp.ids.cohort, student: studentRow({ familyName: NUL }) } }, "input.student.familyName", jp.as.partnerRegistrar],
      [REGISTER, { input: { cohortId: jp.ids.cohort, student: studentRow({ passportNumber: "FA\ud8001" }) } }, "input.student.passportNumber", jp.as.partnerRegistrar],
      [`query($c: ID!) { cohort(id: $c) { enrollments(first: 1, after: ${JSON.stringify(NUL)}) { totalCount } } }`, { c: jp.ids.cohort }, "enrollments.after"],
    ];
    for (const [query, variables, field, as] of cases) {
      const r = await api().run(query, variables, as === undefined ? PLATFORM_ADMIN : as);
      expectClientError(r.errors, "BAD_USER_INPUT", field);
      expect(r.statements, query).toBe(0);
    }
    // Nothing was written.
    const n = await api().run(`query($c: ID!) { cohort(id: $c) { enrollments { totalCount } } }`, { c: jp.ids.cohort });
    expect(n.data.cohort.enrollments.totalCount).toBe(0);
  });

  it("refuses integers past int4, in literals, variables and global ids", async () => {
    const input = { programId: jp.ids.program, name: "Big", intakeYear: 2030, startDate: "2030-09-01", expectedGraduation: "2035-07-01" };
    const literal = await api().run(
      `mutation { createCohort(input: { programId: "${jp.ids.program}", name: "Big", intakeYear: 2030, capacity: 2147483648, startDate: "2030-09-01", expectedGraduation: "2035-07-01" }) { cohort { id } } }`,
    );
    expectClientError(literal.errors, "BAD_USER_INPUT", "input.capacity");
    const variable = await api().run(CREATE_COHORT, { input: { ...input, capacity: 2147483648 } });
    expectClientError(variable.errors, "BAD_USER_INPUT", "input.capacity");
    expect(variable.errors![0].message).toMatch(/^Variable "\$input" got invalid value 2147483648 at "input\.capacity"; /);
    const places = await api().run(`mutation($p: NonNegativeInt) { updateCohort(input: { cohortId: "${jp.ids.cohort}", capacity: $p }) { cohort { id } } }`, { p: 2 ** 40 });
    expectClientError(places.errors, "BAD_USER_INPUT", "input.capacity");
    const id = await api().run(`query($id: ID!) { institution(id: $id) { nameEn } }`, { id: Buffer.from("Institution:2147483648").toString("base64url") });
    expectClientError(id.errors, "BAD_USER_INPUT", "id");
    expect(literal.statements + variable.statements + places.statements + id.statements).toBe(0);
  });

  it("refuses forged cursors (a string, 1e20 or a date that does not exist where the list keeps something else) naming after/before", async () => {
    const cases: [string, string][] = [
      [`{ institutions(first: 1, after: "${cursor("institution.name", "A", 1e20)}") { nodes { id } } }`, "after"],
      [`{ institutions(first: 1, after: "${cursor("institution.name", "A", "x")}") { nodes { id } } }`, "after"],
      [`{ institutions(last: 1, before: "${cursor("institution.name", 5, 5)}") { nodes { id } } }`, "before"],
      [`{ cohortReconciliation(after: "${cursor("cohortReconciliation.intake", 2024, 1e20)}") { totalCount } }`, "after"],
      [`{ institutionFigures(after: "${cursor("figure.asOf", "2024-02-30", 1)}") { nodes { value } } }`, "after"],
      [`{ changes(first: 1, after: "${cursor("change", "1", 1)}") { nodes { action } } }`, "after"],
      [`query($c: ID!) { cohort(id: $c) { enrollments(first: 1, before: "${cursor("enrollment.id", 1e20)}") { nodes { id } } } }`, "enrollments.before"],
      [`query($c: ID!) { cohort(id: $c) { enrollments(first: 1, after: "${cursor("enrollment.id", "abc")}") { nodes { id } } } }`, "enrollments.after"],
    ];
    for (const [query, field] of cases) {
      const r = await api().run(query, { c: jp.ids.cohort });
      expectClientError(r.errors, "BAD_USER_INPUT", field);
    }
  });

  it("names the variable and the path of a bad scalar inside a variable, as graphql-js does, on both executors", async () => {
    const bad = { input: { cohortId: jp.ids.cohort, student: studentRow({ dateOfBirth: "2005-13-45" }) } };
    const expected = {
      message: 'Variable "$input" got invalid value "2005-13-45" at "input.student.dateOfBirth"; Value is not a valid LocalDate: 2005-13-45',
      extensions: { code: "BAD_USER_INPUT", field: "input.student.dateOfBirth" },
    };
    const js = await createApollo(api().database, logger, { http: { ...httpConfig({}), jit: false, readStrategy: "inline" } });
    await js.start();
    try {
      // graphql-jit compiles a document the second time it sees it: three runs each.
      for (const a of [api(), makeApi(api().engine, api().database, js)])
        for (let i = 0; i < 3; i++) {
          const r = await a.run(REGISTER, bad, jp.as.partnerRegistrar);
          expect(r.errors).toEqual([{ ...expected, locations: [{ line: 1, column: 10 }] }]);
        }
      // Several bad values: each reported with its own path.
      const two = await api().run(REGISTER, { input: { cohortId: jp.ids.cohort, student: studentRow({ dateOfBirth: "x", nationality: "XX" }) } }, jp.as.partnerRegistrar);
      expect(two.errors?.map((e) => e.extensions?.field)).toEqual(["input.student.dateOfBirth", "input.student.nationality"]);
      const list = await api().run(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ["a", { x: 1 }] });
      expectClientError(list.errors, "BAD_USER_INPUT", "ids[1]");
      // A required field left out is named, not its object: inside a list item and nested.
      const RESULTS = `mutation($input: RecordResultsInput!) { recordResults(input: $input) { written } }`;
      const entry = { enrollmentId: "RW5yb2xsbWVudDox", grade: "4", assessedOn: "2026-11-16" };
      const { grade: _g, ...noGrade } = entry;
      const { assessedOn: _d, ...noDay } = entry;
      const missing = await api().run(RESULTS, { input: { offeringId: "T2ZmZXJpbmc6MQ", results: [entry, noGrade, entry, noDay] } }, jp.as.partnerRegistrar);
      expect(missing.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([["BAD_USER_INPUT", "input.results[1].grade"], ["BAD_USER_INPUT", "input.results[3].assessedOn"]]);
      expect(missing.errors?.[0].message).toMatch(/at "input\.results\[1\]"; Field "grade" of required type "String!" was not provided\./);
      const nested = await api().run(`mutation($input: RecordResultInput!) { recordResult(input: $input) { result { id } } }`, { input: { offeringId: "T2ZmZXJpbmc6MQ" } }, jp.as.partnerRegistrar);
      expectClientError(nested.errors, "BAD_USER_INPUT", "input.result");
    } finally {
      await js.stop();
    }
  });

  it("names the argument a variable is passed to, whatever the client called the variable; the message names the variable", async () => {
    const entry = { enrollmentId: "RW5yb2xsbWVudDox", grade: "4", assessedOn: "2026-11-16" };
    const input = { offeringId: "T2ZmZXJpbmc6MQ", results: [entry, { ...entry, grade: 4 }] };
    const fields = (r: { errors?: Err[] }) => r.errors?.map((e) => [e.extensions?.code, e.extensions?.field]);
    const as = jp.as.partnerRegistrar;
    const js = await createApollo(api().database, logger, { http: { ...httpConfig({}), jit: false, readStrategy: "inline" } });
    await js.start();
    try {
      // The operation's root field (input: $i), on both executors (jit compiles on the second run).
      const ROOT = `mutation($i: RecordResultsInput!) { recordResults(input: $i) { written } }`;
      for (const a of [api(), makeApi(api().engine, api().database, js)])
        for (let i = 0; i < 3; i++) {
          const r = await a.run(ROOT, { i: input }, as);
          expect(fields(r)).toEqual([["BAD_USER_INPUT", "input.results[1].grade"]]);
          expect(r.errors![0].message).toBe('Variable "$i" got invalid value 4 at "i.results[1].grade"; String cannot represent a non string value: 4');
        }
      // Left out, null, a required field missing, text PostgreSQL cannot store.
      expect(fields(await api().run(ROOT, {}, as))).toEqual([["BAD_USER_INPUT", "input"]]);
      expect(fields(await api().run(ROOT, { i: null }, as))).toEqual([["BAD_USER_INPUT", "input"]]);
      const { grade: _g, ...noGrade } = entry;
      expect(fields(await api().run(ROOT, { i: { ...input, results: [noGrade] } }, as))).toEqual([["BAD_USER_INPUT", "input.results[0].grade"]]);
      expect(fields(await api().run(ROOT, { i: { ...input, results: [{ ...entry, grade: NUL }] } }, as))).toEqual([["BAD_USER_INPUT", "input.results[0].grade"]]);
      // Inside a literal object: the literal's path to it.
      const inLiteral = await api().run(`mutation($r: [ResultEntry!]) { recordResults(input: { offeringId: "T2ZmZXJpbmc6MQ", results: $r }) { written } }`, { r: input.results }, as);
      expect(fields(inLiteral)).toEqual([["BAD_USER_INPUT", "input.results[1].grade"]]);
      expect(inLiteral.errors![0].message).toMatch(/^Variable "\$r" got invalid value 4 at "r\[1\]\.grade"; /);
      // Through a fragment, at the root and nested; a nested field's argument is named after its field.
      const viaFragment = await api().run(`mutation($i: RecordResultsInput!) { ...R } fragment R on Mutation { recordResults(input: $i) { written } }`, { i: input }, as);
      expect(fields(viaFragment)).toEqual([["BAD_USER_INPUT", "input.results[1].grade"]]);
      const nested = await api().run(`query($c: ID!, $n: Int) { cohort(id: $c) { ...E } } fragment E on Cohort { enrollments(first: $n) { totalCount } }`, { c: jp.ids.cohort, n: "x" });
      expect(fields(nested)).toEqual([["BAD_USER_INPUT", "enrollments.first"]]);
      // Passed twice at the same path: that path. At two paths, or to a directive: no one argument, the variable's name.
      const twice = `query($id: ID!) { a: institution(id: $id) { nameEn } b: institution(id: $id) { nameEn } }`;
      expect(fields(await api().run(twice, { id: true }))).toEqual([["BAD_USER_INPUT", "id"]]);
      const two = `query($s: String) { institutions(filter: { search: $s }) { totalCount } programs(first: 1, after: $s) { totalCount } }`;
      const r = await api().run(two, { s: 5 });
      expect(fields(r)).toEqual([["BAD_USER_INPUT", "s"]]);
      expect(fields(await api().run(`query($x: Boolean!) { institutions @include(if: $x) { totalCount } }`, { x: "yes" }))).toEqual([["BAD_USER_INPUT", "x"]]);
    } finally {
      await js.stop();
    }
  });
  it("answers a bad literal value as BAD_USER_INPUT naming its argument path, as the same value in a variable, on both executors", async () => {
    const as = jp.as.partnerRegistrar;
    const js = await createApollo(api().database, logger, { http: { ...httpConfig({}), jit: false, readStrategy: "inline" } });
    await js.start();
    try {
      for (const a of [api(), makeApi(api().engine, api().database, js)])
        for (const [query, expected] of LITERAL_CASES(jp.ids.cohort)) {
          const r = await a.run(query, {}, as);
          expect(r.data, query).toBeUndefined();
          expect(r.errors?.map((e) => [e.extensions?.code, e.extensions?.field, e.message]), query).toEqual(expected);
        }
      // Any other validation error is still GRAPHQL_VALIDATION_FAILED, beside a bad literal in the same document.
      const both = await api().run(`{ creditStanding(cohortId: "${jp.ids.cohort}", yearOfStudy: "x") { nope } }`);
      expect(both.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
        ["BAD_USER_INPUT", "yearOfStudy"],
        ["GRAPHQL_VALIDATION_FAILED", undefined],
      ]);
    } finally {
      await js.stop();
    }
  });
});

// The same over HTTP, against the real server (in-process, listening on a free port).
for (const engine of ["pglite", "postgres"] as const) {
  describe(`hostile client input over HTTP [${engine}]`, async () => {
    const pg = await postgresStatus();
    if (engine === "postgres" && !pg.available) {
      it.skip(`PostgreSQL unavailable: ${pg.reason}`, () => {});
      return;
    }
    let database: Database;
    let server: Awaited<ReturnType<typeof createServer>>;
    let url: string;
    let drop: (() => Promise<void>) | undefined;
    let jp: JointProgram;
    let admin: string;

    beforeAll(async () => {
      let dbUrl: string | undefined;
      if (engine === "postgres") ({ url: dbUrl, drop } = await createTestDatabase("xmu_test", "migrated"));
      database = dbUrl ? await openDatabase({ url: dbUrl, poolSize: 3 }) : await openPgliteCopy("migrated");
      jp = await buildJointProgram(database.db);
      server = await createServer({ database, logger, auth, http: httpConfig({}) });
      url = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}/graphql`;
      admin = await mintToken(auth, { subject: "hostile-admin", role: "PLATFORM_ADMIN", expiresIn: "1h" });
    });
    afterAll(async () => {
      await server?.close();
      await database?.close();
      await drop?.();
    });

    const post = async (body: unknown, token?: string) => {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      expect(res.status, text).toBeLessThan(500);
      expect(text).not.toMatch(LEAKS);
      expect(text).not.toContain("INTERNAL_SERVER_ERROR");
      return { status: res.status, body: JSON.parse(text) as { data?: any; errors?: Err[] } };
    };

    it("answers 400 BAD_USER_INPUT for a NUL or unpaired surrogate, naming the field (search filters, anonymous, too)", async () => {
      // JSON.stringify writes a lone surrogate as the escape "\ud800", which JSON.parse turns back into one.
      for (const [body, field] of [
        [{ query: `{ institutions(filter: { search: ${JSON.stringify(NUL)} }) { totalCount } }` }, "filter.search"],
        [{ query: SEARCH, variables: { s: NUL } }, "filter.search"],
        [{ query: SEARCH, variables: { s: LONE } }, "filter.search"],
      ] as const) {
        const r = await post(body);
        expect(r.status).toBe(400);
        expectClientError(r.body.errors, "BAD_USER_INPUT", field);
      }
      const partner = await mintToken(auth, { subject: "hostile-partner", role: "PARTNER_REGISTRAR", institutionId: jp.ids.partner, expiresIn: "1h" });
      const r = await post({ query: REGISTER, variables: { input: { cohortId: jp.ids.cohort, student: studentRow({ givenNamesLatin: LONE }) } } }, partner);
      expect(r.status).toBe(400);
      expectClientError(r.body.errors, "BAD_USER_INPUT", "input.student.givenNamesLatin");
    });

    it("answers 400 BAD_USER_INPUT for capacity 2147483648, literal or variable", async () => {
      const input = { programId: jp.ids.program, name: "Big", intakeYear: 2031, capacity: 2147483648, startDate: "2031-09-01", expectedGraduation: "2036-07-01" };
      const literal = await post(
        { query: `mutation { createCohort(input: { programId: "${jp.ids.program}", name: "Big", intakeYear: 2031, capacity: 2147483648, startDate: "2031-09-01", expectedGraduation: "2036-07-01" }) { cohort { id } } }` },
        admin,
      );
      expect(literal.status).toBe(400);
      expectClientError(literal.body.errors, "BAD_USER_INPUT", "input.capacity");
      const variable = await post({ query: CREATE_COHORT, variables: { input } }, admin);
      expect(variable.status).toBe(400);
      expectClientError(variable.body.errors, "BAD_USER_INPUT", "input.capacity");
    });

    it("answers a bad literal value 400 BAD_USER_INPUT naming its argument path, as the same value in a variable", async () => {
      const partner = await mintToken(auth, { subject: "hostile-partner", role: "PARTNER_REGISTRAR", institutionId: jp.ids.partner, expiresIn: "1h" });
      for (const [query, expected] of LITERAL_CASES(jp.ids.cohort)) {
        const r = await post({ query }, partner);
        expect(r.status, query).toBe(400);
        expect(r.body.errors?.map((e) => [e.extensions?.code, e.extensions?.field, e.message]), query).toEqual(expected);
      }
      const variable = await post(
        {
          query: `mutation($n: CountryCode!) { registerStudent(input: { cohortId: "${jp.ids.cohort}", student: { familyName: "A", givenNames: "x", familyNameLatin: "X", givenNamesLatin: "X", dateOfBirth: "2003-01-01", nationality: $n, passportNumber: "FA9990002" } }) { existingStudent } }`,
          variables: { n: "ZZ" },
        },
        partner,
      );
      expect(variable.status).toBe(400);
      expectClientError(variable.body.errors, "BAD_USER_INPUT", "input.student.nationality");
      const unknown = await post({ query: `{ institutions { nope } }` });
      expect(unknown.status).toBe(400);
      expectClientError(unknown.body.errors, "GRAPHQL_VALIDATION_FAILED");
    });

    it("answers BAD_USER_INPUT naming after/before for forged cursors", async () => {
      const r = await post({ query: `{ institutions(first: 1, after: "${cursor("institution.name", "A", 1e20)}") { nodes { id } } }` });
      expectClientError(r.body.errors, "BAD_USER_INPUT", "after");
      const s = await post({ query: `{ institutions(last: 1, before: "${cursor("institution.name", "A", "1")}") { nodes { id } } }` });
      expectClientError(s.body.errors, "BAD_USER_INPUT", "before");
    });

    it("answers a persisted-query hash that does not match its text with 400 BAD_REQUEST, and an unknown hash with PERSISTED_QUERY_NOT_FOUND", async () => {
      const query = "{ __typename }";
      const mismatch = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } });
      expect(mismatch.status).toBe(400);
      expectClientError(mismatch.body.errors, "BAD_REQUEST");
      const version = await post({ query, extensions: { persistedQuery: { version: 2, sha256Hash: "0".repeat(64) } } });
      expect(version.status).toBe(400);
      expectClientError(version.body.errors, "BAD_REQUEST");
      const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: "1".repeat(64) } } });
      expectClientError(unknown.body.errors, "PERSISTED_QUERY_NOT_FOUND");
      // The right hash still registers and serves the query.
      const sha256Hash = createHash("sha256").update(query).digest("hex");
      expect((await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } })).body.data).toEqual({ __typename: "Query" });
      expect((await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } })).body.data).toEqual({ __typename: "Query" });
    });

    it("answers 401 UNAUTHENTICATED for a validly signed token whose institution_id is 2^40", async () => {
      for (const institutionId of [2 ** 40, String(2 ** 40), 2 ** 31, 1.5, -3]) {
        const token = await mintToken(auth, { subject: "hostile-big", role: "INSTITUTION_ADMIN", institutionId, expiresIn: "1h" });
        const r = await post({ query: `{ students(first: 1) { totalCount } }` }, token);
        expect(r.status, String(institutionId)).toBe(401);
        expectClientError(r.body.errors, "UNAUTHENTICATED");
        expect(r.body.errors![0].message).toMatch(/institution/);
      }
    });

    it("names the path of a bad scalar inside a variable, also the second and third time (graphql-jit)", async () => {
      const partner = await mintToken(auth, { subject: "hostile-partner", role: "PARTNER_REGISTRAR", institutionId: jp.ids.partner, expiresIn: "1h" });
      for (let i = 0; i < 3; i++) {
        const r = await post({ query: REGISTER, variables: { input: { cohortId: jp.ids.cohort, student: studentRow({ dateOfBirth: "2005-02-30" }) } } }, partner);
        expect(r.status).toBe(400);
        expect(r.body.errors).toEqual([
          {
            message: 'Variable "$input" got invalid value "2005-02-30" at "input.student.dateOfBirth"; Value is not a valid LocalDate: 2005-02-30',
            locations: [{ line: 1, column: 10 }],
            extensions: { code: "BAD_USER_INPUT", field: "input.student.dateOfBirth" },
          },
        ]);
      }
    });
  });
}

// A read that outlives PostgreSQL's statement_timeout answers SERVICE_UNAVAILABLE, whichever path ran it,
// and is not run a second time through the resolvers (PostgreSQL only: the embedded engine has no timeout).
describe("a read that times out", async () => {
  const pg = await postgresStatus();
  if (!pg.available) {
    it.skip(`PostgreSQL unavailable: ${pg.reason}`, () => {});
    return;
  }
  let database: Database;
  let drop: () => Promise<void>;
  let dbUrl: string;
  let api: TestApi;
  let jp: JointProgram;
  beforeAll(async () => {
    ({ url: dbUrl, drop } = await createTestDatabase("xmu_test", "migrated"));
    database = await openDatabase({ url: dbUrl, poolSize: 3, statementTimeoutMs: 300 });
    jp = await buildJointProgram(database.db);
    const apollo = await createApollo(database, logger);
    await apollo.start();
    api = makeApi("postgres", database, apollo);
  });
  afterAll(async () => {
    await api?.apollo.stop();
    await database?.close();
    await drop?.();
  });

  /** Runs the operation while another session holds the institutions table locked. */
  async function whileLocked(query: string, variables: Record<string, unknown>) {
    const locker = postgres(dbUrl, { max: 1, onnotice: () => {} });
    try {
      return await locker.begin(async (tx) => {
        await tx`lock table institutions in access exclusive mode`;
        const started = Date.now();
        const r = await api.run(query, variables);
        return { ...r, ms: Date.now() - started };
      });
    } finally {
      await locker.end();
    }
  }

  it("answers SERVICE_UNAVAILABLE from the one-statement path, after one statement", async () => {
    const query = `query($id: ID!) { institution(id: $id) { nameEn programs(first: 2) { nodes { titleEn } } } }`;
    const variables = { id: jp.ids.host };
    // Answered in one statement when nothing is in the way (planned on first sight or compiled later).
    for (let i = 0; i < 3; i++) expect((await api.run(query, variables)).statements).toBe(1);
    const r = await whileLocked(query, variables);
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    expect(r.errors?.[0].extensions?.requestId).toBe("test");
    expect(JSON.stringify(r.errors)).not.toMatch(LEAKS);
    expect(r.statements).toBe(1);
    expect(r.ms).toBeLessThan(1_500);
  });

  it("answers SERVICE_UNAVAILABLE from a resolver", async () => {
    const r = await whileLocked(`{ institutions(first: 2) { nodes { nameEn } } }`, {});
    expect(r.errors?.length).toBeGreaterThan(0);
    for (const e of r.errors!) expect(e.extensions?.code).toBe("SERVICE_UNAVAILABLE");
    expect(JSON.stringify(r.errors)).not.toMatch(LEAKS);
  });
});
