import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import postgres from "postgres";
import { openDatabase, type Database } from "../../src/db/client.js";
import { projectRoot } from "../../src/db/paths.js";
import { ADMIN_URL, postgresStatus, urlFor } from "./postgres.js";

/**
 * Every suite starts from a database of its own, but the migrations (and the seed, for suites that want it) run
 * once per engine per test run: the global setup makes the templates, and each suite takes a copy.
 *
 * - PostgreSQL: two databases of this run (`xmu_test_tmpl_<pid>_<random>_migrated` and `…_seeded`), cloned with
 *   `CREATE DATABASE … TEMPLATE …` (createTestDatabase's `from`), dropped at the end of the run.
 * - Embedded engine: a migrated and a migrated+seeded data folder (copied for a server process's DATA_DIR), and
 *   a tarball of each (`dumpDataDir`) that an in-memory PGlite starts from (`loadDataDir`).
 *
 * The copies hold exactly what migrating and seeding an empty database writes: the seed is the same function with
 * the same fixed random seed.
 */
export type Contents = "migrated" | "seeded";

interface Templates {
  pglite: Record<Contents, { dir: string; tar: string }>;
  /** Database names; absent when PostgreSQL is not reachable (its suites skip). */
  postgres?: Record<Contents, string>;
}

const ENV = "XMU_TEST_TEMPLATES";

function templates(): Templates {
  const raw = process.env[ENV];
  if (!raw) throw new Error(`${ENV} is not set: the templates are made by test/global-setup.ts (run the tests with vitest, as npm test does)`);
  return JSON.parse(raw) as Templates;
}

/** The PostgreSQL template database to clone (createTestDatabase's `from`). */
export function postgresTemplate(contents: Contents): string {
  const name = templates().postgres?.[contents];
  if (!name) throw new Error("no PostgreSQL template in this run (PostgreSQL was not reachable in the global setup)");
  return name;
}

/**
 * How the tests' embedded engines start: with a buffer pool of 32 MB instead of PostgreSQL's 128 MB, which PGlite
 * zeroes at every start (~0.6 s of CPU, a third of opening a copy); a test database is a few MB (the seeded
 * template's 14 MB).
 */
const startParams = [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"];

/**
 * A template's tarball, read once per process. PGlite copies every file out of it, so one buffer serves every
 * copy; handing it over as is saves Node 20's Blob.arrayBuffer (~0.3 s of CPU for its 46 MB).
 */
class Tarball extends Blob {
  readonly #bytes: ArrayBuffer;
  constructor(bytes: ArrayBuffer) {
    super([]);
    this.#bytes = bytes;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes);
  }
}
const tarballs = new Map<Contents, Tarball>();

/** An in-memory embedded database of the caller's own, holding a copy of the migrated (or seeded) template. */
export async function openPgliteCopy(contents: Contents): Promise<Database> {
  let tar = tarballs.get(contents);
  if (!tar) tarballs.set(contents, (tar = new Tarball(new Uint8Array(readFileSync(templates().pglite[contents].tar)).buffer)));
  const pglite = await PGlite.create({ loadDataDir: tar, extensions: { pg_trgm }, startParams });
  return openDatabase({ pglite });
}

/** Makes `dataDir` (for a server process's DATA_DIR) a copy of the migrated (or seeded) embedded template. */
export function copyPgliteFolder(dataDir: string, contents: Contents): string {
  cpSync(templates().pglite[contents].dir, dataDir, { recursive: true });
  return dataDir;
}

async function seedDatabase(database: Database) {
  const { seed } = await import("../../seeds/seed.js");
  const result = await seed(database.db);
  if (!result.seeded) throw new Error("the template was seeded already");
}

export async function makePgliteTemplates(root: string): Promise<Templates["pglite"]> {
  const t = {
    migrated: { dir: join(root, "pglite-migrated"), tar: join(root, "pglite-migrated.tar") },
    seeded: { dir: join(root, "pglite-seeded"), tar: join(root, "pglite-seeded.tar") },
  };
  // In memory, one instance: migrated, saved, then seeded and saved. A file-backed instance wrote every page
  // through Node's file system and was opened twice (BENCHMARKS.md, eighth session).
  const pglite = await PGlite.create("memory://", { extensions: { pg_trgm }, startParams });
  const database = await openDatabase({ pglite });
  const save = async (contents: Contents) => {
    await pglite.query("checkpoint");
    writeFileSync(t[contents].tar, new Uint8Array(await (await pglite.dumpDataDir("none")).arrayBuffer()));
    // The folder a server process's DATA_DIR is copied from: the same files, out of the tarball.
    mkdirSync(t[contents].dir, { recursive: true });
    execFileSync("tar", ["-xf", t[contents].tar, "-C", t[contents].dir], { stdio: ["ignore", "ignore", "pipe"] });
  };
  try {
    // No test creates a database: without template0 and template1 the tarball is a third smaller and a copy
    // opens with a quarter less CPU (~0.3 s each, ~55 copies a run).
    for (const name of ["template0", "template1"]) {
      await pglite.query(`update pg_database set datistemplate = false where datname = $1`, [name]);
      await pglite.query(`drop database if exists ${name}`);
    }
    await database.migrate();
    await save("migrated");
    await seedDatabase(database);
    await save("seeded");
  } finally {
    await database.close();
  }
  return t;
}

/** makePgliteTemplates in a child process (pglite-templates.main.ts), which writes them under `root`. */
function makePgliteTemplatesApart(root: string): Promise<Templates["pglite"]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(projectRoot, "test/helpers/pglite-templates.main.ts"), root], { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`making the embedded templates failed (exit ${code})`));
      try {
        resolve(JSON.parse(out.trim().split("\n").pop()!) as Templates["pglite"]);
      } catch (e) {
        reject(new Error(`making the embedded templates: no answer (${String(e)}): ${out.slice(0, 500)}`));
      }
    });
  });
}

