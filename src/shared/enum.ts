import { registerEnumType } from "type-graphql";

/** A GraphQL enum from a pgEnum's values, so the database and the schema name the same values. */
export function graphqlEnum<const V extends readonly [string, ...string[]]>(
  values: V,
  name: string,
  description: string,
): { [K in V[number]]: K } {
  const obj = Object.fromEntries(values.map((v) => [v, v])) as { [K in V[number]]: K };
  registerEnumType(obj, { name, description });
  return obj;
}
