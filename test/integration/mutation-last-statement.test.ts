import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { createContext } from "../../src/context.js";
import { AppError } from "../../src/shared/errors.js";
import { lastly, runMutation } from "../../src/shared/mutation.js";
import { describeEachEngine, PLATFORM_ADMIN } from "../helpers/engines.js";

// `lastly`: a mutation's last statement goes out with COMMIT (postgres.js) or is awaited in place (PGlite). Either
// way its failure must leave nothing written and answer its own coded error, as an awaited statement would.
describeEachEngine("a mutation's last statement sent with its COMMIT", {}, (api) => {
  const run = `${Date.now().toString(36)}-${process.pid}`; // the PostgreSQL test database outlives a run
  const rowsOf = async (k: string) => {
    const r = await api().database.db.execute(sql`select k, n from last_probe where k like ${k + "%-" + run} order by k`);
    return Array.isArray(r) ? r : (r as { rows: unknown[] }).rows;
  };

  it("commits the work and the last statement together when it succeeds", async () => {
    await api().database.db.execute(sql`create table if not exists last_probe (k text primary key, n int not null check (n >= 0))`);
    const ctx = createContext(api().database.db, "last-ok", PLATFORM_ADMIN);
    const value = await runMutation(ctx, {
      operation: "lastProbe",
      input: { idempotencyKey: null } as { idempotencyKey: null },
      run: async (tx) => {
        await tx.execute(sql`insert into last_probe (k, n) values (${`ok-1-${run}`}, 1)`);
        await lastly(tx, tx.execute(sql`insert into last_probe (k, n) values (${`ok-2-${run}`}, 2)`));
        return { done: true };
      },
    });
    expect(value).toEqual({ done: true });
    expect(await rowsOf(`ok-`)).toEqual([{ k: `ok-1-${run}`, n: 1 }, { k: `ok-2-${run}`, n: 2 }]);
  });

  it("writes nothing and answers the statement's coded error when it fails (a unique key: CONFLICT)", async () => {
    await api().database.db.execute(sql`create table if not exists last_probe (k text primary key, n int not null check (n >= 0))`);
    await api().database.db.execute(sql`insert into last_probe (k, n) values (${`dup-0-${run}`}, 0) on conflict do nothing`);
    const ctx = createContext(api().database.db, "last-dup", PLATFORM_ADMIN);
    const e = await runMutation(ctx, {
      operation: "lastProbe",
      input: { idempotencyKey: null } as { idempotencyKey: null },
      run: async (tx) => {
        await tx.execute(sql`insert into last_probe (k, n) values (${`dup-1-${run}`}, 1)`);
        await lastly(tx, tx.execute(sql`insert into last_probe (k, n) values (${`dup-0-${run}`}, 5)`));
        return { done: true };
      },
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).extensions.code).toBe("CONFLICT");
    expect(await rowsOf("dup-")).toEqual([{ k: `dup-0-${run}`, n: 0 }]); // dup-1 rolled back with it
  });

  it("writes nothing when it fails under an idempotency key either, and the key answers the same error again", async () => {
    await api().database.db.execute(sql`create table if not exists last_probe (k text primary key, n int not null check (n >= 0))`);
    const ctx = createContext(api().database.db, "last-key", PLATFORM_ADMIN);
    const spec = {
      operation: "lastProbe",
      input: { idempotencyKey: `last-key-${run}`, k: "neg" },
      run: async (tx: Parameters<Parameters<typeof runMutation>[1]["run"]>[0]) => {
        await tx.execute(sql`insert into last_probe (k, n) values (${`neg-1-${run}`}, 1)`);
        await lastly(tx, tx.execute(sql`insert into last_probe (k, n) values (${`neg-2-${run}`}, -1)`)); // the check refuses it
        return { done: true };
      },
    };
    const first = await runMutation(ctx, spec).catch((x: unknown) => x);
    expect(first).toBeInstanceOf(AppError);
    expect(await rowsOf("neg-")).toEqual([]);
    const second = await runMutation(ctx, spec).catch((x: unknown) => x);
    expect((second as AppError).extensions?.code).toBe((first as AppError).extensions.code);
  });
});
