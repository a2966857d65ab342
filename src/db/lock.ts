import { lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import lockfile from "proper-lockfile";
import { logger } from "../logger.js";

export interface LockHolder {
  pid?: number;
  host?: string;
}

export class DataDirLockedError extends Error {
  constructor(dir: string, holder: LockHolder = {}) {
    const who = holder.pid ? `process ${holder.pid}${holder.host && holder.host !== hostname() ? ` on host ${holder.host}` : ""}` : "another process";
    super(
      `The embedded database in ${dir} is already open in ${who}. ` +
        `PGlite serves one process only: stop that process, or set DATABASE_URL to use a PostgreSQL server.`,
    );
    this.name = "DataDirLockedError";
  }
}

/** The holder refreshes its lock every UPDATE_MS; a lock not refreshed for STALE_MS is a dead holder's. */
const LOCK_TIMING = { staleMs: 10_000, updateMs: 2_000 };

const heldHere = new Set<string>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mtimeOf = (path: string) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined; // released meanwhile
  }
};
const readHolder = (path: string): LockHolder => {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockHolder;
  } catch {
    return {};
  }
};

/**
 * The lock was lost while we held it: the lock folder was removed, or another process took it over because we
 * did not refresh it for STALE_MS (an event loop blocked that long). Another process may be writing the data
 * folder now, so serving on, or even closing PGlite (which writes), could lose its rows: end the process at once.
 */
function compromised(dir: string) {
  return (err: Error) => {
    logger.fatal({ err, dataDir: dir }, `lost the lock of the embedded database in ${dir}; exiting without touching it`);
    logger.flush();
    process.exit(1);
  };
}

/**
 * PGlite gives no error when two processes open one folder, and rows were lost that way (STACK.md).
 *
 * The lock is proper-lockfile's: a folder `<DATA_DIR>.lock` made with mkdir (atomic) whose mtime the holder
 * refreshes every UPDATE_MS. It dies with its holder: a lock not refreshed for STALE_MS is taken over, whatever
 * pid it names — a pid says nothing in a container, where the server is pid 1 every time. A second process on a
 * folder whose holder is alive sees the lock refreshed and is refused within about UPDATE_MS; a lock left by a
 * killed process is taken over within STALE_MS. The holder's pid and host, kept beside the lock
 * (`<DATA_DIR>.lock-holder`), only name it in the refusal.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  const real = realpathSync(dir); // one lock for every path (symlinks, relative) to the folder
  const lockPath = join(dirname(real), `${basename(real)}.lock`);
  const holderPath = `${lockPath}-holder`;
  if (heldHere.has(real)) throw new DataDirLockedError(dir, { pid: process.pid, host: hostname() });

  // Before this lock, `<DATA_DIR>.lock` was a file holding a pid, which refused a restart whose pid was alive
  // again (issue 11.13). Such a file never proves a live holder: remove it.
  try {
    if (lstatSync(lockPath).isFile()) {
      rmSync(lockPath, { force: true });
      logger.warn({ lockPath }, "removed the pid lock file of an earlier version");
    }
  } catch {
    /* none */
  }

  const { staleMs, updateMs } = LOCK_TIMING;
  // A live holder refreshes within updateMs; a dead one's lock turns stale within staleMs of its last refresh.
  const deadline = Date.now() + staleMs + updateMs + 1_000;
  let seen: number | undefined;
  for (;;) {
    try {
      const release = await lockfile.lock(real, {
        lockfilePath: lockPath,
        stale: staleMs,
        update: updateMs,
        realpath: false,
        onCompromised: (err) => {
          heldHere.delete(real);
          compromised(dir)(err);
        },
      });
      heldHere.add(real);
      try {
        writeFileSync(holderPath, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      } catch {
        /* only informative */
      }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        heldHere.delete(real);
        rmSync(holderPath, { force: true });
        await release().catch(() => {}); // already compromised: nothing of ours to remove
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ELOCKED") throw e;
    }
    // Held, and not stale yet. Refreshed since we first looked: its holder is alive.
    const mtime = mtimeOf(lockPath);
    if (mtime !== undefined) {
      if (seen === undefined) seen = mtime;
      else if (mtime !== seen) throw new DataDirLockedError(dir, readHolder(holderPath));
    }
    if (Date.now() > deadline) throw new DataDirLockedError(dir, readHolder(holderPath));
    await sleep(100);
  }
}
