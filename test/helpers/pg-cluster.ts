import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster of a test's own (initdb + pg_ctl in a temporary folder, on a free port,
 * listening on 127.0.0.1 and a socket in that folder), so a fault test can stop and restart a real server
 * without touching the machine's shared one. initdb and pg_ctl refuse to run as root: as root they run as
 * the `postgres` OS user through runuser.
 */
export interface PgCluster {
  port: number;
  dir: string;
  /** A URL of a database of this cluster (`postgres` by default). */
  url(database?: string): string;
  /** `pg_ctl restart -m <mode>`: stops the server (fast: rolls back open transactions, closes every connection) and starts it again. */
  restart(mode?: "smart" | "fast" | "immediate"): Promise<void>;
  stop(mode?: "smart" | "fast" | "immediate"): Promise<void>;
  start(): Promise<void>;
  /** The server's log so far (for a failure message). */
  log(): Promise<string>;
  /** Stops the server (immediate) and deletes the folder. */
  destroy(): Promise<void>;
}

export interface PgClusterStatus {
  available: boolean;
  reason?: string;
  bin?: string;
}

/** Where initdb and pg_ctl are: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin, else PATH. */
async function findBin(): Promise<string | undefined> {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  if (existsSync("/usr/lib/postgresql")) {
    const versions = readdirSync("/usr/lib/postgresql")
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  }
  for (const dir of candidates) if (existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) return dir;
  try {
    const { stdout } = await run("sh", ["-c", "command -v pg_ctl"]);
    const p = stdout.trim();
    if (p) return p.replace(/\/pg_ctl$/, "");
  } catch {
    /* not on PATH */
  }
  return undefined;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a PostgreSQL program, as the postgres user when we are root. */
function pgRun(bin: string, program: string, args: string[], timeoutMs = 60_000) {
  const file = join(bin, program);
  return isRoot() ? run("runuser", ["-u", "postgres", "--", file, ...args], { timeout: timeoutMs }) : run(file, args, { timeout: timeoutMs });
}

let cached: Promise<PgClusterStatus> | undefined;

/** Whether this machine can make a cluster: the binaries, and (as root) a postgres user to run them as. */
export function pgClusterStatus(): Promise<PgClusterStatus> {
  cached ??= (async (): Promise<PgClusterStatus> => {
    const bin = await findBin();
    if (!bin) return { available: false, reason: "no initdb/pg_ctl found (set PG_BIN, or install PostgreSQL server binaries)" };
    try {
      await pgRun(bin, "pg_ctl", ["--version"], 10_000);
    } catch (e) {
      return { available: false, reason: `cannot run ${bin}/pg_ctl${isRoot() ? " as the postgres user (runuser)" : ""}: ${(e as Error).message.split("\n")[0]}` };
    }
    return { available: true, bin };
  })();
  return cached;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** initdb + start. Throws when the machine cannot (check pgClusterStatus first). */
export async function createPgCluster(): Promise<PgCluster> {
  const status = await pgClusterStatus();
  if (!status.available) throw new Error(status.reason);
  const bin = status.bin!;
  const dir = mkdtempSync(join(tmpdir(), "xmu-pgcluster-"));
  if (isRoot()) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, "data");
  const logFile = join(dir, "server.log");
  const port = await freePort();
  await pgRun(bin, "initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  // Unix socket in the cluster's folder (not /var/run/postgresql, which the shared server uses).
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=60 -c shared_buffers=32MB`;
  const ctl = (...args: string[]) => pgRun(bin, "pg_ctl", ["-D", data, "-l", logFile, "-w", "-t", "60", ...args]);

  const cluster: PgCluster = {
    port,
    dir,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await ctl("start", "-o", opts);
    },
    async stop(mode = "fast") {
      await ctl("stop", "-m", mode);
    },
    async restart(mode = "fast") {
      await ctl("restart", "-m", mode, "-o", opts);
    },
    async log() {
      try {
        return readFileSync(logFile, "utf8");
      } catch {
        return "";
      }
    },
    async destroy() {
      await ctl("stop", "-m", "immediate").catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await cluster.start();
  } catch (e) {
    const log = await cluster.log();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the test cluster did not start: ${(e as Error).message}\n${log}`);
  }
  return cluster;
}

/** Creates a database in the cluster (as the postgres superuser) and returns its URL. */
export async function createClusterDatabase(cluster: PgCluster, name: string): Promise<string> {
  const admin = postgres(cluster.url(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 2 });
  }
  return cluster.url(name);
}
