import { generate } from "@graphql-codegen/cli";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import config from "../../codegen.js";
import { projectRoot } from "../../src/db/paths.js";

// The example client's generated types (examples/client/gql) are committed: they must be what `npm run codegen`
// makes now from schema/schema.graphql and the operations, or the client compiles against a schema that is gone.
// Generated in memory (nothing written), from codegen.ts itself, and compared file by file.

const GENERATED_DIR = join(projectRoot, "examples", "client", "gql");

describe("examples/client/gql", () => {
  it("equals what codegen generates from the schema and the operations (run `npm run codegen` after changing either)", async () => {
    const outputs: { filename: string; content: string }[] = await generate({ ...config, cwd: projectRoot, silent: true }, false);
    const made = new Map(outputs.map((o) => [relative(projectRoot, join(projectRoot, o.filename)), o.content]));
    expect(made.size).toBeGreaterThan(0);
    // No committed file that codegen no longer makes, and each one it makes committed as made.
    const committed = readdirSync(GENERATED_DIR).map((f) => relative(projectRoot, join(GENERATED_DIR, f)));
    expect(committed.sort(), "run npm run codegen").toEqual([...made.keys()].sort());
    for (const [file, content] of made) {
      const path = join(projectRoot, file);
      expect(existsSync(path) ? readFileSync(path, "utf8") : null, `${file} is stale: run npm run codegen`).toBe(content);
    }
  }, 120_000);
});
