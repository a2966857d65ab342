// npm run bench -- [--scale small|medium|full] [--connections 4] [--duration S] [--only a,b] [--fresh] [--cpu-prof]
//
// Loads (or reuses) a generated data set in a PostgreSQL database of its own, starts the API as a separate
// process against it, measures named portal operations through HTTP with autocannon, measures the floor of
// each (the same data by hand-written SQL through postgres.js, same concurrency), measures each read against
// its HTTP floor (a minimal node:http server running the statements the API ran for it, captured on the wire,
// through postgres.js and JSON.stringify; the same autocannon settings, in turns), measures the dashboard while
// an anonymous attacker sends distinct documents and bombs (the hostile scenario), and prints a table and the
// targets. See BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { CONNECT_STATEMENT } from "../src/db/client.js";
import { loadConfig } from "../src/config.js";
import { mintToken } from "../src/modules/auth/auth.service.js";
import { toGlobalId } from "../src/shared/global-id.js";
import { prepareDatabase } from "./lib/database.js";
import { World } from "./lib/generate.js";
import { backendCpu, CYCLE, runHostile, type HostileResult } from "./lib/hostile.js";
import { startCaptureProxy } from "./lib/capture.js";
import { captureOperation, startFloorServer, type Captured, type FloorServer } from "./lib/floor.js";
import { installPeer, peerInstalled, peerVersion, startPostGraphile } from "./lib/peer.js";
import { loadAutocannon, mergeHttp, runFloor, runHttp, type HttpResult, type Stats } from "./lib/measure.js";
import { BULK_CALLS, BULK_ROWS, operations, PAGE_SIZE, registrarSubject, removeBenchRows, studentCursor, SUBJECT_PREFIX, targets, type Operation } from "./lib/operations.js";
import { removeEducationBench, resultsBulkOperation, setupEducationBench } from "./lib/results-bulk.js";
import { summariseProfile } from "./lib/profile.js";
import { SCALES } from "./lib/scales.js";
import { buildServer, BUILT_ENTRY, startServer, TSX_ENTRY, type BenchServer } from "./lib/server.js";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "small" },
    connections: { type: "string", default: "4" },
    duration: { type: "string" },
    warmup: { type: "string", default: "2" },
    rounds: { type: "string", default: "2" },
    postgraphile: { type: "string", default: "auto" },
    only: { type: "string" },
    "attack-connections": { type: "string", default: "4" },
    "attack-rate": { type: "string", default: "5" },
    fresh: { type: "boolean", default: false },
    "cpu-prof": { type: "boolean", default: false },
    "server-root": { type: "string" },
    "node-args": { type: "string" },
    built: { type: "boolean", default: false },
    json: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(`npm run bench -- [options]
  --scale small|medium|full   data set (full: 1,000,000 students, 2,000,000 enrollments; small: 1/100)   [small]
  --connections N             concurrent connections (autocannon) and concurrent floor workers          [4]
  --duration S                seconds measured per operation and per floor          [small 5, medium 10, full 15]
  --warmup S                  seconds of warm-up before each measured phase                             [2]
  --rounds N                  reads: the API and its HTTP floor measured in N turns each of duration/N    [2]
  --only a,b                  only these operations (dashboard, search, first-page, institutions, deep-page, report, transition
                              (studentCounts, when the schema has it), counts, transcript (when the schema has it),
                              register-one, register-bulk, results-bulk)
                              and scenarios (hostile: the dashboard alone, under attack, alone again)
  --postgraphile auto|install|off
                              the dashboard, first-page and institutions against a PostGraphile v5 peer on the same database (bench/peers/
                              postgraphile): auto = when installed; install = npm ci it first if missing   [auto]
  --attack-connections N      hostile scenario: the anonymous attacker's concurrent connections          [4]
  --attack-rate R             hostile scenario: requests per second per attacker connection, at most      [5]
  --fresh                     drop and reload the bench database of the scale
  --cpu-prof                  run the server with node --cpu-prof and print where its CPU time went
  --server-root DIR           run src/main.ts of another checkout (e.g. a snapshot, to compare)
  --built                     compile the server with tsc (as npm start does, into a temp folder) and run
                              node dist/src/main.js instead of node --import tsx src/main.ts
  --node-args="…"             extra node flags for the server process (e.g. --node-args="--max-semi-space-size=64")
  --json FILE                 also write the figures as JSON
env: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres), AUTOCANNON_DIR, DB_POOL_SIZE, …`);
  process.exit(0);
}

