import { expect, it } from "vitest";
import { logger } from "../../src/logger.js";
import { createApollo } from "../../src/server.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildJointProgram } from "../factories/joint-program.js";
import { describeEachEngine, makeApi } from "../helpers/engines.js";
import { openPgliteCopy } from "../helpers/templates.js";

const LEAKS = /select|insert|from "|constraint|relation|at .*\.ts|node_modules|stack/i;

describeEachEngine("errors reach clients coded and masked", {}, (api) => {
  it("codes bad ids, wrong id types and bad filters, naming the field", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [`query($id: ID!) { institution(id: $id) { nameEn } }`, { id: "nope" }, "id"],
      [`query($id: ID!) { institution(id: $id) { nameEn } }`, { id: toGlobalId("Program", 1) }, "id"],
      [`query($id: ID!) { programs(filter: { hostInstitutionId: $id }) { totalCount } }`, { id: "x" }, "filter.hostInstitutionId"],
      [`{ programs(filter: { iscedField: "91" }) { totalCount } }`, {}, "filter.iscedField"],
      [`{ cohorts(filter: { intakeYearFrom: 2025, intakeYearTo: 2020 }) { totalCount } }`, {}, "filter.intakeYearTo"],
      [`{ students(filter: { intakeYear: 99999 }) { totalCount } }`, {}, "filter.intakeYear"],
      [`{ institutions(filter: { search: "" }) { totalCount } }`, {}, "filter.search"],
      [`{ nodes(ids: ["${toGlobalId("Nothing", 1)}"]) { id } }`, {}, "ids[0]"],
    ];
    for (const [query, variables, field] of cases) {
      const r = await api().run(query, variables);
      expect(r.errors?.[0].extensions, query).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect(r.errors?.[0].message).toContain(field);
    }
  });

  it("nodes(ids:) answers each id on its own: a refused or bad one is null with its error at its index, the rest and the sibling fields stay", async () => {
    const inst = (await buildJointProgram(api().database.db)).ids.host;
    const r = await api().run(`query($ids: [ID!]!) { a: institution(id: "${inst}") { nameEn } nodes(ids: $ids) { id } }`, { ids: [inst, toGlobalId("Student", 1), "nope", inst] }, null);
    expect(r.data?.a, JSON.stringify(r)).toMatchObject({ nameEn: expect.any(String) });
    expect(r.data?.nodes).toEqual([{ id: inst }, null, null, { id: inst }]);
    const byPath = Object.fromEntries((r.errors ?? []).map((e: any) => [e.path.join("."), e.extensions]));
    expect(byPath["nodes.1"]).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(byPath["nodes.2"]).toMatchObject({ code: "BAD_USER_INPUT", field: "ids[2]" });
    expect(r.errors).toHaveLength(2);
  });

  it("codes malformed operations and variables", async () => {
    const unknown = await api().run(`{ institutions { nope } }`);
    expect(unknown.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const badVar = await api().run(`query($c: CountryCode) { institutions(filter: { countryCode: $c }) { totalCount } }`, { c: "Narnia" });
    expect(badVar.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(badVar.errors?.[0].message).toContain("$c");
  });

  it("returns null for a missing object and for node() of one", async () => {
    const r = await api().run(`query($id: ID!) { institution(id: $id) { nameEn } node(id: $id) { id } }`, {
      id: toGlobalId("Institution", 999_999),
    });
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ institution: null, node: null });
  });

  it("masks an unexpected failure as INTERNAL_SERVER_ERROR with a request id, and no SQL or stack", async () => {
    // A database that has gone away makes every query fail inside the driver.
    const broken = await openPgliteCopy("migrated");
    const apollo = await createApollo(broken, logger);
    await apollo.start();
    await broken.close();
    const r = await makeApi(api().engine, broken, apollo).run(`{ institutions(first: 1) { totalCount nodes { nameEn } } }`);
    await apollo.stop();
    expect(r.errors?.[0].extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: "test" });
    expect(JSON.stringify(r.errors)).not.toMatch(LEAKS);
  });
});
