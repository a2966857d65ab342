import postgres from "postgres";
import { openDatabase } from "../../src/db/client.js";
import { loadEducation } from "./education.js";
import { GENERATOR_VERSION, loadWorld, World } from "./generate.js";
import type { Scale } from "./scales.js";

/** The server the bench creates its databases on (trust auth); never the database of that URL itself. */
export const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function databaseName(scale: Scale): string {
  return `xmu_bench_${scale.name}`;
}

export function urlOf(dbName: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
}

export interface Prepared {
  url: string;
  name: string;
  reused: boolean;
  loadSeconds: number;
  /** Seconds the load took when the data set was made (also when reused: read from the marker). */
  loadReport?: { seconds: Record<string, number>; rows: Record<string, number> };
  serverVersion: string;
}

const quiet = { onnotice: () => {} };

/**
 * The bench database of a scale, migrated with the project's migrations and loaded with the generated data.
 * A database the bench made carries a `bench.meta` table (created before anything else); the data set is
 * reused when its marker row names this scale and generator version. The bench only ever drops a
 * database that carries that table.
 */
export async function prepareDatabase(scale: Scale, opts: { fresh: boolean; log: (m: string) => void }): Promise<Prepared> {
  const name = databaseName(scale);
  const url = urlOf(name);
  const admin = postgres(ADMIN_URL, { max: 1, ...quiet });
  try {
    const [{ server_version: serverVersion }] = await admin`show server_version`;
    const exists = (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
    if (exists) {
      const marker = await readMarker(url);
      if (marker === "foreign")
        throw new Error(`database ${name} exists but was not made by the bench (no bench.meta table); drop or rename it yourself`);
      if (marker && marker.scale === scale.name && marker.generator === GENERATOR_VERSION && !opts.fresh) {
        await migrate(url);
        await topUpEducation(url, scale, marker, opts.log);
        opts.log(`reusing ${name} (loaded ${marker.loaded_at.toISOString()} in ${Number(marker.load_seconds).toFixed(1)} s)`);
        return { url, name, reused: true, loadSeconds: Number(marker.load_seconds), loadReport: marker.report, serverVersion };
      }
      opts.log(`dropping ${name} (${marker ? (opts.fresh ? "--fresh" : "an older or incomplete data set") : "no data set"})`);
      await admin.unsafe(`drop database "${name}" with (force)`);
    }
    opts.log(`creating ${name}`);
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }

  const t0 = performance.now();
  const sql = postgres(url, { max: 1, ...quiet });
  try {
    await sql`create schema bench`;
    await sql`create table bench.meta (scale text primary key, generator int not null, loaded_at timestamptz not null default now(), load_seconds numeric not null, report jsonb not null)`;
    const tm = performance.now();
    await migrate(url);
    opts.log(`  migrations             ${((performance.now() - tm) / 1000).toFixed(1)} s`);
    const report = await loadWorld(sql, new World(scale), opts.log);
    const loadSeconds = (performance.now() - t0) / 1000;
    await sql`insert into bench.meta ${sql({ scale: scale.name, generator: GENERATOR_VERSION, load_seconds: loadSeconds.toFixed(1), report: sql.json(report as never) })}`;
    opts.log(`loaded ${name} in ${loadSeconds.toFixed(1)} s`);
    const [{ server_version: serverVersion }] = await sql`show server_version`;
    return { url, name, reused: false, loadSeconds, loadReport: report, serverVersion };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * A data set loaded before the generator made education records (bench/lib/education.ts) gets them in place,
 * the rest of it unchanged (no other run's database is dropped for it); the marker's report gains their rows.
 */
async function topUpEducation(url: string, scale: Scale, marker: { report?: Prepared["loadReport"] }, log: (m: string) => void) {
  const sql = postgres(url, { max: 1, ...quiet });
  try {
    const [{ n }] = await sql`select count(*)::int as n from course_results`;
    if (n > 0) return;
    log("adding the education records to the reused data set");
    const report = marker.report ?? { seconds: {}, rows: {} };
    await loadEducation(sql, new World(scale), async (name, fn) => {
      const t0 = performance.now();
      const rows = await fn();
      report.seconds[name] = (performance.now() - t0) / 1000;
      report.rows[name] = rows;
      log(`  ${name.padEnd(22)} ${String(rows).padStart(9)} rows  ${report.seconds[name].toFixed(1)} s`);
    });
    await sql`vacuum (analyze) course_units, offerings, course_results, recognitions, academic_terms, curricula, cohorts`;
    await sql`update bench.meta set report = ${sql.json(report as never)}`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function readMarker(url: string) {
  const sql = postgres(url, { max: 1, ...quiet });
  try {
    const [t] = await sql`select to_regclass('bench.meta') as t`;
    if (!t.t) return "foreign" as const;
    const [row] = await sql`select scale, generator, loaded_at, load_seconds, report from bench.meta limit 1`;
    return (row ?? null) as { scale: string; generator: number; loaded_at: Date; load_seconds: string; report: Prepared["loadReport"] } | null;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The project's migrations (drizzle/), as the server runs them. */
async function migrate(url: string) {
  const db = await openDatabase({ url, poolSize: 1 });
  try {
    await db.migrate();
  } finally {
    await db.close();
  }
}