const scale = SCALES[args.scale!];
if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(", ")}`);
const connections = Number(args.connections);
const duration = Number(args.duration ?? { small: 5, medium: 10, full: 15 }[scale.name] ?? 10);
const warmup = Number(args.warmup);
const rounds = Math.max(1, Number(args.rounds));
const serverRoot = resolve(args["server-root"] ?? projectRoot);
const runTag = Date.now().toString(36).toUpperCase();
const jwtSecret = `bench-secret-${runTag}`;
const log = (m: string) => console.log(m);
const started = performance.now();

// ---- machine ------------------------------------------------------------------------------------------------
const autocannon = loadAutocannon();
const cpuModel = os.cpus()[0]?.model ?? "?";
log(`xmu-exchange-api bench — scale ${scale.name}, ${connections} connections, ${duration} s per phase, run ${runTag}`);
log(`machine: ${os.cpus().length} CPUs (${cpuModel}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, autocannon ${autocannon.version}`);
log(`server: ${serverRoot === projectRoot ? "this checkout" : serverRoot}${gitHead(serverRoot)}`);

// ---- data ---------------------------------------------------------------------------------------------------
const tLoad = performance.now();
const db = await prepareDatabase(scale, { fresh: args.fresh!, log });
log(`PostgreSQL ${db.serverVersion}; database ${db.name} ready in ${((performance.now() - tLoad) / 1000).toFixed(1)} s${db.reused ? ` (reused; its load took ${db.loadSeconds.toFixed(1)} s)` : ""}`);

const sql = postgres(db.url, { max: connections, onnotice: () => {} });
const leftovers = await removeBenchRows(sql);
if (leftovers) log(`removed ${leftovers} students left by an earlier, interrupted run`);

const world = new World(scale);
const t = targets(world);
const deepPage = Math.min(10_000, Math.floor(scale.students / PAGE_SIZE / 2));
const [deepRow] = await sql`
  select family_name_latin, given_names_latin, id from students
  order by family_name_latin, given_names_latin, id offset ${(deepPage - 1) * PAGE_SIZE - 1} limit 1`;
const deepAfter: [string, string, number] = [deepRow.family_name_latin, deepRow.given_names_latin, deepRow.id];
const hasColumn = async (table: string, column: string) =>
  (await sql`select 1 from information_schema.columns where table_name = ${table} and column_name = ${column}`).length > 0;
const visibleToColumn = await hasColumn("audit_log", "visible_to");
const searchTextColumn = await hasColumn("students", "search_text");

const auth = { secret: jwtSecret, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" };
const tokenFor = async (o: Operation): Promise<string | undefined> =>
  o.role === "ANONYMOUS"
    ? undefined
    : mintToken(auth, {
        subject: o.role === "PARTNER_REGISTRAR" ? registrarSubject(runTag) : `${SUBJECT_PREFIX}${o.role.toLowerCase()}-${runTag}`,
        role: o.role,
      institutionId: o.institutionId ? toGlobalId("Institution", o.institutionId) : undefined,
    });
const authHeaders = async (o: Operation): Promise<Record<string, string>> => {
  const token = await tokenFor(o);
  return token ? { authorization: `Bearer ${token}` } : {};
};

// ---- server -------------------------------------------------------------------------------------------------
const profileDir = join(os.tmpdir(), `xmu-bench-profile-${runTag}`);
if (args["cpu-prof"]) mkdirSync(profileDir, { recursive: true });
let runRoot = serverRoot;
if (args.built) {
  const t0 = performance.now();
  runRoot = buildServer(serverRoot, join(os.tmpdir(), `xmu-bench-build-${runTag}`));
  log(`built the server with tsc in ${((performance.now() - t0) / 1000).toFixed(1)} s into ${runRoot}`);
}
const serverEnv = { BUDGET_CAPACITY: "1000000000", BUDGET_REFILL_PER_SECOND: "1000000000", ANON_BUDGET_CAPACITY: "1000000000", ANON_BUDGET_REFILL_PER_SECOND: "1000000000" };
const server: BenchServer = await startServer({
  root: runRoot,
  entry: args.built ? BUILT_ENTRY : TSX_ENTRY,
  databaseUrl: db.url,
  jwtSecret,
  nodeArgs: [...(args["node-args"]?.split(/\s+/).filter(Boolean) ?? []), ...(args["cpu-prof"] ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [])],
  // One caller (one token) sends every request: lift the per-caller query budget, if the server has one, so
  // that the bench measures the work and not the throttle. Per-query limits (cost, depth) stay as they are, and
  // so does the anonymous callers' budget: the hostile scenario's attacker is anonymous, as in production.
  env: serverEnv,
});
const startRss = server.memory().rss;
// Which report queries the server's schema has (introspection is on outside production).
const introspection = await fetch(`${server.url}/graphql`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ query: "{ __schema { queryType { fields { name } } } }" }),
}).then((r) => r.json() as Promise<any>);
const queryFields = new Set<string>((introspection.data?.__schema.queryType.fields ?? []).map((f: { name: string }) => f.name));
// The host's enrolled students the transitions move (on leave and back); 400, or as many as there are.
const enrolled = (
  await sql<{ id: number }[]>`
    select e.id from enrollments e join cohorts c on c.id = e.cohort_id join programs p on p.id = c.program_id
    where p.host_institution_id = ${targets(world).host} and e.status = 'ENROLLED' order by e.id limit 400`
).map((r) => r.id);
const only = args.only?.split(",");
// Bulk result entry brings its own curriculum, offerings and cohort (bench/lib/results-bulk.ts), when it runs.
const educationBench = !only || only.includes("results-bulk") ? await setupEducationBench(sql, { host: targets(world).host, calls: BULK_CALLS, rows: BULK_ROWS, runTag }) : undefined;
const ops = [
  ...operations({ world, deepPage, deepAfter, deepCursor: studentCursor(deepAfter), runTag, queryFields, auditVisibleTo: visibleToColumn, studentSearchText: searchTextColumn, enrolled }),
  ...(educationBench ? [resultsBulkOperation(educationBench, { calls: BULK_CALLS, rows: BULK_ROWS, subject: `${SUBJECT_PREFIX}floor-${runTag}`, auditVisibleTo: visibleToColumn })] : []),
];
const selected = only ? ops.filter((o) => only.includes(o.name)) : ops;
const hostileWanted = !only || only.includes("hostile");
if (!selected.length && !hostileWanted) throw new Error(`--only matched none of ${[...ops.map((o) => o.name), "hostile"].join(", ")}`);
if (!queryFields.has("studentCounts")) log("the schema has no studentCounts query: the report is measured by the aggregate-ish `counts` operation only");
log(`server pid ${server.pid} at ${server.url} (${args.built ? "node dist/src/main.js" : "node --import tsx src/main.ts"}), RSS after start ${mb(startRss)}`);

// ---- HTTP floor ---------------------------------------------------------------------------------------------
// Each read's statements, captured from a second API process (same build, flags and environment) whose
// database connection goes through a wire-protocol proxy; the floor server replays them. The API's pool size
// comes from the same configuration the server reads (DB_POOL_SIZE).
const userNodeArgs = args["node-args"]?.split(/\s+/).filter(Boolean) ?? [];
const captured = new Map<string, Captured>();
let floorServer: FloorServer | undefined;
const reads = selected.filter((o) => o.asked != null);
if (reads.length) {
  const t0 = performance.now();
  const proxy = await startCaptureProxy(db.url);
  const capturing = await startServer({ root: runRoot, entry: args.built ? BUILT_ENTRY : TSX_ENTRY, databaseUrl: proxy.url, jwtSecret, nodeArgs: userNodeArgs, env: serverEnv });
  try {
    for (const op of reads) {
      const c = await captureOperation(proxy, { url: capturing.url, headers: await authHeaders(op), body: typeof op.body === "string" ? op.body : op.body(), ok: op.ok, name: op.name });
      captured.set(op.name, c);
    }
  } finally {
    await capturing.stop();
    await proxy.close();
  }
  const poolSize = loadConfig().poolSize;
  const connection = Object.fromEntries(Object.entries(proxy.startup()).filter(([k]) => k !== "application_name"));
  floorServer = await startFloorServer(
    { url: db.url, max: poolSize, connection, connectStatement: CONNECT_STATEMENT, replays: Object.fromEntries([...captured].map(([name, c]) => [name, c.replay])) },
    { specFile: join(os.tmpdir(), `xmu-bench-floor-${runTag}.json`), nodeArgs: userNodeArgs },
  );
  log(
    `HTTP floor: statements captured from a second API process through a wire-protocol proxy in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
      `floor server pid ${floorServer.pid} at ${floorServer.url} (node:http + postgres.js, pool ${poolSize} as the API's, connection parameters ${JSON.stringify(connection)})`,
  );
  for (const [name, c] of captured)
    log(
      `  ${name}: ${c.executions.length} statement(s) (the API counted ${c.apiStatements ?? "?"}), rows ${c.executions.map((e) => e.rows).join("/")}, ` +
        `${c.stable ? `the same in requests ${c.requests - 1} and ${c.requests}` : `NOT the same in two requests in a row (of ${c.requests}): the last is replayed`}` +
        `${c.replay.statements.some((s, i) => s.after.length < i) ? "; some ran side by side, and are replayed so" : ""}`,
    );
}

