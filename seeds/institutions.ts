// Sources, countries, institutions, their figures and the telemedicine links: the facts of the two
// articles in docs/sources, plus honest stand-ins where the articles count without naming.
import * as t from "../src/db/schema.js";
import { I, type SeedContext, homeUniversity, partnerHospitals, xinjiangStandIns } from "./context.js";
import { idBy, insertAll, insertReturning, must } from "./insert.js";

/** The marker seed() checks: present means the seed data is already loaded. */
export const EN_SOURCE_SLUG = "xinjiang-health-cooperation-en";

const sourceRows: (typeof t.sources.$inferInsert)[] = [
  // No URL, publisher or date: the saved texts carry none, and we do not invent them.
  {
    slug: EN_SOURCE_SLUG,
    title: "Xinjiang Leads Health Cooperation in Central Asia",
    language: "en",
    note: "docs/sources/xinjiang-health-cooperation.en.txt",
  },
  {
    slug: "xinjiang-health-cooperation-fr",
    title: "Coopération sanitaire Chine–Asie centrale : le Xinjiang (article en français, sans titre)",
    language: "fr",
    note: "docs/sources/xinjiang-health-cooperation.fr.txt (the saved text has no title line; this title is descriptive)",
  },
];

type Names = Record<string, string>;
const country = (code: string, nameEn: string, names: Names, centralAsia = false) => ({ code, nameEn, names, centralAsia });

const countryRows: (typeof t.countries.$inferInsert)[] = [
  country("CN", "China", { fr: "Chine", ru: "Китай", zh: "中国" }),
  country("KZ", "Kazakhstan", { fr: "Kazakhstan", ru: "Казахстан", zh: "哈萨克斯坦", kk: "Қазақстан" }, true),
  country("KG", "Kyrgyzstan", { fr: "Kirghizistan", ru: "Киргизия", zh: "吉尔吉斯斯坦", ky: "Кыргызстан" }, true),
  country("TJ", "Tajikistan", { fr: "Tadjikistan", ru: "Таджикистан", zh: "塔吉克斯坦", tg: "Тоҷикистон" }, true),
  country("TM", "Turkmenistan", { fr: "Turkménistan", ru: "Туркменистан", zh: "土库曼斯坦", tk: "Türkmenistan" }, true),
  country("UZ", "Uzbekistan", { fr: "Ouzbékistan", ru: "Узбекистан", zh: "乌兹别克斯坦", uz: "Oʻzbekiston" }, true),
  // Neighbours, so that nationality filters have students outside Central Asia to leave out.
  country("RU", "Russia", { fr: "Russie", ru: "Россия", zh: "俄罗斯" }),
  country("PK", "Pakistan", { fr: "Pakistan", ru: "Пакистан", zh: "巴基斯坦", ur: "پاکستان" }),
  country("MN", "Mongolia", { fr: "Mongolie", ru: "Монголия", zh: "蒙古国", mn: "Монгол Улс" }),
  country("AF", "Afghanistan", { fr: "Afghanistan", ru: "Афганистан", zh: "阿富汗" }),
];

type InstitutionRow = typeof t.institutions.$inferInsert & { parent?: string };

