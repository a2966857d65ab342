import "reflect-metadata";
import { getNamedType, isEnumType, isInputObjectType, isInterfaceType, isNonNullType, isObjectType, isScalarType } from "graphql";
import { describe, expect, it } from "vitest";
import { createSchema } from "../../src/schema.js";

describe("schema documentation", () => {
  it("describes every type, field and argument", async () => {
    const schema = await createSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || (isScalarType(type) && ["String", "Int", "Float", "Boolean", "ID"].includes(type.name))) continue;
      if (!type.description && !["Query", "Mutation", "Subscription"].includes(type.name)) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          if ("args" in field)
            for (const arg of field.args)
              if (!arg.description && !["first", "after", "last", "before"].includes(arg.name) && !arg.type.toString().endsWith("Input!") && !/filter/i.test(arg.name))
                missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) void v; // enum values are named for themselves
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
});
