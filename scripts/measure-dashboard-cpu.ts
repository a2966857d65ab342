// CPU time per dashboard request, split by process: the API's Node process and its PostgreSQL backends, then
// PostGraphile's, on the bench database of the small scale (npm run bench makes it). Throughput on two shared
// cores is about 2 s ÷ (CPU per request, client included), so this says where a throughput ratio comes from.
//
// Usage: npm run build && npx tsx scripts/measure-dashboard-cpu.ts [--requests 1500] [--connections 4] [--rounds 3]
//        [--against DIR (a built checkout)] [--peer off]
// Each round sends the requests to the API, then to PostGraphile (when bench/peers/postgraphile is installed).
// API_NODE_ARGS / AGAINST_NODE_ARGS: extra node flags for either server (e.g. --cpu-prof --cpu-prof-dir DIR).
// Backends are told apart by application_name: both API builds share "xmu-exchange-api" (the one not under load
// adds next to nothing), PostGraphile's pool has none ("").
import { parseArgs } from "node:util";
import postgres from "postgres";
import { mintToken } from "../src/modules/auth/auth.service.js";
import { loadConfig } from "../src/config.js";
import { toGlobalId } from "../src/shared/global-id.js";
import { backendCpu, processCpuSeconds } from "../bench/lib/hostile.js";
import { DASHBOARD } from "../bench/lib/operations.js";
import { peerDashboardBody, peerInstalled, startPostGraphile } from "../bench/lib/peer.js";
import { BUILT_ENTRY, startServer } from "../bench/lib/server.js";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "1500" },
    connections: { type: "string", default: "4" },
    rounds: { type: "string", default: "3" },
    db: { type: "string", default: "postgres://postgres@127.0.0.1:5432/xmu_bench_small" },
    // another checkout's build (its dist/src/main.js) measured beside this one, for a before/after
    against: { type: "string" },
    peer: { type: "string", default: "on" },
  },
});
const requests = Number(args.requests);
const connections = Number(args.connections);


const secret = `measure-${process.pid}`;
const token = await mintToken({ secret, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" }, { subject: "measure", role: "INSTITUTION_ADMIN", institutionId: toGlobalId("Institution", 1) });
const sql = postgres(args.db!, { max: 1, onnotice: () => {} });
const backends = (app: string) => async () => (await sql<{ pid: number }[]>`select pid from pg_stat_activity where application_name = ${app}`).map((r) => r.pid);

const nodeArgs = (env: string | undefined) => ["--max-old-space-size=192", ...(env?.split(" ").filter(Boolean) ?? [])];
const startApi = (root: string, extra: string | undefined) =>
  startServer({ root, entry: BUILT_ENTRY, databaseUrl: args.db!, jwtSecret: secret, nodeArgs: nodeArgs(extra), env: { BUDGET_CAPACITY: "1000000000", BUDGET_REFILL_PER_SECOND: "1000000000" } });
const api = await startApi(process.cwd(), process.env.API_NODE_ARGS);
const other = args.against ? await startApi(args.against, process.env.AGAINST_NODE_ARGS) : undefined;
const peer = args.peer !== "off" && peerInstalled() ? await startPostGraphile({ databaseUrl: args.db!, poolSize: loadConfig().poolSize, nodeArgs: [] }) : undefined;

async function load(url: string, body: string, headers: Record<string, string>, n: number): Promise<number> {
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next++ < n) {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
      const text = await res.text();
      if (res.status !== 200 || text.includes('"errors"')) throw new Error(`${res.status}: ${text.slice(0, 300)}`);
      bytes += text.length;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return bytes / n;
}

async function measure(name: string, pid: number, app: string, url: string, body: string, headers: Record<string, string>) {
  await load(url, body, headers, 100); // warm-up: connections opened, plans cached, jit compiled
  const db = backendCpu(backends(app));
  await db();
  const n0 = processCpuSeconds(pid);
  const t0 = performance.now();
  const size = await load(url, body, headers, requests);
  const wall = (performance.now() - t0) / 1000;
  const node = (processCpuSeconds(pid) - n0) / requests;
  const pg = (await db()) / requests;
  console.log(`${name.padEnd(12)} node ${(node * 1000).toFixed(2).padStart(6)} ms  postgres ${(pg * 1000).toFixed(2).padStart(6)} ms  together ${((node + pg) * 1000).toFixed(2).padStart(6)} ms per request; ${(requests / wall).toFixed(1)} req/s; ${(size / 1024).toFixed(1)} KiB`);
}

try {
  for (let round = 1; round <= Number(args.rounds); round++) {
    console.log(`round ${round}`);
    await measure("the API", api.pid, "xmu-exchange-api", `${api.url}/graphql`, JSON.stringify({ query: DASHBOARD, variables: { id: toGlobalId("Institution", 1) } }), { authorization: `Bearer ${token}` });
    if (other) await measure("--against", other.pid, "xmu-exchange-api", `${other.url}/graphql`, JSON.stringify({ query: DASHBOARD, variables: { id: toGlobalId("Institution", 1) } }), { authorization: `Bearer ${token}` });
    if (peer) await measure("PostGraphile", peer.pid, "", `${peer.url}/graphql`, peerDashboardBody(1), {});
  }
} finally {
  await api.stop();
  await other?.stop();
  await peer?.stop();
  await sql.end();
}
