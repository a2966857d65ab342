import { Field, ObjectType } from "type-graphql";

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
