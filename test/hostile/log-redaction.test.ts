import "reflect-metadata";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createApollo } from "../../src/server.js";
import { describeEachEngine, makeApi } from "../helpers/engines.js";
import { buildJointProgram, studentRow } from "../factories/joint-program.js";

// Logs must never hold personal data (issue 11, point 14). A database error carries the statement's
// parameters (passport numbers, dates of birth) in drizzle's message, in postgres.js's `parameters` and
// PGlite's `params`, and PostgreSQL's `detail` quotes rows and keys.

const PASSPORT = "FA7319024";
const BIRTH = "2001-02-03";
const NAME = "Qodirova";
const EMAIL = "qodirova.7319@example.org";
const PERSONAL = [PASSPORT, BIRTH, NAME, EMAIL];
const REGISTER = `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { existingStudent } }`;

function capture() {
  const lines: string[] = [];
  const log = createLogger({ write: (s: string) => void lines.push(s) }, "info");
  return { log, text: () => lines.join("") };
}

describeEachEngine("logs hold no personal data", {}, (api) => {
  it("logs an unexpected database error with its SQLSTATE and message, without the statement's parameters", async () => {
    const { db } = api().database;
    const jp = await buildJointProgram(db);
    const { log, text } = capture();
    const apollo = await createApollo(api().database, log);
    await apollo.start();
    // A rule the error mapper does not know: the student's insert fails inside the database.
    await db.execute(sql.raw(`create function hostile_refuse() returns trigger language plpgsql as $$ begin raise exception 'hostile test: refused'; end $$`));
    await db.execute(sql.raw(`create trigger hostile_refuse before insert on students for each row execute function hostile_refuse()`));
    try {
      const student = studentRow({ passportNumber: PASSPORT, dateOfBirth: BIRTH, familyNameLatin: NAME, email: EMAIL });
      const r = await makeApi(api().engine, api().database, apollo).run(REGISTER, { input: { cohortId: jp.ids.cohort, student } }, jp.as.partnerRegistrar);
      expect(r.errors?.[0].extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: "test" });
    } finally {
      await db.execute(sql.raw(`drop trigger hostile_refuse on students`));
      await db.execute(sql.raw(`drop function hostile_refuse()`));
      await apollo.stop();
    }
    log.flush();
    const logged = text();
    expect(logged).toContain("unexpected error");
    for (const value of PERSONAL) expect(logged).not.toContain(value);
    expect(logged).toContain("hostile test: refused"); // what went wrong is kept
    expect(logged).toContain('"code":"P0001"');
    expect(logged).toContain("graphql request"); // the request line, without variables
  });
});

it("keeps no parameter, detail or quoted value of an error from any driver, through every cause, nor in the message string", () => {
  const { log, text } = capture();
  const pgjs = Object.assign(new Error('duplicate key value violates unique constraint "students_nationality_passport"'), {
    name: "PostgresError",
    code: "23505",
    severity: "ERROR",
    detail: `Key (nationality, passport_number)=(UZ, ${PASSPORT}) already exists.`,
    constraint_name: "students_nationality_passport",
    table_name: "students",
    query: "insert into students (passport_number, date_of_birth) values ($1, $2)",
    parameters: [PASSPORT, BIRTH],
    args: [PASSPORT, BIRTH],
  });
  const pglite = Object.assign(new Error(`invalid input syntax for type date: "${BIRTH}x"`), { code: "22007", query: "select $1::date", params: [`${BIRTH}x`] });
  const drizzle = (cause: Error, params: string[]) =>
    Object.assign(new Error(`Failed query: insert into students (passport_number, date_of_birth) values ($1, $2)\nparams: ${params.join(",")}`), {
      name: "DrizzleQueryError",
      query: "insert into students (passport_number, date_of_birth) values ($1, $2)",
      params,
      cause,
    });
  const row = Object.assign(new Error('new row for relation "students" violates check constraint "students_born"'), {
    code: "23514",
    detail: `Failing row contains (7, ${NAME}, ${BIRTH}, ${PASSPORT}, ${EMAIL}).`,
    where: `SQL statement "insert into students values ('${PASSPORT}')"`,
  });
  for (const err of [drizzle(pgjs, [PASSPORT, BIRTH]), drizzle(pglite, [`${BIRTH}x`]), drizzle(row, [NAME, EMAIL]), new AggregateError([drizzle(pgjs, [PASSPORT])], "several")]) {
    log.error({ err, requestId: "r1" }, "unexpected error");
    log.fatal({ err }, err.message); // main.ts logs a start-up failure's message as the line's message
  }
  // Personal fields and variables, should anything log them by name.
  log.info({ variables: { input: { passportNumber: PASSPORT } }, student: { dateOfBirth: BIRTH, email: EMAIL } }, "request");
  log.flush();
  const logged = text();
  for (const value of PERSONAL) expect(logged).not.toContain(value);
  expect(logged).toContain("students_nationality_passport"); // constraint and SQLSTATE stay
  expect(logged).toContain('"code":"23505"');
  expect(logged).toContain('"code":"22007"');
  expect(logged).toContain("Failed query: insert into students");
  expect(logged).toContain("invalid input syntax for type date");
});
