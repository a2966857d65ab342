import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_JWT_SECRET } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { mintToken } from "../../src/modules/auth/auth.service.js";
import { buildJointProgram, studentRow, type JointProgram } from "../factories/joint-program.js";
import { createTestDatabase, postgresStatus } from "../helpers/postgres.js";
import { postGraphQL, startServerProcess, type ServerProcess } from "../helpers/server-process.js";

const pg = await postgresStatus();
const auth = { secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" };

interface Event {
  action: string;
  entityType: string;
  enrollmentStatus: string | null;
  cursor: string;
  data: Record<string, unknown> | null;
}

/** Subscribes and collects events until `count` arrived (or the time runs out). */
function collect(client: Client, count: number, variables: Record<string, unknown> = {}) {
  const events: Event[] = [];
  let dispose = () => {};
  const done = new Promise<Event[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${events.length} of ${count} events: ${JSON.stringify(events)}`)), 20_000);
    dispose = client.subscribe<{ changes: Event }>(
      { query: `subscription($after: String) { changes(after: $after) { action entityType enrollmentStatus cursor data } }`, variables },
      {
        next: (msg) => {
          if (msg.errors) return reject(new Error(JSON.stringify(msg.errors)));
          events.push(msg.data!.changes);
          if (events.length >= count) {
            clearTimeout(timer);
            resolve(events);
          }
        },
        error: reject,
        complete: () => {},
      },
    );
  });
  return { done, stop: () => dispose() };
}

// A change written through one server process reaches a subscriber of another (PostgreSQL LISTEN/NOTIFY).
(pg.available ? describe : describe.skip)("changes subscription across server processes [postgres]", () => {
  let database: Database;
  let drop: () => Promise<void>;
  let a: ServerProcess;
  let b: ServerProcess;
  let jp: JointProgram;
  let client: Client;

  beforeAll(async () => {
    const created = await createTestDatabase("xmu_subs", "migrated");
    drop = created.drop;
    database = await openDatabase({ url: created.url });
    jp = await buildJointProgram(database.db, 10);
    const env = { DATABASE_URL: created.url, SEED_ON_START: "false", JWT_SECRET: DEV_JWT_SECRET };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    const token = await mintToken(auth, { subject: "sub-partner", role: "PARTNER_REGISTRAR", institutionId: jp.ids.partner });
    client = createClient({ url: a.url.replace("http", "ws") + "/graphql", webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  }, 180_000);

  afterAll(async () => {
    await client?.dispose();
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.close();
    await drop?.();
  });

  it("pushes to a subscriber on process A what a partner registers through process B, and replays after a cursor", async () => {
    const live = collect(client, 2);
    await new Promise((r) => setTimeout(r, 500)); // the subscription is registered
    const token = await mintToken(auth, { subject: "writer", role: "PARTNER_REGISTRAR", institutionId: jp.ids.partner });
    const res = await postGraphQL(
      b.url,
      `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { enrollment { id } } }`,
      { input: { cohortId: jp.ids.cohort, student: studentRow() } },
      { authorization: `Bearer ${token}` },
    );
    expect(res.body.errors).toBeUndefined();
    const events = await live.done;
    live.stop();
    expect(events.map((e) => e.action)).toEqual(["student.register", "enrollment.nominate"]);
    expect(events[1]).toMatchObject({ entityType: "Enrollment", enrollmentStatus: "NOMINATED" });
    // Ids in the data are global ids, as everywhere else (the nomination's student and cohort, the student's home).
    const student = await postGraphQL(b.url, `query($id: ID!) { node(id: $id) { ... on Enrollment { student { id } } } }`, { id: res.body.data.registerStudent.enrollment.id }, { authorization: `Bearer ${token}` });
    expect(events[1].data).toEqual({ studentId: student.body.data.node.student.id, cohortId: jp.ids.cohort, status: "NOMINATED" });
    expect(events[0].data).toMatchObject({ homeInstitutionId: jp.ids.partner });

    // A second subscriber that lost its connection resumes after the first event: it gets the second, replayed.
    const replay = collect(client, 1, { after: events[0].cursor });
    const again = await replay.done;
    replay.stop();
    expect(again.map((e) => e.cursor)).toEqual([events[1].cursor]);
    expect(again[0].data).toEqual(events[1].data);
  });

  it("refuses a bad token on the socket", async () => {
    const bad = createClient({ url: a.url.replace("http", "ws") + "/graphql", webSocketImpl: WebSocket, connectionParams: { authorization: "Bearer nope" }, retryAttempts: 0 });
    const sub = collect(bad, 1);
    await expect(sub.done).rejects.toBeTruthy();
    await bad.dispose();
  });
});
if (!pg.available) console.warn(`[tests] changes subscription [postgres] skipped: ${pg.reason}`);
