import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeClient } from "../../examples/client/client.js";
import { adminPortal, publicFacts, registerAndAdmit, type Clients } from "../../examples/client/flows.js";
import { DEV_JWT_SECRET } from "../../src/config.js";
import { projectRoot } from "../../src/db/paths.js";
import { OPERATIONS_DIR, committedOperations, operationFile, readmeOperations } from "../../src/explorer/readme-operations.js";
import { mintToken } from "../../src/modules/auth/auth.service.js";
import type { RoleName } from "../../src/modules/auth/auth.roles.js";
import { startServerProcess, type ServerProcess } from "../helpers/server-process.js";
import { copyPgliteFolder } from "../helpers/templates.js";

// The example client (examples/client: Apollo Client 4, codegen's typed documents, the generated cache
// configuration, a graphql-ws link) against a server on a freshly seeded database: the README's portal flows,
// a paged walk and the change feed live.
describe("the typed example client", () => {
  const dir = mkdtempSync(join(tmpdir(), "xmu-client-"));
  let server: ServerProcess;
  let clients: Clients;

  beforeAll(async () => {
    server = await startServerProcess({ DATA_DIR: copyPgliteFolder(join(dir, "data"), "seeded"), SEED_ON_START: "false", JWT_SECRET: DEV_JWT_SECRET });
    const url = `${server.url}/graphql`;
    const token = (role: RoleName, institutionId: string) =>
      mintToken({ secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" }, { subject: `client-${role}`, role, institutionId });
    clients = {
      anonymous: makeClient({ url, webSocketImpl: WebSocket }),
      hostAdmin: makeClient({ url, token: await token("INSTITUTION_ADMIN", "SW5zdGl0dXRpb246MQ"), webSocketImpl: WebSocket }),
      partnerRegistrar: makeClient({ url, token: await token("PARTNER_REGISTRAR", "SW5zdGl0dXRpb246NDA"), webSocketImpl: WebSocket }),
    };
  }, 180_000);

  afterAll(async () => {
    await Promise.all(Object.values(clients ?? {}).map((c) => c.close()));
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("has the README's operations as documents (examples/operations is written from the README)", () => {
    const fromReadme = readmeOperations(readFileSync(join(projectRoot, "README.md"), "utf8"));
    const committed = committedOperations();
    expect(committed.map((o) => o.text), `run npm run examples:operations (${OPERATIONS_DIR})`).toEqual(fromReadme.map((o) => o.text));
    expect(fromReadme.map(operationFile)).toContain("01-JointTcmProgram.graphql");
  });

  it("reads public facts", async () => {
    expect(await publicFacts(clients.anonymous)).toMatchObject({
      program: "Traditional Chinese Medicine (joint five-year undergraduate program)",
      cohort: { name: "TCM 2024", seatsTaken: 17 },
      expertsSent: 185,
    });
  });

  it("walks a cohort's enrollments page by page into one cached connection (relayStylePagination)", async () => {
    const r = await adminPortal(clients.hostAdmin, "Q29ob3J0OjE");
    expect(r.reconciliation?.[0]).toEqual({ cohort: "TCM 2024", enrolled: 17 });
    expect(r.pages).toBe(4); // 17 in pages of 5
    expect(r.totalCount).toBe(17);
    expect(r.walked).toHaveLength(17);
    expect(new Set(r.walked).size).toBe(17);
  });

  it("registers, admits and finds a student, and sees both changes on the subscription", async () => {
    const r = await registerAndAdmit(clients);
    expect(r.enrollment).toMatchObject({ status: "NOMINATED", cohort: { name: "TCM 2024" } });
    expect(r.admittedStatus).toBe("ADMITTED");
    expect(r.found).toEqual(["Rahimova"]);
    expect(r.events).toEqual(expect.arrayContaining(["enrollment.nominate NOMINATED", "enrollment.transition ADMITTED"]));
  }, 60_000);
});
