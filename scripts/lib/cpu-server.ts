// The compiled server as a child process for the CPU measurements (measure-request-cpu.ts, measure-write-cpu.ts):
// started as the bench starts it (NODE_ENV=production, budgets out of the way), and its own CPU time.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/** The process's CPU time so far (user + system, from /proc/<pid>/stat), in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, USER_HZ ticks
}

export interface CpuServer {
  pid: number;
  url: string;
  stop: () => Promise<void>;
}

export function startCpuServer(o: { entry: string; db: string; secret: string; env?: Record<string, string>; nodeArgs?: string[] }): Promise<CpuServer> {
  const child = spawn(process.execPath, ["--max-old-space-size=192", ...(o.nodeArgs ?? []), o.entry], {
    env: { ...process.env, PORT: "0", NODE_ENV: "production", SEED_ON_START: "false",
      // The budgets out of the way (as the bench does): thousands of requests a second from one caller.
      BUDGET_CAPACITY: "1000000000", BUDGET_REFILL_PER_SECOND: "1000000000", ANON_BUDGET_CAPACITY: "1000000000", ANON_BUDGET_REFILL_PER_SECOND: "1000000000",
      JWT_SECRET: o.secret, DATABASE_URL: o.db, ...o.env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return new Promise((resolve, reject) => {
    let pending = "";
    let ready = false;
    child.stdout!.on("data", (c: Buffer) => {
      if (ready) return;
      pending += c.toString();
      const m = /"port":(\d+)[^\n]*GraphQL API ready|GraphQL API ready[^\n]*"port":(\d+)/.exec(pending);
      if (m) {
        ready = true;
        resolve({ pid: child.pid!, url: `http://127.0.0.1:${m[1] ?? m[2]}/graphql`, stop: () => (child.kill("SIGTERM"), exited) });
      }
    });
    child.once("exit", (code) => ready || reject(new Error(`server exited ${code}`)));
  });
}
