import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { DEV_JWT_SECRET } from "../../src/config.js";
import { mintToken } from "../../src/modules/auth/auth.service.js";
import { startServerProcess } from "../helpers/server-process.js";
import { copyPgliteFolder } from "../helpers/templates.js";

describe("shutdown", () => {
  const dir = mkdtempSync(join(tmpdir(), "xmu-shutdown-"));
  // A migrated, empty embedded database (both servers here open it, one after the other).
  copyPgliteFolder(join(dir, "data"), "migrated");
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

  it("on SIGTERM closes WebSocket clients with 1001 (going away) and exits 0", async () => {
    const server = await startServerProcess({ DATA_DIR: join(dir, "data"), SEED_ON_START: "false", JWT_SECRET: DEV_JWT_SECRET });
    const token = await mintToken({ secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" }, { subject: "ws-admin", role: "PLATFORM_ADMIN" });
    const socket = new WebSocket(`${server.url.replace("http", "ws")}/graphql`, "graphql-transport-ws");
    await once(socket, "open");
    socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } }));
    const [ack] = (await once(socket, "message")) as [Buffer];
    expect(JSON.parse(ack.toString())).toMatchObject({ type: "connection_ack" });
    const closed = once(socket, "close");
    const exited = server.stop(); // SIGTERM
    const [code, reason] = (await closed) as [number, Buffer];
    expect({ code, reason: reason.toString() }).toEqual({ code: 1001, reason: "Going away" });
    expect(await exited).toBe(0);
  });
});
