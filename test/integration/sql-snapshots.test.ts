import "reflect-metadata";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, parse, TypeInfo, visit, visitWithTypeInfo, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpConfig, webhookConfig } from "../../src/config.js";
import { createContext, type ReadStrategy } from "../../src/context.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { projectRoot } from "../../src/db/paths.js";
import { countingLogger, currentRequest, runInRequest } from "../../src/db/request-store.js";
import { entityOf } from "../../src/engine/entity.js";
import { logger } from "../../src/logger.js";
import { ROLES, type RoleName, type Viewer } from "../../src/modules/auth/auth.roles.js";
import { WebhookWorker } from "../../src/modules/webhooks/webhook.worker.js";
import { createApollo, type Apollo } from "../../src/server.js";
import { fromGlobalId } from "../../src/shared/global-id.js";
import { seed } from "../../seeds/seed.js";

// The SQL the read engine runs for the README's example queries, committed (test/__snapshots__/sql/*.sql), so
// that a review sees every change of a query. The README's examples run in order on a freshly seeded embedded
// database (its mutations too, as their `# as` callers, so the reads find what the README shows); each read
// that touches a type the engine declares is run as a platform admin and as the admin of Xinjiang Medical
// University (institution SW5zdGl0dXRpb246MQ), in each strategy, and the text and parameters of every
// statement it runs (the statement logger, db/request-store.ts) go to one file per example. A change is
// accepted with `npx vitest run test/integration/sql-snapshots.test.ts -u`.

const DIR = join(projectRoot, "test", "__snapshots__", "sql");
const REQUEST = "sql-snapshot";
const STRATEGIES: ReadStrategy[] = ["whole", "inline", "batched"];
const VIEWERS: [string, Viewer][] = [
  ["platform admin", { subject: "sql-snapshot-platform", role: "PLATFORM_ADMIN", institutionId: null }],
  ["admin of institution SW5zdGl0dXRpb246MQ", { subject: "sql-snapshot-admin", role: "INSTITUTION_ADMIN", institutionId: 1 }],
];

interface Example {
  title: string;
  query: string;
  as?: Viewer;
}

/** Each ```graphql block of the README followed by a ```json block, with the bold title above it. */
function readmeExamples(): Example[] {
  const md = readFileSync(join(projectRoot, "README.md"), "utf8");
  const blocks = [...md.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2], at: m.index }));
  const out: Example[] = [];
  for (let i = 0; i < blocks.length - 1; i++) {
    if (blocks[i].lang !== "graphql" || blocks[i + 1].lang !== "json") continue;
    const before = md.slice(0, blocks[i].at);
    const title = [...before.matchAll(/\*\*([^*]+)\*\*/g)].at(-1)?.[1].trim() ?? `example ${out.length + 1}`;
    const as = /^# as ([A-Z_]+)(?: (\S+))?/m.exec(blocks[i].body);
    if (as && !ROLES.includes(as[1] as RoleName)) throw new Error(`README names an unknown role ${as[1]}`);
    const viewer = as ? { subject: `readme-${as[1]}`, role: as[1] as RoleName, institutionId: as[2] ? fromGlobalId(as[2], "Institution", "as") : null } : undefined;
    out.push({ title, query: blocks[i].body, as: viewer });
  }
  return out;
}

/** Whether an operation reads a field of a type the engine declares (or node/nodes, which it answers). */
function readsEngineTypes(schema: GraphQLSchema, query: string): boolean {
  const info = new TypeInfo(schema);
  let found = false;
  visit(
    parse(query),
    visitWithTypeInfo(info, {
      Field(node) {
        const parent = info.getParentType();
        if (!parent) return;
        if (entityOf(parent.name) && node.name.value !== "__typename") found = true;
        if (parent.name === "Query" && (node.name.value === "node" || node.name.value === "nodes")) found = true;
      },
    }),
  );
  return found;
}

/** A file name from the operation's root fields: `cohort.sql`, `programs.sql`. */
function fileName(query: string): string {
  const op = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const roots = op?.kind === Kind.OPERATION_DEFINITION ? op.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])) : [];
  return `${[...new Set(roots)].join("-").slice(0, 80) || "query"}.sql`;
}

