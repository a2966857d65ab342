// The server's own CPU time per request (user + system, from /proc/<pid>/stat), for small reads. CPU time per
// request is what per-request work costs, and it is far less sensitive than latency to what else the machine
// runs; BENCHMARKS.md's "Per-request work" section is measured with it.
//
// Usage: npm run build && npx tsx scripts/measure-request-cpu.ts [--requests 6000] [--connections 4] [--env K=V,…] [--entry dist/src/main.js]
//        [--only name,…] [--transcript <enrollment id>] [--cpu-prof DIR]
// Runs dist/src/main.js against the bench database of the small scale (npm run bench makes it), as the bench does
// (NODE_ENV=production), and prints µs of server CPU per request for each request below, in 3 alternating rounds.
import { parseArgs } from "node:util";
import { mintToken } from "../src/modules/auth/auth.service.js";
import { loadAutocannon } from "../bench/lib/measure.js";
import { TRANSCRIPT } from "../bench/lib/operations.js";
import { toGlobalId } from "../src/shared/global-id.js";
import { cpuMs, startCpuServer } from "./lib/cpu-server.js";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "6000" },
    connections: { type: "string", default: "4" },
    rounds: { type: "string", default: "3" },
    env: { type: "string", default: "" },
    // another build's entry, to compare (e.g. a worktree of an earlier commit, built)
    entry: { type: "string", default: "dist/src/main.js" },
    // only the requests whose name contains one of these (comma-separated)
    only: { type: "string", default: "" },
    "cpu-prof": { type: "string" },
    // also the transcript of this enrollment (database id; the bench's is printed by `npm run bench -- --only transcript`)
    transcript: { type: "string", default: "" },
    db: { type: "string", default: process.env.BENCH_POSTGRES_URL?.replace(/\/[^/]*$/, "/xmu_bench_small") ?? "postgres://postgres@127.0.0.1:5432/xmu_bench_small" },
  },
});
const SECRET = "measure-request-cpu-secret-0123456789";
const extraEnv = Object.fromEntries(args.env!.split(",").filter(Boolean).map((kv) => kv.split("=", 2) as [string, string]));

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
if (args.transcript)
  requests.push({
    name: "transcript (platform admin)",
    body: JSON.stringify({ query: TRANSCRIPT, variables: { id: toGlobalId("Enrollment", Number(args.transcript)) } }),
    headers: { authorization: `Bearer ${admin}` },
  });
const only = args.only!.split(",").filter(Boolean);
if (only.length) requests.splice(0, requests.length, ...requests.filter((r) => only.some((o) => r.name.includes(o))));

const { run } = loadAutocannon();
const server = await startCpuServer({ entry: args.entry!, db: args.db!, secret: SECRET, env: extraEnv, nodeArgs: args["cpu-prof"] ? ["--cpu-prof", "--cpu-prof-dir", args["cpu-prof"]] : [] });
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
  await server.stop();
}
