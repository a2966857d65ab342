// Writes the README's example operations to examples/operations/NN-Name.graphql (the explorer's tabs and the
// typed client's documents). test/e2e/readme.test.ts fails when they differ from the README.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../src/db/paths.js";
import { OPERATIONS_DIR, operationFile, readmeOperations } from "../src/explorer/readme-operations.js";

const ops = readmeOperations(readFileSync(join(projectRoot, "README.md"), "utf8"));
mkdirSync(OPERATIONS_DIR, { recursive: true });
for (const f of readdirSync(OPERATIONS_DIR)) if (f.endsWith(".graphql")) rmSync(join(OPERATIONS_DIR, f));
ops.forEach((op, i) => writeFileSync(join(OPERATIONS_DIR, operationFile(op, i)), op.text));
console.log(`wrote ${ops.length} operations to ${OPERATIONS_DIR}`);
