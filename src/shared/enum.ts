import { registerEnumType } from "type-graphql";

/**
 * A GraphQL enum from a pgEnum's values, so the database and the schema name the same values; every value
 * is described (the type requires one description per value, so a value added to the pgEnum must be).
 */
export function graphqlEnum<const V extends readonly [string, ...string[]]>(
  values: V,
  name: string,
  description: string,
  valueDescriptions: { [K in V[number]]: string },
): { [K in V[number]]: K } {
  const obj = Object.fromEntries(values.map((v) => [v, v])) as { [K in V[number]]: K };
  const valuesConfig = Object.fromEntries(values.map((v: V[number]) => [v, { description: valueDescriptions[v] }])) as { [K in V[number]]: { description: string } };
  registerEnumType(obj, { name, description, valuesConfig });
  return obj;
}