describe("SQL snapshots of the README's read examples [pglite]", () => {
  let database: Database;
  let apollo: Apollo;
  const captured: { sql: string; params: unknown[] }[] = [];
  const logQuery = countingLogger.logQuery.bind(countingLogger);

  beforeAll(async () => {
    database = await openDatabase({ dataDir: "memory://" });
    await database.migrate();
    await seed(database.db);
    apollo = await createApollo(database, logger, { http: httpConfig({}) });
    await apollo.start();
    // Every statement of this test's requests, as drizzle hands it to the logger (the text PostgreSQL gets).
    countingLogger.logQuery = (query, params) => {
      if (currentRequest()?.requestId === REQUEST) captured.push({ sql: query, params });
      logQuery(query, params);
    };
  }, 180_000);

  afterAll(async () => {
    countingLogger.logQuery = logQuery;
    await apollo?.stop();
    await database?.close();
  });

  async function run(query: string, as: Viewer | null, strategy: ReadStrategy) {
    captured.length = 0;
    const res = await runInRequest({ requestId: REQUEST, statements: 0 }, () =>
      apollo.executeOperation({ query }, { contextValue: createContext(database.db, REQUEST, as, "local", { strategy }) }),
    );
    if (res.body.kind !== "single") throw new Error("unexpected incremental result");
    return { errors: res.body.singleResult.errors, statements: [...captured] };
  }

  it("writes the statements of every README read that the engine answers, per caller and strategy", async () => {
    const examples = readmeExamples();
    expect(examples.length).toBeGreaterThanOrEqual(8);
    const written = new Set<string>();
    for (const ex of examples) {
      // An example that waits for the webhook worker (`# retried until`): one round of it first, parking what
      // fails at once, as the README's test server does (WEBHOOKS_RETRY_FOR_S=1).
      if (/^# retried until/m.test(ex.query)) await new WebhookWorker(database, logger, { ...webhookConfig({}), retryForMs: 1_000, timeoutMs: 5_000 }).runOnce();
      const isMutation = /^\s*mutation\b/m.test(ex.query.replace(/^#.*$/gm, ""));
      if (isMutation) {
        // Run as the README runs it, so that the reads after it find what the README shows.
        const { errors } = await run(ex.query, ex.as ?? null, "whole");
        expect(errors, ex.title).toBeUndefined();
        continue;
      }
      if (!readsEngineTypes(apollo.schema, ex.query)) continue;
      const name = fileName(ex.query);
      expect(written.has(name), `two examples would write ${name}`).toBe(false);
      written.add(name);
      const lines = [
        `-- README: ${ex.title}`,
        ...ex.query.trim().split("\n").map((l) => `--   ${l}`),
        "-- The statements the request runs, in order, with their parameters (test/integration/sql-snapshots.test.ts).",
      ];
      for (const [who, viewer] of VIEWERS)
        for (const strategy of STRATEGIES) {
          const { errors, statements } = await run(ex.query, viewer, strategy);
          lines.push("", `-- ${who}, ${strategy}: ${statements.length} statement${statements.length === 1 ? "" : "s"}${errors ? `; errors ${JSON.stringify(errors.map((e) => e.extensions?.code))}` : ""}`);
          for (const s of statements) lines.push(`${s.sql};`, `-- parameters: ${JSON.stringify(s.params)}`);
        }
      await expect(lines.join("\n") + "\n").toMatchFileSnapshot(join(DIR, name));
    }
    // The examples that reach the engine: the public program, the figures, reconciliation, a cohort's
    // enrollments, a partner's students, the change feed and a node.
    expect(written.size).toBeGreaterThanOrEqual(5);
    // No file of an example that is gone.
    const stale = (existsSync(DIR) ? readdirSync(DIR) : []).filter((f) => f.endsWith(".sql") && !written.has(f));
    expect(stale, "snapshot files no README example writes: remove them").toEqual([]);
  }, 300_000);
});
