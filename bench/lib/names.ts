// Invented names in the style of the region, Latin and Cyrillic, for generated people. Nobody real.

const FAMILY_ROOTS = [
  "Abdull", "Akhmed", "Alim", "Aman", "Arslan", "Asan", "Aziz", "Baimukhamed", "Bakir", "Batyr", "Bekmurat", "Dzhumab",
  "Ergash", "Fayzull", "Gafur", "Ganiev", "Hakim", "Ibragim", "Ismail", "Jumab", "Kadyr", "Kamal", "Karim", "Khalil",
  "Kurban", "Latif", "Madamin", "Makhmud", "Mamat", "Mirzo", "Murad", "Musaev", "Nabi", "Nazar", "Nurmat", "Ochil",
  "Orazb", "Pulat", "Rahim", "Rakhmat", "Rashid", "Rustam", "Sabir", "Sadyk", "Safar", "Saidov", "Salim", "Sharip",
  "Sultan", "Tashkul", "Tokhtam", "Toir", "Umar", "Usman", "Valiev", "Yakub", "Yusup", "Zakir", "Zhakyp", "Zhumaly",
  "Baimurat", "Dauletb", "Erlan", "Galym", "Iskak", "Kanat", "Marat", "Nurlan", "Oraz", "Serik", "Talgat", "Yerzhan",
];
const MALE_SUFFIX = ["ov", "ev", "bekov", "jonov"];
const FEMALE_SUFFIX = ["ova", "eva", "bekova", "jonova"];
const MALE_GIVEN = [
  "Akmal", "Alisher", "Anvar", "Azamat", "Bakhtiyor", "Bekzod", "Bobur", "Daniyar", "Davron", "Elyor", "Farrukh",
  "Firdavs", "Ilkhom", "Islom", "Jasur", "Javlon", "Kamol", "Khurshid", "Mansur", "Nodir", "Otabek", "Ravshan",
  "Sanjar", "Sardor", "Shokhrukh", "Temur", "Ulugbek", "Yerlan", "Zafar", "Aibek", "Arman", "Askar", "Dastan",
  "Nurbek", "Ruslan", "Timur", "Aidar", "Berik", "Dias", "Yerbol",
];
const FEMALE_GIVEN = [
  "Aziza", "Barno", "Dilnoza", "Dildora", "Feruza", "Gulnora", "Gulshan", "Kamola", "Lola", "Madina", "Malika",
  "Mokhira", "Nargiza", "Nilufar", "Nodira", "Ozoda", "Sevara", "Shakhnoza", "Umida", "Zarina", "Aigerim", "Aida",
  "Aruzhan", "Asel", "Dana", "Dinara", "Gulnara", "Kamila", "Saule", "Togzhan", "Zhanna", "Ainura", "Altynai",
  "Begaiym", "Cholpon", "Elmira", "Jyldyz", "Meerim", "Nazira", "Nurzhan",
];

const CYR: Record<string, string> = {
  a: "а", b: "б", d: "д", e: "е", f: "ф", g: "г", h: "х", i: "и", j: "дж", k: "к", l: "л", m: "м", n: "н", o: "о",
  p: "п", q: "к", r: "р", s: "с", t: "т", u: "у", v: "в", x: "кс", y: "й", z: "з", c: "ц", w: "в",
};
const DIGRAPHS: [RegExp, string][] = [
  [/kh/g, "х"], [/sh/g, "ш"], [/ch/g, "ч"], [/zh/g, "ж"], [/ya/g, "я"], [/yu/g, "ю"], [/yo/g, "ё"], [/ye/g, "е"],
];

/** A rough Latin → Cyrillic transliteration (the passport script of most generated students). */
const cyrillicCache = new Map<string, string>();
export function cyrillic(latin: string): string {
  let out = cyrillicCache.get(latin);
  if (out === undefined) cyrillicCache.set(latin, (out = transliterate(latin)));
  return out;
}

function transliterate(latin: string): string {
  let s = latin.toLowerCase();
  for (const [re, c] of DIGRAPHS) s = s.replace(re, c);
  s = [...s].map((ch) => CYR[ch] ?? ch).join("");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function familyName(root: number, suffix: number, female: boolean): string {
  const r = FAMILY_ROOTS[root % FAMILY_ROOTS.length];
  const suffixes = female ? FEMALE_SUFFIX : MALE_SUFFIX;
  return r + suffixes[suffix % suffixes.length];
}

export function givenName(i: number, female: boolean): string {
  const list = female ? FEMALE_GIVEN : MALE_GIVEN;
  return list[i % list.length];
}

export const NAME_COUNTS = { roots: FAMILY_ROOTS.length, suffixes: MALE_SUFFIX.length, given: MALE_GIVEN.length };
