import "reflect-metadata";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../src/modules/audit/audit.table.js";
import { changeOrdering, type ChangeRow } from "../../src/modules/changes/change.service.js";
import { figureOrdering } from "../../src/modules/institutions/institution.service.js";
import type { FigureRow } from "../../src/modules/institutions/institution.table.js";
import { cohortOrdering, programOrdering } from "../../src/modules/programs/program.service.js";
import type { ProgramRow } from "../../src/modules/programs/program.table.js";
import { studentOrdering } from "../../src/modules/students/student.service.js";
import { enrollments, type EnrollmentRow, type StudentRow } from "../../src/modules/students/student.table.js";
import { AppError } from "../../src/shared/errors.js";
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  encodeCursor,
  pageConditions,
  pageFlags,
  parsePageArgs,
  toPage,
  type Ordering,
  type PageArgs,
  type PageRequest,
} from "../../src/shared/pagination.js";

// Orderings over the project's own columns, one per column type a cursor can carry:
// text + integer (programs), text + text + integer (students), integer + integer (cohorts), date + integer
// (institution figures), bigint + bigint (the change feed), and timestamp with time zone + integer (no list
// is ordered by a timestamp yet; built here from the enrollments table to cover that branch).
const enrollmentChangedOrdering: Ordering<EnrollmentRow> = {
  name: "enrollment.statusChangedAt",
  columns: [enrollments.statusChangedAt, enrollments.id],
  key: (r) => [r.statusChangedAt.toISOString(), r.id],
};

const asUnknown = <R>(o: Ordering<R>) => o as Ordering<unknown>;

/** A hand-made cursor: what a client could send. */
const raw = (json: unknown) => Buffer.from(typeof json === "string" ? json : JSON.stringify(json), "utf8").toString("base64url");

function refusalOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("expected a refusal, got none");
}

