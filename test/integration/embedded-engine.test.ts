import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { DataDirLockedError } from "../../src/db/lock.js";
import { projectRoot } from "../../src/db/paths.js";
import { countries } from "../../src/db/schema.js";
import { buildServer } from "../helpers/build.js";
import { copyPgliteFolder } from "../helpers/templates.js";

const dir = mkdtempSync(join(tmpdir(), "xmu-pglite-"));
const dataDir = join(dir, "data");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("embedded engine (file-backed PGlite)", () => {
  it("keeps data across a restart", async () => {
    // A copy of the migrated template (an empty folder is made and migrated by the global setup and the README test).
    copyPgliteFolder(dataDir, "migrated");
    const a = await openDatabase({ dataDir });
    await a.migrate();
    await a.db.insert(countries).values({ code: "UZ", nameEn: "Uzbekistan", centralAsia: true });
    await a.close();

    const b = await openDatabase({ dataDir });
    await b.migrate(); // already applied: a no-op
    const rows = await b.db.select().from(countries);
    expect(rows.map((r) => r.code)).toEqual(["UZ"]);
    await b.close();
  });

  it("refuses a second open of the same folder while the first holds it", async () => {
    const a = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await a.close();
    }
  });

  it("refuses a second server process on the same folder with a clear message", async () => {
    const a = await openDatabase({ dataDir });
    try {
      // Spawned asynchronously: the lock is alive while its holder refreshes it, which a blocked event loop
      // (spawnSync) could not do.
      // The server compiled as `npm start` runs it.
      const child = spawn(process.execPath, [join(await buildServer(), "src/main.js")], {
        cwd: projectRoot,
        env: { ...process.env, DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "info", VITEST: "", DATABASE_URL: "" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      child.stderr.on("data", (c: Buffer) => (out += c.toString()));
      const [code] = (await once(child, "exit")) as [number | null];
      expect(code, out).toBe(1);
      expect(out).toContain(`already open in process ${process.pid}`);
    } finally {
      await a.close();
    }
  });
});
