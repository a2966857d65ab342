import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";

export interface BenchServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Last lines of the server's output (for error messages). */
  tail: () => string;
  /** Resident set size now and its peak since start (VmRSS / VmHWM of /proc/<pid>/status), in bytes. */
  memory: () => { rss: number; hwm: number };
  /** SIGTERM (the server drains and closes its pool, and writes its CPU profile when asked); resolves on exit. */
  stop: () => Promise<number | null>;
}

export interface ServerOptions {
  root: string;
  databaseUrl: string;
  jwtSecret: string;
  /** Extra node flags for the server process, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** What node runs: the sources through tsx (as the tests do) or the compiled build (as `npm start` does). */
  entry: string[];
  env?: Record<string, string>;
}

export const TSX_ENTRY = ["--import", "tsx", "src/main.ts"];
export const BUILT_ENTRY = ["dist/src/main.js"];

/**
 * Starts the API as its own process, as test/helpers/server-process.ts does (node --import tsx src/main.ts,
 * PORT=0, waits for the "GraphQL API ready" log line and reads the port from it), against the bench database.
 */
export function startServer(o: ServerOptions): Promise<BenchServer> {
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), ...o.entry], {
    cwd: o.root,
    env: {
      ...process.env,
      PORT: "0",
      LOG_LEVEL: "info",
      SEED_ON_START: "false",
      // As deployed: NODE_ENV=production (graphql-js and Apollo drop their development checks). Introspection
      // stays on so the bench can see which operations the server's schema has (studentCounts).
      NODE_ENV: "production",
      ALLOW_INTROSPECTION: "true",
      VITEST: "",
      JWT_SECRET: o.jwtSecret,
      DATABASE_URL: o.databaseUrl,
      ...o.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let tail = "";
  let ready = false;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${tail}`)), 120_000);
    let pending = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-8000);
      if (ready) return; // under load the server logs a line per request: keep draining the pipe, parse nothing
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.includes("GraphQL API ready")) continue;
        const { port } = JSON.parse(line) as { port: number };
        ready = true;
        clearTimeout(timer);
        const pid = child.pid!;
        resolve({
          url: `http://127.0.0.1:${port}`,
          pid,
          child,
          tail: () => tail,
          memory: () => procMemory(pid),
          stop: async () => {
            if (child.exitCode == null) child.kill("SIGTERM");
            return exited;
          },
        });
        return;
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`server exited with ${code} before it was ready:\n${tail}`));
    });
  });
}

function procMemory(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/**
 * Compiles a checkout as `npm start` does (tsc -p tsconfig.build.json) into a folder of its own, outside the
 * checkout, with the package.json and migrations beside it: the server then runs without tsx, as in production.
 */
export function buildServer(root: string, outDir: string): string {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", join(outDir, "dist")], { cwd: root, stdio: "inherit" });
  cpSync(join(root, "package.json"), join(outDir, "package.json"));
  cpSync(join(root, "drizzle"), join(outDir, "drizzle"), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(outDir, "node_modules"));
  return outDir;
}
