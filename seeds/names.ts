// Name lists for invented, illustrative people. Each entry is "Latin|passport form"; when the passport
// is printed in Latin script the two are the same and the entry is just "Latin".
// Passport forms: Kazakh, Kyrgyz, Tajik, Russian and Mongolian passports print Cyrillic; Uzbek and
// Turkmen passports print the national Latin alphabets (with oʻ, gʻ and ä, ç, ş, ý, ž); "Latin" is the
// plain ASCII transliteration a host university's documents use.
import type { Random } from "./random.js";

export interface NamePair {
  latin: string;
  native: string;
}

interface NationalNames {
  male: NamePair[];
  female: NamePair[];
  family: NamePair[];
  /** Family names take a feminine ending (-ov → -ova, -ев → -ева) for women. */
  gendered: boolean;
}

function list(text: string): NamePair[] {
  return text
    .trim()
    .split(/\s+/)
    .map((entry) => {
      const [latin, native] = entry.split("|");
      return { latin, native: native ?? latin };
    });
}

export const studentNames: Record<string, NationalNames> = {
  KZ: {
    male: list(`Arman|Арман Nurlan|Нұрлан Daniyar|Данияр Yerlan|Ерлан Aibek|Айбек Askar|Асқар Timur|Тимур
      Bauyrzhan|Бауыржан Alikhan|Әлихан Dauren|Дәурен Sanzhar|Санжар Miras|Мирас Azamat|Азамат Yerzhan|Ержан
      Bekzat|Бекзат Nurdaulet|Нұрдәулет Adil|Әділ Rakhat|Рахат`),
    female: list(`Aigerim|Айгерім Dana|Дана Aruzhan|Аружан Madina|Мадина Dinara|Динара Zhanna|Жанна Aliya|Әлия
      Gulnara|Гүлнара Saule|Сәуле Akbota|Ақбота Kamila|Камила Assel|Әсел Togzhan|Тоғжан Zarina|Зарина Ayana|Аяна
      Moldir|Мөлдір Balzhan|Балжан`),
    family: list(`Akhmetov|Ахметов Abenov|Әбенов Zhakupov|Жақыпов Omarov|Омаров Suleimenov|Сүлейменов
      Iskakov|Ысқақов Kassymov|Қасымов Baimukhamedov|Баймұхамедов Yesenov|Есенов Zhumabayev|Жұмабаев
      Sarsenbayev|Сәрсенбаев Mukanov|Мұқанов Abdrakhmanov|Әбдірахманов Temirbekov|Темірбеков
      Nurpeisov|Нұрпейісов Kaliyev|Қалиев Serikbayev|Серікбаев Utegenov|Өтегенов Dzhaksybekov|Жақсыбеков
      Amanzholov|Аманжолов`),
    gendered: true,
  },
  KG: {
    male: list(`Bakyt|Бакыт Nurbek|Нурбек Ulan|Улан Chyngyz|Чыңгыз Aibek|Айбек Eldiyar|Элдияр Adilet|Адилет
      Kanat|Канат Emir|Эмир Talant|Талант Bekbolot|Бекболот Marat|Марат Temirlan|Темирлан Nurislam|Нурислам
      Azamat|Азамат Erlan|Эрлан`),
    female: list(`Aizada|Айзада Begimai|Бегимай Nurzhamal|Нуржамал Aidana|Айдана Kanykei|Каныкей Elnura|Элнура
      Aisuluu|Айсулуу Meerim|Мээрим Cholpon|Чолпон Gulzat|Гүлзат Asel|Асел Aiperi|Айпери Nazira|Назира
      Zhyldyz|Жылдыз Kyial|Кыял`),
    family: list(`Asanov|Асанов Mamatov|Маматов Osmonov|Осмонов Sadykov|Садыков Toktogulov|Токтогулов
      Abdyldaev|Абдылдаев Zhumabaev|Жумабаев Usenov|Үсөнов Beishenaliev|Бейшеналиев Kadyrov|Кадыров
      Zhusupov|Жусупов Sultanbekov|Султанбеков Isakov|Исаков Toktomushev|Токтомушев Mamytov|Мамытов
      Tashiev|Ташиев Orozbekov|Орозбеков Sydykov|Сыдыков`),
    gendered: true,
  },
  TJ: {
    male: list(`Firdavs|Фирдавс Rustam|Рустам Farrukh|Фаррух Behruz|Беҳрӯз Shahriyor|Шаҳриёр Daler|Далер
      Jamshed|Ҷамшед Komron|Комрон Sino|Сино Umed|Умед Manuchehr|Манучеҳр Parviz|Парвиз Bakhtiyor|Бахтиёр
      Firuz|Фирӯз Suhrob|Суҳроб Anushervon|Анӯшервон`),
    female: list(`Madina|Мадина Nigina|Нигина Farangis|Фарангис Mehrangez|Меҳрангез Zarina|Зарина Sitora|Ситора
      Manizha|Манижа Shahnoza|Шаҳноза Tahmina|Таҳмина Dilnoza|Дилноза Parvina|Парвина Gulnora|Гулнора
      Nilufar|Нилуфар Firuza|Фирӯза`),
    family: list(`Rahimov|Раҳимов Karimov|Каримов Saidov|Саидов Nazarov|Назаров Sharipov|Шарипов Safarov|Сафаров
      Qodirov|Қодиров Mirzoev|Мирзоев Ismoilov|Исмоилов Davlatov|Давлатов Rajabov|Раҷабов
      Sulaymonov|Сулаймонов Nurzoda|Нурзода Hakimzoda|Ҳакимзода Safarzoda|Сафарзода Qurbonzoda|Қурбонзода
      Boboev|Бобоев Olimov|Олимов`),
    gendered: true,
  },
  TM: {
    male: list(`Merdan Batyr Dovlet|Döwlet Myrat Atajan Begench|Begenç Maksat Rovshen|Röwşen Kerim Nury Arslan
      Dovran|Döwran Yhlas Shatlyk|Şatlyk Bayram|Baýram Agageldi`),
    female: list(`Ayna|Aýna Gulnar|Gülnar Jeren Maya|Maýa Ogulgerek Leyla|Leýla Aysoltan|Aýsoltan Enejan Selbi
      Mahri|Mähri Bahar Sona Govher|Göwher Jemal Ogulshat|Ogulşat`),
    family: list(`Annayev|Annaýew Orazov|Orazow Berdiyev|Berdiýew Gurbanov|Gurbanow Atayev|Ataýew Hojayev|Hojaýew
      Charyyev|Çaryýew Nurmuhammedov|Nurmuhammedow Ovezov|Öwezow Amanov|Amanow Mammedov|Mämmedow
      Durdyyev|Durdyýew Saparov|Saparow Yazmuradov|Ýazmuradow Gylyjov|Gylyjow`),
    gendered: true,
  },
  UZ: {
    male: list(`Jasur Sardor Bekzod Otabek Javlon Sherzod Doniyor Azizbek Ulugbek|Ulugʻbek Shokhrukh|Shohruh Sanjar
      Jakhongir|Jahongir Islom Abdulla|Abdulloh Bobur Mirjalol Elyor Akmal`),
    female: list(`Dilnoza Malika Shakhzoda|Shahzoda Nilufar Gulnoza Madina Sevara Zarina Mokhinur|Mohinur Kamola
      Nodira Feruza Mukhlisa|Muxlisa Dildora Oydin Gulchehra Mavluda`),
    // Khorezm-region family names, where Urgench is, mixed with common Uzbek ones.
    family: list(`Bekchanov Matyakubov|Matyoqubov Otajonov Matchanov Jumaniyozov Sobirov Ollaberganov
      Khudoyberganov|Xudoyberganov Ruzmetov|Roʻzmetov Sapayev Yakubov|Yoqubov Karimov Rakhimov|Rahimov Yusupov
      Tursunov Abdullayev Kholmatov|Xolmatov Ergashev Kodirov|Qodirov Rustamov Kurbanov|Qurbonov`),
    gendered: true,
  },
  RU: {
    male: list(`Ivan|Иван Dmitry|Дмитрий Alexey|Алексей Sergey|Сергей Nikita|Никита Artem|Артём Maxim|Максим
      Pavel|Павел Kirill|Кирилл`),
    female: list(`Anna|Анна Maria|Мария Ekaterina|Екатерина Olga|Ольга Daria|Дарья Polina|Полина Sofia|София
      Ksenia|Ксения`),
    family: list(`Ivanov|Иванов Smirnov|Смирнов Kuznetsov|Кузнецов Popov|Попов Sokolov|Соколов Lebedev|Лебедев
      Novikov|Новиков Morozov|Морозов Volkov|Волков Pavlov|Павлов`),
    gendered: true,
  },
  PK: {
    male: list(`Ahmed Ali Hassan Usman Bilal Faisal Imran Hamza Zain`),
    female: list(`Ayesha Fatima Maryam Sana Hira Zainab Amna`),
    family: list(`Khan Malik Qureshi Siddiqui Chaudhry Sheikh Butt Raza Iqbal`),
    gendered: false,
  },
  // Mongolian passports give the patronymic (ovog) as the family name: not gendered.
  MN: {
    male: list(`Bat-Erdene|Бат-Эрдэнэ Ganbold|Ганболд Temuulen|Тэмүүлэн Munkh-Orgil|Мөнх-Оргил Enkhbayar|Энхбаяр
      Tuvshin|Түвшин Bilguun|Билгүүн`),
    female: list(`Oyunchimeg|Оюунчимэг Nomin|Номин Anujin|Анужин Khulan|Хулан Solongo|Солонго Enkhjin|Энхжин
      Saruul|Саруул`),
    family: list(`Batbayar|Батбаяр Ganzorig|Ганзориг Dorj|Дорж Enkhtuvshin|Энхтүвшин Tsogt|Цогт
      Purevdorj|Пүрэвдорж Baatar|Баатар`),
    gendered: false,
  },
};