// Named in the articles: real names. Websites and founding dates only where we know them for certain.
const named: InstitutionRow[] = [
  {
    slug: I.xmu, kind: "UNIVERSITY", countryCode: "CN", city: "Urumqi", nameEn: "Xinjiang Medical University",
    names: { zh: "新疆医科大学", fr: "Université médicale du Xinjiang", ru: "Синьцзянский медицинский университет" },
    website: "https://www.xjmu.edu.cn",
  },
  {
    slug: I.fah, parent: I.xmu, kind: "HOSPITAL", countryCode: "CN", city: "Urumqi",
    nameEn: "First Affiliated Hospital of Xinjiang Medical University", internationalDepartment: true,
    names: {
      zh: "新疆医科大学第一附属医院",
      fr: "Premier hôpital affilié de l'Université médicale du Xinjiang",
      ru: "Первая аффилированная больница Синьцзянского медицинского университета",
    },
  },
  {
    slug: I.skl, parent: I.fah, kind: "RESEARCH_CENTRE", countryCode: "CN", city: "Urumqi",
    nameEn: "State Key Laboratory of Pathogenesis, Prevention and Treatment of High Incidence Diseases in Central Asia",
    names: {
      zh: "省部共建中亚高发病成因与防治国家重点实验室",
      fr: "Laboratoire d'État clé sur la pathogenèse, la prévention et le traitement des maladies à haute incidence en Asie centrale",
      ru: "Государственная ключевая лаборатория патогенеза, профилактики и лечения заболеваний с высокой распространённостью в Центральной Азии",
    },
  },
  {
    slug: I.tma, kind: "UNIVERSITY", countryCode: "UZ", city: "Tashkent", nameEn: "Tashkent Medical Academy",
    names: { uz: "Toshkent tibbiyot akademiyasi", ru: "Ташкентская медицинская академия", fr: "Académie médicale de Tachkent", zh: "塔什干医学院" },
  },
  {
    slug: I.urgench, parent: I.tma, kind: "BRANCH_CAMPUS", countryCode: "UZ", city: "Urgench",
    nameEn: "Urgench Branch of Tashkent Medical Academy",
    names: {
      uz: "Toshkent tibbiyot akademiyasi Urganch filiali",
      ru: "Ургенчский филиал Ташкентской медицинской академии",
      fr: "Filiale d'Ourguentch de l'Académie médicale de Tachkent",
      zh: "塔什干医学院乌尔根奇分院",
    },
  },
  {
    slug: I.imc, kind: "MEDICAL_CENTRE", countryCode: "TJ", city: "Dushanbe", nameEn: "International Medical Center of Tajikistan",
    names: { fr: "Centre médical international du Tadjikistan", ru: "Международный медицинский центр Таджикистана", zh: "塔吉克斯坦国际医疗中心" },
  },
  {
    slug: I.nmsc, kind: "MEDICAL_CENTRE", countryCode: "KZ", city: "Astana", nameEn: "Kazakhstan National Medical Science Center",
    names: { ru: "Национальный научный медицинский центр", fr: "Centre national des sciences médicales du Kazakhstan", zh: "哈萨克斯坦国家医学科学中心" },
  },
  {
    slug: I.amu, kind: "UNIVERSITY", countryCode: "KZ", city: "Astana", nameEn: "Astana Medical University",
    names: { kk: "Астана медицина университеті", ru: "Медицинский университет Астана", fr: "Université médicale d'Astana", zh: "阿斯塔纳医科大学" },
  },
  {
    // The French article dates it to 2023 and calls it Uzbekistan's most advanced demonstration base for
    // producing oral medicines; it names no city.
    slug: I.tcmUz, kind: "TCM_CENTRE", countryCode: "UZ", nameEn: "China–Uzbekistan TCM Centre",
    foundedOn: "2023-01-01", foundedOnPrecision: "YEAR",
    names: { fr: "Centre de la MTC Chine-Ouzbékistan", ru: "Китайско-узбекский центр традиционной китайской медицины", zh: "中国—乌兹别克斯坦中医药中心" },
  },
  {
    // Set up in 2018 by Xinjiang Medical University and Astana Medical University; it sits with the latter.
    slug: I.tcmKz, parent: I.amu, kind: "TCM_CENTRE", countryCode: "KZ", city: "Astana",
    nameEn: "China–Kazakhstan TCM Centre in Astana", foundedOn: "2018-01-01", foundedOnPrecision: "YEAR",
    names: {
      fr: "Centre de médecine traditionnelle chinoise Chine-Kazakhstan à Astana",
      ru: "Китайско-казахстанский центр традиционной китайской медицины в Астане",
      zh: "中国—哈萨克斯坦中医药中心（阿斯塔纳）",
    },
  },
];

const standIn = (slug: string, kind: InstitutionRow["kind"], countryCode: string, en: string, fr: string, extra: Partial<InstitutionRow> = {}): InstitutionRow => ({
  slug, kind, countryCode, nameEn: en, names: { fr }, illustrative: true, ...extra,
});

// Counted but not named by the articles: stand-ins with names that say so.
const standIns: InstitutionRow[] = [
  // Five top tertiary hospitals run international departments: the First Affiliated Hospital and four unnamed.
  ...xinjiangStandIns.map((slug, i) =>
    standIn(slug, "HOSPITAL", "CN", `Xinjiang tertiary hospital ${i + 2} (unnamed in sources)`,
      `Hôpital tertiaire du Xinjiang ${i + 2} (non nommé dans les sources)`, { internationalDepartment: true }),
  ),
  // The 22 hospitals abroad on the telemedicine platforms; they also host expert dispatches.
  ...partnerHospitals.map((slug) => {
    const label = slug.replace("partner-hospital-", "").toUpperCase();
    return standIn(slug, "HOSPITAL", label.slice(0, 2), `Partner hospital ${label} (unnamed in sources)`,
      `Hôpital partenaire ${label} (non nommé dans les sources)`);
  }),
  // Home universities of students from countries whose partner universities the articles do not name.
  ...["KG", "TJ", "TM"].map((cc) =>
    standIn(homeUniversity(cc), "UNIVERSITY", cc, `Partner medical university ${cc} (unnamed in sources)`,
      `Université de médecine partenaire ${cc} (non nommée dans les sources)`),
  ),
  ...["RU", "PK", "MN"].map((cc) =>
    standIn(homeUniversity(cc), "UNIVERSITY", cc, `Home university ${cc} (illustrative, not in sources)`,
      `Université d'origine ${cc} (illustrative, absente des sources)`),
  ),
];

