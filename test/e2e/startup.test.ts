import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/db/paths.js";
import { buildServer } from "../helpers/build.js";
import { copyPgliteFolder } from "../helpers/templates.js";

// A port already in use: the server exits 1 with one log line saying so (it used to print graphql-ws's
// "Internal error … check your implementation" first), and `npm run dev` exits too instead of watching on.
describe("start-up on a port in use", () => {
  const dir = mkdtempSync(join(tmpdir(), "xmu-startup-"));
  let blocker: net.Server;
  let port: number;

  beforeAll(async () => {
    blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "0.0.0.0", r));
    port = (blocker.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => blocker.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[], dataDir: string, env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(args[0], args.slice(1), {
        cwd: projectRoot,
        env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SEED_ON_START: "false", DATABASE_URL: "", VITEST: "", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c));
      child.stderr.on("data", (c: Buffer) => (out += c));
      const timer = setTimeout(() => child.kill("SIGKILL"), 150_000);
      child.on("exit", (code) => {
        clearTimeout(timer);
        resolve({ code, out });
      });
    });

  const check = ({ code, out }: { code: number | null; out: string }) => {
    expect(code).toBe(1);
    const lines = out.trim().split("\n").filter((l) => l.trim());
    expect(lines.filter((l) => /already in use/.test(l))).toHaveLength(1);
    expect(out).not.toMatch(/check your implementation/);
    const fatal = JSON.parse(lines.find((l) => /already in use/.test(l))!) as { level: number; msg: string };
    expect(fatal).toMatchObject({ level: 60, msg: `Port ${port} is already in use: stop the process listening on it, or set PORT to another port` });
  };

  // The port is checked before the database is opened: a fresh data folder is not created, migrated and seeded
  // (seconds of work) for a start that cannot serve.
  it("npm start's server exits 1 with one line, before it creates, migrates or seeds a data folder", async () => {
    const fresh = join(dir, "a");
    check(await run([process.execPath, join(await buildServer(), "src/main.js")], fresh, { SEED_ON_START: "true" }));
    expect(existsSync(fresh)).toBe(false);
  }, 180_000);

  it("npm run dev exits 1 too, instead of waiting for a change", async () => {
    check(await run(["npm", "run", "-s", "dev"], copyPgliteFolder(join(dir, "b"), "migrated")));
  }, 180_000);
});
