import "reflect-metadata";
import { sql, type SQL } from "drizzle-orm";
import { bigint, boolean, char, date, doublePrecision, integer, jsonb, pgEnum, pgTable, text, timestamp, type PgColumn } from "drizzle-orm/pg-core";
import { GraphQLBoolean, GraphQLEnumType, GraphQLFloat, GraphQLInt, GraphQLScalarType, GraphQLString, type GraphQLSchema } from "graphql";
import { CountryCodeResolver, DateTimeResolver, EmailAddressResolver, JSONResolver, LocalDateResolver, NonNegativeIntResolver, URLResolver } from "graphql-scalars";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { queryRows, selectRows } from "../../src/db/rows.js";
import { cursorText, globalIdText } from "../../src/engine/json.js";
import { scalarPair, scalarNames, type ScalarPair } from "../../src/engine/scalars.js";
import { createSchema } from "../../src/schema.js";
import { decodeGlobalId, toGlobalId } from "../../src/shared/global-id.js";
import { encodeCursor, parsePageArgs, type Ordering } from "../../src/shared/pagination.js";
import { mulberry32 } from "../../seeds/random.js";
import { createTestDatabase, postgresStatus } from "../helpers/postgres.js";

// Each scalar is written two ways (src/engine/scalars.ts): by PostgreSQL (the pair's `sql`, which the planner
// uses for every leaf) and by JavaScript (the pair's `js`, and the GraphQL scalar's serialize, which the
// resolvers apply to the value). Here random values are stored in a column of the scalar's PostgreSQL type on
// both engines and read back: the SQL text, JSON.parse'd, must equal the JavaScript serializations of the
// value as the driver decodes it (through the column's mapFromDriverValue, as db/rows.ts does). The same for
// global ids (json.ts globalIdText against shared/global-id.ts) and cursors (json.ts cursorText against
// shared/pagination.ts encodeCursor, read back by parsePageArgs). SCALARS_SEED changes the values.

const SEED = Number(process.env.SCALARS_SEED ?? 20_261_130);
const ROWS = 300;
const ENUM_VALUES = ["NOMINATED", "ADMITTED", "ENROLLED", "ON_LEAVE", "GRADUATED", "REJECTED", "WITHDRAWN"] as const;

const probeEnum = pgEnum("scalar_probe_status", ENUM_VALUES);
const probe = pgTable("scalar_probe", {
  id: integer().primaryKey(),
  str: text(),
  int: integer(),
  big: bigint({ mode: "number" }),
  nonneg: integer(),
  float: doublePrecision(),
  bool: boolean(),
  json: jsonb(),
  ts: timestamp({ withTimezone: true }),
  day: date(),
  status: probeEnum(),
  code: char({ length: 2 }),
  email: text(),
  url: text(),
});
type Column = Exclude<keyof typeof probe["_"]["columns"], "id">;

/** Which GraphQL scalar each column is written as (the API's fields of that column type). */
const SCALAR_OF: Record<Column, string> = {
  str: "String",
  int: "Int",
  big: "Int",
  nonneg: "NonNegativeInt",
  float: "Float",
  bool: "Boolean",
  json: "JSON",
  ts: "DateTime",
  day: "LocalDate",
  status: "EnrollmentStatus",
  code: "CountryCode",
  email: "EmailAddress",
  url: "URL",
};

type Rng = () => number;

