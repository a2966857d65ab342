import { Field, InputType, ObjectType } from "type-graphql";
import { checkText } from "./args.js";
import { badInput } from "./errors.js";

@ObjectType("LocalizedName", { description: "A name in one language." })
export class LocalizedName {
  @Field(() => String, { description: "BCP 47 language tag: en, fr, ru, zh, kk, uz, tg, ky, tk…" })
  language!: string;

  @Field(() => String, { description: "The name in that language." })
  text!: string;
}

/** The `names` jsonb column as a list, English first, then by language tag. */
export function localizedNames(en: string, names: Record<string, string>): LocalizedName[] {
  const rest = Object.entries(names)
    .filter(([lang]) => lang !== "en")
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([language, text]) => ({ language, text }));
  return [{ language: "en", text: en }, ...rest];
}

/** Escapes LIKE wildcards so a search for "100%" means the text "100%". */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

@InputType("LocalizedNameInput", { description: "A name in one language and script." })
export class LocalizedNameInput {
  @Field(() => String, { description: "BCP 47 tag: a language, optionally a script and a region (ru, zh-Hans, uz-Cyrl, kk-Latn)." })
  language!: string;

  @Field(() => String, { description: "The name, 1–300 characters." })
  text!: string;
}

const BCP47 = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|[0-9]{3}))?$/;

/**
 * Names by language tag (the `names` column), English apart: "en" is the required English name, so it may not
 * be given here. Each tag once; errors name `field[i].language` or `field[i].text`.
 */
export function checkNames(list: readonly LocalizedNameInput[], field: string): Record<string, string> {
  const out: Record<string, string> = {};
  list.forEach((n, i) => {
    const lang = n.language.trim();
    if (!BCP47.test(lang)) throw badInput(`${field}[${i}].language`, "must be a BCP 47 tag such as ru, zh-Hans or uz-Cyrl");
    if (lang === "en") throw badInput(`${field}[${i}].language`, "the English name is nameEn");
    if (lang in out) throw badInput(`${field}[${i}].language`, `${lang} is given twice`);
    out[lang] = checkText(n.text, `${field}[${i}].text`, 300);
  });
  return out;
}
