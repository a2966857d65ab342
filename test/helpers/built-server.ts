import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildServer } from "./build.js";
import { startServerProcess, type ServerProcess } from "./server-process.js";

export { buildServer };

/** The heap cap `npm start` runs the server with (package.json). */
export const PRODUCTION_HEAP_MB = 192;

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
