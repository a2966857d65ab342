import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { like } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { DEV_JWT_SECRET } from "../../src/config.js";
import { openDatabase } from "../../src/db/client.js";
import { programs } from "../../src/db/schema.js";
import { mintToken } from "../../src/modules/auth/auth.service.js";
import { createTestDatabase, postgresStatus } from "../helpers/postgres.js";
import { startServerProcess } from "../helpers/server-process.js";
import { copyPgliteFolder } from "../helpers/templates.js";

// SIGTERM while keep-alive clients fire writes in a tight loop. Every request must end one of two ways:
// a complete HTTP response, or a connection error before any byte of a response — and then its write must
// not be in the database. A write that is in the database without its answer delivered is the bug.

const ROUNDS = Number(process.env.SHUTDOWN_ROUNDS ?? 3);
const AGENTS = 4;
const LOOPS_PER_AGENT = 3;
const XINJIANG = "SW5zdGl0dXRpb246MQ"; // Institution:1 of the seed data

type Outcome =
  | { code: string; kind: "answered"; status: number; created: boolean }
  | { code: string; kind: "refused"; error: string } // error before any response byte
  | { code: string; kind: "cut"; error: string }; // error after the response had started

const MUTATION = `mutation($input: CreateProgramInput!) { createProgram(input: $input) { program { code } } }`;

function send(agent: http.Agent, url: string, token: string, code: string): Promise<Outcome> {
  const body = JSON.stringify({
    query: MUTATION,
    variables: {
      input: {
        idempotencyKey: code,
        code,
        titleEn: `Keep-alive drain ${code}`,
        hostInstitutionId: XINJIANG,
        level: "NON_DEGREE",
        iscedField: "0912",
        lengthYears: 1,
        teachingLanguages: ["en"],
        launchYear: 2027,
      },
    },
  });
  return new Promise((resolve) => {
    let started = false;
    let done = false;
    const finish = (o: Outcome) => {
      if (!done) {
        done = true;
        resolve(o);
      }
    };
    const req = http.request(
      `${url}/graphql`,
      {
        method: "POST",
        agent,
        // The code as request id: the server's log line of the request names it.
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), authorization: `Bearer ${token}`, "x-request-id": code },
      },
      (res) => {
        started = true;
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("error", (e) => finish({ code, kind: "cut", error: String(e) }));
        res.on("aborted", () => finish({ code, kind: "cut", error: "aborted" }));
        res.on("end", () => {
          if (!res.complete) return finish({ code, kind: "cut", error: "incomplete" });
          let created = false;
          try {
            created = (JSON.parse(text) as { data?: { createProgram?: { program?: { code?: string } } } }).data?.createProgram?.program?.code === code;
          } catch {
            return finish({ code, kind: "cut", error: `unparsable body: ${text.slice(0, 100)}` });
          }
          finish({ code, kind: "answered", status: res.statusCode!, created });
        });
      },
    );
    req.on("error", (e) => finish(started ? { code, kind: "cut", error: String(e) } : { code, kind: "refused", error: String(e) }));
    req.end(body);
  });
}

interface Round {
  timing: string;
  outcomes: Outcome[];
  inDb: Set<string>;
  exitCode: number | null;
  output: string;
}

async function round(env: Record<string, string>, prefix: string, token: string): Promise<Omit<Round, "inDb">> {
  const t0 = Date.now();
  const server = await startServerProcess(env);
  const t1 = Date.now();
  const outcomes: Outcome[] = [];
  let stopping: Promise<number | null> | undefined;
  let n = 0;
  const agents = Array.from({ length: AGENTS }, () => new http.Agent({ keepAlive: true, maxSockets: LOOPS_PER_AGENT }));
  const loops = agents.flatMap((agent, a) =>
    Array.from({ length: LOOPS_PER_AGENT }, async (_, l) => {
      // Each loop fires its next write as soon as the last is answered, over the agent's kept-alive sockets,
      // until a connection error says the server is gone.
      for (let i = 0; ; i++) {
        const o = await send(agent, server.url, token, `${prefix}-${a}-${l}-${i}`);
        outcomes.push(o);
        if (o.kind !== "answered") return;
        // SIGTERM in the middle of the load.
        if (++n === 60) stopping = server.stop();
        if (i > 5_000) return;
        // Half the loops pause a little between writes: their connections are idle at times, as a client's are.
        if (l % 2) await new Promise((r) => setTimeout(r, Math.random() * 15));
      }
    }),
  );
  await Promise.all(loops);
  for (const a of agents) a.destroy();
  const t2 = Date.now();
  const exitCode = await (stopping ?? server.stop());
  const timing = `ready in ${t1 - t0} ms, load until the server was gone ${t2 - t1} ms, exit ${Date.now() - t2} ms after`;
  return { outcomes, exitCode, output: server.output(), timing };
}

