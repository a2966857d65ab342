// A PostGraphile v5 server over the bench database, as its documentation sets one up (the Amber preset,
// grafserv on node:http, a pg pool), for the bench's dashboard peer (bench/lib/peer.ts):
//   DATABASE_URL=… POOL_SIZE=10 node bench/peers/postgraphile/server.mjs
// It prints `postgraphile ready <port>` and serves POST /graphql until SIGTERM. No auth, no row security:
// every caller reads everything.
//
// PostGraphile v5 asks Node >= 22; this project runs on Node 20, where grafserv's one Node 22 call,
// Promise.withResolvers, is added here before PostGraphile is loaded.
import http from "node:http";

if (!Promise.withResolvers)
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new this((a, b) => ((resolve = a), (reject = b)));
    return { promise, resolve, reject };
  };

const { postgraphile } = await import("postgraphile");
const { PostGraphileAmberPreset } = await import("postgraphile/presets/amber");
const { makePgService } = await import("postgraphile/adaptors/pg");
const { grafserv } = await import("postgraphile/grafserv/node");
const { jsonPgSmartTags } = await import("postgraphile/utils");

// The table dispatch_purposes and the enum dispatch_purpose would both be named DispatchPurpose.
const tags = jsonPgSmartTags({ version: 1, config: { class: { dispatch_purposes: { tags: { name: "dispatch_purpose_row" } } } } });
const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  plugins: [tags],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"], poolConfig: { max: Number(process.env.POOL_SIZE ?? 10) } })],
  grafserv: { graphqlPath: "/graphql", watch: false },
});
const server = http.createServer();
await pgl.createServ(grafserv).addTo(server);
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`postgraphile ready ${server.address().port}\n`));
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void pgl.release().then(() => process.exit(0));
});
