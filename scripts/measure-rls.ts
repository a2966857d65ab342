// What row-level security would add to every read on postgres.js: the caller set per transaction
// (BEGIN, set_config, the statement, COMMIT) against the statement alone, 4 connections, prepared.
// Usage: npx tsx scripts/measure-rls.ts [postgres url] (default: the bench's small database).
import postgres from "postgres";

const url = process.argv[2] ?? "postgres://postgres@127.0.0.1:5432/xmu_bench_small";
const sql = postgres(url, { max: 4, onnotice: () => {} });
const q = "select count(*) from enrollments where cohort_id = any(array(select id from cohorts where program_id = $1))";

async function run(wrap: boolean, n: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 4 }, async (_, w) => {
      for (let i = w; i < n; i += 4) {
        if (!wrap) await sql.unsafe(q, [1 + (i % 50)], { prepare: true });
        else
          await sql.begin(async (tx) => {
            await tx.unsafe("select set_config('app.institution', $1, true)", [String(i % 50)], { prepare: true });
            await tx.unsafe(q, [1 + (i % 50)], { prepare: true });
          });
      }
    }),
  );
  return Number(process.hrtime.bigint() - t0) / 1e3 / n;
}

for (let round = 0; round < 3; round++) {
  const plain = await run(false, 4000);
  const wrapped = await run(true, 4000);
  console.log(`plain ${plain.toFixed(0)} µs/read; BEGIN + set_config + statement + COMMIT ${wrapped.toFixed(0)} µs/read (+${(wrapped - plain).toFixed(0)} µs)`);
}
await sql.end();
