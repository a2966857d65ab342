import { expect, it } from "vitest";
import { describeEachEngine, PLATFORM_ADMIN } from "../helpers/engines.js";

// The widest objects the limits let through: `__typename` aliases are not counted as aliases (the token and
// selection limits bound them), so one object can carry ~1,000 response keys. Written by PostgreSQL on the
// one-statement path, such an object once made an expression so deep that the embedded engine crashed and
// then hung the process.
const keys = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}: __typename`).join(" ");

describeEachEngine("objects with a thousand response keys", {}, (api) => {
  it("answers the widest root and nested objects the token limit allows, and the engine answers afterwards", async () => {
    const root = await api().run(`{ ${keys(990, "a")} }`);
    expect(root.errors).toBeUndefined();
    expect(Object.keys(root.data)).toHaveLength(990);
    expect(root.data.a989).toBe("Query");

    const nested = await api().run(`{ institutions(first: 2) { nodes { id ${keys(980, "t")} } } }`, {}, PLATFORM_ADMIN);
    expect(nested.errors).toBeUndefined();
    for (const n of nested.data.institutions.nodes) {
      expect(Object.keys(n)).toHaveLength(981);
      expect(n.t979).toBe("Institution");
    }
    const after = await api().run(`{ countries { code } }`);
    expect(after.errors).toBeUndefined();
    expect(after.data.countries).toEqual(expect.any(Array));
  });
});