// Feminine family names: Latin -ov/-ev/-ow/-ew/-in + a, Cyrillic -ов/-ев/-ин + а; -zoda and others stay.
function feminine(name: string): string {
  return /(ov|ev|ow|ew|in|ов|ев|ин)$/i.test(name) ? `${name}${/[а-яё]$/i.test(name) ? "а" : "a"}` : name;
}

export interface PersonName {
  family: NamePair;
  given: NamePair;
  female: boolean;
}

export function studentName(r: Random, nationality: string): PersonName {
  const names = studentNames[nationality];
  const female = r.chance(0.55); // medicine in the region enrols slightly more women than men
  const given = r.pick(female ? names.female : names.male);
  const base = r.pick(names.family);
  const family = female && names.gendered ? { latin: feminine(base.latin), native: feminine(base.native) } : base;
  return { family, given, female };
}

// Staff of Xinjiang Medical University and its hospitals: Han Chinese names in pinyin (family name
// first in Chinese, stored in familyName), and Uyghur names, where the "family name" on Chinese
// documents is the father's given name.
const hanFamily = `Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang
  Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Ding Ren Shen Yao Lu`
  .trim()
  .split(/\s+/);
const hanGiven = `Jianguo Hongmei Xiaoming Wei Lei Jing Yan Hui Fang Min Jun Tao Ling Ying Yong Qiang Haiyan Xiaoli
  Jianhua Zhiqiang Guohua Lihua Shuang Xin Rui Yuqing Haitao Wenjun Jiahui Zhenyu Mingxia Chunyan Xuemei Dongmei
  Guoqing Jianjun Hao Bo Peng Kai Na Yue Qian Lan Rong Xiang Yanhong Xiaojuan Zhiwei Jinhua`
  .trim()
  .split(/\s+/);
