import { js } from "../engine/entity.js";
import { LocalizedName, localizedNames } from "./localized.type.js";

/**
 * The read engine's `names` field of a type with an English column and a `names` jsonb column: every language
 * held, English first (institutions, labs, programs, course units).
 */
export const localizedNamesField = <K extends "nameEn" | "titleEn">(english: K, description: string) =>
  js<Record<K, string> & { names: Record<string, string> }>([english, "names"], (r) => localizedNames(r[english], r.names), {
    type: () => [LocalizedName],
    description,
  });
