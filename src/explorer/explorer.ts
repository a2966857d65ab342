import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { GraphQLSchema } from "graphql";
import type express from "express";
import { printSdl } from "../schema.js";
import { committedOperations } from "./readme-operations.js";

// The browser explorer: GraphiQL served from the project's own npm dependencies (its UMD build and React's),
// so the page makes no request outside this server and works offline. Its tabs are the README's example
// operations, with a header editor for the token. The SDL is served beside it, at a stable URL.

export type ExplorerKind = "graphiql" | "sandbox" | "off";

const require = createRequire(import.meta.url);

/** The folder of an installed package (its package.json), found from its main file. */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, "package.json")) || JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name !== name) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`explorer: package ${name} not found`);
    dir = up;
  }
  return dir;
}

const ASSETS: Record<string, { pkg: string; path: string; type: string }> = {
  "react.js": { pkg: "react", path: "umd/react.production.min.js", type: "text/javascript" },
  "react-dom.js": { pkg: "react-dom", path: "umd/react-dom.production.min.js", type: "text/javascript" },
  "graphiql.js": { pkg: "graphiql", path: "graphiql.min.js", type: "text/javascript" },
  "graphiql.css": { pkg: "graphiql", path: "graphiql.min.css", type: "text/css" },
};

/**
 * Only this server's own scripts, styles and connections. GraphiQL sets element styles from script (React's
 * `style` props and CodeMirror), hence 'unsafe-inline' for styles only; its fonts and icons are data: URLs.
 */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

// Relative URLs: the page is served at the GraphQL path itself (/graphql), so they also work behind a proxy
// that mounts the API under a prefix.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Xinjiang–Central Asia exchange API · GraphiQL</title>
<link rel="stylesheet" href="graphql/explorer/graphiql.css">
<link rel="stylesheet" href="graphql/explorer/page.css">
</head>
<body>
<div id="graphiql">Loading the explorer…</div>
<script src="graphql/explorer/react.js"></script>
<script src="graphql/explorer/react-dom.js"></script>
<script src="graphql/explorer/graphiql.js"></script>
<script src="graphql/explorer/explorer.js"></script>
</body>
</html>
`;

const PAGE_CSS = "html, body, #graphiql { height: 100%; margin: 0; }\n";

// Runs in the browser. No inline script (the CSP allows none): this file is served beside the page.
const CLIENT = `"use strict";
(async function () {
  var endpoint = location.origin + location.pathname.replace(/\\/$/, "");
  var examples = await (await fetch(endpoint + "/explorer/examples.json")).json();
  var fetcher = GraphiQL.createFetcher({ url: endpoint });
  var tabs = examples.map(function (e) { return { query: e.query, headers: e.headers }; });
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: tabs,
      defaultEditorToolsVisibility: "headers",
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false
    })
  );
})();
`;

/** The README's operations as tabs; a tab whose example names a caller gets a header to fill in. */
function examplesJson(): string {
  const tabs = committedOperations().map((op) => ({
    name: op.name,
    query: op.text,
    headers: op.as
      ? JSON.stringify(
          { authorization: `Bearer <token: npm run -s token -- --role ${op.as.role}${op.as.institution ? ` --institution ${op.as.institution}` : ""}>` },
          null,
          2,
        )
      : "",
  }));
  return JSON.stringify(tabs);
}

/** Routes under /graphql that come before the GraphQL endpoint: the SDL always, the explorer when chosen. */
export function explorerRoutes(app: express.Express, schema: GraphQLSchema, kind: ExplorerKind): void {
  // The SDL at a stable URL, also when introspection is off: the schema is the published API (committed in
  // schema/schema.graphql); introspection stays off in production for its cost and its hints, not for secrecy.
  const sdl = printSdl(schema);
  app.get("/graphql/schema.graphql", (_req, res) => {
    res.type("text/plain; charset=utf-8").setHeader("cache-control", "no-cache").send(sdl);
  });
  // A GET with no operation from a client that did not ask for a page (curl, a script): say what the endpoint takes,
  // rather than the CSRF rule's message, which only applies because such a GET has no content type.
  app.get("/graphql", (req, res, next) => {
    if (req.query.query !== undefined || req.query.extensions !== undefined || req.accepts(["application/json", "application/graphql-response+json", "text/html"]) === "text/html") return next();
    res.status(400).json({
      errors: [{
        message: "GET /graphql needs an operation: ?query=… (queries only) with the header apollo-require-preflight: true (the CSRF rule), or POST a JSON body { query, variables }; open this URL in a browser for the explorer, or read the schema at /graphql/schema.graphql",
        extensions: { code: "BAD_REQUEST", field: "query" },
      }],
    });
  });
  if (kind !== "graphiql") return;

  const files = new Map<string, { body: Buffer | string; type: string }>();
  for (const [name, a] of Object.entries(ASSETS)) files.set(name, { body: readFileSync(join(packageDir(a.pkg), a.path)), type: a.type });
  files.set("explorer.js", { body: CLIENT, type: "text/javascript" });
  files.set("page.css", { body: PAGE_CSS, type: "text/css" });
  files.set("examples.json", { body: examplesJson(), type: "application/json" });

  app.get("/graphql/explorer/:file", (req, res, next) => {
    const f = files.get(req.params.file);
    if (!f) return next();
    res.type(f.type).setHeader("cache-control", "no-cache").setHeader("x-content-type-options", "nosniff").send(f.body);
  });
  // A browser's GET of the endpoint (it accepts HTML and sends no query) gets the page; anything else is GraphQL.
  app.get("/graphql", (req, res, next) => {
    if (req.query.query !== undefined || req.accepts(["application/json", "application/graphql-response+json", "text/html"]) !== "text/html") return next();
    // At /graphql/ the page's relative URLs would miss: send the browser to /graphql (relative, so a proxy's prefix stays).
    if (req.originalUrl.split("?")[0].endsWith("/")) return res.redirect(301, "../graphql");
    res.type("text/html; charset=utf-8").setHeader("content-security-policy", EXPLORER_CSP).setHeader("cache-control", "no-cache").send(PAGE);
  });
}