const uyghurGiven = `Aziz Abdukerim Ablimit Alim Arslan Dilshat Ekber Erkin Kurban Memet Nurmemet Perhat Yasin
  Abdusalam Adil Ghayrat Aynur Dilnur Gulnar Mahire Mihray Nigare Patigul Reyhangul Zulpiye Gulzire Aygul
  Mukerrem Nurgul Saadet`
  .trim()
  .split(/\s+/);
const uyghurFamily = `Tursun Abdulla Memet Qasim Osman Hoshur Rozi Yusup Imin Niyaz Sidiq Obul Hasan Ismayil Kerim
  Sabir Ablet Mamut Rahman Ghopur`
  .trim()
  .split(/\s+/);

/** A staff name, never repeating one already in `taken` (a set of "Family Given"). */
export function staffName(r: Random, taken: Set<string>): { family: string; given: string } {
  for (;;) {
    const uyghur = r.chance(0.35);
    const family = r.pick(uyghur ? uyghurFamily : hanFamily);
    const given = r.pick(uyghur ? uyghurGiven : hanGiven);
    const key = `${family} ${given}`;
    if (!taken.has(key)) {
      taken.add(key);
      return { family, given };
    }
  }
}

/** ASCII for e-mail local parts: drops marks and anything that is not a letter or digit. */
export function asciiSlug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]/g, "")
    .toLowerCase();
}
