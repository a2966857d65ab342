import "reflect-metadata";
import { getNamedType, isEnumType, isInputObjectType, isInterfaceType, isNonNullType, isObjectType, isScalarType } from "graphql";
import { describe, expect, it } from "vitest";
import { createSchema } from "../../src/schema.js";

describe("schema documentation", () => {
  it("describes every type, field, argument and enum value (roots included)", async () => {
    const schema = await createSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || (isScalarType(type) && ["String", "Int", "Float", "Boolean", "ID"].includes(type.name))) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          if ("args" in field)
            for (const arg of field.args)
              if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });

  // README "Decisions": nullable mutation payloads, so a committed write's answer reaches the client even when
  // another mutation of the same document fails.
  it("makes every mutation's payload, and every field of it, nullable", async () => {
    const schema = await createSchema();
    const nonNull: string[] = [];
    for (const m of Object.values(schema.getMutationType()!.getFields())) {
      if (isNonNullType(m.type)) nonNull.push(`Mutation.${m.name}`);
      const payload = getNamedType(m.type);
      if (isObjectType(payload))
        for (const f of Object.values(payload.getFields())) if (isNonNullType(f.type)) nonNull.push(`${payload.name}.${f.name}`);
    }
    expect(nonNull).toEqual([]);
  });

  // CHANGELOG "Schema change policy": a deprecation names what to use instead and when it goes.
  it("gives every deprecation a replacement and a removal date", async () => {
    const schema = await createSchema();
    const bad: string[] = [];
    const check = (where: string, reason: string | null | undefined) => {
      if (reason != null && !/Removal after \d{4}-\d{2}-\d{2}\./.test(reason)) bad.push(`${where}: ${reason}`);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))
        for (const field of Object.values(type.getFields())) {
          check(`${type.name}.${field.name}`, field.deprecationReason);
          if ("args" in field) for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.deprecationReason);
        }
      if (isEnumType(type)) for (const v of type.getValues()) check(`${type.name}.${v.name}`, v.deprecationReason);
    }
    expect(bad).toEqual([]);
  });
});