// ---- PostGraphile peer (dashboard) --------------------------------------------------------------------------
let peer: FloorServer | undefined;
let peerNote = "";
if (selected.some((o) => o.peer) && args.postgraphile !== "off") {
  if (!peerInstalled() && args.postgraphile === "install") installPeer();
  if (peerInstalled()) {
    peer = await startPostGraphile({ databaseUrl: db.url, poolSize: loadConfig().poolSize, nodeArgs: userNodeArgs });
    peerNote = `PostGraphile ${peerVersion()} (Amber preset, grafserv on node:http, pg pool ${loadConfig().poolSize}; no auth)`;
    log(`PostGraphile peer: ${peerNote}, pid ${peer.pid} at ${peer.url}`);
  } else peerNote = "not installed: npm ci --prefix bench/peers/postgraphile, or --postgraphile install";
}

interface Row {
  op: Operation;
  http: HttpResult;
  floor: Stats;
  /** Reads: the HTTP floor, measured in turns with the API (same autocannon settings). */
  httpFloor?: HttpResult;
  /** The dashboard: the PostGraphile peer, measured in the same turns. */
  peer?: HttpResult;
  statements: number[];
  describe: string;
  peakRss: number;
}
const rows: Row[] = [];
let hwm = 0;
let hostile: HostileResult | undefined;

