import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/db/paths.js";
import { startServerProcess, type ServerProcess } from "./server-process.js";

/** The heap cap `npm start` runs the server with (package.json). */
export const PRODUCTION_HEAP_MB = 192;

let built: string | undefined;

/**
 * Compiles the server as `npm start` does (tsc, tsconfig.build.json), into a folder of this test process
 * so that test files building at once do not overwrite each other; removed when the process exits.
 */
export function buildServer(): string {
  if (built) return built;
  const out = join(projectRoot, ".test-build", String(process.pid));
  execFileSync(process.execPath, [join(projectRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", out], { cwd: projectRoot, stdio: "inherit" });
  process.once("exit", () => rmSync(out, { recursive: true, force: true }));
  return (built = out);
}

/** The compiled server as `npm start` runs it: production heap cap, NODE_ENV=production unless told otherwise. */
export function startBuiltServer(env: Record<string, string>, heapMb = PRODUCTION_HEAP_MB): Promise<ServerProcess> {
  const out = buildServer();
  return startServerProcess(
    { NODE_ENV: "production", JWT_SECRET: "hostile-tests-secret", ...env },
    [`--max-old-space-size=${heapMb}`, join(out, "src/main.js")],
  );
}

/** Resident memory of a process in MB (Linux /proc), or null elsewhere. */
export function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
