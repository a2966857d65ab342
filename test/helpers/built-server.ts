import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { projectRoot } from "../../src/db/paths.js";
import { startServerProcess, type ServerProcess } from "./server-process.js";

/** The heap cap `npm start` runs the server with (package.json). */
export const PRODUCTION_HEAP_MB = 192;

let built: string | undefined;

/**
 * Compiles the server as `npm start` does (tsc, tsconfig.build.json) once per test run: the global setup names
 * the folder (XMU_TEST_BUILD_DIR) and removes it at the end; test files that need it at the same time take a
 * lock, and the second one finds the build done. Outside a full run, a folder of this process.
 */
export async function buildServer(): Promise<string> {
  if (built) return built;
  const out = process.env.XMU_TEST_BUILD_DIR ?? join(projectRoot, ".test-build", String(process.pid));
  if (!process.env.XMU_TEST_BUILD_DIR) process.once("exit", () => rmSync(out, { recursive: true, force: true }));
  const parent = join(projectRoot, ".test-build");
  mkdirSync(parent, { recursive: true });
  const release = await lockfile.lock(parent, { retries: { retries: 600, minTimeout: 200, maxTimeout: 500 }, stale: 60_000 });
  try {
    if (!existsSync(join(out, "src/main.js")))
      execFileSync(process.execPath, [join(projectRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", out], { cwd: projectRoot, stdio: "inherit" });
  } finally {
    await release();
  }
  return (built = out);
}

/** The compiled server as `npm start` runs it: production heap cap, NODE_ENV=production unless told otherwise. */
export async function startBuiltServer(env: Record<string, string>, heapMb = PRODUCTION_HEAP_MB): Promise<ServerProcess> {
  const out = await buildServer();
  return startServerProcess(
    { NODE_ENV: "production", JWT_SECRET: "hostile-tests-secret", ...env },
    [`--max-old-space-size=${heapMb}`, join(out, "src/main.js")],
  );
}

/** Resident memory of a process in MB (Linux /proc), or null elsewhere. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