/** One operation: a check request, warm-up, the measured phase through HTTP, then its floor. */
async function measureOperation(op: Operation) {
  const headers = await authHeaders(op);
  const body = () => (typeof op.body === "string" ? op.body : op.body());
  // One request first: the answer must be the expected one (and tells its statements).
  const first = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: body() });
  const text = await first.text();
  const json = JSON.parse(text);
  if (first.status !== 200 || json.errors)
    throw new Error(`${op.name}: ${first.status} ${text.slice(0, 800)}\nserver log (last lines):\n${server.tail().split("\n").slice(-6).join("\n").slice(-3000)}`);
  const describe = op.describe(json.data);
  log(`\n${op.name} (${op.role}): ${op.what}\n  answer: ${describe}; ${first.headers.get("x-sql-statements")} SQL statements`);

  const phase = { url: server.url, headers, body: op.body, ok: op.ok };
  const conns = op.connections ?? connections;
  // Reads with a captured floor: the same autocannon settings against the floor server, a check request
  // first (its rows must be the rows the API's statements returned), then the API and the floor in turns.
  const c = captured.get(op.name);
  const floorPhase = c && floorServer ? { url: floorServer.url, path: `/${op.name}`, headers, body: op.body, ok: () => true } : undefined;
  if (floorPhase) {
    const check = await fetch(`${floorPhase.url}${floorPhase.path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: body() });
    const checkText = await check.text();
    const want = c!.executions.map((e) => e.rows).join(",");
    if (check.status !== 200 || check.headers.get("x-rows") !== want)
      throw new Error(`${op.name}: the HTTP floor's check request answered ${check.status} with rows ${check.headers.get("x-rows")} (the API's statements returned ${want}): ${checkText.slice(0, 400)}`);
  }
  // The PostGraphile peer too where the operation has one, its answer checked to agree with the API's.
  const peerPhase = op.peer && peer ? { url: peer.url, headers: {}, body: op.peer.body, ok: (b: string) => !b.includes('"errors"') } : undefined;
  if (peerPhase) {
    const check = await fetch(`${peerPhase.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: peerPhase.body });
    const checkText = await check.text();
    const got = check.status === 200 && peerPhase.ok(checkText) ? op.peer!.same.peer(JSON.parse(checkText).data) : "";
    const want = op.peer!.same.api(json.data);
    if (got !== want) throw new Error(`${op.name}: PostGraphile answered ${check.status} with ${(got || checkText).slice(0, 400)} (the API: ${want.slice(0, 400)})`);
  }
  if (!op.amount && warmup > 0) await runHttp(autocannon.run, { ...phase, connections: conns, seconds: warmup });
  if (floorPhase && warmup > 0) await runHttp(autocannon.run, { ...floorPhase, connections: conns, seconds: warmup });
  if (peerPhase && warmup > 0) await runHttp(autocannon.run, { ...peerPhase, connections: conns, seconds: warmup });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.memory().rss)), 100);
  const turns = floorPhase ? rounds : 1;
  const apiParts: HttpResult[] = [];
  const floorParts: HttpResult[] = [];
  const peerParts: HttpResult[] = [];
  for (let k = 0; k < turns; k++) {
    apiParts.push(await runHttp(autocannon.run, { ...phase, connections: conns, ...(op.amount ? { amount: op.amount } : { seconds: duration / turns }) }));
    if (floorPhase) floorParts.push(await runHttp(autocannon.run, { ...floorPhase, connections: conns, seconds: duration / turns }));
    if (peerPhase) peerParts.push(await runHttp(autocannon.run, { ...peerPhase, connections: conns, seconds: duration / turns }));
  }
  const peerResult = peerPhase ? mergeHttp(peerParts) : undefined;
  clearInterval(sampler);
  const http = mergeHttp(apiParts);
  const httpFloor = floorPhase ? mergeHttp(floorParts) : undefined;
  peakRss = Math.max(peakRss, server.memory().rss);
  log(`  http : ${fmtStats(http)}  statements ${http.statements.join("/")}  ${(http.bytes / 1024).toFixed(1)} KiB/response  server RSS peak ${mb(peakRss)}`);
  if (httpFloor)
    log(`  http floor: ${fmtStats(httpFloor)}  statements ${httpFloor.statements.join("/")}  ${(httpFloor.bytes / 1024).toFixed(1)} KiB/response  (in ${turns} turns with the API; p50 ÷ floor ${f2(http.p50 / httpFloor.p50)}×)`);
  if (peerResult)
    log(`  PostGraphile: ${fmtStats(peerResult)}  ${(peerResult.bytes / 1024).toFixed(1)} KiB/response  (in the same turns; API req/s ÷ PostGraphile req/s ${f2(http.rps / peerResult.rps)}×)`);

  if (!op.amount && warmup > 0) await runFloor((i) => op.floor(sql, i), { connections: conns, seconds: Math.min(warmup, 1) });
  else await op.floor(sql, -1); // one warm-up call
  const floor = await runFloor((i) => op.floor(sql, i), { connections: conns, ...(op.amount ? { amount: op.amount } : { seconds: duration }) });
  log(`  floor: ${fmtStats(floor)}  (${op.floorWhat})`);
  rows.push({ op, http, floor, httpFloor, peer: peerResult, statements: http.statements, describe, peakRss });
}

