import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../src/db/paths.js";
import { createSchema, printSdl } from "../src/schema.js";

const path = join(projectRoot, "schema", "schema.graphql");
writeFileSync(path, printSdl(await createSchema()));
console.log(`wrote ${path}`);
