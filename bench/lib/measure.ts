import { createRequire } from "node:module";

// autocannon is a devDependency of the bench; until it is one, `npm install --no-save autocannon@8` puts it in
// node_modules, or AUTOCANNON_DIR points at a folder whose node_modules has it.
const require = createRequire(import.meta.url);
type Autocannon = (opts: Record<string, unknown>) => AutocannonInstance;
interface AutocannonInstance {
  on(event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: "done", fn: (result: AutocannonResult) => void): void;
  then: Promise<AutocannonResult>["then"];
}
export interface AutocannonResult {
  requests: { total: number; average: number };
  throughput: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
  "2xx": number;
}

export function loadAutocannon(): { run: Autocannon; version: string } {
  const paths = [process.cwd(), ...(process.env.AUTOCANNON_DIR ? [process.env.AUTOCANNON_DIR] : [])];
  let main: string;
  try {
    main = require.resolve("autocannon", { paths });
  } catch {
    throw new Error("autocannon is not installed: run `npm install --no-save autocannon@8` (or add it as a devDependency)");
  }
  const pkg = require(require.resolve("autocannon/package.json", { paths })) as { version: string };
  return { run: require(main) as Autocannon, version: pkg.version };
}

/** Latency figures of one measured phase (ms), from every individual response. */
export interface Stats {
  count: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Sum of the latencies (ms): the time the calls took, one after another. */
  sum: number;
  errors: number;
}

export function stats(latencies: number[], seconds: number, errors: number): Stats {
  const a = Float64Array.from(latencies).sort();
  const q = (p: number) => (a.length ? a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)] : NaN);
  const sum = a.reduce((s, x) => s + x, 0);
  return {
    count: a.length,
    seconds,
    rps: a.length / seconds,
    p50: q(50),
    p95: q(95),
    p99: q(99),
    max: a.length ? a[a.length - 1] : NaN,
    mean: a.length ? sum / a.length : NaN,
    sum,
    errors,
  };
}

export interface HttpPhase {
  url: string;
  /** Path of the request: /graphql unless told. */
  path?: string;
  headers: Record<string, string>;
  /** The body: one for every request (reads), or made per request (writes need fresh data every time). */
  body: string | (() => string);
  connections: number;
  /** Run for this many seconds, or send exactly `amount` requests. */
  seconds?: number;
  amount?: number;
  /** Is this response a success? (GraphQL answers errors with HTTP 200.) */
  ok: (body: string) => boolean;
}

export interface HttpResult extends Stats {
  statements: number[];
  bytes: number;
  non2xx: number;
  /** Every response's latency (ms): kept so that phases can be merged (mergeHttp), left out of the JSON. */
  latencies?: number[];
}

/**
 * One phase through HTTP with autocannon: every response's latency is kept (autocannon's own summary has no
 * p95), its x-sql-statements header read, its body checked.
 */
export async function runHttp(ac: Autocannon, p: HttpPhase): Promise<HttpResult> {
  const latencies: number[] = [];
  const statements = new Map<number, number>();
  let failures = 0;
  const started = performance.now();
  const instance = ac({
    url: `${p.url}${p.path ?? "/graphql"}`,
    connections: p.connections,
    pipelining: 1,
    timeout: 120,
    ...(p.amount ? { amount: p.amount } : { duration: p.seconds }),
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json", ...p.headers },
        ...(typeof p.body === "string"
          ? { body: p.body }
          : { setupRequest: (req: Record<string, unknown>) => ({ ...req, body: (p.body as () => string)() }) }),
        onResponse: (status: number, body: string, _ctx: unknown, headers: Record<string, string>) => {
          const n = Number(headers["x-sql-statements"]);
          if (Number.isFinite(n)) statements.set(n, (statements.get(n) ?? 0) + 1);
          if (status !== 200 || !p.ok(body)) {
            failures++;
            if (failures <= 3) process.stderr.write(`  ! failed response (${status}): ${body.slice(0, 400)}\n`);
          }
        },
      },
    ],
  });
  instance.on("response", (_c, _s, _b, ms) => latencies.push(ms));
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  const s = stats(latencies, p.amount ? seconds : result.duration || seconds, failures + result.errors + result.timeouts);
  return { ...s, statements: [...statements.keys()].sort((a, b) => a - b), bytes: result.throughput.total / Math.max(1, latencies.length), non2xx: result.non2xx, latencies };
}

/** Phases of one operation measured in turns (alternating with another target) as one: every latency together, the seconds added up. */
export function mergeHttp(parts: HttpResult[]): HttpResult {
  const latencies = parts.flatMap((p) => p.latencies ?? []);
  const seconds = parts.reduce((s, p) => s + p.seconds, 0);
  const s = stats(latencies, seconds, parts.reduce((n, p) => n + p.errors, 0));
  return {
    ...s,
    statements: [...new Set(parts.flatMap((p) => p.statements))].sort((a, b) => a - b),
    bytes: parts.reduce((b, p) => b + p.bytes * p.count, 0) / Math.max(1, latencies.length),
    non2xx: parts.reduce((n, p) => n + p.non2xx, 0),
  };
}

/**
 * The floor: the same data by hand-written SQL through postgres.js, no HTTP and no GraphQL, `connections`
 * workers each calling `once()` back to back (the same concurrency as autocannon), each call timed alone.
 */
export async function runFloor(once: (i: number) => Promise<unknown>, o: { connections: number; seconds?: number; amount?: number }): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  const deadline = started + (o.seconds ?? Infinity) * 1000;
  const worker = async () => {
    while (o.amount ? issued < o.amount : performance.now() < deadline) {
      const i = issued++;
      const t0 = performance.now();
      try {
        await once(i);
        latencies.push(performance.now() - t0);
      } catch (e) {
        errors++;
        if (errors <= 3) process.stderr.write(`  ! floor call failed: ${(e as Error).message}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: o.connections }, worker));
  return stats(latencies, (performance.now() - started) / 1000, errors);
}
