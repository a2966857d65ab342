// The server's own CPU time per request (user + system, from /proc/<pid>/stat), for small reads. CPU time per
// request is what per-request work costs, and it is far less sensitive than latency to what else the machine
// runs; BENCHMARKS.md's "Per-request work" section is measured with it.
//
// Usage: npm run build && npx tsx scripts/measure-request-cpu.ts [--requests 6000] [--connections 4] [--env K=V,…] [--entry dist/src/main.js]
// Runs dist/src/main.js against the bench database of the small scale (npm run bench makes it), as the bench does
// (NODE_ENV=production), and prints µs of server CPU per request for each request below, in 3 alternating rounds.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { mintToken } from "../src/modules/auth/auth.service.js";
import { loadAutocannon } from "../bench/lib/measure.js";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "6000" },
    connections: { type: "string", default: "4" },
    rounds: { type: "string", default: "3" },
    env: { type: "string", default: "" },
    // another build's entry, to compare (e.g. a worktree of an earlier commit, built)
    entry: { type: "string", default: "dist/src/main.js" },
    db: { type: "string", default: process.env.BENCH_POSTGRES_URL?.replace(/\/[^/]*$/, "/xmu_bench_small") ?? "postgres://postgres@127.0.0.1:5432/xmu_bench_small" },
  },
});
const SECRET = "measure-request-cpu-secret-0123456789";
const extraEnv = Object.fromEntries(args.env!.split(",").filter(Boolean).map((kv) => kv.split("=", 2) as [string, string]));

const ticks = 100; // USER_HZ on Linux
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks; // utime + stime
}

async function start(): Promise<{ pid: number; url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--max-old-space-size=192", args.entry!], {
    env: { ...process.env, PORT: "0", NODE_ENV: "production", SEED_ON_START: "false",
      // The budgets out of the way (as the bench does): thousands of requests a second from one caller.
      BUDGET_CAPACITY: "1000000000", BUDGET_REFILL_PER_SECOND: "1000000000", ANON_BUDGET_CAPACITY: "1000000000", ANON_BUDGET_REFILL_PER_SECOND: "1000000000",
      JWT_SECRET: SECRET, DATABASE_URL: args.db, ...extraEnv },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let pending = "";
    let ready = false;
    child.stdout!.on("data", (c: Buffer) => {
      if (ready) return;
      pending += c.toString();
      const m = /"port":(\d+)[^\n]*GraphQL API ready|GraphQL API ready[^\n]*"port":(\d+)/.exec(pending);
      if (m) {
        ready = true;
        resolve({ pid: child.pid!, url: `http://127.0.0.1:${m[1] ?? m[2]}/graphql`, stop: () => child.kill("SIGTERM") });
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
}

const admin = await mintToken({ secret: SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" }, { subject: "cpu-admin", role: "PLATFORM_ADMIN" });
const requests: { name: string; body: string; headers: Record<string, string> }[] = [
  {
    name: "students first page (platform admin)",
    body: JSON.stringify({ query: "query FirstPage { students(first: 20) { nodes { id familyNameLatin givenNamesLatin nationality } pageInfo { hasNextPage endCursor } } }" }),
    headers: { authorization: `Bearer ${admin}` },
  },
  {
    name: "institutions first page (anonymous)",
    body: JSON.stringify({ query: "query Institutions { institutions(first: 20) { nodes { id nameEn city countryCode } pageInfo { hasNextPage endCursor } } }" }),
    headers: {},
  },
];

const { run } = loadAutocannon();
const server = await start();
try {
  const n = Number(args.requests);
  const results = new Map<string, number[]>();
  for (let round = 0; round < Number(args.rounds); round++)
    for (const r of requests) {
      const opts = { url: server.url, method: "POST" as const, body: r.body, headers: { "content-type": "application/json", ...r.headers }, connections: Number(args.connections), amount: n };
      if (round === 0) await run({ ...opts, amount: 1000 }); // warm-up: compilations, plans, prepared statements
      const before = cpuMs(server.pid);
      const out = await run(opts);
      const used = cpuMs(server.pid) - before;
      if (out.non2xx || out.errors) throw new Error(`${r.name}: ${out.non2xx} non-2xx, ${out.errors} errors`);
      (results.get(r.name) ?? results.set(r.name, []).get(r.name)!).push((used * 1000) / n);
    }
  console.log(`server CPU per request (µs; ${n} requests per round, ${args.connections} connections${args.env ? `, env ${args.env}` : ""}):`);
  for (const [name, xs] of results) console.log(`  ${name}: ${xs.map((x) => x.toFixed(0)).join(", ")}  (min ${Math.min(...xs).toFixed(0)})`);
} finally {
  server.stop();
}