function expectRefused(fn: () => unknown, field: string, message?: RegExp): void {
  const e = refusalOf(fn);
  expect(e.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  expect(e.message.startsWith(`${field}: `), e.message).toBe(true);
  if (message) expect(e.message).toMatch(message);
}

const after = (ordering: Ordering<unknown>, values: unknown[], path?: string) =>
  parsePageArgs({ after: encodeCursor(ordering.name, values) }, ordering, path).after;

describe("encodeCursor / parsePageArgs round trips", () => {
  it("makes URL-safe cursors without padding, naming the ordering inside", () => {
    const c = encodeCursor(programOrdering.name, ["Ünïcödé + / = ?", 7]);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(c, "base64url").toString("utf8"))).toEqual(["program.title", "Ünïcödé + / = ?", 7]);
  });

  const texts = [
    "",
    "Ivanov",
    `O'Brien "the elder"`,
    "back\\slash \\\\ and \\u0041 and \\\"",
    "tab\tnewline\nreturn\r",
    "Қасымов", // Kazakh
    "Тошматов", // Cyrillic
    "阿卜杜拉", // Chinese
    "Ҳасанов ўғли", // Uzbek Cyrillic
    "🎓👩🏽‍⚕️🇰🇿", // emoji: surrogate pairs, ZWJ sequences, regional indicators
    "\u2028\u2029 line separators",
    "  spaces  ",
    "x".repeat(2000),
  ];

  it.each(texts.map((t) => ({ t, label: JSON.stringify(t.length > 40 ? `${t.slice(0, 10)}… (${t.length} characters)` : t) })))("text + integer (programs): $label", ({ t }) => {
    const row = { titleEn: t, id: 42 } as ProgramRow;
    const cursor = encodeCursor(programOrdering.name, programOrdering.key(row));
    const req = parsePageArgs({ first: 5, after: cursor }, asUnknown(programOrdering));
    expect(req.after).toEqual([t, 42]);
    expect(req).toMatchObject({ limit: 5, backward: false, before: null });
    // The same cursor as `before`, for a backward page.
    expect(parsePageArgs({ last: 3, before: cursor }, asUnknown(programOrdering))).toEqual({ limit: 3, backward: true, after: null, before: [t, 42] });
  });

  it("text + text + integer (students), with quotes, backslashes and emoji in each text", () => {
    const row = { familyNameLatin: `D'Souza \\ "Jr"`, givenNamesLatin: "Ä 🎓 Ж", id: 2_147_483_647 } as StudentRow;
    const cursor = encodeCursor(studentOrdering.name, studentOrdering.key(row));
    expect(parsePageArgs({ after: cursor }, asUnknown(studentOrdering)).after).toEqual([`D'Souza \\ "Jr"`, "Ä 🎓 Ж", 2_147_483_647]);
  });

  it.each([0, 1, -1, 2_147_483_647, -2_147_483_648, 2024])("integer + integer (cohorts): %d", (n) => {
    expect(after(asUnknown(cohortOrdering), [n, n])).toEqual([n, n]);
  });

  it.each(["2024-02-29", "2000-02-29", "1900-01-01", "2100-12-31", "2023-12-31", "9999-12-31"])("date + integer (figures): %s", (d) => {
    const row = { asOf: d, id: 1 } as FigureRow;
    expect(after(asUnknown(figureOrdering), figureOrdering.key(row))).toEqual([d, 1]);
  });

  it.each([
    new Date("2024-02-29T23:59:59.999Z"),
    new Date("1970-01-01T00:00:00.000Z"),
    new Date("2024-06-01T12:00:00Z"),
  ])("timestamp with time zone + integer (enrollments.statusChangedAt): %s", (at) => {
    const row = { statusChangedAt: at, id: 9 } as EnrollmentRow;
    const [iso, id] = after(asUnknown(enrollmentChangedOrdering), enrollmentChangedOrdering.key(row))!;
    expect(iso).toBe(at.toISOString());
    expect(new Date(iso as string).getTime()).toBe(at.getTime());
    expect(id).toBe(9);
  });

  it.each([
    "2024-05-01T10:20:30Z",
    "2024-05-01 10:20:30+08",
    "2024-05-01T10:20:30.123456+08:00",
    "2024-05-01T10:20-0530",
    "2024-05-01T00:00:00",
    "2024-05-01T23:59:59.9Z",
    "2024-05-01T23:59:59.999999Z",
    "2024-05-01T00:00+15:59",
    "2024-05-01T00:00-15:59",
    "2024-05-01T19:00:00-00",
  ])("accepts the timestamp form %s", (ts) => {
    expect(after(asUnknown(enrollmentChangedOrdering), [ts, 1])).toEqual([ts, 1]);
  });

  it.each([0, 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 31, 2 ** 40])("bigint + bigint (the change feed): %d", (n) => {
    const row = { txid: n, id: n } as ChangeRow;
    expect(after(asUnknown(changeOrdering), changeOrdering.key(row))).toEqual([n, n]);
  });
});

