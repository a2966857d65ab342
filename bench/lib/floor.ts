// The HTTP floor's two steps: capture each read operation's statements from a second API process whose
// database connection goes through the capture proxy (capture.ts), then start the floor server
// (floor-server.ts) that replays them.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CONNECT_STATEMENT } from "../../src/db/client.js";
import { replayOf, sameWork, type CaptureProxy, type Execution, type Replay } from "./capture.js";
import type { FloorSpec } from "./floor-server.js";

export interface Captured {
  replay: Replay;
  executions: Execution[];
  /** The API's own count of its statements for the captured request (x-sql-statements). */
  apiStatements: number | null;
  /** Requests sent until two in a row executed the same statements with the same values. */
  requests: number;
  /** False when no two requests in a row did (the last one is replayed). */
  stable: boolean;
}

/**
 * Sends one operation to the API behind the proxy until two requests in a row execute the same statements
 * with the same values (the first ones may differ: a document is compiled on its second sight, a new
 * pooled connection prepares its statements again), at most `tries` times, and keeps the last capture.
 */
export async function captureOperation(
  proxy: CaptureProxy,
  o: { url: string; headers: Record<string, string>; body: string; ok: (body: string) => boolean; name: string; tries?: number },
): Promise<Captured> {
  let previous: Execution[] | undefined;
  let executions: Execution[] = [];
  let apiStatements: number | null = null;
  const tries = o.tries ?? 10;
  for (let k = 1; k <= tries; k++) {
    proxy.start();
    const res = await fetch(`${o.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...o.headers }, body: o.body });
    const text = await res.text();
    // postgres.js reads the array types of the catalogue once per new connection: not the request's work.
    // The driver's own statements of a new connection are not the operation's: the floor's driver runs them too.
    executions = proxy.stop().filter((e) => !DRIVER_TYPES_QUERY.test(e.text) && e.text !== CONNECT_STATEMENT);
    if (res.status !== 200 || !o.ok(text)) throw new Error(`capture of ${o.name}: ${res.status} ${text.slice(0, 400)}`);
    const failed = executions.find((e) => e.error);
    if (failed) throw new Error(`capture of ${o.name}: a statement failed (${failed.error}): ${failed.text.slice(0, 200)}`);
    const header = res.headers.get("x-sql-statements");
    apiStatements = header == null ? null : Number(header);
    if (previous && sameWork(previous, executions)) return { replay: replayOf(executions), executions, apiStatements, requests: k, stable: true };
    previous = executions;
  }
  return { replay: replayOf(executions), executions, apiStatements, requests: tries, stable: false };
}

const DRIVER_TYPES_QUERY = /^\s*select b\.oid, b\.typarray\s+from pg_catalog\.pg_type a/;

export interface FloorServer {
  url: string;
  pid: number;
  stop: () => Promise<number | null>;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Starts floor-server.ts as its own process (node --import tsx, with the API's node flags) and waits for its ready line. */
export function startFloorServer(spec: FloorSpec, o: { specFile: string; nodeArgs: string[] }): Promise<FloorServer> {
  writeFileSync(o.specFile, JSON.stringify(spec));
  return spawnReady([...o.nodeArgs, "--import", "tsx", join(here, "floor-server.ts"), o.specFile], { NODE_ENV: "production" }, /floor ready (\d+)/, "floor server");
}

/** A node process of the bench's own (run from the project root) that prints `… ready <port>` once it listens. */
export function spawnReady(nodeArgs: string[], env: Record<string, string>, ready: RegExp, what: string): Promise<FloorServer> {
  const child = spawn(process.execPath, nodeArgs, { cwd: join(here, "..", ".."), env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let tail = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 60 s:\n${tail}`)), 60_000);
    const onData = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
      const m = ready.exec(tail);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.stdout!.resume();
      resolve({
        url: `http://127.0.0.1:${m[1]}`,
        pid: child.pid!,
        stop: async () => {
          if (child.exitCode == null) child.kill("SIGTERM");
          return exited;
        },
      });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => (tail = (tail + c.toString()).slice(-4000)));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${tail}`));
    });
  });
}
