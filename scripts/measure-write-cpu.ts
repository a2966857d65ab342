// The server's own CPU time per single write (user + system, from /proc/<pid>/stat): registerStudent (a new
// person each call) and transitionEnrollment (ENROLLED ↔ ON_LEAVE), on the bench database of the small scale
// (npm run bench makes it). CPU per request is far less sensitive than latency to what else the machine runs.
//
// Usage: npm run build && npx tsx scripts/measure-write-cpu.ts [--requests 2000] [--connections 4] [--only registerStudent,transitionEnrollment]
//   [--entry dist/src/main.js] [--cpu-prof DIR]; BARE=1 asks for no payload object (what the payload reads cost).
// The rows it writes are removed at the end (students with the run's passport prefix, their enrollments,
// history and audit rows); transitions end where they started.
import { parseArgs } from "node:util";
import postgres from "postgres";
import { mintToken } from "../src/modules/auth/auth.service.js";
import { toGlobalId } from "../src/shared/global-id.js";
import { loadAutocannon } from "../bench/lib/measure.js";
import { cpuMs, startCpuServer } from "./lib/cpu-server.js";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "2000" },
    connections: { type: "string", default: "4" },
    rounds: { type: "string", default: "3" },
    entry: { type: "string", default: "dist/src/main.js" },
    "cpu-prof": { type: "string" },
    only: { type: "string" },
    db: { type: "string", default: process.env.BENCH_POSTGRES_URL?.replace(/\/[^/]*$/, "/xmu_bench_small") ?? "postgres://postgres@127.0.0.1:5432/xmu_bench_small" },
  },
});
const SECRET = "measure-write-cpu-secret-0123456789";
const ISSUER = { secret: SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" };

const db = postgres(args.db!, { max: 1, onnotice: () => {} });
const [t] = await db`select (select institution_id from program_partners where program_id = 1 order by institution_id limit 1) as partner,
  (select max(id) from cohorts where program_id = 1) as cohort,
  (select country_code from institutions where id = (select institution_id from program_partners where program_id = 1 order by institution_id limit 1)) as country`;
const enrolled = (await db`select e.id from enrollments e join cohorts c on c.id = e.cohort_id join programs p on p.id = c.program_id
  where p.host_institution_id = 1 and e.status = 'ENROLLED' order by e.id limit 2000`).map((r) => Number(r.id));
const tag = `W${Date.now().toString(36).toUpperCase()}`;
const registrar = await mintToken(ISSUER, { subject: `cpu-registrar-${tag}`, role: "PARTNER_REGISTRAR", institutionId: Number(t.partner) });
const hostAdmin = await mintToken(ISSUER, { subject: `cpu-admin-${tag}`, role: "INSTITUTION_ADMIN", institutionId: 1 });

let person = 0;
const register = () => JSON.stringify({
  query: `mutation One($input: RegisterStudentInput!) { registerStudent(input: $input) ${process.env.BARE ? "{ existingStudent }" : "{ existingStudent student { id familyNameLatin } enrollment { id status } }"} }`,
  variables: { input: { cohortId: toGlobalId("Cohort", Number(t.cohort)), student: { familyName: "Тестов", givenNames: "Тест", familyNameLatin: "Testov", givenNamesLatin: "Test", dateOfBirth: "2003-04-05", nationality: String(t.country).trim(), passportNumber: `${tag}${String(person++).padStart(7, "0")}` } } },
});
const state = new Map(enrolled.map((id) => [id, "ENROLLED"]));
let move = 0;
const transition = () => {
  const id = enrolled[move++ % enrolled.length];
  const to = state.get(id) === "ENROLLED" ? "ON_LEAVE" : "ENROLLED";
  state.set(id, to);
  return JSON.stringify({
    query: `mutation T($input: TransitionEnrollmentInput!) { transitionEnrollment(input: $input) ${process.env.BARE ? "{ __typename }" : "{ enrollment { id status } }"} }`,
    variables: { input: { enrollmentId: toGlobalId("Enrollment", id), to, reason: "measure" } },
  });
};
const writes = [
  { name: "registerStudent", body: register, token: registrar },
  { name: "transitionEnrollment", body: transition, token: hostAdmin },
];

const measured = args.only ? writes.filter((w) => args.only!.split(",").includes(w.name)) : writes;
const { run } = loadAutocannon();
const server = await startCpuServer({ entry: args.entry!, db: args.db!, secret: SECRET, nodeArgs: args["cpu-prof"] ? ["--cpu-prof", "--cpu-prof-dir", args["cpu-prof"]] : [] });
try {
  const n = Number(args.requests);
  const results = new Map<string, number[]>();
  for (let round = 0; round < Number(args.rounds); round++)
    for (const w of measured) {
      const opts = (amount: number) => ({
        url: server.url, method: "POST" as const, connections: Number(args.connections), amount,
        headers: { "content-type": "application/json", authorization: `Bearer ${w.token}` },
        requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: w.body() }) }],
      });
      if (round === 0) await run(opts(300)); // warm-up
      const before = cpuMs(server.pid);
      const out = await run(opts(n));
      const used = cpuMs(server.pid) - before;
      if (out.non2xx || out.errors) throw new Error(`${w.name}: ${out.non2xx} non-2xx, ${out.errors} errors`);
      (results.get(w.name) ?? results.set(w.name, []).get(w.name)!).push((used * 1000) / n);
    }
  console.log(`server CPU per request (µs; ${n} requests per round, ${args.connections} connections):`);
  for (const [name, xs] of results) console.log(`  ${name}: ${xs.map((x) => x.toFixed(0)).join(", ")}  (min ${Math.min(...xs).toFixed(0)})`);
} finally {
  await server.stop();
  // Leave the bench database as it was: the students this run registered, and every transition undone.
  const ids = (await db`select id from students where passport_number like ${tag + "%"}`).map((r) => Number(r.id));
  if (ids.length) {
    const en = (await db`select id from enrollments where student_id = any(${ids})`).map((r) => Number(r.id));
    await db`delete from audit_log where (entity_type = 'Student' and entity_id = any(${ids})) or (entity_type = 'Enrollment' and entity_id = any(${en}))`;
    await db`delete from enrollment_status_changes where enrollment_id = any(${en})`;
    await db`delete from enrollments where id = any(${en})`;
    await db`delete from students where id = any(${ids})`;
  }
  const onLeave = [...state].filter(([, s]) => s === "ON_LEAVE").map(([id]) => id);
  if (onLeave.length) await db`update enrollments set status = 'ENROLLED' where id = any(${onLeave})`;
  await db.end();
}
