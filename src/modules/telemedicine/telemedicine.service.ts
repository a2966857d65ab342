import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { fromGlobalId } from "../../shared/global-id.js";
import type { Ordering } from "../../shared/pagination.js";
import { institutions } from "../institutions/institution.table.js";
import type { TelemedicineLinkFilter } from "./telemedicine.input.js";
import { telemedicineLinks, type TelemedicineLinkRow } from "./telemedicine.table.js";

/** Telemedicine links are listed by id: the order they were recorded in. */
export const telemedicineLinkOrdering: Ordering<TelemedicineLinkRow> = {
  name: "telemedicineLink.id",
  columns: [telemedicineLinks.id],
  key: (r) => [r.id],
};

export function telemedicineLinkWhere(t: typeof telemedicineLinks, f: TelemedicineLinkFilter | null | undefined, path = "filter"): SQL | undefined {
  if (!f) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (f.partnerCountryCode != null)
    conds.push(inArray(t.partnerHospitalId, sql`(select ${institutions.id} from ${institutions} where ${institutions.countryCode} = ${f.partnerCountryCode})`));
  if (f.xinjiangHospitalId != null) conds.push(eq(t.xinjiangHospitalId, fromGlobalId(f.xinjiangHospitalId, "Institution", `${path}.xinjiangHospitalId`)));
  if (f.partnerHospitalId != null) conds.push(eq(t.partnerHospitalId, fromGlobalId(f.partnerHospitalId, "Institution", `${path}.partnerHospitalId`)));
  return and(...conds);
}
