import "reflect-metadata";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/db/paths.js";
import { createSchema, printSdl } from "../../src/schema.js";

describe("schema/schema.graphql", () => {
  it("equals the schema the code builds (run `npm run schema` after changing types)", async () => {
    const committed = readFileSync(join(projectRoot, "schema", "schema.graphql"), "utf8");
    expect(printSdl(await createSchema())).toBe(committed);
  });
});
