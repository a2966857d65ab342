import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { createContext } from "../../src/context.js";
import { AppError } from "../../src/shared/errors.js";
import { runMutation } from "../../src/shared/mutation.js";
import { describeEachEngine, PLATFORM_ADMIN } from "../helpers/engines.js";

const conflict = (code: string) => Object.assign(new Error(`simulated ${code}`), { code });

describeEachEngine("a mutation whose transaction loses a deadlock or a serialization check", {}, (api) => {
  it("is run again (at most twice more), with or without an idempotency key, and its write committed once", async () => {
    await api().database.db.execute(sql`create table if not exists retry_probe (k text primary key, n int not null)`);
    for (const key of [null, "retry-key-1"]) {
      let runs = 0;
      const ctx = createContext(api().database.db, `retry-${key}`, PLATFORM_ADMIN);
      const input = { idempotencyKey: key, k: String(key) };
      const value = await runMutation(ctx, {
        operation: "retryProbe",
        input,
        run: async (tx) => {
          runs++;
          await tx.execute(sql`insert into retry_probe (k, n) values (${String(key)}, ${runs})`);
          if (runs < 3) throw conflict(runs === 1 ? "40P01" : "40001");
          return { runs };
        },
      });
      expect(value).toEqual({ runs: 3 });
      const rows = await api().database.db.execute(sql`select n from retry_probe where k = ${String(key)}`);
      const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
      expect(list).toEqual([{ n: 3 }]); // the two failed attempts left nothing
    }
  });

  it("answers SERVICE_UNAVAILABLE once the retries are spent, and stores nothing under the key", async () => {
    let runs = 0;
    const ctx = createContext(api().database.db, "retry-spent", PLATFORM_ADMIN);
    const input = { idempotencyKey: "retry-key-2", k: "spent" };
    const spec = {
      operation: "retryProbe",
      input,
      run: async () => {
        runs++;
        throw conflict("40001");
      },
    };
    const e = await runMutation(ctx, spec).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).extensions.code).toBe("SERVICE_UNAVAILABLE");
    expect(runs).toBe(3);
    // The key was not kept: the next try runs the work.
    const again = await runMutation(ctx, { ...spec, run: async () => ({ ok: true }) });
    expect(again).toEqual({ ok: true });
  });
});
