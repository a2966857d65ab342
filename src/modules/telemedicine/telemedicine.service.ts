import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Context } from "../../context.js";
import type { Db } from "../../db/client.js";
import { fromGlobalId } from "../../shared/global-id.js";
import { paginate, type Ordering, type PageArgs } from "../../shared/pagination.js";
import { institutions } from "../institutions/institution.table.js";
import type { TelemedicineLinkFilter } from "./telemedicine.input.js";
import type { TelemedicineLinkRow } from "./telemedicine.loaders.js";
import { telemedicineLinks } from "./telemedicine.table.js";

/** Telemedicine links are listed by id: the order they were recorded in. */
export const telemedicineLinkOrdering: Ordering<TelemedicineLinkRow> = {
  name: "telemedicineLink.id",
  columns: [telemedicineLinks.id],
  key: (r) => [r.id],
};

export function telemedicineLinkWhere(f: TelemedicineLinkFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.partnerCountryCode != null)
    conds.push(
      inArray(
        telemedicineLinks.partnerHospitalId,
        sql`(select ${institutions.id} from ${institutions} where ${institutions.countryCode} = ${f.partnerCountryCode})`,
      ),
    );
  if (f.xinjiangHospitalId != null)
    conds.push(eq(telemedicineLinks.xinjiangHospitalId, fromGlobalId(f.xinjiangHospitalId, "Institution", `${path}.xinjiangHospitalId`)));
  if (f.partnerHospitalId != null)
    conds.push(eq(telemedicineLinks.partnerHospitalId, fromGlobalId(f.partnerHospitalId, "Institution", `${path}.partnerHospitalId`)));
  return and(...conds);
}

export function listTelemedicineLinks(ctx: Context, args: PageArgs, filter?: TelemedicineLinkFilter | null) {
  return paginate(ctx.db, { table: telemedicineLinks, ordering: telemedicineLinkOrdering, where: telemedicineLinkWhere(filter), args });
}

/** Batch: the links at either end of each institution, by id; one statement for all institutions. */
export async function linksOfInstitutions(db: Db, ids: readonly number[]): Promise<TelemedicineLinkRow[][]> {
  const rows = await db
    .select()
    .from(telemedicineLinks)
    .where(or(inArray(telemedicineLinks.xinjiangHospitalId, [...ids]), inArray(telemedicineLinks.partnerHospitalId, [...ids])))
    .orderBy(asc(telemedicineLinks.id));
  const m = new Map<number, TelemedicineLinkRow[]>();
  const add = (k: number, r: TelemedicineLinkRow) => {
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(r);
  };
  for (const r of rows) {
    add(r.xinjiangHospitalId, r);
    add(r.partnerHospitalId, r); // the two ends differ (a check constraint), so no link is listed twice
  }
  return ids.map((id) => m.get(id) ?? []);
}
