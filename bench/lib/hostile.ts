// The hostile scenario's attacker: an anonymous client on the same machine that sends, over connections of
// its own, distinct valid documents (two in three of them twice, so that graphql-jit compiles them), fragment
// bombs, too-deep documents and documents over the cost limit, all distinct. It runs as a process of its own
// (bench/lib/attacker.ts) so that its work does not share autocannon's event loop.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../../seeds/random.js";
import { runHttp, type HttpPhase, type HttpResult } from "./measure.js";
import type { BenchServer } from "./server.js";

export type AttackKind = "valid-new" | "valid-repeat" | "bomb" | "deep" | "over-cost";

/**
 * One connection's cycle of 8 requests: 5 valid (3 new documents, 2 repeats of the one just sent, which the
 * server compiles on this second sight), 1 fragment bomb, 1 too deep, 1 over the cost limit.
 */
export const CYCLE: AttackKind[] = ["valid-new", "valid-repeat", "bomb", "valid-new", "valid-repeat", "deep", "valid-new", "over-cost"];

export interface AttackOptions {
  url: string;
  /** Concurrent connections, each a loop of its own. */
  connections: number;
  /** Requests per second per connection at most (a connection waits for each answer before the next). */
  rate: number;
  seed: number;
}

export interface KindStats {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export interface AttackSummary {
  seconds: number;
  requests: number;
  /** HTTP status → responses. */
  statuses: Record<string, number>;
  /** First error code of each response ("data" when it has none; "network" when no answer came). */
  codes: Record<string, number>;
  byKind: Record<AttackKind, KindStats>;
  throttled: number;
  /** Cost points the server priced and charged to the attacker's budget (its valid documents'; refused ones are not charged). */
  charged: number;
  /** Answers that are not what the kind should get (5xx, a refused bomb answered 200, uncoded errors, …). */
  unexpected: number;
  samples: string[];
  /** CPU time the attacker process used (s). */
  cpuSeconds: number;
}

/** Nested fragments that expand one field selection to 2^levels; distinct names for every `i`. */
export function fragmentBomb(i: number, levels = 30): string {
  let s = `query Bomb${i} { countries { ...B${i}x0 } }\nfragment B${i}x${levels} on Country { code }\n`;
  for (let k = 0; k < levels; k++) s += `fragment B${i}x${k} on Country { ...B${i}x${k + 1} ...B${i}x${k + 1} }\n`;
  return s;
}

/** Depth 19 (the limit is 12): refused while validating. */
export function deepDocument(i: number): string {
  return `query Deep${i} { d${i}: institutions(first: ${1 + (i % 5)}) { nodes { ${"parent { ".repeat(16)}nameEn${" }".repeat(16)} } } }`;
}

/** About 100 × 100 × 50 points (the limit is 25,000): refused when priced, before anything runs. */
export function overCostDocument(i: number): string {
  return `query Cost${i} { c${i}: institutions(first: 100) { nodes { programs(first: 100) { nodes { cohorts(first: ${50 + (i % 50)}) { nodes { name } } } } } } }`;
}

const INSTITUTION_FIELDS = ["id", "nameEn", "city", "countryCode", "kind", "slug", "internationalDepartment", "illustrative", "foundedOn"];
const PROGRAM_FIELDS = ["id", "code", "titleEn", "joint", "launchYear", "lengthYears", "level", "iscedField"];
const COHORT_FIELDS = ["id", "name", "intakeYear", "capacity", "seatsTaken", "seatsLeft", "startDate"];
const COUNTRY_FIELDS = ["id", "code", "nameEn", "centralAsia"];
const AGREEMENT_FIELDS = ["id", "code", "title", "status", "signedOn", "validUntil"];
const LAB_FIELDS = ["id", "code", "nameEn", "establishedOn"];

/**
 * A distinct, valid document an anonymous caller may ask (public fields only): a random root, a random mix
 * of fields, some under unique aliases, page sizes that vary, sometimes a fragment or a variable.
 */
export function validDocument(i: number, r: () => number): { query: string; variables?: Record<string, unknown> } {
  const some = (fields: string[], tag: string) => {
    const chosen = fields.filter(() => r() < 0.5);
    if (!chosen.length) chosen.push(fields[Math.floor(r() * fields.length)]);
    return chosen.map((f, k) => (r() < 0.3 ? `${tag}${i}_${k}: ${f}` : f)).join(" ");
  };
  const n = 1 + Math.floor(r() * 10);
  switch (i % 5) {
    case 0:
      return {
        query: `query I${i}($n: Int) { institutions(first: $n) { nodes { ${some(INSTITUTION_FIELDS, "i")} ${r() < 0.5 ? `country { ${some(COUNTRY_FIELDS, "c")} }` : ""} } pageInfo { hasNextPage } } }`,
        variables: { n },
      };
    case 1:
      return {
        query: `query P${i} { programs(first: ${n}) { nodes { ...P${i} } } } fragment P${i} on Program { ${some(PROGRAM_FIELDS, "p")} host { ${some(INSTITUTION_FIELDS, "h")} } cohorts(first: ${1 + (i % 4)}) { nodes { ${some(COHORT_FIELDS, "k")} } } }`,
      };
    case 2:
      return { query: `query C${i} { countries { ${some(COUNTRY_FIELDS, "c")} } a${i}: agreements(first: ${n}) { totalCount nodes { ${some(AGREEMENT_FIELDS, "a")} } } }` };
    case 3:
      return { query: `query L${i} { jointLabs(first: ${n}) { nodes { ${some(LAB_FIELDS, "l")} leadInstitution { ${some(INSTITUTION_FIELDS, "h")} } } } }` };
    default:
      return { query: `query K${i} { cohorts(first: ${n}) { nodes { ${some(COHORT_FIELDS, "k")} program { ${some(PROGRAM_FIELDS, "p")} } } } }` };
  }
}

function post(agent: http.Agent, url: URL, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, path: "/graphql", method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

/** What each kind must get: the refused kinds a coded 400 and no data; valid documents data (or THROTTLED). */
function expected(kind: AttackKind, status: number, code: string): boolean {
  if (status === 429) return code === "THROTTLED";
  if (kind === "bomb" || kind === "deep") return status === 400 && code === "GRAPHQL_VALIDATION_FAILED";
  if (kind === "over-cost") return status === 400 && code === "COST_LIMIT_EXCEEDED";
  return status === 200 && code === "data";
}

/** Runs the attack until `stop` resolves, then returns what it sent and what it got. */
export async function attack(o: AttackOptions, stop: Promise<void>): Promise<AttackSummary> {
  const url = new URL(o.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const r = mulberry32(o.seed);
  const statuses: Record<string, number> = {};
  const codes: Record<string, number> = {};
  const latencies = Object.fromEntries(CYCLE.map((k) => [k, [] as number[]])) as Record<AttackKind, number[]>;
  const samples: string[] = [];
  let unexpected = 0;
  let charged = 0;
  let stopped = false;
  void stop.then(() => (stopped = true));
  let next = 0; // document number, unique across connections
  const started = performance.now();
  const period = 1000 / o.rate;

  const connection = async (c: number) => {
    let last: { query: string; variables?: Record<string, unknown> } | undefined;
    for (let step = c; !stopped; step++) {
      const kind = CYCLE[step % CYCLE.length];
      const i = next++;
      let doc: { query: string; variables?: Record<string, unknown> };
      if (kind === "valid-repeat" && last) doc = last;
      else if (kind === "valid-new" || kind === "valid-repeat") doc = last = validDocument(i, r);
      else if (kind === "bomb") doc = { query: fragmentBomb(i) };
      else if (kind === "deep") doc = { query: deepDocument(i) };
      else doc = { query: overCostDocument(i) };
      const t0 = performance.now();
      let status = 0;
      let code = "network";
      try {
        const res = await post(agent, url, JSON.stringify(doc));
        status = res.status;
        try {
          const json = JSON.parse(res.text) as { errors?: { extensions?: { code?: unknown } }[]; extensions?: { cost?: { requested?: unknown } } };
          code = json.errors?.length ? String(json.errors[0].extensions?.code ?? "UNCODED") : "data";
          if (status === 200 && typeof json.extensions?.cost?.requested === "number") charged += json.extensions.cost.requested;
        } catch {
          code = "NOT_JSON";
        }
        if (!expected(kind, status, code)) {
          unexpected++;
          if (samples.length < 5) samples.push(`${kind} → ${status} ${res.text.slice(0, 300)}\n  ${doc.query.slice(0, 300)}`);
        }
      } catch (e) {
        unexpected++;
        if (samples.length < 5) samples.push(`${kind} → ${(e as Error).message}`);
      }
      const ms = performance.now() - t0;
      latencies[kind].push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
      codes[code] = (codes[code] ?? 0) + 1;
      if (ms < period && !stopped) await Promise.race([new Promise((res) => setTimeout(res, period - ms)), stop]);
    }
  };
  await Promise.all(Array.from({ length: o.connections }, (_, c) => connection(c)));
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage();
  const kindStats = (a: number[]): KindStats => {
    const s = Float64Array.from(a).sort();
    const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN);
    return { count: s.length, p50: q(50), p95: q(95), max: s.length ? s[s.length - 1] : NaN };
  };
  return {
    seconds,
    requests: Object.values(latencies).reduce((n, a) => n + a.length, 0),
    statuses,
    codes,
    byKind: Object.fromEntries(Object.entries(latencies).map(([k, a]) => [k, kindStats(a)])) as Record<AttackKind, KindStats>,
    throttled: statuses["429"] ?? 0,
    charged,
    unexpected,
    samples,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

/** Starts the attacker process; `stop()` closes its stdin and resolves with its summary. */
export function startAttacker(o: AttackOptions): { started: Promise<void>; stop: () => Promise<AttackSummary> } {
  const child = spawn(process.execPath, ["--import", "tsx", join(dirname(fileURLToPath(import.meta.url)), "attacker.ts"), JSON.stringify(o)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  let onStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.stdout!.on("data", (c: Buffer) => {
    out += c.toString();
    if (out.includes("attacker started\n")) onStarted();
  });
  return {
    started: Promise.race([started, exited.then((code) => Promise.reject(new Error(`the attacker exited with ${code} before it started:\n${out}`)))]),
    stop: async () => {
      child.stdin!.end();
      const code = await exited;
      const line = out.split("\n").find((l) => l.startsWith("SUMMARY "));
      if (code !== 0 || !line) throw new Error(`the attacker exited with ${code}:\n${out.slice(-2000)}`);
      return JSON.parse(line.slice("SUMMARY ".length)) as AttackSummary;
    },
  };
}

export interface HostileResult {
  /** The dashboard alone, before and after the attack. */
  alone: [HttpResult, HttpResult];
  attacked: HttpResult;
  /** Mean req/s of the two phases alone. */
  aloneRps: number;
  /** Dashboard req/s under attack ÷ alone. */
  ratio: number;
  attack: AttackSummary;
  attackConnections: number;
  attackRate: number;
  /** Server RSS peak sampled during the attack, and its VmHWM after it (bytes). */
  peakRss: number;
  hwm: number;
  /** The server's CPU time per second of each measured phase (alone, under attack, alone again): 1 is one core. */
  serverCpu: [number, number, number];
  /** The same for PostgreSQL's backends connected to the bench database. */
  databaseCpu: [number, number, number];
  /** The same for the whole machine (every process, the other users of the shared machine too). */
  machineCpu: [number, number, number];
  /** The measured phase under attack, in µs of the monotonic clock (to slice the server's CPU profile). */
  attackWindow: { from: number; to: number };
  /** Each kind of the attacker's requests sent alone, one at a time: the server's CPU and the latency per request. */
  perKind: Record<AttackKind, { count: number; serverCpuMs: number; p50: number }>;
}

const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** CPU seconds the whole machine has been busy (Linux /proc/stat), NaN elsewhere. */
export function machineCpuSeconds(): number {
  try {
    const [, ...f] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = f;
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return NaN;
  }
}

/** CPU time a process has used (Linux /proc, clock ticks of 10 ms), in seconds; NaN elsewhere. */
export function processCpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * The dashboard alone, then again while the attacker runs (it starts before the dashboard's warm-up and
 * stops after the measured phase), then alone once more: the ratio is taken against the mean of the two
 * phases alone, so that a drift of the shared machine's load between phases counts less.
 */
export async function runHostile(o: {
  ac: Parameters<typeof runHttp>[0];
  phase: Omit<HttpPhase, "seconds" | "amount">;
  seconds: number;
  warmup: number;
  server: BenchServer;
  /** CPU seconds used so far by PostgreSQL's backends serving the bench database (see backendCpu). */
  databaseCpuSeconds: () => Promise<number>;
  attackConnections: number;
  attackRate: number;
  log: (m: string) => void;
}): Promise<HostileResult> {
  const dash = (seconds: number) => runHttp(o.ac, { ...o.phase, seconds });
  /** A measured phase, with the server's CPU time per second over it. */
  const measured = async (): Promise<[HttpResult, number, number, number]> => {
    const c0 = processCpuSeconds(o.server.pid);
    const d0 = await o.databaseCpuSeconds();
    const m0 = machineCpuSeconds();
    const t0 = performance.now();
    const r = await dash(o.seconds);
    const s = (performance.now() - t0) / 1000;
    return [r, (processCpuSeconds(o.server.pid) - c0) / s, ((await o.databaseCpuSeconds()) - d0) / s, (machineCpuSeconds() - m0) / s];
  };
  if (o.warmup > 0) await dash(o.warmup);
  const [before, cpuBefore, dbBefore, mBefore] = await measured();
  o.log(`  alone         : ${before.count} calls, ${before.rps.toFixed(1)} req/s, p50 ${before.p50.toFixed(1)} ms, p95 ${before.p95.toFixed(1)} ms${before.errors ? `, ${before.errors} errors` : ""}`);

  const attacker = startAttacker({ url: o.server.url, connections: o.attackConnections, rate: o.attackRate, seed: 0x0badc0de });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, o.server.memory().rss)), 100);
  let attacked: HttpResult;
  let cpuAttacked: number;
  let dbAttacked: number;
  let mAttacked: number;
  const attackWindow = { from: 0, to: 0 };
  let summary: AttackSummary;
  try {
    await attacker.started;
    if (o.warmup > 0) await dash(o.warmup);
    attackWindow.from = monotonicMicros();
    [attacked, cpuAttacked, dbAttacked, mAttacked] = await measured();
    attackWindow.to = monotonicMicros();
  } finally {
    summary = await attacker.stop();
    clearInterval(sampler);
  }
  const hwm = o.server.memory().hwm;
  o.log(`  under attack  : ${attacked.count} calls, ${attacked.rps.toFixed(1)} req/s, p50 ${attacked.p50.toFixed(1)} ms, p95 ${attacked.p95.toFixed(1)} ms${attacked.errors ? `, ${attacked.errors} errors` : ""}`);

  const [after, cpuAfter, dbAfter, mAfter] = await measured();
  const perKind = await costPerKind(o.server, 30);
  o.log(`  alone again   : ${after.count} calls, ${after.rps.toFixed(1)} req/s, p50 ${after.p50.toFixed(1)} ms, p95 ${after.p95.toFixed(1)} ms${after.errors ? `, ${after.errors} errors` : ""}`);
  const aloneRps = (before.rps + after.rps) / 2;
  return { alone: [before, after], attacked, aloneRps, ratio: attacked.rps / aloneRps, attack: summary, attackConnections: o.attackConnections, attackRate: o.attackRate, peakRss, hwm, serverCpu: [cpuBefore, cpuAttacked, cpuAfter], databaseCpu: [dbBefore, dbAttacked, dbAfter], machineCpu: [mBefore, mAttacked, mAfter], attackWindow, perKind };
}

/**
 * CPU seconds used by the PostgreSQL backends connected to a database (same machine, /proc), counted from the
 * first call: a backend's time is counted from when it is first seen, and lost for one that ends between calls.
 */
export function backendCpu(list: () => Promise<number[]>): () => Promise<number> {
  const seen = new Map<number, number>();
  let total = 0;
  return async () => {
    for (const pid of await list()) {
      const now = processCpuSeconds(pid);
      if (!Number.isFinite(now)) continue;
      total += now - (seen.get(pid) ?? now);
      seen.set(pid, now);
    }
    return total;
  };
}

/**
 * Each kind of the attacker's requests, `n` of them sent one at a time with nothing else running: the server's
 * CPU time per request (from /proc, 10 ms ticks over the n) and the median latency. The repeats are the
 * new documents sent a second time, which graphql-jit then compiles.
 */
export async function costPerKind(server: BenchServer, n: number): Promise<HostileResult["perKind"]> {
  const r = mulberry32(0x5ca1ab1e);
  const base = 1_000_000; // document numbers apart from the attacker's
  const valid = Array.from({ length: n }, (_, k) => validDocument(base + k, r));
  const docs: Record<AttackKind, { query: string; variables?: Record<string, unknown> }[]> = {
    "valid-new": valid,
    "valid-repeat": valid,
    bomb: Array.from({ length: n }, (_, k) => ({ query: fragmentBomb(base + k) })),
    deep: Array.from({ length: n }, (_, k) => ({ query: deepDocument(base + k) })),
    "over-cost": Array.from({ length: n }, (_, k) => ({ query: overCostDocument(base + k) })),
  };
  const out = {} as HostileResult["perKind"];
  for (const kind of ["valid-new", "valid-repeat", "bomb", "deep", "over-cost"] as AttackKind[]) {
    const latencies: number[] = [];
    const c0 = processCpuSeconds(server.pid);
    for (const doc of docs[kind]) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(doc) });
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    out[kind] = { count: n, serverCpuMs: ((processCpuSeconds(server.pid) - c0) * 1000) / n, p50: latencies[Math.floor(n / 2)] };
  }
  return out;
}