// ── random values ─────────────────────────────────────────────────────────

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Text PostgreSQL can store: any code point but NUL, no unpaired surrogates; quotes, backslashes, controls, non-ASCII. */
function randomText(r: Rng): string {
  const pieces = ['"', "'", "\\", "\\\\\"", "\n", "\r\n", "\t", "\b", "\f", "\u0001", "\u001f", "\u007f", "\u2028", "\u2029", "\ufeff", "é", "Қазақ", "中文", "😀", "👩‍⚕️", "</script>", "${x}", "%_", "a", "Z", " ", "0"];
  const n = pick(r, [0, 1, 2, 5, 12, 40, 120]);
  let s = "";
  for (let i = 0; i < n; i++) s += r() < 0.5 ? pick(r, pieces) : String.fromCodePoint(pick(r, [int(r, 0x20, 0x7e), int(r, 0x01, 0x1f), int(r, 0xa0, 0xd7ff), int(r, 0xe000, 0xfffd), int(r, 0x10000, 0x10ffff)]));
  return s;
}

function randomFloat(r: Rng): number {
  const special = [0, -0, 1, -1, 0.1, 0.1 + 0.2, 1 / 3, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53, 2 ** 53 + 2, 1e21, 1e-7, 123456789.125];
  if (r() < 0.25) return pick(r, special);
  return (r() < 0.5 ? -1 : 1) * r() * 10 ** int(r, -320, 307);
}

function randomJson(r: Rng, depth = 0): unknown {
  const x = r();
  if (depth > 3 || x < 0.45) {
    return pick(r, [() => null, () => r() < 0.5, () => int(r, -(2 ** 31), 2 ** 31), () => randomFloat(r) % 1e15, () => randomText(r), () => pick(r, ["123", "true", "null", "[1]", '{"a":1}', " 7"])])();
  }
  if (x < 0.7) return Array.from({ length: int(r, 0, 4) }, () => randomJson(r, depth + 1));
  return Object.fromEntries(Array.from({ length: int(r, 0, 4) }, () => [[...randomText(r)].slice(0, 12).join(""), randomJson(r, depth + 1)]));
}

/** A timestamp between the years 1000 and 9999 with microseconds, written with a random UTC offset. */
function randomTimestamp(r: Rng): string {
  const offset = pick(r, ["+00:00", "Z", "+05:30", "-03:30", "+05:45", "+14:00", "-12:00", "+08:00", "-00:00"]);
  return `${int(r, 1000, 9998)}-${pad(int(r, 1, 12))}-${pad(int(r, 1, 28))}T${pad(int(r, 0, 23))}:${pad(int(r, 0, 59))}:${pad(int(r, 0, 59))}.${pad(int(r, 0, 999_999), 6)}${offset}`;
}

