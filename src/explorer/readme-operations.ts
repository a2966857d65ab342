import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "graphql";
import { projectRoot } from "../db/paths.js";

// The README's example operations are the one source of the explorer's preloaded tabs and of the typed
// client's documents (`examples/operations/*.graphql`, written by `npm run examples:operations` and checked
// against the README by test/e2e/readme.test.ts).

export interface ReadmeOperation {
  name: string;
  /** The operation's text, its `# as ROLE [institution]` line included. */
  text: string;
  as?: { role: string; institution?: string };
}

export const OPERATIONS_DIR = join(projectRoot, "examples", "operations");

/** Each ```graphql block of a README text that a ```json block follows (an example with its answer). */
export function readmeOperations(markdown: string): ReadmeOperation[] {
  const blocks = [...markdown.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] }));
  const out: ReadmeOperation[] = [];
  for (let i = 0; i < blocks.length - 1; i++) {
    if (blocks[i].lang !== "graphql" || blocks[i + 1].lang !== "json") continue;
    out.push(operation(blocks[i].body));
  }
  return out;
}

function operation(text: string): ReadmeOperation {
  const def = parse(text).definitions.find((d) => d.kind === "OperationDefinition");
  if (def?.kind !== "OperationDefinition" || !def.name) throw new Error(`an example operation has no name:\n${text}`);
  const as = /^# as ([A-Z_]+)(?: (\S+))?/m.exec(text);
  return { name: def.name.value, text, as: as ? { role: as[1], institution: as[2] } : undefined };
}

/** The committed copies in examples/operations (the explorer reads these, so a server needs no README). */
export function committedOperations(dir = OPERATIONS_DIR): ReadmeOperation[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".graphql"));
  } catch {
    return [];
  }
  // Named NN-Name.graphql: the file order is the README's.
  return files.sort().map((f) => operation(readFileSync(join(dir, f), "utf8")));
}

/** The file name of the README's i-th operation. */
export const operationFile = (op: ReadmeOperation, i: number) => `${String(i + 1).padStart(2, "0")}-${op.name}.graphql`;
