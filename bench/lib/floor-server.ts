// The HTTP floor: a minimal node:http server that answers each read operation by running the statements the
// API ran for it (captured on the wire, bench/lib/capture.ts) through postgres.js and writing
// JSON.stringify of their rows. No GraphQL, no auth, no framework. It runs as a process of its own, as the API
// does:
//   node --import tsx bench/lib/floor-server.ts SPEC.json
// SPEC.json: { url, max, connection: {startup parameters}, replays: { [operation]: Replay } }. It prints
// `floor ready <port>` and serves POST /<operation> (any method, any body) until SIGTERM.
import { readFileSync } from "node:fs";
import http from "node:http";
import postgres from "postgres";
import type { Replay } from "./capture.js";

export interface FloorSpec {
  url: string;
  /** Pool size: the API's (DB_POOL_SIZE). */
  max: number;
  /** Run-time parameters the API's connections start with (statement_timeout, jit, …). */
  connection: Record<string, string>;
  /** The statement the API's driver runs on every new connection (src/db/client.ts). */
  connectStatement: string;
  replays: Record<string, Replay>;
}

const spec = JSON.parse(readFileSync(process.argv[2], "utf8")) as FloorSpec;
const sql = postgres(spec.url, { max: spec.max, onnotice: () => {}, connect_statement: spec.connectStatement, connection: { ...spec.connection, application_name: "xmu-bench-floor" } });
// The captured values are the text the API's driver sent: bind them as they are, whatever their type
// (postgres.js would otherwise serialize a JSON or boolean value a second time).
const same = (x: unknown) => x;
(sql.options as { serializers: unknown }).serializers = new Proxy({}, { has: () => true, get: () => same, set: () => true });

type Rows = postgres.RowList<postgres.Row[]>;

/** One request's statements, each started once the statements that had finished before it was sent (in the capture) have finished. */
async function run(r: Replay): Promise<Rows[]> {
  const reserved = new Map<number, postgres.ReservedSql>();
  for (const c of r.transactional) reserved.set(c, await sql.reserve());
  try {
    const done: Promise<Rows>[] = [];
    r.statements.forEach((s, i) => {
      const q = reserved.get(s.connection) ?? sql;
      const exec = () => q.unsafe(s.text, s.params.map((v, k) => (v === null ? null : sql.typed(v, s.types[k] ?? 0))), { prepare: s.prepared, simple: s.simple } as postgres.UnsafeQueryOptions) as unknown as Promise<Rows>;
      done[i] = s.after.length ? Promise.all(s.after.map((j) => done[j])).then(exec) : exec();
    });
    return await Promise.all(done);
  } finally {
    for (const c of reserved.values()) c.release();
  }
}

const server = http.createServer((req, res) => {
  const replay = spec.replays[(req.url ?? "/").slice(1).split("?")[0]];
  req.resume();
  req.on("end", () => {
    if (!replay) {
      res.writeHead(404).end();
      return;
    }
    run(replay).then(
      (results) => {
        const body = JSON.stringify(results.length === 1 ? results[0] : results);
        res.writeHead(200, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-sql-statements": String(results.length),
          "x-rows": results.map((r) => r.length).join(","),
        });
        res.end(body);
      },
      (e: Error) => {
        res.writeHead(500, { "content-type": "text/plain" }).end(e.message);
      },
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`floor ready ${(server.address() as { port: number }).port}\n`));
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void sql.end({ timeout: 5 }).then(() => process.exit(0));
});
