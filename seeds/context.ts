import type { Db } from "../src/db/client.js";
import type { Counts } from "./insert.js";

/** What one part of the seed hands to the next: ids by natural key (slug, code). */
export interface SeedContext {
  db: Db;
  counts: Counts;
  /** Source ids: the English and the French article. */
  source: { en: number; fr: number };
  /** Institution id by slug. */
  inst: Map<string, number>;
  /** Institution country by slug. */
  instCountry: Map<string, string>;
  /** Agreement id by code. */
  agreement: Map<string, number>;
}

export function newContext(db: Db): SeedContext {
  return { db, counts: {}, source: { en: 0, fr: 0 }, inst: new Map(), instCountry: new Map(), agreement: new Map() };
}

/** Slugs of the institutions the seed refers to by name. */
export const I = {
  xmu: "xinjiang-medical-university",
  fah: "xmu-first-affiliated-hospital",
  skl: "xmu-fah-state-key-laboratory-central-asia",
  tma: "tashkent-medical-academy",
  urgench: "tashkent-medical-academy-urgench-branch",
  imc: "international-medical-center-of-tajikistan",
  nmsc: "kazakhstan-national-medical-science-center",
  amu: "astana-medical-university",
  tcmUz: "china-uzbekistan-tcm-centre",
  tcmKz: "china-kazakhstan-tcm-centre-astana",
} as const;

/** The four Xinjiang hospitals with international departments that the sources count but do not name. */
export const xinjiangStandIns = [2, 3, 4, 5].map((n) => `xinjiang-tertiary-hospital-${n}`);

/** The 22 telemedicine partner hospitals abroad, by country (the sources give only the total). */
export const partnerHospitalsPerCountry: Record<string, number> = { KZ: 6, UZ: 5, KG: 4, TJ: 4, TM: 3 };
export const partnerHospitals = Object.entries(partnerHospitalsPerCountry).flatMap(([cc, n]) =>
  Array.from({ length: n }, (_, i) => `partner-hospital-${cc.toLowerCase()}-${i + 1}`),
);

/** Illustrative home universities for students of countries whose partner institutions the sources do not name. */
export const homeUniversity = (cc: string) => `home-university-${cc.toLowerCase()}`;

/** Home institution of a student of each nationality. */
export const studentHome: Record<string, string> = {
  KZ: I.amu,
  UZ: I.tma,
  KG: homeUniversity("KG"),
  TJ: homeUniversity("TJ"),
  TM: homeUniversity("TM"),
  RU: homeUniversity("RU"),
  PK: homeUniversity("PK"),
  MN: homeUniversity("MN"),
};
