import { makePgliteTemplates } from "./templates.js";

// The embedded engine's templates, made in a process of their own beside the PostgreSQL ones (templates.ts,
// prepareTemplates): prints where they are as one line of JSON.
const root = process.argv[2];
if (!root) throw new Error("usage: pglite-templates.main.ts <folder>");
const made = await makePgliteTemplates(root);
process.stdout.write(`${JSON.stringify(made)}\n`);
