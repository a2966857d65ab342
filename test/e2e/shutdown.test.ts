import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServerProcess } from "../helpers/server-process.js";

describe("shutdown", () => {
  const dir = mkdtempSync(join(tmpdir(), "xmu-shutdown-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("on SIGTERM finishes the request in flight, then closes the database and exits 0", async () => {
    const server = await startServerProcess({ DATA_DIR: join(dir, "data"), SEED_ON_START: "false" });
    const body = JSON.stringify({ query: "{ countries { code } }" });
    // A request whose body is still arriving when the signal comes.
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode!, text }));
      });
      req.on("error", reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 700);
    });
    await new Promise((r) => setTimeout(r, 200));
    const exited = server.stop(); // SIGTERM
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ data: { countries: [] } });
    expect(await exited).toBe(0);
    expect(server.output()).toContain("database closed; bye");
  });
});
