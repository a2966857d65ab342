import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import { AsyncResource } from "node:async_hooks";
import type http from "node:http";
import { bodyError, sendJson } from "./request-scope.js";

// POST /graphql with a JSON body, straight from node:http to Apollo Server's executeHTTPGraphQLRequest (what the
// Express integration calls), without Express's router, body-parser and response helpers: per request they cost
// more CPU than Apollo's own pipeline (BENCHMARKS.md, "Per-request work"). Every other request (GET, other paths,
// other content types, compressed bodies) still goes through Express, so its answers do not change.

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** Whether this handler answers the request; the rest go to Express. */
export function isPlainGraphqlPost(req: http.IncomingMessage, path: string): boolean {
  if (req.method !== "POST") return false;
  const url = req.url ?? "";
  if (url !== path && !url.startsWith(`${path}?`)) return false;
  const type = req.headers["content-type"];
  const encoding = req.headers["content-encoding"];
  return typeof type === "string" && JSON_TYPE.test(type) && (encoding === undefined || encoding === "identity");
}

export interface PostOptions<Ctx extends BaseContext> {
  limitBytes: number;
  context: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<Ctx>;
  onError: (err: unknown) => void;
}

/** Reads the body (at most `limitBytes`), runs the operation through Apollo Server and writes its answer. */
export function handleGraphqlPost<Ctx extends BaseContext>(apollo: ApolloServer<Ctx>, o: PostOptions<Ctx>, req: http.IncomingMessage, res: http.ServerResponse): void {
  const declared = Number(req.headers["content-length"]);
  if (declared > o.limitBytes) return refuse(req, res, 413, o.limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on("data", (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > o.limitBytes) {
      refused = true;
      refuse(req, res, 413, o.limitBytes);
      return;
    }
    chunks.push(chunk);
  });
  // Run in the request's store (request-store.ts): a stream's events run in the context of whoever emits them.
  // An AsyncResource rather than AsyncResource.bind, which on Node 20 also builds a deprecation wrapper per call.
  const scope = new AsyncResource("graphql-post");
  req.on("end", () =>
    scope.runInAsyncScope(() => {
      if (refused) return;
      const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString("utf8");
      let body: unknown;
      // As body-parser's strict mode: an object or an array, nothing else.
      if (!/^[\s]*[{[]/.test(text)) return sendJson(res, 400, bodyError(400, o.limitBytes));
      try {
        body = JSON.parse(text);
      } catch {
        return sendJson(res, 400, bodyError(400, o.limitBytes));
      }
      void execute(apollo, o, req, res, body);
    }),
  );
  req.on("error", () => {}); // a client that goes away: nothing to answer
}

/**
 * Answers once the client has finished sending (the rest of the body read and dropped), so that it reads the
 * answer instead of a reset connection; a body past 8 times the limit, or still coming after 2 s, is answered
 * at once and the connection closed. The connection never carries another request.
 */
function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, limitBytes: number): void {
  const answer = () => {
    if (res.headersSent) return;
    clearTimeout(timer);
    res.setHeader("connection", "close");
    sendJson(res, status, bodyError(status, limitBytes));
  };
  const timer = setTimeout(answer, 2_000);
  timer.unref();
  let dropped = 0;
  if (Number(req.headers["content-length"]) > 8 * limitBytes) answer();
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > 8 * limitBytes) answer();
  });
  req.on("end", answer);
  req.on("close", () => clearTimeout(timer));
  req.resume();
}

async function execute<Ctx extends BaseContext>(apollo: ApolloServer<Ctx>, o: PostOptions<Ctx>, req: http.IncomingMessage, res: http.ServerResponse, body: unknown): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  const q = req.url!.indexOf("?");
  try {
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers, search: q < 0 ? "" : req.url!.slice(q), body },
      context: () => o.context(req, res),
    });
    if (res.headersSent) return; // answered meanwhile (the request's deadline)
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === "complete") {
      res.setHeader("content-length", Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  } catch (err) {
    // Apollo answers its own failures; this is a fault of the writing itself.
    o.onError(err);
    if (!res.headersSent) sendJson(res, 500, bodyError(500, o.limitBytes));
    else res.destroy();
  }
}