describe("cursor refusals (BAD_USER_INPUT naming the field)", () => {
  const programs = asUnknown(programOrdering);
  const valid = encodeCursor(programOrdering.name, ["Medicine", 1]);

  it.each([
    ["empty", ""],
    ["not base64 JSON", "not-a-cursor"],
    ["punctuation", "!!!!"],
    ["base64 of plain text", raw("hello world")],
    ["base64 of broken JSON", raw('["program.title", "a", 1')],
    ["base64 of an object", raw({ 0: "program.title", 1: "a", 2: 1 })],
    ["base64 of a string", raw(JSON.stringify("program.title"))],
    ["base64 of a number", raw("12")],
    ["base64 of null", raw("null")],
    ["base64 of an empty array", raw([])],
    ["invalid UTF-8", Buffer.from([0xff, 0xfe, 0x5b, 0x22]).toString("base64url")],
    ["a truncated cursor", valid.slice(0, -3)],
  ])("garbage: %s", (_what, cursor) => {
    expectRefused(() => parsePageArgs({ after: cursor }, programs), "after", /is not a cursor of this list/);
    expectRefused(() => parsePageArgs({ before: cursor }, programs), "before", /is not a cursor of this list/);
    expectRefused(() => parsePageArgs({ first: 1, after: cursor }, programs, "programs"), "programs.after");
    expectRefused(() => parsePageArgs({ last: 1, before: cursor }, programs, "host.programs"), "host.programs.before");
  });

  it("a cursor of another ordering, even one whose values would fit", () => {
    // A student cursor given to programs: other name, other arity.
    const student = encodeCursor(studentOrdering.name, ["Ivanov", "Ivan", 3]);
    expectRefused(() => parsePageArgs({ after: student }, programs), "after");
    // A cohort cursor (integer, integer) given to the change feed (bigint, bigint): the values fit, the name does not.
    const cohort = encodeCursor(cohortOrdering.name, [2024, 5]);
    expectRefused(() => parsePageArgs({ after: cohort }, asUnknown(changeOrdering), "changes"), "changes.after");
    // Same columns under another name.
    expectRefused(() => parsePageArgs({ before: cohort }, asUnknown({ ...cohortOrdering, name: "cohortReconciliation.intake" })), "before");
    // The name must match exactly.
    expectRefused(() => parsePageArgs({ after: raw(["Program.Title", "a", 1]) }, programs), "after");
    expectRefused(() => parsePageArgs({ after: raw([" program.title", "a", 1]) }, programs), "after");
    expectRefused(() => parsePageArgs({ after: raw([null, "a", 1]) }, programs), "after");
  });

  it("wrong arity", () => {
    expectRefused(() => parsePageArgs({ after: raw(["program.title"]) }, programs), "after");
    expectRefused(() => parsePageArgs({ after: raw(["program.title", "a"]) }, programs), "after");
    expectRefused(() => parsePageArgs({ after: raw(["program.title", "a", 1, 2]) }, programs), "after");
    expectRefused(() => parsePageArgs({ after: raw(["student.name", "a", 1]) }, asUnknown(studentOrdering)), "after");
    expectRefused(() => parsePageArgs({ after: raw(["student.name", "a", "b", 1, "c"]) }, asUnknown(studentOrdering)), "after");
  });

  const cohorts = asUnknown(cohortOrdering);
  it.each([
    ["a numeric string", "5"],
    ["a string", "abc"],
    ["1e20", 1e20],
    ["2^31", 2 ** 31],
    ["-2^31 - 1", -(2 ** 31) - 1],
    ["a fraction", 1.5],
    ["null", null],
    ["a boolean", true],
    ["an array", [1]],
    ["an object", { id: 1 }],
  ])("integer column refuses %s", (_what, v) => {
    expectRefused(() => parsePageArgs({ after: raw(["cohort.intake", v, 1]) }, cohorts), "after");
    expectRefused(() => parsePageArgs({ after: raw(["cohort.intake", 2024, v]) }, cohorts, "cohorts"), "cohorts.after");
  });

  it("JSON numbers the parser turns into Infinity or non-integers are refused", () => {
    expectRefused(() => parsePageArgs({ after: raw('["cohort.intake", 1e400, 1]') }, cohorts), "after");
    expectRefused(() => parsePageArgs({ after: raw('["cohort.intake", 1, -1e400]') }, cohorts), "after");
    expectRefused(() => parsePageArgs({ after: raw('["cohort.intake", 1, 2147483647.5]') }, cohorts), "after");
  });

  it("bigint column refuses unsafe integers, strings and fractions", () => {
    const changes = asUnknown(changeOrdering);
    for (const v of [2 ** 53, 1e20, "9007199254740993", 1.5, null]) expectRefused(() => parsePageArgs({ after: raw(["change", v, 1]) }, changes), "after");
  });

  it.each([
    ["a number", 42],
    ["null", null],
    ["an object", { s: "x" }],
    ["a NUL character", "Iva\u0000nov"],
    ["only NUL", "\u0000"],
    ["an unpaired high surrogate", "abc\uD83C"],
    ["an unpaired low surrogate", "\uDF93abc"],
    ["reversed surrogates", "\uDF93\uD83C"],
  ])("text column refuses %s", (_what, v) => {
    expectRefused(() => parsePageArgs({ after: raw(["program.title", v, 1]) }, programs), "after");
    expectRefused(() => parsePageArgs({ after: raw(["student.name", "Ivanov", v, 1]) }, asUnknown(studentOrdering), "students"), "students.after");
  });

  it.each([
    "2024-02-30",
    "2023-02-29",
    "2024-04-31",
    "2024-13-01",
    "2024-00-10",
    "2024-01-00",
    "2024-01-32",
    "0000-01-01",
    "2024-1-1",
    "24-01-01",
    "2024/01/01",
    "2024-01-01T00:00:00Z",
    " 2024-01-01",
    "2024-01-01\u0000",
    "",
  ])("date column refuses %j", (d) => {
    expectRefused(() => parsePageArgs({ after: raw(["figure.asOf", d, 1]) }, asUnknown(figureOrdering), "figures"), "figures.after");
  });

  it("date column refuses non-strings", () => {
    for (const v of [20240101, null, 1.5]) expectRefused(() => parsePageArgs({ after: raw(["figure.asOf", v, 1]) }, asUnknown(figureOrdering)), "after");
  });

  it.each([
    "2024-02-30T10:00:00Z", // no such day
    "2023-02-29 10:00:00",
    "2024-01-01",
    "2024-01-01T10",
    "2024-01-01T10:00:00.1234567Z", // more than microseconds
    "2024-01-01T10:00:00ZZ",
    "2024-01-01T10:00:00 UTC",
    "yesterday",
    "2024-01-01T10:00:00Z\u0000",
    "2024-01-01T25:00:00Z", // hour 25: the database refuses it (22008)
    "2024-01-01T10:60:00Z", // minute 60
    "2024-01-01T10:00:61Z", // second 61
    "2024-01-01T10:00:00+16:00", // zone beyond ±15:59 (22009)
    "2024-01-01T10:00:00+14:60",
  ])("timestamp column refuses %j", (ts) => {
    expectRefused(() => parsePageArgs({ before: raw(["enrollment.statusChangedAt", ts, 1]) }, asUnknown(enrollmentChangedOrdering)), "before");
  });

  it("timestamp column refuses numbers (epoch milliseconds)", () => {
    expectRefused(() => parsePageArgs({ after: raw(["enrollment.statusChangedAt", Date.now(), 1]) }, asUnknown(enrollmentChangedOrdering)), "after");
  });

  it("checks `after` and `before` each, and names the one at fault", () => {
    const good = encodeCursor(programOrdering.name, ["a", 1]);
    expectRefused(() => parsePageArgs({ after: good, before: "garbage" }, programs, "programs"), "programs.before");
    expectRefused(() => parsePageArgs({ after: "garbage", before: good }, programs, "programs"), "programs.after");
    expect(parsePageArgs({ after: good, before: good }, programs)).toMatchObject({ after: ["a", 1], before: ["a", 1] });
  });

  it("never echoes the cursor or its content in the message", () => {
    const secret = raw(["program.title", "SELECT * FROM students", "x"]);
    const e = refusalOf(() => parsePageArgs({ after: secret }, programs));
    expect(e.message).toBe("after: is not a cursor of this list");
  });
});

