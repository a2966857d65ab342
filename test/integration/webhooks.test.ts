import { and, eq, sql } from "drizzle-orm";
import { createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { webhookConfig } from "../../src/config.js";
import { projectRoot } from "../../src/db/paths.js";
import { runInRequest } from "../../src/db/request-store.js";
import { logger } from "../../src/logger.js";
import { auditLog } from "../../src/modules/audit/audit.table.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { backoffMs, sweepDelivered } from "../../src/modules/webhooks/webhook.queue.js";
import { SIGNATURE_HEADER, verifySignature } from "../../src/modules/webhooks/webhook.signature.js";
import { webhookDeliveries, webhookEndpoints } from "../../src/modules/webhooks/webhook.table.js";
import { WebhookWorker } from "../../src/modules/webhooks/webhook.worker.js";
import { fromGlobalId } from "../../src/shared/global-id.js";
import { buildJointProgram, studentRow, type JointProgram } from "../factories/joint-program.js";
import { describeEachEngine } from "../helpers/engines.js";
import { startReceiver, type Received } from "../helpers/webhook-receiver.js";

const REGISTER_HOOK = `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret endpoint { id url changeTypes active institution { id } } } }`;
const ROTATE = `mutation($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { secret endpoint { id previousSecretExpiresAt } } }`;
const REPLAY = `mutation($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { id status attempts } } }`;
const REGISTER_STUDENT = `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { enrollment { id } } }`;
const MOVE = `mutation($input: TransitionEnrollmentInput!) { transitionEnrollment(input: $input) { enrollment { id status } } }`;
const LOG = `query($id: ID!) { webhookEndpoint(id: $id) { id deliveries(last: 50) { nodes { id status attempts lastStatusCode lastError lastErrorCode action entityType deliveredAt } } } }`;

const PLATFORM: Viewer = { subject: "pa", role: "PLATFORM_ADMIN", institutionId: null };
const admin = (inst: number, who = "hooks-admin"): Viewer => ({ subject: `${who}-${inst}`, role: "INSTITUTION_ADMIN", institutionId: inst });
const parse = (r: Received) =>
  JSON.parse(r.body) as { id: string; endpointId: string; change: { entityType: string; entityId: string; action: string; enrollmentStatus: string | null; cursor: string; data: Record<string, unknown> | null } };
/** The README's verification snippet (its ```js block with verifyWebhook), as a function. */
function readmeVerify(): (secret: string, header: string, body: string) => boolean {
  const md = readFileSync(join(projectRoot, "README.md"), "utf8");
  const code = [...md.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).find((c) => c.includes("function verifyWebhook"));
  if (!code) throw new Error("README: no verifyWebhook snippet");
  return new Function("createHmac", "timingSafeEqual", `${code.replace(/^import .*$/m, "")}\nreturn verifyWebhook;`)(createHmac, timingSafeEqual);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachEngine("signed webhooks", {}, (api) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let worker: WebhookWorker;
  let jp: JointProgram;
  let other: JointProgram;
  const allowHttp = process.env.WEBHOOKS_ALLOW_HTTP;
  const db = () => api().database.db;

  beforeAll(async () => {
    process.env.WEBHOOKS_ALLOW_HTTP = "true"; // the local receiver is http://127.0.0.1
    receiver = await startReceiver();
    worker = new WebhookWorker(api().database, logger, {
      ...webhookConfig({}),
      allowHttp: true,
      // Generous: on a loaded machine a delivery must not park before it arrives (the parking test has its own).
      timeoutMs: 2_000,
      backoffMs: 20,
      backoffMaxMs: 80,
      retryForMs: 15_000,
      concurrency: 4,
    });
    jp = await buildJointProgram(db());
    other = await buildJointProgram(db());
  });
  afterEach(async () => {
    await db().update(webhookEndpoints).set({ active: false }); // each test's endpoints receive only that test's changes
  });
  afterAll(async () => {
    if (allowHttp === undefined) delete process.env.WEBHOOKS_ALLOW_HTTP;
    else process.env.WEBHOOKS_ALLOW_HTTP = allowHttp;
    await receiver?.close();
  });

  /** Runs worker rounds until `done` holds (the retries' backoff is tens of milliseconds here). */
  // (On a shared PostgreSQL server a change reaches the feed, and so the worker, once every older transaction of
  // the cluster has ended: rounds are repeated until it has.)
  async function until(done: () => boolean | Promise<boolean>, ms = 30_000, w = worker) {
    const end = Date.now() + ms;
    for (;;) {
      await w.runOnce();
      if (await done()) return;
      if (Date.now() > end) throw new Error("webhook test: condition not met in time");
      await sleep(15);
    }
  }

  async function register(as: Viewer, path: string, changeTypes = ["Enrollment", "Student"]) {
    const r = await api().run(REGISTER_HOOK, { input: { url: receiver.url(path), changeTypes } }, as);
    expect(r.errors).toBeUndefined();
    return { id: r.data.registerWebhookEndpoint.endpoint.id as string, secret: r.data.registerWebhookEndpoint.secret as string };
  }

  async function registerStudent(p: JointProgram) {
    const r = await api().run(REGISTER_STUDENT, { input: { cohortId: p.ids.cohort, student: studentRow() } }, p.as.partnerRegistrar);
    expect(r.errors).toBeUndefined();
    return r.data.registerStudent.enrollment.id as string;
  }

  it("an institution has at most 10 endpoints, registrations at once included; deleting one makes room", async () => {
    const fresh = await buildJointProgram(db());
    const as = admin(fresh.outsider);
    const make = (i: number) => api().run(REGISTER_HOOK, { input: { url: receiver.url(`/cap-${i}`), changeTypes: ["Program"] } }, as);
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => make(i)));
    const ok = made.filter((r) => !r.errors);
    expect(ok).toHaveLength(10);
    for (const r of made.filter((x) => x.errors)) expect(r.errors![0].extensions).toMatchObject({ code: "CONFLICT", field: "input.institutionId" });
    const del = await api().run(`mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { deletedEndpointId } }`, { input: { endpointId: ok[0].data.registerWebhookEndpoint.endpoint.id } }, as);
    expect(del.errors).toBeUndefined();
    expect((await make(99)).errors).toBeUndefined();
    // The others' limits are their own.
    expect((await api().run(REGISTER_HOOK, { input: { url: receiver.url("/cap-other"), changeTypes: ["Program"] } }, admin(fresh.host))).errors).toBeUndefined();
  });

  it("registers an endpoint: the secret shown once, checked input (URL, https, change types), an audit row without the secret", async () => {
    const as = admin(jp.partner);
    const key = `hook-${Date.now()}`;
    const input = { idempotencyKey: key, url: receiver.url("/register"), changeTypes: ["Enrollment"] };
    const first = await api().run(REGISTER_HOOK, { input }, as);
    expect(first.errors).toBeUndefined();
    const secret = first.data.registerWebhookEndpoint.secret as string;
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(first.data.registerWebhookEndpoint.endpoint).toMatchObject({ url: receiver.url("/register"), changeTypes: ["Enrollment"], active: true, institution: { id: jp.ids.partner } });
    // A retry with the same key answers the same endpoint, without the secret.
    const retry = await api().run(REGISTER_HOOK, { input }, as);
    expect(retry.data.registerWebhookEndpoint.endpoint.id).toBe(first.data.registerWebhookEndpoint.endpoint.id);
    expect(retry.data.registerWebhookEndpoint.secret).toBeNull();
    // The secret is no field of the schema, and in no audit row.
    const fields = await api().run(`{ __type(name: "WebhookEndpoint") { fields { name } } }`);
    expect(fields.data.__type.fields.map((f: { name: string }) => f.name)).not.toContain("secret");
    const id = fromGlobalId(first.data.registerWebhookEndpoint.endpoint.id, "WebhookEndpoint", "id");
    const rows = await db().select().from(auditLog).where(and(eq(auditLog.entityType, "WebhookEndpoint"), eq(auditLog.entityId, id)));
    expect(rows.map((r) => r.action)).toEqual(["webhookEndpoint.register"]);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(rows[0].visibleTo).toEqual([]); // in the change feed for platform admins only

    const bad = async (patch: Record<string, unknown>) => (await api().run(REGISTER_HOOK, { input: { ...input, idempotencyKey: undefined, ...patch } }, as)).errors?.[0]?.extensions;
    expect(await bad({ url: "not a url" })).toMatchObject({ code: "BAD_USER_INPUT", field: "input.url" });
    expect(await bad({ url: "ftp://example.org/x" })).toMatchObject({ code: "BAD_USER_INPUT", field: "input.url" });
    expect(await bad({ url: "https://user:pw@example.org/x" })).toMatchObject({ code: "BAD_USER_INPUT", field: "input.url" });
    expect(await bad({ changeTypes: ["Enrollment", "Nonsense"] })).toMatchObject({ code: "BAD_USER_INPUT", field: "input.changeTypes[1]" });
    expect(await bad({ changeTypes: ["IdentityReview"] })).toMatchObject({ code: "BAD_USER_INPUT", field: "input.changeTypes[0]" });
    expect(await bad({ changeTypes: [] })).toMatchObject({ code: "BAD_USER_INPUT", field: "input.changeTypes" });
    expect(await bad({ institutionId: jp.ids.host })).toMatchObject({ code: "FORBIDDEN", field: "input.institutionId" });
    // Without the development switch: https only, and nothing on this machine or a private network.
    process.env.WEBHOOKS_ALLOW_HTTP = "false";
    try {
      expect(await bad({})).toMatchObject({ code: "BAD_USER_INPUT", field: "input.url" });
      expect(await bad({ url: "https://127.0.0.1/hook" })).toMatchObject({ code: "BAD_USER_INPUT", field: "input.url" });
      expect(await bad({ url: "https://10.1.2.3/hook" })).toMatchObject({ code: "BAD_USER_INPUT", field: "input.url" });
      expect(await bad({ url: "https://hooks.example.org/xmu" })).toBeUndefined();
    } finally {
      process.env.WEBHOOKS_ALLOW_HTTP = "true";
    }
  });

  it("checks the description as other text (length, no control or bidi characters) and caps the change types at the known ones (M12)", async () => {
    const reg = (input: Record<string, unknown>) => api().run(REGISTER_HOOK, { input: { url: receiver.url("/m12"), changeTypes: ["Enrollment"], ...input } }, admin(jp.partner));
    const code = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0].extensions;
    expect(code(await reg({ description: "x".repeat(5001) }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.description" });
    expect(code(await reg({ description: "billing \u202Egnp.exe" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.description" });
    expect(code(await reg({ description: "line\u0000break" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.description" });
    expect(code(await reg({ changeTypes: Array.from({ length: 50_000 }, () => "Enrollment") }))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.changeTypes" });
    const ok = await reg({ description: "  Registry sync  " });
    expect(ok.errors).toBeUndefined();
    const id = ok.data.registerWebhookEndpoint.endpoint.id;
    const UPDATE_HOOK = `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { id description } } }`;
    expect(code(await api().run(UPDATE_HOOK, { input: { endpointId: id, description: "\u202Dx" } }, admin(jp.partner)))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.description" });
    expect((await api().run(`query($id: ID!) { webhookEndpoint(id: $id) { description } }`, { id }, admin(jp.partner))).data.webhookEndpoint.description).toBe("Registry sync");
    const cleared = await api().run(UPDATE_HOOK, { input: { endpointId: id, description: null } }, admin(jp.partner));
    expect(cleared.data.updateWebhookEndpoint.endpoint.description).toBeNull();
    await api().run(`mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { deletedEndpointId } }`, { input: { endpointId: id } }, admin(jp.partner));
  });

  it("delivers signed changes, each verified with the endpoint's secret; a partner's endpoint never receives another institution's students", async () => {
    const mine = await register(admin(jp.partner), "/scope-partner");
    const theirs = await register(admin(other.partner), "/scope-other");
    const host = await register(admin(jp.host), "/scope-host", ["Enrollment"]);
    const e1 = await registerStudent(jp);
    const e2 = await registerStudent(other);
    await until(() => receiver.at("/scope-partner").length >= 2 && receiver.at("/scope-other").length >= 2 && receiver.at("/scope-host").length >= 1);
    await worker.runOnce();

    const readme = readmeVerify();
    for (const [path, secret] of [["/scope-partner", mine.secret], ["/scope-other", theirs.secret], ["/scope-host", host.secret]] as const) {
      for (const r of receiver.at(path)) {
        expect(verifySignature(secret, String(r.headers[SIGNATURE_HEADER]), r.body)).toBe(true);
        expect(readme(secret, String(r.headers[SIGNATURE_HEADER]), r.body)).toBe(true);
        expect(readme(secret, String(r.headers[SIGNATURE_HEADER]), r.body.replace("}", " }"))).toBe(false);
        expect(readme(secret, String(r.headers[SIGNATURE_HEADER]).replace(/t=\d+/, "t=1700000000"), r.body)).toBe(false); // stale or forged timestamp
        expect(verifySignature(secret, String(r.headers[SIGNATURE_HEADER]), r.body.replace("}", " }"))).toBe(false); // any change to the body fails
        expect(verifySignature(mine.secret === secret ? theirs.secret : mine.secret, String(r.headers[SIGNATURE_HEADER]), r.body)).toBe(false);
        expect(r.headers["webhook-id"]).toBe(parse(r).id);
      }
    }
    const types = (path: string) => receiver.at(path).map((r) => `${parse(r).change.entityType}:${parse(r).change.action}`).sort();
    expect(types("/scope-partner")).toEqual(["Enrollment:enrollment.nominate", "Student:student.register"]);
    expect(types("/scope-host")).toEqual(["Enrollment:enrollment.nominate"]); // its change types only
    const entities = (path: string) => receiver.at(path).map((r) => parse(r).change.entityId);
    expect(entities("/scope-partner")).toContain(e1);
    expect(entities("/scope-partner")).not.toContain(e2);
    expect(entities("/scope-other")).toContain(e2);
    expect(entities("/scope-other")).not.toContain(e1);
    expect(entities("/scope-host")).toEqual([e1]);
    // The change's data carries global ids, as the feed shows it: the nomination's student (the registration's
    // entity) and cohort, the student's home.
    const change = (path: string, action: string) => receiver.at(path).map((r) => parse(r).change).find((c) => c.action === action)!;
    const registered = change("/scope-partner", "student.register");
    expect(registered.data).toMatchObject({ homeInstitutionId: jp.ids.partner });
    expect(change("/scope-partner", "enrollment.nominate").data).toEqual({ studentId: registered.entityId, cohortId: jp.ids.cohort, status: "NOMINATED" });
    expect(change("/scope-host", "enrollment.nominate").data).toEqual(change("/scope-partner", "enrollment.nominate").data);
    // Each delivery once; the log shows them delivered.
    const ids = receiver.at("/scope-partner").map((r) => parse(r).id);
    expect(new Set(ids).size).toBe(ids.length);
    const log = await api().run(LOG, { id: mine.id }, admin(jp.partner));
    expect(log.data.webhookEndpoint.deliveries.nodes.map((n: { status: string; attempts: number }) => [n.status, n.attempts])).toEqual([["DELIVERED", 1], ["DELIVERED", 1]]);
  });

  it("a MERGE's notices reach the nominating institution's endpoint, signed, and its nomination's later changes too; an unrelated institution's endpoint gets none", async () => {
    const nominating = await register(admin(other.partner), "/merge-nominating");
    const unrelated = await register(admin(jp.outsider), "/merge-unrelated");
    // The person is jp's partner's student; other's partner registers them too: held for review, then merged.
    const person = studentRow();
    const REG = `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { student { id } enrollment { id } } }`;
    expect((await api().run(REG, { input: { cohortId: jp.ids.cohort, student: person } }, jp.as.partnerRegistrar)).errors).toBeUndefined();
    const held = (await api().run(REG, { input: { cohortId: other.ids.cohort, student: person } }, other.as.partnerRegistrar)).data.registerStudent;
    const reviews = await api().run(`{ identityReviews(filter: { statuses: [PENDING] }, last: 50) { nodes { id enrollment { id } existingStudent { id } } } }`, {}, PLATFORM);
    const review = (reviews.data.identityReviews.nodes as { id: string; enrollment: { id: string }; existingStudent: { id: string } }[]).find((n) => n.enrollment.id === held.enrollment.id)!;
    const merged = await api().run(`mutation($input: ResolveIdentityReviewInput!) { resolveIdentityReview(input: $input) { review { status } } }`, { input: { reviewId: review.id, decision: "MERGE" } }, PLATFORM);
    expect(merged.errors).toBeUndefined();
    // The nominating registrar withdraws its (merged) nomination: a later change of it, which reaches it too.
    expect((await api().run(MOVE, { input: { enrollmentId: held.enrollment.id, to: "WITHDRAWN" } }, other.as.partnerRegistrar)).errors).toBeUndefined();
    const actions = () => receiver.at("/merge-nominating").map((r) => `${parse(r).change.action}:${parse(r).change.entityId}`);
    await until(() => actions().includes(`enrollment.transition:${held.enrollment.id}`));
    await worker.runOnce();
    // In order per entity (entities are delivered side by side).
    const of = (id: string) => actions().filter((a) => a.endsWith(`:${id}`)).map((a) => a.split(":")[0]);
    expect(of(held.enrollment.id)).toEqual(["enrollment.nominate", "enrollment.merge", "enrollment.transition"]);
    expect(of(held.student.id)).toEqual(["student.register", "student.merge"]);
    expect(actions()).toHaveLength(5);
    const change = (action: string) => receiver.at("/merge-nominating").map((r) => parse(r).change).find((c) => c.action === action)!;
    expect(change("enrollment.merge").data).toEqual({ studentId: review.existingStudent.id });
    expect(change("student.merge").data).toMatchObject({ mergedInto: review.existingStudent.id });
    for (const r of receiver.at("/merge-nominating")) {
      expect(verifySignature(nominating.secret, String(r.headers[SIGNATURE_HEADER]), r.body)).toBe(true);
      expect(verifySignature(unrelated.secret, String(r.headers[SIGNATURE_HEADER]), r.body)).toBe(false);
    }
    // The unrelated institution's endpoint: nothing sent, nothing queued.
    expect(receiver.at("/merge-unrelated")).toEqual([]);
    const queued = await db().select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, fromGlobalId(unrelated.id, "WebhookEndpoint", "id")));
    expect(queued).toEqual([]);
  });

  it("in order per entity: a later change of an entity waits while an earlier one is retried", async () => {
    const hook = await register(admin(jp.host), "/order", ["Enrollment"]);
    // The first entity the receiver hears of fails three times.
    let victim: string | undefined;
    let fails = 0;
    receiver.on("/order", ({ body }) => {
      const id = (JSON.parse(body) as { change: { entityId: string } }).change.entityId;
      victim ??= id;
      return { status: id === victim && fails++ < 3 ? 503 : 200 };
    });
    const e = await registerStudent(jp);
    const f = await registerStudent(jp);
    for (const to of ["ADMITTED", "ENROLLED", "ON_LEAVE"]) {
      for (const id of [e, f]) expect((await api().run(MOVE, { input: { enrollmentId: id, to } }, jp.as.hostAdmin)).errors).toBeUndefined();
    }
    const delivered = () => receiver.at("/order").filter((r) => r.status === 200);
    await until(() => delivered().length >= 8);
    const seq = (id: string) => receiver.at("/order").filter((r) => parse(r).change.entityId === id).map((r) => `${parse(r).change.enrollmentStatus}:${r.status}`);
    // The victim's first change failed three times before anything else of it went out; each of its changes then once, in order.
    expect([e, f]).toContain(victim);
    expect(seq(victim!)).toEqual(["NOMINATED:503", "NOMINATED:503", "NOMINATED:503", "NOMINATED:200", "ADMITTED:200", "ENROLLED:200", "ON_LEAVE:200"]);
    expect(seq(victim === e ? f : e)).toEqual(["NOMINATED:200", "ADMITTED:200", "ENROLLED:200", "ON_LEAVE:200"]);
    const log = await api().run(LOG, { id: hook.id }, admin(jp.host));
    expect(log.data.webhookEndpoint.deliveries.nodes.map((n: { attempts: number }) => n.attempts).sort()).toEqual([1, 1, 1, 1, 1, 1, 1, 4]);
  });

  it("retries with backoff for a bounded time, then parks; a parked delivery is replayed; the log shows each", async () => {
    const hook = await register(admin(jp.partner), "/park", ["Student"]);
    let down = true;
    receiver.on("/park", () => ({ status: down ? 500 : 204 }));
    await registerStudent(jp);
    const endpointId = fromGlobalId(hook.id, "WebhookEndpoint", "id");
    const row = async () => (await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)))[0];
    // A worker that gives up after 1.5 s of retries, counted from when the delivery was queued (with 400 ms, a
    // loaded CI machine spent most of the window before the first attempt and parked after two).
    const parking = new WebhookWorker(api().database, logger, { ...webhookConfig({}), allowHttp: true, timeoutMs: 400, backoffMs: 20, backoffMaxMs: 80, retryForMs: 1_500, concurrency: 4 });
    await until(async () => (await row())?.status === "PARKED", 30_000, parking);
    const parked = await row();
    expect(parked.attempts).toBeGreaterThanOrEqual(3);
    expect(receiver.at("/park").length).toBe(parked.attempts);
    const gaps = receiver.at("/park").slice(1).map((r, i) => r.at - receiver.at("/park")[i].at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(9); // never sooner than half the first delay (20 ms, jitter)
    let log = await api().run(LOG, { id: hook.id }, admin(jp.partner));
    const entry = log.data.webhookEndpoint.deliveries.nodes[0];
    expect(entry).toMatchObject({ status: "PARKED", lastStatusCode: 500, lastError: "HTTP 500", lastErrorCode: "HTTP_STATUS", action: "student.register", entityType: "Student", deliveredAt: null });

    // Nothing more is sent while it is parked.
    await worker.runOnce();
    expect(receiver.at("/park").length).toBe(parked.attempts);
    // Replayed by the institution's admin (another institution's admin may not; a delivered one is not replayed).
    const refused = await api().run(REPLAY, { input: { deliveryId: entry.id } }, admin(other.partner));
    expect(refused.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", field: "input.deliveryId" });
    down = false;
    const replay = await api().run(REPLAY, { input: { deliveryId: entry.id } }, admin(jp.partner));
    expect(replay.errors).toBeUndefined();
    // A replay keeps the attempts made (the log's history) and makes a new one.
    expect(replay.data.replayWebhookDelivery.delivery).toMatchObject({ status: "PENDING", attempts: parked.attempts });
    await until(async () => (await row()).status === "DELIVERED");
    expect(receiver.at("/park").at(-1)!.status).toBe(204);
    expect(parse(receiver.at("/park").at(-1)!).id).toBe(entry.id); // the same delivery id: receivers deduplicate by it
    log = await api().run(LOG, { id: hook.id }, admin(jp.partner));
    expect(log.data.webhookEndpoint.deliveries.nodes[0]).toMatchObject({ status: "DELIVERED", attempts: parked.attempts + 1, lastStatusCode: 204 });
    expect(receiver.at("/park").at(-1)!.headers["webhook-attempt"]).toBe(String(parked.attempts + 1));
    const [kept] = await db().select({ before: webhookDeliveries.attemptsBeforeReplay, code: webhookDeliveries.lastErrorCode }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
    expect(kept).toEqual({ before: parked.attempts, code: null });
    const again = await api().run(REPLAY, { input: { deliveryId: entry.id } }, admin(jp.partner));
    expect(again.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "input.deliveryId" });
    const audit = await db().select().from(auditLog).where(eq(auditLog.action, "webhookDelivery.replay"));
    expect(audit.map((a) => a.entityId)).toEqual([fromGlobalId(entry.id, "WebhookDelivery", "id")]);
  });

  it("rotation: the new secret shown once; both secrets sign during the overlap, only the new one after", async () => {
    const hook = await register(admin(jp.partner), "/rotate", ["Student"]);
    const rotated = await api().run(ROTATE, { input: { endpointId: hook.id, overlapSeconds: 3600 } }, admin(jp.partner));
    expect(rotated.errors).toBeUndefined();
    const fresh = rotated.data.rotateWebhookSecret.secret as string;
    expect(fresh).not.toBe(hook.secret);
    expect(new Date(rotated.data.rotateWebhookSecret.endpoint.previousSecretExpiresAt).getTime()).toBeGreaterThan(Date.now() + 3500_000);
    await registerStudent(jp);
    await until(() => receiver.at("/rotate").length >= 1);
    const during = receiver.at("/rotate")[0];
    const header = String(during.headers[SIGNATURE_HEADER]);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifySignature(fresh, header, during.body)).toBe(true);
    expect(verifySignature(hook.secret, header, during.body)).toBe(true);
    expect(readmeVerify()(hook.secret, header, during.body)).toBe(true);

    const now = await api().run(ROTATE, { input: { endpointId: hook.id, overlapSeconds: 0 } }, admin(jp.partner));
    const newest = now.data.rotateWebhookSecret.secret as string;
    await registerStudent(jp);
    await until(() => receiver.at("/rotate").length >= 2);
    const after = receiver.at("/rotate")[1];
    expect(verifySignature(newest, String(after.headers[SIGNATURE_HEADER]), after.body)).toBe(true);
    expect(verifySignature(fresh, String(after.headers[SIGNATURE_HEADER]), after.body)).toBe(false);
    expect(verifySignature(hook.secret, String(after.headers[SIGNATURE_HEADER]), after.body)).toBe(false);
    const bad = await api().run(ROTATE, { input: { endpointId: hook.id, overlapSeconds: 10 * 86_400 } }, admin(jp.partner));
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.overlapSeconds" });
  });

  it("a slow receiver does not slow the API: requests answer while deliveries wait for it (sends hold no connection)", async () => {
    await register(admin(jp.partner), "/slow", ["Student"]);
    receiver.on("/slow", () => ({ status: 200, delayMs: 3_000 })); // beyond the timeout
    const slow = new WebhookWorker(api().database, logger, { ...webhookConfig({}), allowHttp: true, timeoutMs: 1_500, backoffMs: 20, retryForMs: 60_000 }); // the local receiver
    await registerStudent(jp);
    await registerStudent(jp);
    let roundOver = false;
    let round = slow.runOnce().then(() => (roundOver = true));
    for (const end = Date.now() + 30_000; receiver.at("/slow").length < 2; await sleep(10)) {
      if (Date.now() > end) throw new Error("the slow receiver got nothing");
      if (roundOver && receiver.at("/slow").length < 2) {
        roundOver = false; // one change or both had not reached the feed yet: another round
        round = slow.runOnce().then(() => (roundOver = true));
      }
    }
    const started = Date.now();
    for (let i = 0; i < 10; i++) {
      const r = await api().run(`{ institutions(first: 5) { nodes { id } } }`, {}, jp.as.hostAdmin);
      expect(r.errors).toBeUndefined();
    }
    const ms = Date.now() - started;
    expect(roundOver).toBe(false); // the sends were still waiting for the receiver
    expect(ms).toBeLessThan(1_000);
    await round;
    const rows = await db()
      .select({ error: webhookDeliveries.lastError, status: webhookDeliveries.status })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(sql`${webhookEndpoints.url} like '%/slow'`);
    expect(rows).toEqual([
      { error: "no answer within 1500 ms", status: "PENDING" },
      { error: "no answer within 1500 ms", status: "PENDING" },
    ]);
  });

  it("endpoints and their logs: an institution admin sees its own institution's only; others none", async () => {
    const mine = await register(admin(other.host), "/list-own", ["Program"]);
    const list = async (as: Viewer) => api().run(`{ webhookEndpoints(first: 100) { nodes { id institution { id } } } }`, {}, as);
    const own = await list(admin(other.host));
    expect(own.data.webhookEndpoints.nodes.map((n: { id: string }) => n.id)).toEqual([mine.id]);
    const all = await list({ subject: "pa", role: "PLATFORM_ADMIN", institutionId: null });
    expect(all.data.webhookEndpoints.nodes.length).toBeGreaterThan(1);
    const registrar = await list(other.as.partnerRegistrar);
    expect(registrar.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const byId = await api().run(LOG, { id: mine.id }, admin(jp.host));
    expect(byId.data?.webhookEndpoint ?? null).toBeNull();
    // Deleted by its admin: gone with its log, the deletion audited.
    const del = await api().run(`mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { deletedEndpointId } }`, { input: { endpointId: mine.id } }, admin(other.host));
    expect(del.data.deleteWebhookEndpoint.deletedEndpointId).toBe(mine.id);
    expect((await list(admin(other.host))).data.webhookEndpoints.nodes).toEqual([]);
  });

  it("each webhook mutation writes its audit row (in the feed for platform admins only; in the institution's auditLog), never a secret; a refused one writes nothing", async () => {
    const as = admin(other.partner, "audit");
    const hook = await register(as, "/audit", ["Student"]);
    const id = fromGlobalId(hook.id, "WebhookEndpoint", "id");
    const upd = await api().run(`mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { active url } } }`, { input: { endpointId: hook.id, active: false, url: receiver.url("/audit2") } }, as);
    expect(upd.data.updateWebhookEndpoint.endpoint).toEqual({ active: false, url: receiver.url("/audit2") });
    const rot = await api().run(ROTATE, { input: { endpointId: hook.id } }, as);
    const refused = await api().run(ROTATE, { input: { endpointId: hook.id } }, admin(jp.partner));
    expect(refused.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", field: "input.endpointId" });
    const badUrl = await api().run(`mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { id } } }`, { input: { endpointId: hook.id, url: "https://a b" } }, as);
    expect(badUrl.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.url" });
    const del = await api().run(`mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { deletedEndpointId } }`, { input: { endpointId: hook.id } }, as);
    expect(del.errors).toBeUndefined();
    const rows = await db().select().from(auditLog).where(and(eq(auditLog.entityType, "WebhookEndpoint"), eq(auditLog.entityId, id))).orderBy(auditLog.id);
    expect(rows.map((r) => [r.action, r.actorSubject, r.visibleTo])).toEqual([
      ["webhookEndpoint.register", as.subject, []],
      ["webhookEndpoint.update", as.subject, []],
      ["webhookEndpoint.rotateSecret", as.subject, []],
      ["webhookEndpoint.delete", as.subject, []],
    ]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(hook.secret);
    expect(text).not.toContain(rot.data.rotateWebhookSecret.secret);
    expect(text).not.toContain("whsec_");
    // In the change feed for platform admins only; the institution's admins list them in their auditLog.
    const seen = async (v: Viewer) => (await api().run(`{ changes(last: 100) { nodes { entityId } } }`, {}, v)).data.changes.nodes.map((n: { entityId: string }) => n.entityId);
    for (const end = Date.now() + 30_000; !(await seen(PLATFORM)).includes(hook.id); await sleep(50)) if (Date.now() > end) throw new Error("not in the feed");
    expect(await seen(as)).not.toContain(hook.id);
    expect(await seen(admin(jp.partner))).not.toContain(hook.id);
    const own = await api().run(`query($id: ID!) { auditLog(filter: { entityId: $id }, first: 10) { nodes { action } } }`, { id: hook.id }, admin(other.partner, "another-admin"));
    expect(own.errors).toBeUndefined();
    expect(own.data.auditLog.nodes.map((n: { action: string }) => n.action)).toEqual(["webhookEndpoint.register", "webhookEndpoint.update", "webhookEndpoint.rotateSecret", "webhookEndpoint.delete"]);
  });

  it("webhook endpoint changes are not in the change feed of the institution's other staff (registrar, research office, coordinator)", async () => {
    const hostHook = await register(jp.as.hostAdmin, "/feed-host", ["Program"]);
    const partnerHook = await register(admin(jp.partner), "/feed-partner", ["Program"]);
    const upd = await api().run(`mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { id } } }`, { input: { endpointId: partnerHook.id, description: "SIS" } }, admin(jp.partner));
    expect(upd.errors).toBeUndefined();
    const rot = await api().run(ROTATE, { input: { endpointId: hostHook.id } }, jp.as.hostAdmin);
    expect(rot.errors).toBeUndefined();
    const FEED = `{ changes(last: 100) { nodes { entityType entityId action data } } }`;
    const feed = async (v: Viewer) => {
      const r = await api().run(FEED, {}, v);
      expect(r.errors).toBeUndefined();
      return r.data.changes.nodes as { entityType: string; entityId: string; action: string; data: unknown }[];
    };
    const ids = [hostHook.id, partnerHook.id];
    for (const end = Date.now() + 30_000; (await feed(PLATFORM)).filter((c) => ids.includes(c.entityId)).length < 4; await sleep(50)) if (Date.now() > end) throw new Error("not in the feed");
    for (const v of [jp.as.partnerRegistrar, jp.as.researchOffice, jp.as.coordinator, jp.as.hostAdmin, admin(jp.partner)]) {
      const mine = (await feed(v)).filter((c) => c.entityType === "WebhookEndpoint" || c.entityType === "WebhookDelivery" || ids.includes(c.entityId));
      expect([v.role, mine]).toEqual([v.role, []]);
    }
    // The endpoints themselves stay forbidden to the non-admins.
    const list = await api().run(`{ webhookEndpoints(first: 10) { nodes { id url } } }`, {}, jp.as.partnerRegistrar);
    expect(list.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("delivery: a name resolving to an address that is not public is not connected to (WEBHOOKS_ALLOW_HTTP off), nor a literal one; the log says so without the port's state", async () => {
    const port = new URL(receiver.url("/")).port;
    const named = await register(admin(jp.partner), "/x", ["Enrollment", "Student"]);
    const literal = await register(admin(jp.partner), "/x", ["Enrollment", "Student"]);
    // Registered while the development switch is on; a name passes registration anyway (checked when connecting).
    for (const [hook, url] of [[named, `http://public.example:${port}/rebind`], [literal, `http://[::ffff:127.0.0.1]:${port}/literal`]] as const) {
      const r = await api().run(`mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { url } } }`, { input: { endpointId: hook.id, url } }, admin(jp.partner));
      expect(r.errors).toBeUndefined();
    }
    // public.example resolves to this machine (a DNS name pointing at a private address, or rebound to one).
    const resolved: string[] = [];
    const toLoopback = (host: string, _o: unknown, cb: (e: NodeJS.ErrnoException | null, a: { address: string; family: number }[]) => void) => {
      resolved.push(host);
      cb(null, [{ address: "127.0.0.1", family: 4 }]);
    };
    const cfg = { ...webhookConfig({}), timeoutMs: 400, backoffMs: 20, backoffMaxMs: 80, retryForMs: 60_000, concurrency: 4 };
    const strict = new WebhookWorker(api().database, logger, { ...cfg, allowHttp: false }, toLoopback);
    await registerStudent(jp);
    const ep = (h: { id: string }) => fromGlobalId(h.id, "WebhookEndpoint", "id");
    const log = (h: { id: string }) =>
      db().select({ status: webhookDeliveries.status, attempts: webhookDeliveries.attempts, error: webhookDeliveries.lastError, code: webhookDeliveries.lastStatusCode }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, ep(h)));
    for (const end = Date.now() + 30_000; ; await sleep(20)) {
      await strict.runOnce();
      const rows = [...(await log(named)), ...(await log(literal))];
      if (rows.length >= 4 && rows.every((r) => r.attempts >= 2)) break;
      if (Date.now() > end) throw new Error("no attempts");
    }
    await strict.stop();
    expect(resolved).toContain("public.example"); // the name was resolved, and its address refused
    expect(receiver.at("/rebind")).toEqual([]);
    expect(receiver.at("/literal")).toEqual([]);
    for (const r of [...(await log(named)), ...(await log(literal))]) {
      expect(r).toMatchObject({ status: "PENDING", error: "the endpoint's address is not a public one", code: null });
    }
    // The same resolver with the development switch on connects (so the refusal above is the address check's).
    const dev = new WebhookWorker(api().database, logger, { ...cfg, allowHttp: true }, toLoopback);
    for (const end = Date.now() + 30_000; receiver.at("/rebind").length < 2; await sleep(20)) {
      await dev.runOnce();
      if (Date.now() > end) throw new Error("not delivered with the development switch");
    }
    await dev.stop();
  });

  it("the delivery log tells a name that does not resolve (DNS) from no connection and an HTTP status, by code", async () => {
    const own = await buildJointProgram(db());
    const as = admin(own.partner);
    const port = new URL(receiver.url("/")).port;
    const closed = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, "127.0.0.1", () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const dns = await register(as, "/dns", ["Student"]);
    const refused = await register(as, "/refused", ["Student"]);
    const status = await register(as, "/status-503", ["Student"]);
    receiver.on("/status-503", () => ({ status: 503 }));
    for (const [hook, url] of [[dns, `http://nowhere.example:${port}/dns`], [refused, `http://127.0.0.1:${closed}/refused`]] as const) {
      const r = await api().run(`mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { url } } }`, { input: { endpointId: hook.id, url } }, as);
      expect(r.errors).toBeUndefined();
    }
    const noSuchName = (host: string, _o: unknown, cb: (e: NodeJS.ErrnoException | null, a?: { address: string; family: number }[]) => void) =>
      cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" }));
    const w = new WebhookWorker(api().database, logger, { ...webhookConfig({}), allowHttp: true, timeoutMs: 1_000, backoffMs: 20, backoffMaxMs: 80, retryForMs: 60_000 }, noSuchName as never);
    await registerStudent(own);
    const last = async (h: { id: string }) => (await api().run(LOG, { id: h.id }, as)).data.webhookEndpoint.deliveries.nodes[0];
    await until(async () => (await Promise.all([dns, refused, status].map(last))).every((n) => n?.attempts >= 1 && n.lastErrorCode), 30_000, w);
    await w.stop();
    expect(await last(dns)).toMatchObject({ status: "PENDING", lastErrorCode: "NAME_NOT_RESOLVED", lastError: "the endpoint's name does not resolve", lastStatusCode: null });
    expect(await last(refused)).toMatchObject({ status: "PENDING", lastErrorCode: "NO_CONNECTION", lastStatusCode: null });
    expect(await last(status)).toMatchObject({ status: "PENDING", lastErrorCode: "HTTP_STATUS", lastError: "HTTP 503", lastStatusCode: 503 });
  });

  it("fair per endpoint: a slow receiver holds at most its share of the slots; another endpoint's deliveries are not held behind its backlog", async () => {
    const own = await buildJointProgram(db());
    // Registered first, so its deliveries are the older ones (queued first, due first).
    const slow = await register(admin(own.partner), "/fair-slow", ["Enrollment", "Student"]);
    const fast = await register(admin(own.partner), "/fair-fast", ["Enrollment", "Student"]);
    // The slow receiver answers nothing until every fast delivery has arrived (or 20 s have passed): a timing
    // of its own (a fixed delay) failed on a loaded machine, where eight fast sends took longer than the delay.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    receiver.on("/fair-slow", () => ({ status: 200, until: held }));
    for (let i = 0; i < 4; i++) await registerStudent(own); // 8 changes (a student and a nomination each) to both endpoints
    const fair = new WebhookWorker(api().database, logger, { ...webhookConfig({}), allowHttp: true, timeoutMs: 30_000, backoffMs: 20, backoffMaxMs: 80, retryForMs: 60_000, concurrency: 4, endpointConcurrency: 2 });
    let slowSendsHeld = -1;
    let releasedAt = 0;
    const releasing = (async () => {
      for (const end = Date.now() + 20_000; receiver.at("/fair-fast").length < 8 && Date.now() < end; ) await sleep(10);
      slowSendsHeld = receiver.at("/fair-slow").length;
      releasedAt = Date.now();
      release();
    })();
    await until(() => receiver.at("/fair-slow").length >= 8 && receiver.at("/fair-slow").every((r) => r.status === 200) && receiver.at("/fair-fast").length >= 8, 60_000, fair);
    await releasing;
    await fair.stop();
    const slowAt = receiver.at("/fair-slow").map((r) => r.at);
    const fastAt = receiver.at("/fair-fast").map((r) => r.at);
    // Every fast delivery arrived while the slow endpoint's sends were held, and those were at most its two slots.
    expect(Math.max(...fastAt)).toBeLessThanOrEqual(releasedAt);
    expect(slowSendsHeld).toBeGreaterThanOrEqual(1);
    expect(slowSendsHeld).toBeLessThanOrEqual(2);
    // Its third send waited for an answer.
    expect(slowAt[2]).toBeGreaterThanOrEqual(releasedAt);
    for (const h of [slow, fast]) {
      const rows = await db().select({ status: webhookDeliveries.status }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, fromGlobalId(h.id, "WebhookEndpoint", "id")));
      expect(rows.map((r) => r.status)).toEqual(Array(8).fill("DELIVERED"));
    }
  });

  it("while no endpoint is active a round is one small read (and a change does not wake the worker)", async () => {
    await db().update(webhookEndpoints).set({ active: false });
    const store = { requestId: "webhooks-idle", statements: 0 };
    expect(await runInRequest(store, () => worker.runOnce())).toBe(0);
    expect(store.statements).toBe(1);
  });

  it("delivered deliveries older than WEBHOOKS_KEEP_DAYS leave the log; parked and recent ones stay", async () => {
    const [old] = await db().select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.status, "DELIVERED")).limit(1);
    await db().update(webhookDeliveries).set({ deliveredAt: sql`now() - interval '31 days'` }).where(eq(webhookDeliveries.id, old.id));
    const count = async (status: "DELIVERED" | "PARKED" | "PENDING") => (await db().select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.status, status))).length;
    const [delivered, parked] = [await count("DELIVERED"), await count("PARKED")];
    expect(await sweepDelivered(db(), 30 * 86_400_000)).toBe(1);
    expect([await count("DELIVERED"), await count("PARKED")]).toEqual([delivered - 1, parked]);
  });

  it("backoff: doubling from the base up to the cap, with jitter between half and all of it", () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 1000, 5000, () => 1))).toEqual([1000, 2000, 4000, 5000]);
    expect([1, 2, 3].map((a) => backoffMs(a, 1000, 5000, () => 0))).toEqual([500, 1000, 2000]);
  });
});
