import { eq, getTableColumns, inArray } from "drizzle-orm";
import type { Context } from "../../context.js";
import { atPrecision, checkDate, checkText, optionalText } from "../../shared/args.js";
import { badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { nextId, runMutation, type Tx } from "../../shared/mutation.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize, requireAccess } from "../auth/require-access.js";
import { countries } from "../institutions/country.table.js";
import { institutions } from "../institutions/institution.table.js";
import type { CreateCooperationEventInput, UpdateCooperationEventInput } from "./event.mutation.input.js";
import { cooperationEventCountries, cooperationEventInstitutions, cooperationEvents } from "./event.table.js";

type Kind = (typeof cooperationEvents.$inferInsert)["kind"];
type Precision = NonNullable<(typeof cooperationEvents.$inferInsert)["occurredOnPrecision"]>;

function institutionIdsOf(ids: readonly string[]): number[] {
  const out = ids.map((g, i) => fromGlobalId(g, "Institution", `input.institutionIds[${i}]`));
  const dup = out.findIndex((id, i) => out.indexOf(id) !== i);
  if (dup >= 0) throw badInput(`input.institutionIds[${dup}]`, "listed twice");
  return out;
}

/** An institution admin acts for one of the institutions involved; a platform admin may record an event of none (a ministers' meeting). */
async function authorizeInvolved(ctx: Context, ids: number[], db?: Tx) {
  if (ctx.viewer?.role === "PLATFORM_ADMIN") return;
  if (!ids.length) throw badInput("input.institutionIds", "name one or more institutions involved");
  await requireAccess(ctx, Permission.EventCreate, ids, { field: (i) => `input.institutionIds[${i}]`, some: true, db });
}

async function writeLinks(tx: Tx, eventId: number, insts: number[], codes: string[]) {
  if (insts.length) {
    const found = new Set((await tx.select({ id: institutions.id }).from(institutions).where(inArray(institutions.id, insts))).map((r) => r.id));
    const missing = insts.findIndex((id) => !found.has(id));
    if (missing >= 0) throw badInput(`input.institutionIds[${missing}]`, "there is no such institution");
    await tx.insert(cooperationEventInstitutions).values(insts.map((institutionId) => ({ eventId, institutionId })));
  }
  if (codes.length) {
    const found = new Set((await tx.select({ code: countries.code }).from(countries).where(inArray(countries.code, codes))).map((r) => r.code));
    const missing = codes.findIndex((c) => !found.has(c));
    if (missing >= 0) throw badInput(`input.countryCodes[${missing}]`, "no such country is held");
    await tx.insert(cooperationEventCountries).values(codes.map((countryCode) => ({ eventId, countryCode })));
  }
}

/** Records an event; its code is "EV-" and its id. */
export async function createCooperationEvent(ctx: Context, input: CreateCooperationEventInput) {
  requireRole(ctx, rolesOf(Permission.EventCreate));
  const insts = institutionIdsOf(input.institutionIds);
  await authorizeInvolved(ctx, insts);
  const title = checkText(input.title, "input.title", 300);
  const description = optionalText(input.description, "input.description", 5000) ?? null;
  const occurredOn = checkDate(input.occurredOn, "input.occurredOn");
  const codes = [...new Set(input.countryCodes ?? [])];
  return runMutation(ctx, {
    operation: "createCooperationEvent",
    input,
    run: async (tx) => {
      const id = await nextId(tx, "cooperation_events");
      const occurredOnPrecision = (input.occurredOnPrecision ?? "DAY") as Precision;
      const row = { id, code: `EV-${id}`, kind: input.kind as Kind, title, description, occurredOn: atPrecision(occurredOn, occurredOnPrecision), occurredOnPrecision };
      await tx.insert(cooperationEvents).values(row);
      await writeLinks(tx, id, insts, codes);
      await audit(tx, ctx, { action: "cooperationEvent.create", entityType: "CooperationEvent", entityId: id, after: { ...row, institutionIds: insts, countryCodes: codes } });
      return { eventId: id };
    },
  });
}

export async function updateCooperationEvent(ctx: Context, input: UpdateCooperationEventInput) {
  requireRole(ctx, rolesOf(Permission.EventUpdate));
  const id = fromGlobalId(input.eventId, "CooperationEvent", "input.eventId");
  const title = optionalText(input.title, "input.title", 300);
  const description = optionalText(input.description, "input.description", 5000);
  const occurredOn = input.occurredOn ? checkDate(input.occurredOn, "input.occurredOn") : undefined;
  const insts = input.institutionIds ? institutionIdsOf(input.institutionIds) : undefined;
  const codes = input.countryCodes ? [...new Set(input.countryCodes)] : undefined;
  return runMutation(ctx, {
    operation: "updateCooperationEvent",
    input,
    run: async (tx) => {
      const [before] = await lockAndAuthorize(tx, ctx, Permission.EventUpdate, [id], { field: "input.eventId", given: input.eventId }, getTableColumns(cooperationEvents));
      if (insts) await authorizeInvolved(ctx, insts, tx); // the caller may not hand the event to institutions it does not act for
      // The date at its precision, whichever of the two changes (a precision made coarser moves a stored day to the period's first).
      const precision = (input.occurredOnPrecision ?? before.occurredOnPrecision) as Precision;
      const stored = occurredOn != null || input.occurredOnPrecision != null ? atPrecision(occurredOn ?? before.occurredOn, precision) : undefined;
      const changes = {
        ...(input.kind != null && { kind: input.kind as Kind }),
        ...(title != null && { title }),
        ...(description != null && { description }),
        ...(stored != null && stored !== before.occurredOn && { occurredOn: stored }),
        ...(input.occurredOnPrecision != null && { occurredOnPrecision: input.occurredOnPrecision as Precision }),
      };
      if (Object.keys(changes).length) await tx.update(cooperationEvents).set(changes).where(eq(cooperationEvents.id, id));
      if (insts) await tx.delete(cooperationEventInstitutions).where(eq(cooperationEventInstitutions.eventId, id));
      if (codes) await tx.delete(cooperationEventCountries).where(eq(cooperationEventCountries.eventId, id));
      await writeLinks(tx, id, insts ?? [], codes ?? []);
      const was = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof before]]));
      await audit(tx, ctx, { action: "cooperationEvent.update", entityType: "CooperationEvent", entityId: id, before: was, after: { ...changes, institutionIds: insts, countryCodes: codes } });
      return { eventId: id };
    },
  });
}