describe("first / last", () => {
  const programs = asUnknown(programOrdering);

  it("defaults to the first 20, forward", () => {
    expect(parsePageArgs({}, programs)).toEqual({ limit: DEFAULT_PAGE_SIZE, backward: false, after: null, before: null });
    expect(parsePageArgs({ first: null, last: null, after: null, before: null }, programs)).toEqual({ limit: 20, backward: false, after: null, before: null });
    expect(DEFAULT_PAGE_SIZE).toBe(20);
    expect(MAX_PAGE_SIZE).toBe(100);
  });

  it.each([1, 2, 50, 100])("accepts %d", (n) => {
    expect(parsePageArgs({ first: n }, programs)).toMatchObject({ limit: n, backward: false });
    expect(parsePageArgs({ last: n }, programs)).toMatchObject({ limit: n, backward: true });
  });

  it.each([0, 101, -1, -100, 1.5, 99.99, NaN, Infinity, -Infinity, 2 ** 31, 1e20])("refuses %d", (n) => {
    expectRefused(() => parsePageArgs({ first: n }, programs), "first", /must be between 1 and 100/);
    expectRefused(() => parsePageArgs({ last: n }, programs), "last", /must be between 1 and 100/);
    expectRefused(() => parsePageArgs({ first: n }, programs, "programs"), "programs.first");
    expectRefused(() => parsePageArgs({ last: n }, programs, "host.programs"), "host.programs.last");
  });

  it("refuses first and last together, naming last", () => {
    expectRefused(() => parsePageArgs({ first: 5, last: 5 }, programs), "last", /first or last, not both/);
    expectRefused(() => parsePageArgs({ first: 1, last: 100 }, programs, "programs"), "programs.last");
  });

  it("lets `last` replace the schema's default `first` (20)", () => {
    expect(parsePageArgs({ first: 20, last: 5 }, programs)).toMatchObject({ limit: 5, backward: true });
    expect(parsePageArgs({ first: 20 }, programs)).toMatchObject({ limit: 20, backward: false });
  });

  it("checks the sizes before the cursors", () => {
    expectRefused(() => parsePageArgs({ first: 0, after: "garbage" }, programs), "first");
    expectRefused(() => parsePageArgs({ first: 200, last: 5 }, programs), "first");
    expectRefused(() => parsePageArgs({ first: 5, last: 0 }, programs), "last", /between/);
  });
});

