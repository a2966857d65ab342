import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_JWT_SECRET, httpConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { mintToken } from "../../src/modules/auth/auth.service.js";
import { createServer } from "../../src/server.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { openPgliteCopy } from "../helpers/templates.js";

// Over HTTP a query answered whole by PostgreSQL goes out as the JSON text PostgreSQL wrote, never parsed
// (shared/raw-json.ts). The bytes must be those the resolvers' answer is written as: two servers on one
// seeded database, one with SQL_PREFETCH off, must send the same body for the same request.

/** The caller's budget refills with time: the one figure two answers may differ by. */
const sameBudget = (body: string) => body.replace(/"remaining":\d+/, '"remaining":0');

const auth = { secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" };

describe("whole queries in one statement, over HTTP", () => {
  let database: Database;
  let servers: { url: string; close: () => Promise<void> }[] = [];
  let token = "";
  let hostId = 0;
  beforeAll(async () => {
    database = await openPgliteCopy("seeded");
    const rows = (await database.db.execute(sql`select host_institution_id as id from programs group by 1 order by count(*) desc limit 1`)) as unknown as { rows: { id: number }[] };
    hostId = rows.rows[0].id;
    token = await mintToken(auth, { subject: "http-admin", role: "INSTITUTION_ADMIN", institutionId: hostId });
    for (const strategy of ["whole", "batched"]) {
      const server = await createServer({ database, logger: pino({ level: "silent" }), auth, http: httpConfig({ READ_STRATEGY: strategy }) });
      const port = await server.listen(0, "127.0.0.1");
      servers.push({ url: `http://127.0.0.1:${port}/graphql`, close: () => server.close() });
    }
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    servers = [];
    await database?.close();
  });

  const send = (url: string, query: string, variables: Record<string, unknown>) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });

  it("sends the same bytes as the resolvers, in one statement", async () => {
    const query = /* GraphQL */ `query Dashboard($id: ID!) { __typename institution(id: $id) { id nameEn programs(first: 5) { totalCount pageInfo { hasNextPage }
      nodes { titleEn cohorts(last: 5) { nodes { name intakeYear capacity seatsTaken startDate createdAt enrollments(first: 40) { nodes { id status
        student { familyNameLatin givenNamesLatin nationality homeInstitution { nameEn } } } } } } } } } }`;
    const variables = { id: toGlobalId("Institution", hostId) };
    const [a, b] = await Promise.all(servers.map((s) => send(s.url, query, variables)));
    const [textA, textB] = (await Promise.all([a.text(), b.text()])).map(sameBudget);
    expect(a.status).toBe(200);
    expect(textA).toBe(textB);
    expect(textA).toContain('"enrollments":{"nodes":[{"id":');
    expect(textA).toContain('"extensions":{"cost":');
    // Priced above 1,000 and counted on both paths (the one-statement path by its SQL, the resolvers by a walk).
    const cost = (JSON.parse(textA) as { extensions: { cost: { requested: number; actual: number | null } } }).extensions.cost;
    expect(cost.requested).toBeGreaterThan(1_000);
    expect(cost.actual).toBeGreaterThan(100);
    expect(a.headers.get("x-sql-statements")).toBe("1");
    expect(Number(b.headers.get("x-sql-statements"))).toBeGreaterThan(1);
  });

  it("sends errors and partial answers as before when the resolvers answer", async () => {
    const query = /* GraphQL */ `query($id: ID!) { institution(id: $id) { nameEn programs(first: 1000) { nodes { titleEn } } } }`;
    const [a, b] = await Promise.all(servers.map((s) => send(s.url, query, { id: toGlobalId("Institution", hostId) })));
    const [textA, textB] = (await Promise.all([a.text(), b.text()])).map(sameBudget);
    expect(textA).toBe(textB);
    expect(textA).toContain("BAD_USER_INPUT");
  });
});
