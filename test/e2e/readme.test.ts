import { parse } from "graphql";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_JWT_SECRET } from "../../src/config.js";
import { projectRoot } from "../../src/db/paths.js";
import { ROLES, type RoleName } from "../../src/modules/auth/auth.roles.js";
import { mintToken } from "../../src/modules/auth/auth.service.js";
import { postGraphQL, startServerProcess, type ServerProcess } from "../helpers/server-process.js";

interface Example {
  query: string;
  expected: unknown;
  as?: { role: RoleName; institution?: string };
  /** `# retried until …`: the answer depends on background work (the webhook worker); asked again until it matches. */
  retried: boolean;
}

/** Each ```graphql block of the README followed by a ```json block is an example with its answer. */
function readmeExamples(): Example[] {
  const md = readFileSync(join(projectRoot, "README.md"), "utf8");
  const blocks = [...md.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] }));
  const out: Example[] = [];
  for (let i = 0; i < blocks.length - 1; i++) {
    if (blocks[i].lang !== "graphql" || blocks[i + 1].lang !== "json") continue;
    const as = /^# as ([A-Z_]+)(?: (\S+))?/m.exec(blocks[i].body);
    if (as && !ROLES.includes(as[1] as RoleName)) throw new Error(`README names an unknown role ${as[1]}`);
    out.push({
      query: blocks[i].body,
      expected: JSON.parse(blocks[i + 1].body),
      as: as ? { role: as[1] as RoleName, institution: as[2] } : undefined,
      retried: /^# retried until/m.test(blocks[i].body),
    });
  }
  return out;
}

function matches(actual: unknown, expected: unknown): boolean {
  try {
    expect(actual).toMatchObject(expected as object);
    return true;
  } catch {
    return false;
  }
}

// The README's first command and its examples, as a newcomer would meet them: a server process on a fresh
// embedded database that migrates and seeds itself, queried over HTTP.
describe("README", () => {
  const dir = mkdtempSync(join(tmpdir(), "xmu-readme-"));
  let server: ServerProcess;

  beforeAll(async () => {
    // WEBHOOKS_RETRY_FOR_S=1: the README's webhook delivery (to a host that does not exist) is parked after one attempt.
    server = await startServerProcess({ DATA_DIR: join(dir, "data"), JWT_SECRET: DEV_JWT_SECRET, WEBHOOKS_RETRY_FOR_S: "1" });
  }, 120_000);

  afterAll(async () => {
    const code = await server?.stop();
    expect(code).toBe(0); // SIGTERM drains and exits cleanly
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves health and readiness", async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({ status: "ready", engine: "pglite" });
  });

  it("has examples, and each returns what the README shows", async () => {
    const examples = readmeExamples();
    expect(examples.length).toBeGreaterThanOrEqual(8);
    // Every operation is named, so codegen and persisted-query tools take the README as written.
    for (const ex of examples)
      for (const def of parse(ex.query).definitions) expect(def.kind === "OperationDefinition" && def.name?.value, ex.query).toBeTruthy();
    for (const ex of examples) {
      const headers: Record<string, string> = {};
      if (ex.as) {
        const token = await mintToken(
          { secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" },
          { subject: `readme-${ex.as.role}`, role: ex.as.role, institutionId: ex.as.institution },
        );
        headers.authorization = `Bearer ${token}`;
      }
      let res = await postGraphQL(server.url, ex.query, undefined, headers);
      for (const end = Date.now() + 30_000; ex.retried && Date.now() < end && !matches(res.body.data, ex.expected); ) {
        await new Promise((r) => setTimeout(r, 200));
        res = await postGraphQL(server.url, ex.query, undefined, headers);
      }
      expect(res.body.errors, ex.query).toBeUndefined();
      expect(res.body.data, ex.query).toMatchObject(ex.expected as object);
      // Replaying the registration with its idempotency key answers the same and writes nothing more.
      if (ex.query.includes("registerStudent(")) {
        const again = await postGraphQL(server.url, ex.query, undefined, headers);
        expect(again.body.data.registerStudent.enrollment.id).toBe("RW5yb2xsbWVudDo2MjY");
      }
    }
    // The README's erasure erased that student: the key no longer answers (its fingerprint of the erased data is
    // void), whatever the request, and nothing is registered again.
    const reg = examples.find((e) => e.query.includes("registerStudent("))!;
    const token = await mintToken(
      { secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" },
      { subject: `readme-${reg.as!.role}`, role: reg.as!.role, institutionId: reg.as!.institution },
    );
    const after = await postGraphQL(server.url, reg.query, undefined, { authorization: `Bearer ${token}` });
    expect(after.body.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.idempotencyKey" });
  });

  it("serves an issued transcript as a PDF with the README's token, and its code verifies as VALID without one", async () => {
    const host = {
      authorization: `Bearer ${await mintToken({ secret: DEV_JWT_SECRET, issuer: "xmu-exchange-api", audience: "xmu-exchange-api" }, { subject: "readme-transcript", role: "INSTITUTION_ADMIN", institutionId: "SW5zdGl0dXRpb246MQ" })}`,
    };
    const issued = await postGraphQL(server.url, `mutation Issue { issueTranscript(input: { enrollmentId: "RW5yb2xsbWVudDo1" }) { code url } }`, undefined, host);
    expect(issued.body.errors).toBeUndefined();
    const { code, url } = issued.body.data.issueTranscript;
    const base = server.url;
    const res = await fetch(`${base}${url}`, { headers: host });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = await getDocumentProxy(new Uint8Array(await res.arrayBuffer()));
    const text = (await extractText(pdf, { mergePages: true })).text as string;
    for (const s of ["Xinjiang Medical University", "新疆医科大学", "Kodirova Madina", "ANA101", "ECTS credits earned: 60", code, "page 1 of"]) expect(text, s).toContain(s);
    expect((await fetch(`${base}${url}`)).status).toBe(401);
    const verified = await postGraphQL(server.url, `query V($c: String!) { verifyTranscript(code: $c) { status issuedBy { nameEn } } }`, { c: code });
    expect(verified.body.data.verifyTranscript).toEqual({ status: "VALID", issuedBy: { nameEn: "Xinjiang Medical University" } });
  });

  it("answers a bad token with 401 UNAUTHENTICATED and no detail", async () => {
    const res = await postGraphQL(server.url, "{ students { totalCount } }", undefined, { authorization: "Bearer not.a.token" });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
  });
});
