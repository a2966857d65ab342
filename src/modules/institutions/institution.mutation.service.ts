import { and, eq, getTableColumns, inArray, ne, sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import type { Db } from "../../db/client.js";
import { queryRows } from "../../db/rows.js";
import { checkDate, checkText, optionalText } from "../../shared/args.js";
import { AppError, ErrorCode, badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { checkNames } from "../../shared/localized.type.js";
import { runMutation, type Tx } from "../../shared/mutation.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize } from "../auth/require-access.js";
import { countries } from "./country.table.js";
import type { CreateInstitutionInput, DeactivateInstitutionInput, InstitutionIdentifierInput, UpdateInstitutionInput } from "./institution.mutation.input.js";
import { institutionIdentifiers, institutions } from "./institution.table.js";

type Scheme = (typeof institutionIdentifiers.$inferInsert)["scheme"];

/**
 * ROR's check: the last two digits are 98 − (n × 100 mod 97), n the six characters before them in Crockford's
 * base 32 (ROR's identifier spec). A mistyped id would otherwise pass, and be "one institution per identifier".
 */
const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";
const rorChecks = (v: string) => {
  let n = 0n;
  for (const c of v.slice(1, 7)) n = n * 32n + BigInt(CROCKFORD.indexOf(c));
  return 98n - ((n * 100n) % 97n) === BigInt(v.slice(7));
};
/** ISNI's check character (ISO 27729): ISO 7064 MOD 11-2 over the first 15 digits, 10 written X. */
const isniChecks = (v: string) => {
  let t = 0;
  for (const c of v.slice(0, 15)) t = (t + Number(c)) * 2;
  const r = (12 - (t % 11)) % 11;
  return v[15] === (r === 10 ? "X" : String(r));
};

/** Each register's form of an identifier, normalised (a ROR URL to its id, ISNI without spaces), and its check digits where it has them. */
const FORMATS: Record<Scheme, { clean: (v: string) => string; re: RegExp; hint: string; check?: (v: string) => boolean }> = {
  ROR: { clean: (v) => v.replace(/^https?:\/\/ror\.org\//i, "").toLowerCase(), re: /^0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$/, hint: "a ROR id: 0, six letters or digits, two digits (e.g. 04v7vb598)", check: rorChecks },
  WIKIDATA: { clean: (v) => v.toUpperCase(), re: /^Q[1-9][0-9]{0,11}$/, hint: "a Wikidata item id such as Q1234" },
  ISNI: { clean: (v) => v.replace(/\s+/g, "").toUpperCase(), re: /^[0-9]{15}[0-9X]$/, hint: "16 characters: 15 digits and a digit or X", check: isniChecks },
  SCHAC: { clean: (v) => v.toLowerCase(), re: /^[a-z0-9-]+(\.[a-z0-9-]+)+$/, hint: "a domain name such as xjmu.edu.cn" },
  NATIONAL: { clean: (v) => v, re: /^[A-Za-z0-9][A-Za-z0-9./-]{0,59}$/, hint: "1–60 letters, digits, dots, slashes and hyphens" },
};

function checkIdentifiers(list: readonly InstitutionIdentifierInput[], field: string): { scheme: Scheme; value: string }[] {
  const seen = new Set<string>();
  return list.map((x, i) => {
    const scheme = x.scheme as Scheme;
    if (seen.has(scheme)) throw badInput(`${field}[${i}].scheme`, `one ${scheme} identifier per institution`);
    seen.add(scheme);
    const f = FORMATS[scheme];
    const value = f.clean(x.value.trim());
    if (!f.re.test(value)) throw badInput(`${field}[${i}].value`, `must be ${f.hint}`);
    if (f.check && !f.check(value)) throw badInput(`${field}[${i}].value`, `is not a valid ${scheme} identifier: its check digits do not match (a typing error?)`);
    return { scheme, value };
  });
}

/** An identifier another institution holds is CONFLICT, naming the entry. */
async function checkIdentifiersFree(tx: Tx, ids: { scheme: Scheme; value: string }[], self: number | null, field: string) {
  for (const [i, x] of ids.entries()) {
    const [taken] = await tx
      .select({ id: institutionIdentifiers.institutionId })
      .from(institutionIdentifiers)
      .where(and(eq(institutionIdentifiers.scheme, x.scheme), eq(institutionIdentifiers.value, x.value), self == null ? undefined : ne(institutionIdentifiers.institutionId, self)));
    if (taken) throw new AppError(ErrorCode.CONFLICT, `Another institution holds ${x.scheme} ${x.value}`, { field: `${field}[${i}].value` });
  }
}

function checkWebsite(v: string | null | undefined, field: string): string | null | undefined {
  if (v == null) return v;
  let url: URL;
  try {
    url = new URL(v.trim());
  } catch {
    throw badInput(field, "must be an absolute http or https URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw badInput(field, "must be an absolute http or https URL");
  return url.toString();
}

async function checkCountry(tx: Tx, code: string, field: string) {
  const [c] = await tx.select({ code: countries.code }).from(countries).where(eq(countries.code, code));
  if (!c) throw badInput(field, `no country ${code} is held`);
}

/**
 * Institutions that are not deactivated, for a new reference (an expert's home, a lab's lead or member, a link's
 * hospital): throws NOT_FOUND for a missing one and BAD_USER_INPUT for a deactivated one, naming its field.
 */
export async function requireActiveInstitutions(tx: Tx, ids: readonly number[], field: (i: number) => string): Promise<void> {
  if (!ids.length) return;
  const rows = await tx.select({ id: institutions.id, off: institutions.deactivatedOn }).from(institutions).where(inArray(institutions.id, [...new Set(ids)]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  ids.forEach((id, i) => {
    const r = byId.get(id);
    if (!r) throw new AppError(ErrorCode.NOT_FOUND, `Institution ${field(i)} was not found`, { field: field(i) });
    if (r.off != null) throw badInput(field(i), `the institution was deactivated on ${r.off}`);
  });
}

/** The parent must exist, and must not be the institution or one of its descendants (no cycle). */
async function checkParent(tx: Tx, parent: number, self: number | null, field: string) {
  await requireActiveInstitutions(tx, [parent], () => field);
  if (self == null) return;
  const hits = await queryRows(
    tx as unknown as Db,
    sql`with recursive up(id) as (select ${parent}::int union select i.parent_id from institutions i join up on i.id = up.id where i.parent_id is not null)
        select 1 as hit from up where id = ${self} limit 1`,
  );
  if (hits.length) throw badInput(field, "the institution would be its own ancestor");
}

export async function createInstitution(ctx: Context, input: CreateInstitutionInput) {
  requireRole(ctx, []); // shared reference data: platform admins
  const slug = input.slug.trim();
  if (!/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/.test(slug) || slug.length < 2) throw badInput("input.slug", "must be 2 to 80 lower-case letters, digits and hyphens");
  const nameEn = checkText(input.nameEn, "input.nameEn", 300);
  const names = checkNames(input.names ?? [], "input.names");
  const city = optionalText(input.city, "input.city", 200) ?? null;
  const website = checkWebsite(input.website, "input.website") ?? null;
  const foundedOn = input.foundedOn ? checkDate(input.foundedOn, "input.foundedOn") : null;
  const parent = input.parentId ? fromGlobalId(input.parentId, "Institution", "input.parentId") : null;
  if (input.kind === "BRANCH_CAMPUS" && parent == null) throw badInput("input.parentId", "a branch campus needs its parent university");
  const identifiers = checkIdentifiers(input.identifiers ?? [], "input.identifiers");
  return runMutation(ctx, {
    operation: "createInstitution",
    input,
    run: async (tx) => {
      await checkCountry(tx, input.countryCode, "input.countryCode");
      if (parent != null) await checkParent(tx, parent, null, "input.parentId");
      const [dup] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.slug, slug));
      if (dup) throw new AppError(ErrorCode.CONFLICT, `An institution with slug ${slug} exists`, { field: "input.slug" });
      await checkIdentifiersFree(tx, identifiers, null, "input.identifiers");
      const [row] = await tx
        .insert(institutions)
        .values({
          slug, kind: input.kind as "UNIVERSITY", nameEn, names, countryCode: input.countryCode, city, website, parentId: parent,
          foundedOn, foundedOnPrecision: foundedOn ? "DAY" : null, internationalDepartment: input.internationalDepartment ?? false,
        })
        .returning();
      if (identifiers.length) await tx.insert(institutionIdentifiers).values(identifiers.map((x) => ({ ...x, institutionId: row.id })));
      await audit(tx, ctx, { action: "institution.create", entityType: "Institution", entityId: row.id, after: { ...row, identifiers } });
      return { institutionId: row.id };
    },
  });
}

export async function updateInstitution(ctx: Context, input: UpdateInstitutionInput) {
  const v = requireRole(ctx, rolesOf(Permission.InstitutionUpdate));
  const id = fromGlobalId(input.institutionId, "Institution", "input.institutionId");
  // The hierarchy, kind and country shape reports and other institutions' records: platform admins only.
  if (v.role !== "PLATFORM_ADMIN")
    for (const f of ["kind", "parentId", "countryCode"] as const)
      if (input[f] != null) throw new AppError(ErrorCode.FORBIDDEN, `Only platform admins change an institution's ${f}`, { field: `input.${f}` });
  const nameEn = optionalText(input.nameEn, "input.nameEn", 300);
  const names = input.names ? checkNames(input.names, "input.names") : undefined;
  const city = optionalText(input.city, "input.city", 200);
  const website = checkWebsite(input.website, "input.website");
  const parent = input.parentId ? fromGlobalId(input.parentId, "Institution", "input.parentId") : undefined;
  const identifiers = input.identifiers ? checkIdentifiers(input.identifiers, "input.identifiers") : undefined;
  return runMutation(ctx, {
    operation: "updateInstitution",
    input,
    run: async (tx) => {
      const [before] = await lockAndAuthorize(tx, ctx, Permission.InstitutionUpdate, [id], { field: "input.institutionId", given: input.institutionId }, getTableColumns(institutions));
      if (input.countryCode != null) await checkCountry(tx, input.countryCode, "input.countryCode");
      if (parent != null) await checkParent(tx, parent, id, "input.parentId");
      const kind = (input.kind ?? before.kind) as typeof before.kind;
      if (kind === "BRANCH_CAMPUS" && (parent ?? before.parentId) == null) throw badInput("input.kind", "a branch campus needs its parent university");
      if (identifiers) await checkIdentifiersFree(tx, identifiers, id, "input.identifiers");
      const changes = {
        ...(nameEn != null && { nameEn }),
        ...(names && { names }),
        ...(city != null && { city }),
        ...(website != null && { website }),
        ...(input.internationalDepartment != null && { internationalDepartment: input.internationalDepartment }),
        ...(input.kind != null && { kind }),
        ...(parent != null && { parentId: parent }),
        ...(input.countryCode != null && { countryCode: input.countryCode }),
      };
      if (Object.keys(changes).length) await tx.update(institutions).set(changes).where(eq(institutions.id, id));
      let oldIdentifiers: unknown;
      if (identifiers) {
        oldIdentifiers = await tx.delete(institutionIdentifiers).where(eq(institutionIdentifiers.institutionId, id)).returning({ scheme: institutionIdentifiers.scheme, value: institutionIdentifiers.value });
        if (identifiers.length) await tx.insert(institutionIdentifiers).values(identifiers.map((x) => ({ ...x, institutionId: id })));
      }
      const was = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof before]]));
      await audit(tx, ctx, { action: "institution.update", entityType: "Institution", entityId: id, before: { ...was, identifiers: oldIdentifiers }, after: { ...changes, identifiers } });
      return { institutionId: id };
    },
  });
}

export async function deactivateInstitution(ctx: Context, input: DeactivateInstitutionInput) {
  requireRole(ctx, []);
  const id = fromGlobalId(input.institutionId, "Institution", "input.institutionId");
  const on = input.on ? checkDate(input.on, "input.on") : null;
  const reason = checkText(input.reason, "input.reason", 500);
  return runMutation(ctx, {
    operation: "deactivateInstitution",
    input,
    run: async (tx) => {
      const [before] = await lockAndAuthorize(tx, ctx, Permission.InstitutionUpdate, [id], { field: "input.institutionId", given: input.institutionId }, { off: institutions.deactivatedOn });
      if (before.off != null) throw new AppError(ErrorCode.CONFLICT, `The institution was deactivated on ${before.off}`, { field: "input.institutionId" });
      const [row] = await tx
        .update(institutions)
        .set({ deactivatedOn: on ?? sql`current_date` })
        .where(eq(institutions.id, id))
        .returning({ deactivatedOn: institutions.deactivatedOn });
      await audit(tx, ctx, { action: "institution.deactivate", entityType: "Institution", entityId: id, after: { deactivatedOn: row.deactivatedOn, reason } });
      return { institutionId: id };
    },
  });
}
