import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_JWT_SECRET } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { cohorts, enrollments } from "../../src/db/schema.js";
import { mintToken } from "../../src/modules/auth/auth.service.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildJointProgram, studentRow, type JointProgram } from "../factories/joint-program.js";
import { createTestDatabase, postgresStatus } from "../helpers/postgres.js";
import { postGraphQL, startServerProcess, type ServerProcess } from "../helpers/server-process.js";
import { eq, and } from "drizzle-orm";

const pg = await postgresStatus();
const CAPACITY = 5;
const CANDIDATES = 40;

// Many admissions race for a small cohort through two server processes sharing one PostgreSQL database.
(pg.available ? describe : describe.skip)("capacity under concurrent admissions from two server processes [postgres]", () => {
  let database: Database;
  let drop: () => Promise<void>;
  let servers: ServerProcess[] = [];
  let jp: JointProgram;
  let enrollmentIds: number[];

  beforeAll(async () => {
    const created = await createTestDatabase("xmu_race", "migrated");
    drop = created.drop;
    database = await openDatabase({ url: created.url, poolSize: 4 });
    jp = await buildJointProgram(database.db, CAPACITY);
    // Nominated and admitted candidates, written directly: the race is about the last step.
    const { students } = await import("../../src/db/schema.js");
    const rows = await database.db
      .insert(students)
      .values(Array.from({ length: CANDIDATES }, () => ({ ...studentRow(), email: null, homeInstitutionId: jp.partner })))
      .returning({ id: students.id });
    const ens = await database.db
      .insert(enrollments)
      .values(rows.map((r) => ({ studentId: r.id, cohortId: jp.cohortId, status: "ADMITTED" as const })))
      .returning({ id: enrollments.id });
    enrollmentIds = ens.map((e) => e.id);
    const env = { DATABASE_URL: created.url, SEED_ON_START: "false", JWT_SECRET: DEV_JWT_SECRET, DB_POOL_SIZE: "8" };
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.close();
    await drop?.();
  });

  it(`enrolls exactly ${CAPACITY} of ${CANDIDATES} and answers CAPACITY_REACHED to the rest, with no server error`, async () => {
    const token = await mintToken(
      { secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" },
      { subject: "race-admin", role: "INSTITUTION_ADMIN", institutionId: jp.ids.host },
    );
    const MOVE = `mutation($input: TransitionEnrollmentInput!) { transitionEnrollment(input: $input) { enrollment { status } } }`;
    const results = await Promise.all(
      enrollmentIds.map((id, i) =>
        postGraphQL(
          servers[i % 2].url,
          MOVE,
          { input: { enrollmentId: toGlobalId("Enrollment", id), to: "ENROLLED" } },
          { authorization: `Bearer ${token}` },
        ),
      ),
    );
    const codes = results.map((r) => (r.body.errors ? r.body.errors[0].extensions.code : "OK"));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(codes.filter((c) => c === "OK")).toHaveLength(CAPACITY);
    expect(codes.filter((c) => c === "CAPACITY_REACHED")).toHaveLength(CANDIDATES - CAPACITY);

    const [cohort] = await database.db.select().from(cohorts).where(eq(cohorts.id, jp.cohortId));
    const enrolled = await database.db
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.cohortId, jp.cohortId), eq(enrollments.status, "ENROLLED")));
    expect(cohort.seatsTaken).toBe(CAPACITY);
    expect(enrolled).toHaveLength(CAPACITY);
    for (const s of servers) expect(s.output()).not.toContain('"level":50');
  });
});
if (!pg.available) console.warn(`[tests] capacity race [postgres] skipped: ${pg.reason}`);