describe("pageFlags", () => {
  const req = (backward: boolean, a: unknown[] | null, b: unknown[] | null): PageRequest => ({ limit: 10, backward, after: a, before: b });

  it.each([
    // forward: next page exactly when more rows were read; a previous page when a cursor was given
    { backward: false, after: null, before: null, more: true, next: true, prev: false },
    { backward: false, after: null, before: null, more: false, next: false, prev: false },
    { backward: false, after: [1], before: null, more: true, next: true, prev: true },
    { backward: false, after: [1], before: null, more: false, next: false, prev: true },
    { backward: false, after: null, before: [9], more: false, next: false, prev: false },
    { backward: false, after: [1], before: [9], more: true, next: true, prev: true },
    // backward: previous page exactly when more rows were read; a next page when a cursor was given
    { backward: true, after: null, before: null, more: true, next: false, prev: true },
    { backward: true, after: null, before: null, more: false, next: false, prev: false },
    { backward: true, after: null, before: [9], more: true, next: true, prev: true },
    { backward: true, after: null, before: [9], more: false, next: true, prev: false },
    { backward: true, after: [1], before: null, more: false, next: false, prev: false },
    { backward: true, after: [1], before: [9], more: false, next: true, prev: false },
  ])("backward=$backward after=$after before=$before more=$more → next=$next prev=$prev", ({ backward, after: a, before: b, more, next, prev }) => {
    expect(pageFlags(req(backward, a, b), more)).toEqual({ hasNextPage: next, hasPreviousPage: prev });
  });

  it("passes `more` through unchanged (the planner gives an SQL expression)", () => {
    const more = { sql: "count(*) > 10" };
    expect(pageFlags(req(false, null, null), more).hasNextPage).toBe(more);
    expect(pageFlags(req(true, null, null), more).hasPreviousPage).toBe(more);
  });
});

