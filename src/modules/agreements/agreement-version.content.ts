import { focusArea } from "../../db/enums.table.js";

/**
 * The terms a version holds, as stored in agreement_versions.content (and hashed there). Arrays in a fixed
 * order (parties by institution id, focus areas in the enum's order) so that the same terms give the same
 * content; the database renders it canonically (jsonb: keys sorted, one spacing) and hashes that text.
 * drizzle/0014_agreement_versions.sql builds version 1 of existing agreements in the same shape.
 */
export interface VersionContent {
  parties: { institutionId: number; role: string }[];
  focusAreas: string[];
  placesPerYear: number | null;
  validFrom: string | null;
  validUntil: string | null;
  summary: string | null;
}

const areaOrder = new Map<string, number>(focusArea.enumValues.map((v, i) => [v, i]));

export function versionContent(c: VersionContent): VersionContent {
  return {
    parties: [...c.parties].sort((a, b) => a.institutionId - b.institutionId).map((p) => ({ institutionId: p.institutionId, role: p.role })),
    focusAreas: [...new Set(c.focusAreas)].sort((a, b) => areaOrder.get(a)! - areaOrder.get(b)!),
    placesPerYear: c.placesPerYear,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    summary: c.summary,
  };
}
