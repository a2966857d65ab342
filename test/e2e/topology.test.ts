import { readFileSync } from "node:fs";
import { join } from "node:path";
import postgres from "postgres";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/db/paths.js";
import { mintToken } from "../../src/modules/auth/auth.service.js";
import { createTestDatabase, postgresStatus } from "../helpers/postgres.js";
import { REDIS_URL, redisStatus } from "../helpers/redis.js";
import { postGraphQL, startServerProcess, type ServerProcess } from "../helpers/server-process.js";

// The topology of Dockerfile and compose.yaml, without Docker: the files parse and say what the README says,
// and the processes compose would start (two APIs, their environment from compose.yaml) start at once on one
// empty PostgreSQL database and one Redis: migrations run once (serialised), both become ready, and the query
// budget is one budget across them. (Subscriptions across processes: test/e2e/subscription.test.ts; capacity
// under races from two processes: test/e2e/capacity-race.test.ts.)

const compose = parseYaml(readFileSync(join(projectRoot, "compose.yaml"), "utf8"), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string>; build?: string; image?: string; ports?: string[] }>;
};
const dockerfile = readFileSync(join(projectRoot, "Dockerfile"), "utf8");
const apis = Object.entries(compose.services).filter(([, s]) => s.build === ".");

describe("Dockerfile and compose.yaml", () => {
  it("build the API on Node 22 and run what npm start runs", () => {
    const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(froms.every((f) => f.startsWith("node:22"))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { scripts: { start: string } };
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]) as string[];
    expect(pkg.scripts.start).toContain(cmd.join(" ")); // npm start = build && node --max-old-space-size=192 dist/src/main.js
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/readyz/);
  });

  it("run several APIs behind one PostgreSQL and one Redis", () => {
    expect(apis.length).toBeGreaterThanOrEqual(2);
    expect(compose.services.postgres?.image).toMatch(/^postgres:/);
    expect(compose.services.redis?.image).toMatch(/^redis:/);
    for (const [, s] of apis) {
      expect(s.environment).toMatchObject({ NODE_ENV: "production", DATABASE_URL: expect.stringContaining("@postgres:"), REDIS_URL: expect.stringContaining("redis://redis:") });
      expect(s.environment!.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    }
    expect(new Set(apis.map(([, s]) => s.ports?.[0])).size).toBe(apis.length); // each its own host port
  });
});

const pg = await postgresStatus();
const redis = await redisStatus();
const missing = !pg.available ? pg.reason : !redis.available ? redis.reason : undefined;
if (missing) console.warn(`[tests] the topology's processes are not started: ${missing}`);

describe.skipIf(missing !== undefined)("the same processes without Docker", () => {
  let db: { url: string; drop: () => Promise<void> };
  let servers: ServerProcess[] = [];
  const secret = compose.services[apis[0][0]].environment!.JWT_SECRET;

  beforeAll(async () => {
    db = await createTestDatabase("xmu_test_topology"); // empty: both processes migrate and seed it at once
    servers = await Promise.all(
      apis.map(([, s]) =>
        startServerProcess({
          ...s.environment!,
          DATABASE_URL: db.url,
          REDIS_URL,
          BUDGET_CAPACITY: "100000",
          BUDGET_REFILL_PER_SECOND: "1",
        }),
      ),
    );
  }, 240_000);

  afterAll(async () => {
    for (const s of servers) expect(await s.stop()).toBe(0);
    await db?.drop();
  });

  it("migrate once between them (advisory lock), and both are ready", async () => {
    const journal = JSON.parse(readFileSync(join(projectRoot, "drizzle/meta/_journal.json"), "utf8")) as { entries: unknown[] };
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    try {
      const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
      expect(n).toBe(journal.entries.length);
      const [{ programs }] = await sql<{ programs: number }[]>`select count(*)::int as programs from programs`;
      expect(programs).toBeGreaterThan(0); // seeded once (the seed has a marker and a lock)
    } finally {
      await sql.end();
    }
    for (const s of servers) {
      const res = await fetch(`${s.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ready", engine: "postgres" });
    }
  });

  it("share one query budget: what a caller spends on one process is gone on the other", async () => {
    const token = await mintToken(
      { secret, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" },
      { subject: `topology-${process.pid}-${Date.now()}`, role: "PLATFORM_ADMIN" },
    );
    const q = "query Programs { programs(first: 50) { nodes { titleEn } } }";
    const costs: { requested: number; remaining: number }[] = [];
    for (const s of [...servers, ...servers]) {
      const res = await postGraphQL(s.url, q, undefined, { authorization: `Bearer ${token}` });
      expect(res.body.errors).toBeUndefined();
      costs.push((res.body as { extensions: { cost: { requested: number; remaining: number } } }).extensions.cost);
    }
    let spent = 0;
    for (const c of costs) {
      spent += c.requested;
      expect(c.remaining).toBeLessThanOrEqual(100_000 - spent + 10); // refilling 1 point a second meanwhile
    }
  });
});