/**
 * The hostile scenario: the dashboard's throughput while an anonymous client sends distinct documents and
 * bombs, as a ratio to the dashboard alone. The attacker is a process of its own on this machine
 * (bench/lib/attacker.ts). It runs after the reads and before the writes, whose rows (removed only at the end)
 * and the vacuums they start would slow PostgreSQL in its phases.
 */
async function hostileScenario() {
  const op = ops.find((o) => o.name === "dashboard")!;
  const headers = await authHeaders(op);
  const check = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: op.body as string });
  if (check.status !== 200 || !op.ok(await check.text())) throw new Error(`hostile: the dashboard's check request failed (${check.status})`);
  const attackConnections = Number(args["attack-connections"]);
  const attackRate = Number(args["attack-rate"]);
  log(
    `\nhostile: the dashboard (${connections} connections) alone, then while an anonymous attacker sends, over ${attackConnections} connections of its own at most ${attackRate} requests/s each, ` +
      `distinct valid documents (two in three sent twice: compiled on the second sight), fragment bombs (2^30), documents too deep and over the cost limit (cycle: ${CYCLE.join(", ")}), then alone again`,
  );
  hostile = await runHostile({
    ac: autocannon.run,
    phase: { url: server.url, headers, body: op.body, ok: op.ok, connections },
    seconds: duration,
    warmup,
    server,
    databaseCpuSeconds: backendCpu(async () => (await sql`select pid from pg_stat_activity where datname = ${db.name} and pid <> pg_backend_pid()`).map((r) => r.pid as number)),
    attackConnections,
    attackRate,
    log,
  });
  const a = hostile.attack;
  log(`  attacker      : ${a.requests} requests in ${a.seconds.toFixed(1)} s (${(a.requests / a.seconds).toFixed(1)}/s); HTTP ${fmtCounts(a.statuses)}; ${fmtCounts(a.codes)}; throttled (429) ${a.throttled}; cost charged ${a.charged} points (${(a.charged / a.seconds).toFixed(0)}/s); unexpected answers ${a.unexpected}`);
  for (const [kind, k] of Object.entries(a.byKind)) log(`    ${kind.padEnd(13)} ${String(k.count).padStart(5)} sent, p50 ${f1(k.p50)} ms, p95 ${f1(k.p95)} ms, max ${f1(k.max)} ms`);
  for (const sample of a.samples) log(`    ! ${sample}`);
  const dashCpuMs = (1000 * hostile.serverCpu[0]) / hostile.alone[0].rps;
  log(`  each kind sent alone, one at a time (${Object.values(hostile.perKind)[0].count} each): server CPU per request, and p50 (the dashboard alone: about ${f1(dashCpuMs)} ms of server CPU per request)`);
  for (const [kind, k] of Object.entries(hostile.perKind)) log(`    ${kind.padEnd(13)} ${f1(k.serverCpuMs).padStart(6)} ms CPU, p50 ${f1(k.p50)} ms`);
  log(`  attacker process CPU ${a.cpuSeconds.toFixed(1)} s; CPU per second alone / under attack / alone again: server ${hostile.serverCpu.map(f2).join(" / ")}, PostgreSQL backends ${hostile.databaseCpu.map(f2).join(" / ")}, whole machine ${hostile.machineCpu.map(f2).join(" / ")} of ${os.cpus().length}`);
  log(`  server RSS peak under attack ${mb(hostile.peakRss)}, VmHWM after it ${mb(hostile.hwm)}; dashboard under attack ÷ alone ${f2(hostile.ratio)}`);
}