async function admin(statement: string) {
  const sql = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Makes the two template databases; each is named in `created` once made (what the run drops, and only that). */
async function makePostgresTemplates(created: string[]): Promise<Record<Contents, string>> {
  const base = `xmu_test_tmpl_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const names = { migrated: `${base}_migrated`, seeded: `${base}_seeded` };
  await admin(`create database "${names.migrated}"`);
  created.push(names.migrated);
  let d = await openDatabase({ url: urlFor(names.migrated), poolSize: 1 });
  await d.migrate();
  await d.close();
  await admin(`create database "${names.seeded}" template "${names.migrated}"`);
  created.push(names.seeded);
  d = await openDatabase({ url: urlFor(names.seeded), poolSize: 1 });
  try {
    await seedDatabase(d);
  } finally {
    await d.close();
  }
  return names;
}

/** Drops the databases from a process of its own: what the exit of a run ended by a signal can still do. */
function dropDetached(names: string[]) {
  const script = `import postgres from "postgres";
const sql = postgres(process.env.XMU_ADMIN_URL, { max: 1, onnotice: () => {} });
for (const name of JSON.parse(process.env.XMU_DROP)) await sql.unsafe('drop database if exists "' + name + '" with (force)');
await sql.end();`;
  spawn(process.execPath, ["--input-type=module", "-e", script], {
    cwd: projectRoot,
    detached: true,
    stdio: "ignore",
    env: { ...process.env, XMU_ADMIN_URL: ADMIN_URL, XMU_DROP: JSON.stringify(names) },
  }).unref();
}

/**
 * The global setup's part: makes the templates under `root` (and on PostgreSQL when it is reachable), tells the
 * test processes where they are, and returns what removes them at the end of the run. A run ended by a signal
 * (vitest then exits without its teardown) removes them on its way out all the same.
 */
export async function prepareTemplates(root: string): Promise<() => Promise<void>> {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const created: string[] = [];
  const onExit = () => {
    rmSync(root, { recursive: true, force: true });
    if (created.length) dropDetached(created);
  };
  process.once("exit", onExit);
  const remove = async () => {
    process.off("exit", onExit);
    for (const name of created.reverse()) await admin(`drop database if exists "${name}" with (force)`);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const t0 = Date.now();
    // Side by side: the embedded templates in a process of their own (PGlite runs on its caller's thread, and on
    // this one would stall the PostgreSQL client meanwhile), the PostgreSQL ones here.
    let pgDone = 0;
    const [pg, pglite] = await Promise.all([
      (async () => {
        const made = (await postgresStatus()).available ? await makePostgresTemplates(created) : undefined;
        pgDone = Date.now();
        return made;
      })(),
      makePgliteTemplatesApart(root),
    ]);
    const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`[tests] templates migrated and seeded once, side by side: PostgreSQL ${pg ? sec(pgDone - t0) : "skipped"}, embedded engine ${sec(Date.now() - t0)}`);
    const t: Templates = { pglite, postgres: pg };
    process.env[ENV] = JSON.stringify(t);
    return remove;
  } catch (e) {
    await remove();
    throw e;
  }
}
