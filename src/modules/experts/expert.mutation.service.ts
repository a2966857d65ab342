import { eq, getTableColumns, sql } from "drizzle-orm";
import type { Context } from "../../context.js";
import { checkDate, checkText, optionalText } from "../../shared/args.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { nextId, runMutation } from "../../shared/mutation.js";
import { audit } from "../audit/audit.service.js";
import { requireRole } from "../auth/access.js";
import { Permission, rolesOf } from "../auth/permission.js";
import { lockAndAuthorize, requireAccess } from "../auth/require-access.js";
import { requireActiveInstitutions } from "../institutions/institution.mutation.service.js";
import type { CreateExpertInput, DeactivateExpertInput, UpdateExpertInput } from "./expert.mutation.input.js";
import { experts } from "./expert.table.js";

/** Records an expert; the code is "EX-" and its id. */
export async function createExpert(ctx: Context, input: CreateExpertInput) {
  requireRole(ctx, rolesOf(Permission.ExpertCreate));
  const home = fromGlobalId(input.homeInstitutionId, "Institution", "input.homeInstitutionId");
  await requireAccess(ctx, Permission.ExpertCreate, [home], { field: "input.homeInstitutionId" });
  const familyName = checkText(input.familyName, "input.familyName", 200);
  const givenNames = checkText(input.givenNames, "input.givenNames", 200);
  const specialty = checkText(input.specialty, "input.specialty", 200);
  return runMutation(ctx, {
    operation: "createExpert",
    input,
    run: async (tx) => {
      await requireActiveInstitutions(tx, [home], () => "input.homeInstitutionId");
      const id = await nextId(tx, "experts");
      const row = { id, code: `EX-${id}`, familyName, givenNames, specialty, homeInstitutionId: home };
      await tx.insert(experts).values(row);
      await audit(tx, ctx, { action: "expert.create", entityType: "Expert", entityId: id, after: row });
      return { expertId: id };
    },
  });
}

export async function updateExpert(ctx: Context, input: UpdateExpertInput) {
  requireRole(ctx, rolesOf(Permission.ExpertUpdate));
  const id = fromGlobalId(input.expertId, "Expert", "input.expertId");
  const familyName = optionalText(input.familyName, "input.familyName", 200);
  const givenNames = optionalText(input.givenNames, "input.givenNames", 200);
  const specialty = optionalText(input.specialty, "input.specialty", 200);
  const home = input.homeInstitutionId ? fromGlobalId(input.homeInstitutionId, "Institution", "input.homeInstitutionId") : undefined;
  return runMutation(ctx, {
    operation: "updateExpert",
    input,
    run: async (tx) => {
      const [before] = await lockAndAuthorize(tx, ctx, Permission.ExpertUpdate, [id], { field: "input.expertId", given: input.expertId }, getTableColumns(experts));
      if (home != null) {
        // A move needs the right at both ends: the staff of the old home cannot hand an expert to another institution alone.
        await requireAccess(ctx, Permission.ExpertCreate, [home], { field: "input.homeInstitutionId", db: tx });
        await requireActiveInstitutions(tx, [home], () => "input.homeInstitutionId");
      }
      const changes = {
        ...(familyName != null && { familyName }),
        ...(givenNames != null && { givenNames }),
        ...(specialty != null && { specialty }),
        ...(home != null && { homeInstitutionId: home }),
      };
      if (Object.keys(changes).length) await tx.update(experts).set(changes).where(eq(experts.id, id));
      const was = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof before]]));
      await audit(tx, ctx, { action: "expert.update", entityType: "Expert", entityId: id, before: was, after: changes });
      return { expertId: id };
    },
  });
}

export async function deactivateExpert(ctx: Context, input: DeactivateExpertInput) {
  requireRole(ctx, rolesOf(Permission.ExpertUpdate));
  const id = fromGlobalId(input.expertId, "Expert", "input.expertId");
  const on = input.on ? checkDate(input.on, "input.on") : null;
  return runMutation(ctx, {
    operation: "deactivateExpert",
    input,
    run: async (tx) => {
      const [before] = await lockAndAuthorize(tx, ctx, Permission.ExpertUpdate, [id], { field: "input.expertId", given: input.expertId }, { off: experts.deactivatedOn });
      if (before.off != null) throw new AppError(ErrorCode.CONFLICT, `The expert was deactivated on ${before.off}`, { field: "input.expertId" });
      const [row] = await tx.update(experts).set({ deactivatedOn: on ?? sql`current_date` }).where(eq(experts.id, id)).returning({ deactivatedOn: experts.deactivatedOn });
      await audit(tx, ctx, { action: "expert.deactivate", entityType: "Expert", entityId: id, after: row });
      return { expertId: id };
    },
  });
}