function randomDate(r: Rng): string {
  const y = int(r, 1000, 9999);
  const m = int(r, 1, 12);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${pad(m)}-${pad(int(r, 1, last))}`;
}

const CODES = ["KZ", "UZ", "CN", "TJ", "KG", "TM", "RU", "US", "DE", "FR"];

function randomRow(r: Rng, id: number): Record<string, unknown> {
  const maybe = <T>(v: () => T) => (r() < 0.08 ? null : v());
  return {
    id,
    str: maybe(() => randomText(r)),
    int: maybe(() => pick(r, [-(2 ** 31), 2 ** 31 - 1, 0, -1, int(r, -(2 ** 31), 2 ** 31 - 1)])),
    big: maybe(() => pick(r, [-(2 ** 31), 2 ** 31 - 1, 0, int(r, -(2 ** 31), 2 ** 31 - 1)])),
    nonneg: maybe(() => pick(r, [0, 2 ** 31 - 1, int(r, 0, 2 ** 31 - 1)])),
    float: maybe(() => randomFloat(r)),
    bool: maybe(() => r() < 0.5),
    json: maybe(() => randomJson(r)),
    ts: maybe(() => randomTimestamp(r)),
    day: maybe(() => randomDate(r)),
    status: maybe(() => pick(r, ENUM_VALUES)),
    code: maybe(() => pick(r, CODES)),
    email: maybe(() => `${pick(r, ["a", "first.last", "x+tag", "o'neil"])}@${pick(r, ["example.org", "xjmu.edu.cn", "sub.example.kz"])}`),
    url: maybe(() => pick(r, ["https://example.org", "https://example.org/", "https://Example.ORG/a?b=1#c", "http://xn--80ak6aa92e.com/path", "https://example.org/a%20b"])),
  };
}

// ── engines ───────────────────────────────────────────────────────────────

const pg = await postgresStatus();
const ENGINES = ["pglite", ...(pg.available ? ["postgres"] : [])] as const;
if (!pg.available) console.warn(`[tests] scalars [postgres] skipped: ${pg.reason}`);

const DDL = [
  `create type scalar_probe_status as enum (${ENUM_VALUES.map((v) => `'${v}'`).join(", ")})`,
  `create table scalar_probe (id integer primary key, str text, int integer, big bigint, nonneg integer, float double precision, bool boolean, json jsonb,
     ts timestamptz, day date, status scalar_probe_status, code char(2), email text, url text)`,
];

/** The JSON text a pair writes for a column, read with the column's value on every row. */
function select(columns: Column[], pairs: Record<Column, ScalarPair>): SQL {
  return sql`select ${probe.id} as id, ${sql.join(
    columns.map((c) => sql`${probe[c]} as ${sql.identifier(c)}, ${pairs[c].sql(sql`${probe[c]}`)} as ${sql.identifier(`${c}_json`)}`),
    sql`, `,
  )} from ${probe} order by ${probe.id}`;
}

// The GraphQL types of the scalars, for those the schema has no field of (Float).
const BUILT_IN: Record<string, GraphQLScalarType> = {
  String: GraphQLString,
  Int: GraphQLInt,
  Float: GraphQLFloat,
  Boolean: GraphQLBoolean,
  NonNegativeInt: NonNegativeIntResolver,
  JSON: JSONResolver,
  DateTime: DateTimeResolver,
  LocalDate: LocalDateResolver,
  CountryCode: CountryCodeResolver,
  EmailAddress: EmailAddressResolver,
  URL: URLResolver,
};
const typeOf = (schema: GraphQLSchema, name: string) => (schema.getType(name) ?? BUILT_IN[name]) as GraphQLScalarType | GraphQLEnumType;

/** What the API writes for a value of a GraphQL leaf type: its serialize, as JSON. */
const serialized = (schema: GraphQLSchema, scalar: string, value: unknown) => JSON.parse(JSON.stringify(typeOf(schema, scalar).serialize(value)));

/**
 * A value as JavaScript holds it: the driver's, through the column's mapFromDriverValue (timestamps: text →
 * Date), as db/rows.ts decodes rows. Not for json/jsonb, which both drivers decode themselves: drizzle's jsonb
 * mapFromDriverValue parses a decoded string once more (see the pinned failure below).
 */
const decoded = (c: Column, v: unknown) => (v == null || c === "json" ? v : (probe[c] as PgColumn).mapFromDriverValue(v));

for (const engine of ENGINES)
  describe(`scalar pairs agree [${engine}] (seed ${SEED})`, () => {
    let database: Database;
    let drop: (() => Promise<void>) | undefined;
    let schema: GraphQLSchema;
    const r = mulberry32(SEED);
    // PGlite's driver drops a leading U+FEFF of a text value (its TextDecoder strips a byte order mark; the
    // test below pins it): such a value reads back changed however it is written, so on PGlite the property is
    // checked with the mark further in.
    const rows = Array.from({ length: ROWS }, (_, i) => randomRow(r, i + 1)).map((row) =>
      engine === "pglite" && typeof row.str === "string" && row.str.startsWith("\ufeff") ? { ...row, str: `x${row.str}` } : row,
    );

    beforeAll(async () => {
      let url: string | undefined;
      if (engine === "postgres") ({ url, drop } = await createTestDatabase("xmu_scalars"));
      database = await openDatabase(url ? { url, poolSize: 2 } : { dataDir: "memory://" });
      for (const ddl of DDL) await database.db.execute(sql.raw(ddl));
      for (let i = 0; i < rows.length; i += 50)
        await database.db.insert(probe).values(rows.slice(i, i + 50).map((row) => ({ ...row, json: row.json === null ? null : row.json, ts: row.ts == null ? null : sql`${row.ts}::timestamptz` })) as never);
      schema = await createSchema();
    });
    afterAll(async () => {
      await database?.close();
      await drop?.();
    });

    if (engine === "pglite")
      it("(PGlite's driver drops a text value's leading U+FEFF, where PostgreSQL's keeps it; the SQL formatter keeps it on both)", async () => {
        const [row] = await queryRows(database.db, sql`select U&'\\FEFFabc'::text as s, ${scalarPair(GraphQLString).sql(sql`U&'\\FEFFabc'::text`)} as j`);
        expect(row.s).toBe("abc");
        expect(JSON.parse(row.j as string)).toBe("\ufeffabc");
      });

    it("knows every scalar the API's leaves are of, and each enum", () => {
      for (const name of ["String", "Int", "NonNegativeInt", "Float", "Boolean", "JSON", "DateTime", "LocalDate", "ID", "CountryCode", "URL", "EmailAddress", "JSONObject"])
        expect(scalarNames()).toContain(name);
      expect(() => scalarPair(new GraphQLScalarType({ name: "Unknown" }))).toThrow(/no SQL formatter/);
    });

    it("writes each value as JavaScript does: the pair's js, and the GraphQL scalar's serialize", async () => {
      const columns = Object.keys(SCALAR_OF) as Column[];
      const pairs = Object.fromEntries(columns.map((c) => [c, scalarPair(typeOf(schema, SCALAR_OF[c]))])) as Record<Column, ScalarPair>;
      const got = await queryRows(database.db, select(columns, pairs));
      expect(got).toHaveLength(rows.length);
      const differences: string[] = [];
      let compared = 0;
      let inexact = 0;
      for (const [i, row] of got.entries()) {
        for (const c of columns) {
          const stored = rows[i][c];
          const text = row[`${c}_json`] as string | null;
          if (stored === null) {
            expect(text, `${c} of row ${i + 1}: NULL gives no text (the planner writes null itself)`).toBeNull();
            continue;
          }
          const fromSql = JSON.parse(text as string);
          const value = decoded(c, row[c]);
          const js = (f: (v: unknown) => unknown) => {
            try {
              return f(value);
            } catch (e) {
              return `threw ${(e as Error).message}`;
            }
          };
          const fromJs = js(pairs[c].js);
          const fromScalar = js((v) => serialized(schema, SCALAR_OF[c], v));
          compared++;
          const same = (a: unknown, b: unknown) => Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);
          const show = (what: string, v: unknown) => `${c} (${SCALAR_OF[c]}) stored ${JSON.stringify(stored)}, decoded ${JSON.stringify(value)}: SQL ${text}, ${what} ${JSON.stringify(v)}`;
          if (pairs[c].exact === false) {
            // A pair marked inexact (URL): its js is what the API writes, which SQL does not; the planner leaves
            // such a field to the resolvers in a whole response (the differential test checks the answers).
            if (!same(fromJs, fromScalar)) differences.push(show("pair.js", fromJs));
            if (!same(fromSql, fromScalar)) inexact++;
            continue;
          }
          if (!same(fromSql, fromJs)) differences.push(show("pair.js", fromJs));
          if (!same(fromSql, fromScalar)) differences.push(show("serialize", fromScalar));
        }
      }
      expect(differences.slice(0, 20)).toEqual([]);
      expect(compared).toBeGreaterThan(ROWS * 10);
      // Why URL is marked: some stored URLs go out rewritten ("https://example.org" as "https://example.org/").
      expect(inexact).toBeGreaterThan(0);
    });

    it("writes the stored value itself: SQL and JavaScript agree with what was stored, not only with each other", async () => {
      const got = await queryRows(database.db, select(["ts", "day", "float", "int", "big", "str"], Object.fromEntries((["ts", "day", "float", "int", "big", "str"] as Column[]).map((c) => [c, scalarPair(typeOf(schema, SCALAR_OF[c]))])) as Record<Column, ScalarPair>));
      for (const [i, row] of got.entries()) {
        const stored = rows[i];
        if (stored.ts != null) {
          // Milliseconds, truncated: the API's DateTime is JavaScript's Date.
          const ms = Date.parse(String(stored.ts).replace(/(\.\d{3})\d{3}/, "$1"));
          expect(JSON.parse(row.ts_json as string), String(stored.ts)).toBe(new Date(ms).toISOString());
        }
        if (stored.day != null) expect(JSON.parse(row.day_json as string)).toBe(stored.day);
        if (stored.float != null) expect(Object.is(JSON.parse(row.float_json as string), stored.float) || JSON.parse(row.float_json as string) === stored.float, String(stored.float)).toBe(true);
        if (stored.int != null) expect(JSON.parse(row.int_json as string)).toBe(stored.int);
        if (stored.big != null) expect(JSON.parse(row.big_json as string)).toBe(stored.big);
        if (stored.str != null) expect(JSON.parse(row.str_json as string)).toBe(stored.str);
      }
    });

    // From 1921 on: before a zone's standard time PostgreSQL writes its local mean time, an offset with seconds
    // ("1746-07-08 16:46:08.928537+08:05:43" in Asia/Shanghai), which JavaScript's Date (drizzle's
    // mapFromDriverValue) cannot read: such a timestamp read as a row fails in a non-UTC session, while the SQL
    // formatter is right. The servers here run in UTC; a connection could say so (TimeZone=UTC) to be sure.
    it("writes timestamps the same in a session whose time zone is not UTC (the driver's text then carries the zone's offset)", async () => {
      for (const zone of ["Asia/Shanghai", "America/St_Johns", "Asia/Kathmandu"]) {
        const got = await database.db.transaction(async (tx) => {
          await tx.execute(sql.raw(`set local time zone '${zone}'`));
          return queryRows(tx as never, sql`select ${probe.id} as id, ${probe.ts} as ts, ${scalarPair(DateTimeResolver).sql(sql`${probe.ts}`)} as j from ${probe} where ${probe.ts} >= '1921-01-01' order by ${probe.id}`);
        });
        expect(got.length).toBeGreaterThan(ROWS / 2);
        const wrong = got.filter((row) => {
          try {
            return JSON.parse(row.j as string) !== scalarPair(DateTimeResolver).js(probe.ts.mapFromDriverValue(row.ts as string));
          } catch {
            return true;
          }
        });
        expect(wrong.slice(0, 3).map((row) => `${zone}: ${String(row.ts)} → SQL ${String(row.j)}`)).toEqual([]);
      }
    });

    // A known fault outside the engine, pinned so that it shows when fixed: db/rows.ts decodes a row through each
    // column's mapFromDriverValue, and drizzle's jsonb one parses the driver's already decoded value again when
    // it is a string, so a jsonb string holding JSON text ("123", "true", " 7") reads back as 123, true, 7.
    // Suggested fix: leave json/jsonb columns out of rowShape's decoded columns.
    it.fails("(db/rows.ts reads a jsonb string that holds JSON text as stored: it does not yet)", async () => {
      const stored = rows.filter((row) => typeof row.json === "string" && /^\s*(\d|true|null|\[|\{)/.test(row.json as string));
      expect(stored.length).toBeGreaterThan(0);
      const read = await selectRows<{ id: number; json: unknown }>(database.db, probe, sql`where ${probe.id} in (${sql.join(stored.map((row) => sql`${row.id}`), sql`, `)}) order by ${probe.id}`);
      expect(read.map((row) => row.json)).toEqual(stored.map((row) => row.json));
    });

    it("writes global ids as toGlobalId does, for integer keys (textsend) and text keys (convert_to) and type names long enough for base64's line breaks", async () => {
      const names = ["Institution", "EnrollmentStatusChange", "X", "A".repeat(57), "B".repeat(58), `Type${"x".repeat(100)}`, "Ab".repeat(60)];
      const rowsOf = await queryRows(
        database.db,
        sql`select ${probe.id} as id, ${probe.str} as str, ${sql.join(
          names.flatMap((n, k) => [sql`${globalIdText(n, probe.id)} as ${sql.identifier(`i${k}`)}`, sql`${globalIdText(n, probe.str)} as ${sql.identifier(`s${k}`)}`]),
          sql`, `,
        )} from ${probe} where ${probe.str} is not null order by ${probe.id}`,
      );
      expect(rowsOf.length).toBeGreaterThan(ROWS / 2);
      for (const row of rowsOf)
        names.forEach((n, k) => {
          expect(row[`i${k}`], `${n}:${row.id}`).toBe(toGlobalId(n, row.id as number));
          expect(row[`s${k}`], `${n}:${JSON.stringify(row.str)}`).toBe(toGlobalId(n, row.str as string));
        });
      // The API reads its own ids back.
      const max = await queryRows(database.db, sql`select ${globalIdText("Institution", probe.id)} as id from (select 2147483647 as id) as ${probe}`);
      expect(decodeGlobalId(max[0].id as string, "id")).toEqual({ type: "Institution", id: 2_147_483_647 });
    });

    it("writes cursors that pagination reads back as the key values JavaScript gives (text, integer, date and timestamp columns)", async () => {
      const orderings: Ordering<Record<string, unknown>>[] = [
        { name: "probe.text", columns: [probe.str, probe.id], key: (x) => [x.str as string, x.id as number] },
        { name: "probe.day", columns: [probe.day, probe.big, probe.id], key: (x) => [x.day as string, x.big as number, x.id as number] },
        { name: "probe.ts", columns: [probe.ts, probe.id], key: (x) => [x.ts as never, x.id as number] },
        { name: "a.very.long.ordering.name.that.makes.the.cursor.longer.than.seventy.six.characters", columns: [probe.str, probe.int, probe.ts, probe.id], key: (x) => [x.str as string, x.int as number, x.ts as never, x.id as number] },
      ];
      let compared = 0;
      for (const o of orderings) {
        const notNull = sql.join(o.columns.map((c) => sql`${c} is not null`), sql` and `);
        const got = await queryRows(
          database.db,
          sql`select ${sql.join(o.columns.map((c) => sql`${c} as ${sql.identifier((c as PgColumn).name)}`), sql`, `)}, ${cursorText(o.name, o.columns)} as cursor from ${probe} where ${notNull} order by ${probe.id}`,
        );
        expect(got.length, o.name).toBeGreaterThan(ROWS / 3);
        for (const row of got) {
          // The row as the loaders decode it (db/rows.ts), its cursor as toPage writes it.
          const decodedRow: Record<string, unknown> = {};
          for (const [property, c] of Object.entries({ str: probe.str, id: probe.id, day: probe.day, big: probe.big, int: probe.int, ts: probe.ts }))
            if ((c as PgColumn).name in row) decodedRow[property] = row[(c as PgColumn).name] == null ? null : (c as PgColumn).mapFromDriverValue(row[(c as PgColumn).name]);
          const fromJs = encodeCursor(o.name, o.key(decodedRow));
          const fromSql = row.cursor as string;
          const read = (cursor: string) => parsePageArgs({ first: 1, after: cursor }, o as Ordering<unknown>, "probe").after;
          expect(read(fromSql), `${o.name} ${JSON.stringify(decodedRow)}`).toEqual(read(fromJs));
          expect(fromSql).toBe(fromJs);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(ROWS);
    });
  });
