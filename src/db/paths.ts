import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Works from src/ (tsx, vitest) and from dist/src/ (compiled): walk up to the package root.
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("package.json not found above " + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export const projectRoot = findRoot();
export const migrationsFolder = join(projectRoot, "drizzle");
export const defaultDataDir = join(projectRoot, ".data", "pglite");
