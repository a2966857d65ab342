// Statement capture for the HTTP floor: a TCP proxy between an API process and PostgreSQL that reads the
// PostgreSQL wire protocol (v3) as it passes and records every statement the API executes, with the exact
// text, the parameter values as sent (text format) and their declared types, the rows returned, and which
// statements had finished before each one was sent. The floor server (floor-server.ts) replays them through
// postgres.js. Nothing of the API's code is read or changed: what is captured is what reached the database.
import net from "node:net";

/** One execution of a statement, as seen on the wire. */
export interface Execution {
  /** Which client connection (of the API's pool) sent it, numbered in order of connection. */
  connection: number;
  text: string;
  /** Parameter values as bound (text format; null for NULL). */
  params: (string | null)[];
  /** Parameter type OIDs the client declared in its Parse message (0: left to the server). */
  types: number[];
  /** A named prepared statement (Bind of a statement with a name), an unnamed one, or a simple Query message. */
  prepared: boolean;
  simple: boolean;
  /** DataRow messages returned. */
  rows: number;
  /** performance.now() when its Execute reached the proxy, and when the ReadyForQuery after it came back. */
  sent: number;
  done: number;
  error?: string;
}

/** Run-time parameters of a connection's StartupMessage (user and database left out). */
export type StartupParameters = Record<string, string>;

interface Conn {
  id: number;
  /** Prepared statements of this connection: name → text and declared types. */
  statements: Map<string, { text: string; types: number[] }>;
  /** The unnamed portal's bound statement and values. */
  portal?: { text: string; types: number[]; params: (string | null)[]; prepared: boolean };
  /** Executions sent since the last Sync. */
  group: Execution[];
  /** Groups waiting for their ReadyForQuery, in order. */
  syncs: Execution[][];
  /** Executions waiting for their CommandComplete, in order. */
  pending: Execution[];
}

export interface CaptureProxy {
  /** postgres:// URL that reaches the database through the proxy. */
  url: string;
  /** Every execution recorded between start() and stop() (finished ones only). */
  start(): void;
  stop(): Execution[];
  /** The run-time parameters the client's connections asked for (from the last StartupMessage seen). */
  startup(): StartupParameters;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

export async function startCaptureProxy(databaseUrl: string): Promise<CaptureProxy> {
  const upstream = new URL(databaseUrl);
  const host = upstream.hostname || "127.0.0.1";
  const port = Number(upstream.port || 5432);
  let recording: Execution[] | null = null;
  let startupParams: StartupParameters = {};
  let connections = 0;
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    const conn: Conn = { id: connections++, statements: new Map(), group: [], syncs: [], pending: [] };
    const db = net.connect(port, host);
    sockets.add(client).add(db);
    const close = () => {
      client.destroy();
      db.destroy();
      sockets.delete(client);
      sockets.delete(db);
    };
    client.on("error", close).on("close", close);
    db.on("error", close).on("close", close);

    // Client → server. Before the StartupMessage (and after an SSLRequest refused with 'N'), messages have no
    // type byte.
    let fromClient: Buffer = Buffer.alloc(0);
    let startupPhase = true;
    let awaitSslAnswer = false;
    client.on("data", (chunk: Buffer) => {
      db.write(chunk);
      fromClient = fromClient.length ? Buffer.concat([fromClient, chunk]) : chunk;
      const now = performance.now();
      for (;;) {
        if (startupPhase) {
          if (fromClient.length < 8) break;
          const len = fromClient.readInt32BE(0);
          if (fromClient.length < len) break;
          const code = fromClient.readInt32BE(4);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) awaitSslAnswer = true;
          else if (code !== CANCEL_REQUEST) {
            startupParams = readStartup(fromClient.subarray(8, len));
            startupPhase = false;
          }
          fromClient = fromClient.subarray(len);
          continue;
        }
        if (fromClient.length < 5) break;
        const len = fromClient.readInt32BE(1);
        if (fromClient.length < 1 + len) break;
        onClientMessage(conn, String.fromCharCode(fromClient[0]), fromClient.subarray(5, 1 + len), now);
        fromClient = fromClient.subarray(1 + len);
      }
    });

