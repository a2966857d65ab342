// Dated milestones of the cooperation, each from the article that reports it; dates keep the
// precision the article gives (a year, a month, or a day).
import * as t from "../src/db/schema.js";
import { I, type SeedContext, xinjiangStandIns } from "./context.js";
import { idBy, insertAll, insertReturning, must } from "./insert.js";

type Event = Omit<typeof t.cooperationEvents.$inferInsert, "sourceId"> & {
  source: "en" | "fr";
  institutions: string[];
  countries: string[];
};

const events: Event[] = [
  {
    code: "EV-2015-XJ-ACTION-PLANS", kind: "POLICY", source: "en",
    title: "Xinjiang's action plans to become a centre of international medical services",
    description: "Since 2015, Xinjiang has rolled out action plans to become a centre of world-class medical services for neighbouring countries.",
    occurredOn: "2015-01-01", occurredOnPrecision: "YEAR", institutions: [], countries: ["CN"],
  },
  {
    code: "EV-2018-TCM-CENTRE-ASTANA", kind: "CENTRE_OPENING", source: "fr",
    title: "Overseas TCM centre set up in Astana",
    description: "Xinjiang Medical University and Astana Medical University jointly set up a TCM centre in Astana, providing traditional medicine services locally.",
    occurredOn: "2018-01-01", occurredOnPrecision: "YEAR", institutions: [I.xmu, I.amu, I.tcmKz], countries: ["CN", "KZ"],
  },
  {
    code: "EV-2023-TCM-CENTRE-UZ", kind: "CENTRE_OPENING", source: "fr",
    title: "China–Uzbekistan TCM centre created",
    description: "Created in 2023, it is now Uzbekistan's most advanced demonstration base for producing oral medicines.",
    occurredOn: "2023-01-01", occurredOnPrecision: "YEAR", institutions: [I.tcmUz], countries: ["CN", "UZ"],
  },
  {
    code: "EV-2023-KZ-FIRST-EX-VIVO-LIVER", kind: "FIRST_PROCEDURE", source: "en",
    title: "Kazakhstan's first ex-vivo liver resection and autologous liver transplantation",
    description: "A multidisciplinary team of the First Affiliated Hospital of Xinjiang Medical University helped perform Kazakhstan's first successful ex-vivo liver resection and autologous liver transplantation.",
    occurredOn: "2023-01-01", occurredOnPrecision: "YEAR", institutions: [I.fah], countries: ["KZ", "CN"],
  },
  {
    code: "EV-2023-12-SKL-NMSC", kind: "AGREEMENT_SIGNING", source: "en",
    title: "State Key Laboratory signs with the Kazakhstan National Medical Science Center",
    description: "Agreement to cooperate on the prevention and treatment of high-incidence diseases in Central Asia.",
    occurredOn: "2023-12-01", occurredOnPrecision: "MONTH", institutions: [I.skl, I.fah, I.nmsc], countries: ["CN", "KZ"],
  },
  {
    code: "EV-2024-01-IMC-TAJIKISTAN", kind: "AGREEMENT_SIGNING", source: "en",
    title: "Four Xinjiang hospitals sign with the International Medical Center of Tajikistan",
    description: "Cooperation agreements on telemedicine, technical exchange and academic exchange. The sources do not name the four hospitals.",
    occurredOn: "2024-01-01", occurredOnPrecision: "MONTH", institutions: [...xinjiangStandIns, I.imc], countries: ["CN", "TJ"],
  },
  {
    code: "EV-2024-TCM-PROGRAM-LAUNCH", kind: "PROGRAM_LAUNCH", source: "en",
    title: "Joint five-year undergraduate TCM program launched with the Urgench Branch of Tashkent Medical Academy",
    description: "Xinjiang Medical University's joint program in Traditional Chinese Medicine; 17 students so far.",
    occurredOn: "2024-01-01", occurredOnPrecision: "YEAR", institutions: [I.xmu, I.urgench], countries: ["CN", "UZ"],
  },
  {
    code: "EV-2024-11-10-TCM-CONSULTATION-ASTANA", kind: "CONSULTATION_DAY", source: "fr",
    title: "Free consultation day at the China–Kazakhstan TCM Centre in Astana",
    description: "A TCM doctor diagnoses a patient with the help of an interpreter during the free medical consultation event (photo caption of the French article).",
    occurredOn: "2024-11-10", occurredOnPrecision: "DAY", institutions: [I.tcmKz], countries: ["KZ", "CN"],
  },
  {
    code: "EV-2025-04-CN-CA-FOREIGN-MINISTERS-6", kind: "MINISTERIAL_MEETING", source: "fr",
    title: "Sixth China–Central Asia foreign ministers' meeting",
    description: "Stressed deeper health cooperation, including TCM centres and the promotion of herbal medicine and its culture.",
    occurredOn: "2025-04-01", occurredOnPrecision: "MONTH", institutions: [], countries: ["CN", "KZ", "KG", "TJ", "TM", "UZ"],
  },
];

export async function seedEvents(ctx: SeedContext): Promise<void> {
  const rows = await insertReturning(ctx.db, ctx.counts, t.cooperationEvents,
    events.map(({ source, institutions: _i, countries: _c, ...e }) => ({ ...e, sourceId: ctx.source[source] })));
  const ids = idBy(rows, (r) => r.code);
  await insertAll(ctx.db, ctx.counts, t.cooperationEventInstitutions,
    events.flatMap((e) => e.institutions.map((slug) => ({ eventId: must(ids, e.code), institutionId: must(ctx.inst, slug) }))));
  await insertAll(ctx.db, ctx.counts, t.cooperationEventCountries,
    events.flatMap((e) => e.countries.map((countryCode) => ({ eventId: must(ids, e.code), countryCode }))));
}
