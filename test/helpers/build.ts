import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { projectRoot } from "../../src/db/paths.js";

/**
 * The server compiled as `npm start` compiles it (tsc, tsconfig.build.json), once per test run: the global setup
 * names the folder (XMU_TEST_BUILD_DIR), starts the compilation while it makes the database templates, and removes
 * the folder at the end. The compilation holds a lock on `.test-build` and leaves a mark of how it ended, so a
 * test file that needs the server waits for it, or compiles it itself when nobody has (a file run outside the
 * global setup: a folder of its own process).
 */
const parent = join(projectRoot, ".test-build");
const DONE = ".built";
const FAILED = ".build-failed";

export function buildDir(): string {
  return process.env.XMU_TEST_BUILD_DIR ?? join(parent, String(process.pid));
}

function lock() {
  mkdirSync(parent, { recursive: true });
  // Refreshed by the holder's event loop while tsc runs (a child process). The global setup's loop is also busy
  // with the embedded engine's templates meanwhile, hence the long staleness.
  return lockfile.lock(parent, { retries: { retries: 1_200, minTimeout: 200, maxTimeout: 500 }, stale: 120_000 });
}

/**
 * Runs tsc into `out`; resolves with how it ended (and marks the folder with it). Without type checking
 * (`--noCheck`: the same files, byte for byte; a quarter less CPU): `npm run check` type-checks before the tests.
 */
function compile(out: string, started: (kill: () => void) => void = () => {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const tsc = spawn(process.execPath, [join(projectRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", out, "--noCheck"], { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] });
    started(() => tsc.kill("SIGKILL"));
    let output = "";
    tsc.stdout.on("data", (c: Buffer) => (output += c.toString()));
    tsc.stderr.on("data", (c: Buffer) => (output += c.toString()));
    tsc.once("error", reject);
    tsc.once("exit", (code, signal) => {
      if (signal) return reject(new Error(`tsc ended by ${signal}`));
      mkdirSync(out, { recursive: true });
      if (code === 0) {
        writeFileSync(join(out, DONE), "");
        resolve();
      } else {
        const message = `tsc -p tsconfig.build.json exited with ${code}:\n${output}`;
        writeFileSync(join(out, FAILED), message);
        reject(new Error(message));
      }
    });
  });
}

let built: Promise<string> | undefined;

/** The folder of the compiled server (`src/main.js` in it), compiled if nobody has yet in this run. */
export function buildServer(): Promise<string> {
  built ??= (async () => {
    const out = buildDir();
    if (!process.env.XMU_TEST_BUILD_DIR) process.once("exit", () => rmSync(out, { recursive: true, force: true }));
    const release = await lock();
    try {
      if (existsSync(join(out, FAILED))) throw new Error(readFileSync(join(out, FAILED), "utf8"));
      if (!existsSync(join(out, DONE))) await compile(out);
    } finally {
      await release();
    }
    return out;
  })();
  return built;
}

/**
 * The global setup's part: takes the lock and compiles into `out` in the background. `stop` ends the compilation
 * if it is still running (a run that did not need it) and waits for the lock to be released.
 */
export async function startBuild(out: string): Promise<{ stop: () => Promise<void> }> {
  rmSync(out, { recursive: true, force: true });
  const release = await lock();
  let kill = () => {};
  const onExit = () => {
    // A run ended by a signal.
    kill();
    rmSync(out, { recursive: true, force: true });
  };
  process.once("exit", onExit);
  const finished = compile(out, (k) => (kill = k))
    .catch(() => {}) // marked in the folder: the test files that need the server report it
    .finally(() => release());
  return {
    async stop() {
      process.off("exit", onExit);
      kill();
      await finished;
    },
  };
}
