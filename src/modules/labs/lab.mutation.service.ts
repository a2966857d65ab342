import { eq, getTableColumns } from "drizzle-orm";
import type { Context } from "../../context.js";
import { checkDate, checkText, optionalText } from "../../shared/args.js";
import { badInput } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { checkNames } from "../../shared/localized.type.js";
import { nextId, runMutation, type Tx } from "../../shared/mutation.js";
import { todayUtc } from "../../shared/today.js";
import { partiesOnDay } from "../agreements/agreement.service.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize, requireAccess } from "../auth/require-access.js";
import { requireActiveInstitutions } from "../institutions/institution.mutation.service.js";
import type { CreateJointLabInput, JointLabMemberInput, UpdateJointLabInput } from "./lab.mutation.input.js";
import { jointLabFocusAreas, jointLabMembers, jointLabs } from "./lab.table.js";

type Role = (typeof jointLabMembers.$inferInsert)["role"];
type Area = (typeof jointLabFocusAreas.$inferInsert)["area"];

function checkMembers(list: readonly JointLabMemberInput[], lead: number): { institutionId: number; role: Role }[] {
  const seen = new Set<number>();
  return list.map((m, i) => {
    const institutionId = fromGlobalId(m.institutionId, "Institution", `input.members[${i}].institutionId`);
    if (institutionId === lead) throw badInput(`input.members[${i}].institutionId`, "the lead is not its own member");
    if (seen.has(institutionId)) throw badInput(`input.members[${i}].institutionId`, "listed twice");
    seen.add(institutionId);
    return { institutionId, role: (m.role ?? "MEMBER") as Role };
  });
}

function checkAreas(areas: readonly string[]): Area[] {
  if (!areas.length) throw badInput("input.focusAreas", "give one or more focus areas");
  return [...new Set(areas)] as Area[];
}

async function writeMembers(tx: Tx, labId: number, members: { institutionId: number; role: Role }[]) {
  await requireActiveInstitutions(tx, members.map((m) => m.institutionId), (i) => `input.members[${i}].institutionId`);
  if (members.length) await tx.insert(jointLabMembers).values(members.map((m) => ({ ...m, labId })));
}

/** Founds a joint lab; its code is "JL-" and its id. */
export async function createJointLab(ctx: Context, input: CreateJointLabInput) {
  requireRole(ctx, rolesOf(Permission.JointLabCreate));
  const lead = fromGlobalId(input.leadInstitutionId, "Institution", "input.leadInstitutionId");
  await requireAccess(ctx, Permission.JointLabCreate, [lead], { field: "input.leadInstitutionId" });
  const nameEn = checkText(input.nameEn, "input.nameEn", 300);
  const names = checkNames(input.names ?? [], "input.names");
  const members = checkMembers(input.members ?? [], lead);
  const areas = checkAreas(input.focusAreas);
  const agreementId = input.agreementId ? fromGlobalId(input.agreementId, "Agreement", "input.agreementId") : null;
  const establishedOn = input.establishedOn ? checkDate(input.establishedOn, "input.establishedOn") : null;
  const description = optionalText(input.description, "input.description", 5000) ?? null;
  return runMutation(ctx, {
    operation: "createJointLab",
    input,
    run: async (tx) => {
      await requireActiveInstitutions(tx, [lead], () => "input.leadInstitutionId");
      if (agreementId != null) {
        // Under the terms in force when the lab was established (today when not given).
        const day = establishedOn ?? todayUtc();
        if (!(await partiesOnDay(tx, agreementId, day, "input.agreementId", { field: establishedOn ? "input.establishedOn" : "input.agreementId", first: day }))?.has(lead)) throw badInput("input.agreementId", `no such agreement, or the lead is not a party to it under its terms in force on ${day}`);
      }
      const id = await nextId(tx, "joint_labs");
      const row = { id, code: `JL-${id}`, nameEn, names, leadInstitutionId: lead, agreementId, establishedOn, description };
      await tx.insert(jointLabs).values(row);
      await writeMembers(tx, id, members);
      await tx.insert(jointLabFocusAreas).values(areas.map((area) => ({ labId: id, area })));
      await audit(tx, ctx, { action: "jointLab.create", entityType: "JointLab", entityId: id, after: { ...row, members, focusAreas: areas } });
      return { jointLabId: id };
    },
  });
}

export async function updateJointLab(ctx: Context, input: UpdateJointLabInput) {
  requireRole(ctx, rolesOf(Permission.JointLabUpdate));
  const id = fromGlobalId(input.jointLabId, "JointLab", "input.jointLabId");
  const nameEn = optionalText(input.nameEn, "input.nameEn", 300);
  const names = input.names ? checkNames(input.names, "input.names") : undefined;
  const description = optionalText(input.description, "input.description", 5000);
  const areas = input.focusAreas ? checkAreas(input.focusAreas) : undefined;
  return runMutation(ctx, {
    operation: "updateJointLab",
    input,
    run: async (tx) => {
      const [before] = await lockAndAuthorize(tx, ctx, Permission.JointLabUpdate, [id], { field: "input.jointLabId", given: input.jointLabId }, getTableColumns(jointLabs));
      const members = input.members ? checkMembers(input.members, before.leadInstitutionId) : undefined;
      const changes = { ...(nameEn != null && { nameEn }), ...(names && { names }), ...(description != null && { description }) };
      if (Object.keys(changes).length) await tx.update(jointLabs).set(changes).where(eq(jointLabs.id, id));
      let oldMembers: unknown;
      let oldAreas: unknown;
      if (members) {
        oldMembers = await tx.delete(jointLabMembers).where(eq(jointLabMembers.labId, id)).returning({ institutionId: jointLabMembers.institutionId, role: jointLabMembers.role });
        await writeMembers(tx, id, members);
      }
      if (areas) {
        oldAreas = (await tx.delete(jointLabFocusAreas).where(eq(jointLabFocusAreas.labId, id)).returning({ area: jointLabFocusAreas.area })).map((a) => a.area);
        await tx.insert(jointLabFocusAreas).values(areas.map((area) => ({ labId: id, area })));
      }
      const was = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof before]]));
      await audit(tx, ctx, { action: "jointLab.update", entityType: "JointLab", entityId: id, before: { ...was, members: oldMembers, focusAreas: oldAreas }, after: { ...changes, members, focusAreas: areas } });
      return { jointLabId: id };
    },
  });
}