function check(r: Round) {
  const answered = new Map(r.outcomes.filter((o) => o.kind === "answered").map((o) => [o.code, o]));
  const cut = r.outcomes.filter((o) => o.kind === "cut");
  const lost = [...r.inDb].filter((code) => !(answered.get(code) as { created?: boolean } | undefined)?.created);
  // Requests the server ran (its "graphql request" log line) whose answer did not arrive: read, then cut.
  const ran = new Set([...r.output.matchAll(/"requestId":"([^"]+)"[^\n]*"msg":"graphql request"/g)].map((m) => m[1]));
  const unanswered = r.outcomes.filter((o) => o.kind !== "answered" && ran.has(o.code)).map((o) => o.code);
  const claimedButMissing = [...answered.values()].filter((o) => o.kind === "answered" && o.created && !r.inDb.has(o.code));
  const refused = r.outcomes.flatMap((o) => (o.kind === "refused" ? [o.error.replace(/ \d+\.\d+\.\d+\.\d+:\d+$/, "")] : []));
  const counts = new Map<string, number>();
  for (const e of refused) counts.set(e, (counts.get(e) ?? 0) + 1);
  const errors = [...counts].map(([e, n]) => `${n}× ${e}`);
  return { cut, lost, unanswered, claimedButMissing, answered: answered.size, refused: refused.length, errors };
}

/**
 * ROUNDS servers one after the other on one database; then what each round committed is read at once (the rows
 * of earlier rounds stay: every round's codes are its own) and each round is checked.
 */
async function runRounds(label: string, makeEnv: () => Promise<{ env: Record<string, string>; readCodes: (prefix: string) => Promise<string[]> }>) {
  const token = await mintToken(
    { secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" },
    { subject: "keepalive-admin", role: "INSTITUTION_ADMIN", institutionId: XINJIANG },
  );
  const { env, readCodes } = await makeEnv();
  const prefix = (i: number) => `KA-${label}-${i}`;
  const rounds: Omit<Round, "inDb">[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round(env, prefix(i), token));
  // One read for every round (opening the embedded engine costs seconds); a round's codes are `${prefix(i)}-…`.
  const committed = await readCodes(`KA-${label}`);
  const failures: string[] = [];
  for (const [i, rest] of rounds.entries()) {
    const r: Round = { ...rest, inDb: new Set(committed.filter((code) => code.startsWith(`${prefix(i)}-`))) };
    const c = check(r);
    console.log(`[shutdown-keepalive ${label}] round ${i}: ${c.answered} answered, ${c.refused} refused before any byte (${c.errors.join(", ")}), ${c.cut.length} cut, ${c.unanswered.length} run without a delivered answer, ${c.lost.length} of them committed; exit ${r.exitCode}; ${r.timing}`);
    expect(r.exitCode, r.output.slice(-2000)).toBe(0);
    expect(c.answered).toBeGreaterThanOrEqual(60);
    expect(c.claimedButMissing).toEqual([]);
    if (c.cut.length || c.lost.length || c.unanswered.length)
      failures.push(`round ${i}: cut ${JSON.stringify(c.cut.slice(0, 3))}, run unanswered ${JSON.stringify(c.unanswered)}, committed unanswered ${JSON.stringify(c.lost)}`);
  }
  expect(failures).toEqual([]);
}

const pg = await postgresStatus();

// The two engines' tests run side by side (servers and databases of their own): each spends most of its time
// starting servers.
describe.concurrent("SIGTERM under keep-alive write load", () => {
  const dir = mkdtempSync(join(tmpdir(), "xmu-keepalive-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("embedded engine: every committed write's answer is delivered; no response is cut", { timeout: 600_000 }, async () => {
    const dataDir = copyPgliteFolder(join(dir, "data"), "seeded");
    await runRounds("pglite", async () => ({
      env: { DATA_DIR: dataDir, SEED_ON_START: "true", JWT_SECRET: DEV_JWT_SECRET },
      readCodes: async (prefix) => {
        const db = await openDatabase({ dataDir });
        try {
          return (await db.db.select({ code: programs.code }).from(programs).where(like(programs.code, `${prefix}-%`))).map((r) => r.code);
        } finally {
          await db.close();
        }
      },
    }));
  });

  (pg.available ? it : it.skip)("PostgreSQL: every committed write's answer is delivered; no response is cut [postgres]", { timeout: 600_000 }, async () => {
    const created = await createTestDatabase("xmu_keepalive", "seeded");
    try {
      await runRounds("pg", async () => ({
        env: { DATABASE_URL: created.url, SEED_ON_START: "true", JWT_SECRET: DEV_JWT_SECRET },
        readCodes: async (prefix) => {
          const db = await openDatabase({ url: created.url, poolSize: 1 });
          try {
            return (await db.db.select({ code: programs.code }).from(programs).where(like(programs.code, `${prefix}-%`))).map((r) => r.code);
          } finally {
            await db.close();
          }
        },
      }));
    } finally {
      await created.drop();
    }
  });
});