export async function seedInstitutions(ctx: SeedContext): Promise<void> {
  const { db, counts } = ctx;
  const src = await insertReturning(db, counts, t.sources, sourceRows);
  ctx.source.en = must(idBy(src, (s) => s.slug), EN_SOURCE_SLUG);
  ctx.source.fr = must(idBy(src, (s) => s.slug), "xinjiang-health-cooperation-fr");
  await insertAll(db, counts, t.countries, countryRows);

  // Parents first: one INSERT per depth of the parent tree (three levels here).
  let pending = [...named, ...standIns];
  while (pending.length) {
    const ready = pending.filter((r) => !r.parent || ctx.inst.has(r.parent));
    if (!ready.length) throw new Error("seed: institution parent cycle");
    const rows = await insertReturning(db, counts, t.institutions,
      ready.map(({ parent, ...r }) => ({ ...r, parentId: parent ? must(ctx.inst, parent) : null })));
    for (const r of rows) {
      ctx.inst.set(r.slug, r.id);
      ctx.instCountry.set(r.slug, r.countryCode);
    }
    pending = pending.filter((r) => !ready.includes(r));
  }

  // SCHAC home organisation = the university's domain; no ROR ids, as we cannot check them here.
  await insertAll(db, counts, t.institutionIdentifiers, [{ institutionId: must(ctx.inst, I.xmu), scheme: "SCHAC", value: "xjmu.edu.cn" }]);
  await seedFigures(ctx);
  await seedTelemedicine(ctx);
}

// Totals the articles give without records behind them; each dated at the end of the period it describes.
async function seedFigures(ctx: SeedContext): Promise<void> {
  const en = ctx.source.en;
  const xmu = must(ctx.inst, I.xmu);
  type Figure = typeof t.institutionFigures.$inferInsert;
  const region = (f: Omit<Figure, "sourceId" | "regionCode">): Figure => ({ ...f, regionCode: "CN-XJ", sourceId: en });
  await insertAll(ctx.db, ctx.counts, t.institutionFigures, [
    region({ metric: "INTERNATIONAL_PATIENTS_TREATED", value: 25_000, qualifier: "AT_LEAST", asOf: "2023-12-31", asOfPrecision: "DAY",
      note: "\"By the end of 2023, the region treated over 25,000 international patients\"" }),
    region({ metric: "INTERNATIONAL_BEDS", value: 500, qualifier: "EXACT", asOf: "2023-12-31", asOfPrecision: "YEAR",
      note: "\"These departments offer 500 specialized beds, foreign-language guides, and robust management protocols\"" }),
    // "Five" is only in the French article; the English one says "its top tertiary hospitals".
    { ...region({ metric: "INTERNATIONAL_DEPARTMENTS", value: 5, qualifier: "EXACT", asOf: "2023-12-31", asOfPrecision: "YEAR",
      note: "\"Le Xinjiang a créé des services internationaux de services médicaux dans cinq meilleurs hôpitaux tertiaires, offrant 500 lits dédiés.\"" }),
      sourceId: ctx.source.fr },
    // Undated in the articles: dated by the latest year the English article reports on.
    region({ metric: "TELEMEDICINE_PARTNER_HOSPITALS", value: 22, qualifier: "EXACT", asOf: "2024-12-31", asOfPrecision: "YEAR",
      note: "\"cross-border telemedicine platforms connecting 22 major hospitals in neighboring countries\"" }),
    { institutionId: xmu, metric: "CENTRAL_ASIAN_STUDENTS_PER_YEAR", value: 100, qualifier: "AT_LEAST", asOf: "2024-12-31",
      asOfPrecision: "YEAR", sourceId: en, note: "\"Xinjiang Medical University annually welcomes over 100 medical students from Central Asia\"" },
    { institutionId: xmu, metric: "EXPERTS_DISPATCHED", value: 185, qualifier: "EXACT", asOf: "2024-12-31", asOfPrecision: "YEAR",
      sourceId: en, note: "\"Between 2023 and 2024, the university dispatched 185 top medical experts to all five Central Asian nations\"" },
  ]);
}

// One link per partner hospital abroad, spread over the five Xinjiang hospitals with international
// departments. `since` stays null: the articles date none of the links.
async function seedTelemedicine(ctx: SeedContext): Promise<void> {
  const xinjiang = [I.fah, ...xinjiangStandIns];
  await insertAll(ctx.db, ctx.counts, t.telemedicineLinks,
    partnerHospitals.map((slug, i) => ({
      xinjiangHospitalId: must(ctx.inst, xinjiang[i % xinjiang.length]),
      partnerHospitalId: must(ctx.inst, slug),
    })),
  );
}