    // Server → client.
    let fromServer: Buffer = Buffer.alloc(0);
    db.on("data", (chunk: Buffer) => {
      const now = performance.now();
      fromServer = fromServer.length ? Buffer.concat([fromServer, chunk]) : chunk;
      if (awaitSslAnswer && fromServer.length) {
        awaitSslAnswer = false;
        if (fromServer[0] !== 0x4e /* N */) {
          client.destroy(new Error("the capture proxy reads the wire protocol: connect without TLS (sslmode=disable)"));
          return;
        }
        fromServer = fromServer.subarray(1);
      }
      for (;;) {
        if (fromServer.length < 5) break;
        const len = fromServer.readInt32BE(1);
        if (fromServer.length < 1 + len) break;
        onServerMessage(conn, String.fromCharCode(fromServer[0]), fromServer.subarray(5, 1 + len), now);
        fromServer = fromServer.subarray(1 + len);
      }
      client.write(chunk);
    });
  });

  function onClientMessage(conn: Conn, type: string, body: Buffer, now: number) {
    const r = reader(body);
    switch (type) {
      case "P": {
        const name = r.cstring();
        const text = r.cstring();
        const types = Array.from({ length: r.int16() }, () => r.int32());
        conn.statements.set(name, { text, types });
        break;
      }
      case "B": {
        r.cstring(); // portal (postgres.js uses the unnamed one)
        const name = r.cstring();
        const statement = conn.statements.get(name);
        const formats = Array.from({ length: r.int16() }, () => r.int16());
        const params = Array.from({ length: r.int16() }, (_, i) => {
          const n = r.int32();
          if (n < 0) return null;
          const bytes = r.bytes(n);
          const binary = (formats.length === 1 ? formats[0] : formats[i]) === 1;
          return binary ? `\\x${bytes.toString("hex")}` : bytes.toString("utf8");
        });
        conn.portal = statement && { ...statement, params, prepared: name !== "" };
        break;
      }
      case "E": {
        if (!conn.portal) break;
        const { text, params, types, prepared } = conn.portal;
        const e: Execution = { connection: conn.id, text, params, types, prepared, simple: false, rows: 0, sent: now, done: NaN };
        conn.group.push(e);
        conn.pending.push(e);
        break;
      }
      case "Q": {
        const e: Execution = { connection: conn.id, text: r.cstring(), params: [], types: [], prepared: false, simple: true, rows: 0, sent: now, done: NaN };
        conn.pending.push(e);
        conn.syncs.push([e]);
        break;
      }
      case "S":
        conn.syncs.push(conn.group);
        conn.group = [];
        break;
    }
  }

  function onServerMessage(conn: Conn, type: string, body: Buffer, now: number) {
    switch (type) {
      case "D":
        if (conn.pending[0]) conn.pending[0].rows++;
        break;
      case "C":
      case "I":
        conn.pending.shift();
        break;
      case "E": {
        const failed = conn.pending.shift();
        if (failed) failed.error = errorMessage(body);
        break;
      }
      case "Z": {
        const group = conn.syncs.shift() ?? [];
        for (const e of group) {
          e.done = now;
          // Executions skipped after an error in their group never get a CommandComplete.
          const k = conn.pending.indexOf(e);
          if (k >= 0) {
            conn.pending.splice(k, 1);
            e.error ??= "skipped after an error";
          }
          recording?.push(e);
        }
        break;
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxied = new URL(databaseUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String((server.address() as net.AddressInfo).port);
  proxied.searchParams.set("sslmode", "disable");
  return {
    url: proxied.toString(),
    start: () => void (recording = []),
    stop: () => {
      const got = (recording ?? []).sort((a, b) => a.sent - b.sent);
      recording = null;
      return got;
    },
    startup: () => startupParams,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function reader(b: Buffer) {
  let at = 0;
  return {
    cstring() {
      const end = b.indexOf(0, at);
      const s = b.toString("utf8", at, end);
      at = end + 1;
      return s;
    },
    int16() {
      const v = b.readInt16BE(at);
      at += 2;
      return v;
    },
    int32() {
      const v = b.readInt32BE(at);
      at += 4;
      return v;
    },
    bytes(n: number) {
      const v = b.subarray(at, at + n);
      at += n;
      return v;
    },
  };
}

function readStartup(b: Buffer): StartupParameters {
  const parts = b.toString("utf8").split("\0");
  const out: StartupParameters = {};
  for (let i = 0; i + 1 < parts.length && parts[i]; i += 2) if (parts[i] !== "user" && parts[i] !== "database") out[parts[i]] = parts[i + 1];
  return out;
}

/** The 'M' field of an ErrorResponse. */
function errorMessage(b: Buffer): string {
  let at = 0;
  while (at < b.length && b[at] !== 0) {
    const code = String.fromCharCode(b[at]);
    const end = b.indexOf(0, at + 1);
    if (code === "M") return b.toString("utf8", at + 1, end);
    at = end + 1;
  }
  return "error";
}

/**
 * What the floor replays for one operation: the statements of one request in the order they were sent, each
 * with the statements that had finished before it was sent (it may have needed their rows; the others ran
 * beside it), and whether they ran inside a transaction on one connection.
 */
export interface Replay {
  statements: { text: string; params: (string | null)[]; types: number[]; prepared: boolean; simple: boolean; rows: number; after: number[]; connection: number }[];
  /** Connections (of the capture) whose statements must run on one reserved connection: they hold a transaction. */
  transactional: number[];
}

export function replayOf(executions: Execution[]): Replay {
  const statements = executions.map((e, i) => ({
    text: e.text,
    params: e.params,
    types: e.types,
    prepared: e.prepared,
    simple: e.simple,
    rows: e.rows,
    connection: e.connection,
    after: executions.slice(0, i).flatMap((d, j) => (d.done <= e.sent ? [j] : [])),
  }));
  const transactional = [...new Set(executions.filter((e) => /^\s*(begin|start\s+transaction)\b/i.test(e.text)).map((e) => e.connection))];
  return { statements, transactional };
}

/**
 * Two captures of one operation are the same work: the same statements (texts, values, declared types, how
 * they were sent), in any order (statements sent side by side on different connections arrive in any order).
 */
export function sameWork(a: Execution[], b: Execution[]): boolean {
  const key = (e: Execution) => JSON.stringify([e.text, e.params, e.types, e.prepared, e.simple]);
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}
