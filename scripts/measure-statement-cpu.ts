// PostgreSQL's own CPU time per execution of captured statements (user + system of the backend, from
// /proc/<pid>/stat; PostgreSQL on this machine), in 3 alternating rounds on one connection, each statement
// prepared as the API prepares it. CPU time of the backend is far less sensitive than latency to what else the
// machine runs. BENCHMARKS.md's "The dashboard's statement" section is measured with it.
//
// Usage: npx tsx scripts/measure-statement-cpu.ts [--executions 60] [--warm BYTES] [--url postgres://…] a.json b.json …
// Each file holds {"text": "...", "params": [...]}: a statement as the bench's capture proxy records it
// (bench/lib/capture.ts). --warm: first make and free one string of that many bytes on the connection, which
// raises glibc's trim threshold in that backend (see BENCHMARKS.md).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import postgres from "postgres";

const { values: args, positionals: files } = parseArgs({
  options: {
    executions: { type: "string", default: "60" },
    warm: { type: "string" },
    url: { type: "string", default: "postgres://postgres@127.0.0.1:5432/xmu_bench_small" },
  },
  allowPositionals: true,
});
const n = Number(args.executions);
const sql = postgres(args.url!, { max: 1, onnotice: () => {} });
await sql`set jit = off`;
if (args.warm) await sql`select length(repeat('x', ${Number(args.warm)}::int))`;
const [{ pid }] = await sql`select pg_backend_pid() as pid`;
const cpuMs = () => {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
};
const statements = files.map((f) => ({ f, ...(JSON.parse(readFileSync(f, "utf8")) as { text: string; params: unknown[] }) }));
for (let round = 0; round < 3; round++)
  for (const { f, text, params } of statements) {
    for (let i = 0; i < 8; i++) await sql.unsafe(text, params as never[], { prepare: true });
    const c0 = cpuMs();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await sql.unsafe(text, params as never[], { prepare: true });
    console.log(`${f.padEnd(32)} backend CPU ${((cpuMs() - c0) / n).toFixed(2)} ms/execution, wall ${((performance.now() - t0) / n).toFixed(2)} ms`);
  }
await sql.end();
