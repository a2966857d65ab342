import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";
import LongestFirstSequencer from "./test/sequencer.js";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Vite would resolve `graphql` in our sources to its .mjs build while Apollo and type-graphql load the
    // CommonJS one: two copies, "Cannot use GraphQLObjectType from another module or realm".
    // A regular expression, so that a deep import (graphql/execution/collectFields.js) is not rewritten under it.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Files share their worker's modules (the schema, the engine's declarations, drizzle): importing the
    // application once per worker instead of once per file. Every suite opens its own database and server.
    isolate: false,
    // Most suites wait on PostgreSQL or on server processes: three at once on two cores.
    maxWorkers: 3,
    reporters: ["default"],
    sequence: { sequencer: LongestFirstSequencer },
  },
});