try {
  for (const op of selected.filter((o) => o.asked != null)) await measureOperation(op);
  if (hostileWanted) await hostileScenario();
  for (const op of selected.filter((o) => o.asked == null)) await measureOperation(op);
} finally {
  await floorServer?.stop();
  await peer?.stop();
  hwm = server.memory().hwm;
  const code = await server.stop();
  if (code !== 0) log(`server exited with ${code}:\n${server.tail().slice(-2000)}`);
  if (educationBench) await removeEducationBench(sql);
  const removed = await removeBenchRows(sql);
  await sql`vacuum (analyze) students, enrollments, enrollment_status_changes, audit_log`;
  log(`\nremoved the ${removed} students (and their enrollments, history and audit rows) the registrations wrote`);
  await sql.end({ timeout: 5 });
}

// ---- report -------------------------------------------------------------------------------------------------
const byName = new Map(rows.map((r) => [r.op.name, r]));
const peakUnderLoad = Math.max(0, hostile?.peakRss ?? 0, ...rows.map((r) => r.peakRss));

if (rows.length) log(`\n## Figures — scale ${scale.name} (${scale.students.toLocaleString("en")} students, ${scale.enrollments.toLocaleString("en")} enrollments), ${connections} connections, ${duration} s per phase\n`);
const table: string[][] = [
  ["operation", "stmts (asked)", "req/s", "p50 ms", "p95 ms", "p99 ms", "floor req/s", "floor p50", "floor p95", "floor p99", "p50 ÷ floor", "errors"],
];
for (const r of rows) {
  const bulk = !!r.op.amount;
  table.push([
    bulk ? `${r.op.name} (per call)` : r.op.name,
    `${r.statements.join("/")} (${r.op.asked ?? "–"})`,
    bulk ? `${(BULK_ROWS * r.http.count / (r.http.sum / 1000)).toFixed(0)} rows/s` : f1(r.http.rps),
    f1(r.http.p50),
    f1(r.http.p95),
    f1(r.http.p99),
    bulk ? `${(BULK_ROWS * r.floor.count / (r.floor.sum / 1000)).toFixed(0)} rows/s` : f1(r.floor.rps),
    f1(r.floor.p50),
    f1(r.floor.p95),
    f1(r.floor.p99),
    `${f2(r.http.p50 / r.floor.p50)}×`,
    String(r.http.errors + r.floor.errors),
  ]);
}
if (rows.length) log(markdownTable(table));

const floored = rows.filter((r) => r.httpFloor);
if (floored.length) {
  log(`\n## Reads against their HTTP floor — ${connections} connections, ${duration} s each in ${rounds} turns, target p50 ≤ 2× the floor's\n`);
  log(
    `The floor: node:http + postgres.js (pool ${loadConfig().poolSize}, as the API's) running the statements the API ran for the operation (captured on the wire), ` +
      `JSON.stringify of their rows as the response; no GraphQL, no auth.\n`,
  );
  const floorTable: string[][] = [["operation", "stmts", "API req/s", "API p50", "API p95", "floor req/s", "floor p50", "floor p95", "API KiB", "floor KiB", "p50 ÷ floor", "≤ 2×"]];
  for (const r of floored) {
    const f = r.httpFloor!;
    const x = r.http.p50 / f.p50;
    floorTable.push([r.op.name, String(captured.get(r.op.name)?.executions.length ?? "?"), f1(r.http.rps), f1(r.http.p50), f1(r.http.p95), f1(f.rps), f1(f.p50), f1(f.p95), f1(r.http.bytes / 1024), f1(f.bytes / 1024), `${f2(x)}×`, x <= 2 ? "yes" : "**no**"]);
  }
  log(markdownTable(floorTable));
}
const peered = rows.filter((r) => r.peer);
if (peered.length)
  log(
    `\n## Against PostGraphile — ${peerNote}, same database, ${connections} connections, ${duration} s in ${rounds} turns with the API and its HTTP floor\n\n` +
      markdownTable([
        ["operation", "server", "req/s", "p50 ms", "p95 ms", "p99 ms", "KiB/response", "errors"],
        ...peered.flatMap((r) =>
          ([["the API", r.http], ["PostGraphile", r.peer], ["HTTP floor", r.httpFloor]] as [string, HttpResult | undefined][])
            .filter((x): x is [string, HttpResult] => !!x[1])
            .map(([name, s]) => [r.op.name, name, f1(s.rps), f1(s.p50), f1(s.p95), f1(s.p99), f1(s.bytes / 1024), String(s.errors)]),
        ),
      ]),
  );

