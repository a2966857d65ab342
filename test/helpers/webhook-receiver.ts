import http from "node:http";

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** What the receiver answered (0: it never answered). */
  status: number;
  at: number;
}

/** How the receiver answers a path: a status, after an optional delay, or once `until` settles. */
export type Behaviour = (req: { path: string; body: string; count: number }) => { status: number; delayMs?: number; until?: Promise<unknown> };

/**
 * A local HTTP receiver for webhook tests: records every request (raw body and headers) and answers each path
 * as told (`on`); 200 by default.
 */
export async function startReceiver() {
  const received: Received[] = [];
  const behaviours = new Map<string, Behaviour>();
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      const body = Buffer.concat(chunks).toString();
      const count = (counts.get(path) ?? 0) + 1;
      counts.set(path, count);
      const { status, delayMs = 0, until } = behaviours.get(path)?.({ path, body, count }) ?? { status: 200 };
      const entry: Received = { path, headers: req.headers, body, status: 0, at: Date.now() };
      received.push(entry);
      const answer = () => {
        if (res.destroyed) return;
        entry.status = status;
        res.writeHead(status, { "content-type": "text/plain" }).end("ok");
      };
      if (until) void until.then(answer, answer);
      else if (delayMs) setTimeout(answer, delayMs).unref();
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    at: (path: string) => received.filter((r) => r.path === path),
    on(path: string, b: Behaviour) {
      behaviours.set(path, b);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