describe("toPage", () => {
  type Row = { titleEn: string; id: number };
  const ordering = programOrdering as unknown as Ordering<Row>;
  const rows = (ids: number[]): Row[] => ids.map((id) => ({ titleEn: `P${id}`, id }));
  const count = async () => 123;
  const forward = (limit: number, a: unknown[] | null = null): PageRequest => ({ limit, backward: false, after: a, before: null });
  const backward = (limit: number, b: unknown[] | null = null): PageRequest => ({ limit, backward: true, after: null, before: b });
  const ids = (list: Row[]) => list.map((r) => r.id);
  const decode = (cursor: string | null) => (cursor === null ? null : parsePageArgs({ after: cursor }, asUnknown(ordering)).after);

  it("forward, limit + 1 rows read: keeps `limit`, has a next page", () => {
    const page = toPage(rows([1, 2, 3, 4]), forward(3), ordering, count);
    expect(ids(page.nodes)).toEqual([1, 2, 3]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(decode(page.pageInfo.startCursor)).toEqual(["P1", 1]);
    expect(decode(page.pageInfo.endCursor)).toEqual(["P3", 3]);
    expect(page.edges.map((e) => e.node)).toEqual(page.nodes);
    expect(page.edges.map((e) => decode(e.cursor))).toEqual([
      ["P1", 1],
      ["P2", 2],
      ["P3", 3],
    ]);
    expect(page.countFn).toBe(count);
  });

  it("forward, exactly `limit` rows or fewer: no next page; a previous page only after a cursor", () => {
    expect(toPage(rows([1, 2, 3]), forward(3), ordering, count).pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const page = toPage(rows([4, 5]), forward(3, ["P3", 3]), ordering, count);
    expect(ids(page.nodes)).toEqual([4, 5]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("backward: rows arrive in descending order, the page is reversed to list order", () => {
    const page = toPage(rows([9, 8, 7, 6]), backward(3, ["P10", 10]), ordering, count);
    expect(ids(page.nodes)).toEqual([7, 8, 9]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(decode(page.pageInfo.startCursor)).toEqual(["P7", 7]);
    expect(decode(page.pageInfo.endCursor)).toEqual(["P9", 9]);
    expect(page.edges.map((e) => e.node.id)).toEqual([7, 8, 9]);
  });

  it("backward without a cursor and without more rows: the whole list, no neighbours", () => {
    const page = toPage(rows([3, 2, 1]), backward(5), ordering, count);
    expect(ids(page.nodes)).toEqual([1, 2, 3]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it("an empty page has null cursors and no edges", () => {
    for (const req of [forward(5), backward(5), forward(5, ["a", 1])]) {
      const page = toPage([], req, ordering, count);
      expect(page.nodes).toEqual([]);
      expect(page.edges).toEqual([]);
      expect(page.pageInfo.startCursor).toBeNull();
      expect(page.pageInfo.endCursor).toBeNull();
      expect(page.pageInfo.hasNextPage).toBe(false);
    }
  });

  it("`more` from the caller wins over the row count", () => {
    expect(toPage(rows([1, 2]), forward(2), ordering, count, true).pageInfo.hasNextPage).toBe(true);
    const page = toPage(rows([1, 2, 3]), forward(2), ordering, count, false);
    expect(ids(page.nodes)).toEqual([1, 2]);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(toPage(rows([2, 1]), backward(2), ordering, count, true).pageInfo.hasPreviousPage).toBe(true);
  });

  it("a single row is both start and end", () => {
    const page = toPage(rows([5]), forward(1), ordering, count);
    expect(page.pageInfo.startCursor).toBe(page.pageInfo.endCursor);
    expect(decode(page.pageInfo.startCursor)).toEqual(["P5", 5]);
  });

  it("cursors of a page lead on: the end cursor as `after` reads the rest", () => {
    const page = toPage(rows([1, 2, 3]), forward(2), ordering, count);
    const next: PageArgs = { first: 2, after: page.pageInfo.endCursor };
    expect(parsePageArgs(next, asUnknown(ordering))).toEqual({ limit: 2, backward: false, after: ["P2", 2], before: null });
  });

  it("edges are not enumerable (a copy of the page for totalCount makes no cursors)", () => {
    const page = toPage(rows([1, 2]), forward(5), ordering, count);
    expect(Object.keys(page).sort()).toEqual(["countFn", "nodes", "pageInfo"]);
    expect(Object.keys({ ...page })).not.toContain("edges");
    expect(page.edges).toBe(page.edges); // made once
  });
});

describe("pageConditions", () => {
  const dialect = new PgDialect();
  const render = (o: Ordering<unknown>, req: PageRequest) => dialect.sqlToQuery(pageConditions(o, req, undefined)!);

  it("is no condition without cursors", () => {
    expect(pageConditions(asUnknown(programOrdering), { limit: 5, backward: false, after: null, before: null }, undefined)).toBeUndefined();
  });

  it("compares rows with a cast per column, values as parameters (never in the SQL text)", () => {
    const title = `x'); drop table students; --`;
    const q = render(asUnknown(programOrdering), { limit: 5, backward: false, after: [title, 3], before: null });
    expect(q.sql).toMatch(/^\(.+"id"\) > \(\$1::text, \$2::integer\)$/);
    expect(q.sql).not.toContain("drop table");
    expect(q.params).toEqual([title, 3]);
  });

  it("casts dates, timestamps and bigints to their own types, and bounds on both sides", () => {
    expect(render(asUnknown(figureOrdering), { limit: 5, backward: false, after: ["2024-01-01", 1], before: ["2024-12-31", 9] }).sql).toMatch(
      /> \(\$1::date, \$2::integer\) and .+ < \(\$3::date, \$4::integer\)/,
    );
    expect(render(asUnknown(enrollmentChangedOrdering), { limit: 5, backward: true, after: null, before: ["2024-01-01T00:00:00Z", 1] }).sql).toMatch(
      /< \(\$1::timestamp with time zone, \$2::integer\)$/,
    );
    expect(render(asUnknown(changeOrdering), { limit: 5, backward: false, after: [10, 11], before: null }).sql).toMatch(/> \(\$1::bigint, \$2::bigint\)$/);
    expect(auditLog.txid.getSQLType()).toBe("bigint");
  });
});