if (hostile) {
  const h = hostile;
  const a = h.attack;
  log(`\n## Hostile clients — the dashboard alone and under attack (${connections} connections, ${duration} s per phase)\n`);
  const hostileTable: string[][] = [
    ["dashboard", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "server CPU (cores)", "PostgreSQL CPU (cores)", "machine busy (cores)"],
    ...([["alone", h.alone[0]], ["under attack", h.attacked], ["alone again", h.alone[1]]] as const).map(([name, s], k) => [
      name,
      f1(s.rps),
      f1(s.p50),
      f1(s.p95),
      f1(s.p99),
      String(s.errors),
      f2(h.serverCpu[k]),
      f2(h.databaseCpu[k]),
      f2(h.machineCpu[k]),
    ]),
  ];
  log(markdownTable(hostileTable));
  log(
    `\nunder attack ÷ alone (mean of the two, ${f1(h.aloneRps)} req/s): ${f2(h.ratio)}. Attacker (anonymous, ${h.attackConnections} connections, at most ${h.attackRate}/s each): ` +
      `${a.requests} requests in ${a.seconds.toFixed(1)} s; HTTP ${fmtCounts(a.statuses)}; ${fmtCounts(a.codes)}; throttled ${a.throttled} (charged ${(a.charged / a.seconds).toFixed(0)} points/s: ` +
      `refused documents are not charged; the bench lifts every caller's budget, so none could be throttled here); unexpected answers ${a.unexpected}. ` +
      `Server RSS peak under attack ${mb(h.peakRss)}, VmHWM after it ${mb(h.hwm)}.`,
  );
}

// Targets of the issue.
const targetRows: string[][] = [["target", "measured", "limit", "met"]];
const verdict = (name: string, value: number | null, limit: number, unit: string, detail = "", atLeast = false) => {
  if (value == null || !Number.isFinite(value)) return targetRows.push([name, `not measured${detail}`, `${limit}${unit}`, "–"]);
  const met = atLeast ? value >= limit : value <= limit;
  targetRows.push([name, `${unit === "×" ? value.toFixed(2) : value.toFixed(0)}${unit}${detail}`, `${atLeast ? "≥" : "≤"} ${limit}${unit}`, met ? "yes" : "**no**"]);
};
for (const r of rows.filter((r) => r.op.asked != null)) {
  const most = Math.max(...r.statements);
  targetRows.push([`statements: ${r.op.name}`, String(most), `≤ ${r.op.asked} asked`, most <= r.op.asked! ? "yes" : "**no**"]);
}
const ratio = (a?: number, b?: number) => (a != null && b != null ? a / b : null);
verdict("dashboard p50 ÷ its floor p50", ratio(byName.get("dashboard")?.http.p50, byName.get("dashboard")?.floor.p50), 1.5, "×");
for (const r of floored) verdict(`${r.op.name} p50 ÷ HTTP floor p50`, r.http.p50 / r.httpFloor!.p50, 2, "×", ` (${f1(r.http.p50)} ÷ ${f1(r.httpFloor!.p50)} ms)`);
// The dashboard at least 3× PostGraphile's throughput; every other read with a peer at least 1×.
for (const r of rows.filter((r) => r.op.peer)) {
  const limit = r.op.name === "dashboard" ? 3 : 1;
  verdict(`${r.op.name} req/s ÷ PostGraphile v5 req/s`, r.peer ? r.http.rps / r.peer.rps : null, limit, "×", r.peer ? ` (${f1(r.http.rps)} ÷ ${f1(r.peer.rps)})` : peerNote ? ` (${peerNote})` : "", true);
}
verdict("deep page p50 ÷ first page p50", ratio(byName.get("deep-page")?.http.p50, byName.get("first-page")?.http.p50), 1.2, "×");
for (const name of ["register-one", "transition"]) {
  const r = byName.get(name);
  verdict(`${name} p50 ÷ its floor p50`, ratio(r?.http.p50, r?.floor.p50), 3, "×", r ? ` (${f1(r.http.p50)} ÷ ${f1(r.floor.p50)} ms)` : "");
}
const bulk = byName.get("register-bulk");
verdict(`bulk registration ÷ raw multi-row insert (sum of the ${BULK_CALLS} calls)`, ratio(bulk?.http.sum, bulk?.floor.sum), 3, "×");
const resultsBulk = byName.get("results-bulk");
if (resultsBulk) verdict(`bulk result entry ÷ raw multi-row insert (sum of the ${BULK_CALLS} calls)`, ratio(resultsBulk.http.sum, resultsBulk.floor.sum), 3, "×");
verdict(
  "hostile: dashboard req/s under attack ÷ alone",
  hostile?.ratio ?? null,
  0.8,
  "×",
  hostile ? ` (${f1(hostile.attacked.rps)} ÷ ${f1(hostile.aloneRps)})` : "",
  true,
);
verdict("server peak RSS (VmHWM)", hwm / 2 ** 20, 250, " MB", ` (peak sampled under load ${mb(peakUnderLoad)})`);
log(`\n## Targets\n\n${markdownTable(targetRows)}`);

