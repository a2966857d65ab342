import { badInput } from "./errors.js";

// Relay global ids: opaque to clients, "Type:databaseId" inside, base64url so they survive URLs.
export function toGlobalId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
}

export interface DecodedId {
  type: string;
  /** A database id, or a code for types keyed by one (Country: "KZ"). */
  id: number | string;
}

export function decodeGlobalId(value: string, field: string): DecodedId {
  const raw = typeof value === "string" && value.length <= 200 ? Buffer.from(value, "base64url").toString("utf8") : "";
  const m = /^([A-Za-z]+):(?:([1-9][0-9]{0,9})|([A-Z]{2}))$/.exec(raw);
  if (!m || (m[2] && Number(m[2]) > 2_147_483_647)) throw badInput(field, `"${String(value).slice(0, 60)}" is not a valid id`);
  return { type: m[1], id: m[2] ? Number(m[2]) : m[3] };
}

const article = (word: string) => (/^[AEIOU]/.test(word) ? "an" : "a");

/** Decodes an id that must be of one type, e.g. a filter on institution. */
export function fromGlobalId(value: string, type: string, field: string): number {
  const d = decodeGlobalId(value, field);
  if (d.type !== type || typeof d.id !== "number")
    throw badInput(field, `expected the id of ${article(type)} ${type}, got the id of ${article(d.type)} ${d.type}`);
  return d.id;
}
