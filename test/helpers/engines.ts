import "reflect-metadata";
import { afterAll, beforeAll, describe } from "vitest";
import { createContext } from "../../src/context.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { runInRequest } from "../../src/db/request-store.js";
import { logger } from "../../src/logger.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { createApollo, type Apollo } from "../../src/server.js";
import { createTestDatabase, postgresStatus } from "./postgres.js";
import { openPgliteCopy } from "./templates.js";

export type Engine = "pglite" | "postgres";

export const PLATFORM_ADMIN: Viewer = { subject: "test-platform-admin", role: "PLATFORM_ADMIN", institutionId: null };

export interface TestApi {
  engine: Engine;
  database: Database;
  apollo: Apollo;
  /**
   * Runs an operation as a request; returns data, errors and the SQL statements it ran. The caller is a
   * platform admin unless `as` says otherwise (null: anonymous).
   */
  run<T = any>(query: string, variables?: Record<string, unknown>, as?: Viewer | null): Promise<RunResult<T>>;
}

export interface RunResult<T> {
  data: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  statements: number;
}

const pg = await postgresStatus();

/**
 * Declares the suite once per engine: the embedded engine always, PostgreSQL when reachable. Each suite gets a
 * database of its own, a copy of this run's migrated (with `seed`, migrated and seeded) template: an in-memory
 * PGlite, or a PostgreSQL database dropped after. Unreachable PostgreSQL skips with the reason printed.
 */
export function describeEachEngine(name: string, opts: { seed?: boolean; engines?: readonly Engine[] }, body: (api: () => TestApi) => void) {
  for (const engine of opts.engines ?? (["pglite", "postgres"] as const)) {
    const skip = engine === "postgres" && !pg.available;
    (skip ? describe.skip : describe)(`${name} [${engine}]`, () => {
      let api: TestApi | undefined;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const contents = opts.seed ? "seeded" : "migrated";
        let database: Database;
        if (engine === "postgres") {
          let url: string;
          ({ url, drop } = await createTestDatabase("xmu_test", contents));
          database = await openDatabase({ url, poolSize: 5 });
        } else database = await openPgliteCopy(contents);
        const apollo = await createApollo(database, logger);
        await apollo.start();
        api = makeApi(engine, database, apollo);
      });
      afterAll(async () => {
        await api?.apollo.stop();
        await api?.database.close();
        await drop?.();
      });
      body(() => {
        if (!api) throw new Error("suite not set up");
        return api;
      });
    });
    if (skip) console.warn(`[tests] ${name} [postgres] skipped: ${pg.reason}`);
  }
}

export function makeApi(engine: Engine, database: Database, apollo: Apollo): TestApi {
  return {
    engine,
    database,
    apollo,
    async run(query, variables, as = PLATFORM_ADMIN) {
      const store = { requestId: "test", statements: 0 };
      const res = await runInRequest(store, () =>
        apollo.executeOperation({ query, variables }, { contextValue: createContext(database.db, "test", as) }),
      );
      if (res.body.kind !== "single") throw new Error("unexpected incremental result");
      return {
        data: res.body.singleResult.data as any,
        errors: res.body.singleResult.errors as RunResult<unknown>["errors"],
        statements: store.statements,
      };
    },
  };
}