log(`\noperations:`);
for (const r of rows) log(`- ${r.op.name} (${r.op.role}): ${r.op.what}; answer ${r.describe}. Floor: ${r.op.floorWhat}.`);
log(`\ntotal bench time ${((performance.now() - started) / 1000).toFixed(0)} s`);

if (args["cpu-prof"]) {
  log(`\n${summariseProfile(profileDir, serverRoot)}`);
  if (hostile) log(`\n${summariseProfile(profileDir, serverRoot, 40, { ...hostile.attackWindow, what: "the hostile scenario's measured phase under attack only" })}`);
}

if (args.json) {
  writeFileSync(
    args.json,
    JSON.stringify(
      {
        runTag,
        scale,
        connections,
        duration,
        machine: { cpus: os.cpus().length, cpuModel, memGiB: os.totalmem() / 2 ** 30, node: process.version, postgres: db.serverVersion, autocannon: autocannon.version },
        server: { root: serverRoot, head: gitHead(serverRoot).trim(), hwmBytes: hwm, peakRssUnderLoad: peakUnderLoad },
        database: { name: db.name, reused: db.reused, loadSeconds: db.loadSeconds, load: db.loadReport },
        targets: targets(world),
        operations: rows.map((r) => ({ name: r.op.name, role: r.op.role, asked: r.op.asked, statements: r.statements, answer: r.describe, http: r.http, floor: r.floor, httpFloor: r.httpFloor, peer: r.peer, captured: captured.get(r.op.name)?.replay, peakRss: r.peakRss })),
        hostile,
      },
      (k, v: unknown) => (k === "latencies" ? undefined : v),
      2,
    ),
  );
  log(`figures written to ${args.json}`);
}
process.exit(0);

// ---- helpers ------------------------------------------------------------------------------------------------
function f1(x: number) {
  return Number.isFinite(x) ? x.toFixed(1) : "–";
}

function f2(x: number) {
  return Number.isFinite(x) ? x.toFixed(2) : "–";
}

function fmtCounts(counts: Record<string, number>) {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ×${n}`)
    .join(", ");
}

function mb(bytes: number) {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

function fmtStats(s: Stats) {
  return `${s.count} calls in ${s.seconds.toFixed(1)} s, ${s.rps.toFixed(1)} req/s, p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms${s.errors ? `, ${s.errors} errors` : ""}`;
}

function markdownTable(t: string[][]): string {
  const widths = t[0].map((_, c) => Math.max(...t.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join(" | ")} |`;
  return [line(t[0]), `| ${widths.map((w, c) => (c === 0 ? "-".repeat(w) : "-".repeat(w - 1) + ":")).join(" | ")} |`, ...t.slice(1).map(line)].join("\n");
}

function gitHead(dir: string): string {
  try {
    // Read-only: GIT_OPTIONAL_LOCKS=0 keeps `git status` from refreshing the index.
    const opts = { stdio: ["ignore", "pipe", "ignore"] as ("ignore" | "pipe")[], env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" } };
    const head = execFileSync("git", ["-C", dir, "rev-parse", "--short", "HEAD"], opts).toString().trim();
    const dirty = execFileSync("git", ["-C", dir, "status", "--porcelain", "--untracked-files=all", "--", "src", "drizzle"], opts).toString().trim();
    return ` (git ${head}${dirty ? ", with uncommitted changes in src/ or drizzle/" : ""})`;
  } catch {
    return "";
  }
}
