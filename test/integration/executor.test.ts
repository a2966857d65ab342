import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { logger } from "../../src/logger.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { createContext } from "../../src/context.js";
import { createApollo } from "../../src/server.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { makeApi, PLATFORM_ADMIN, type TestApi } from "../helpers/engines.js";
import { openPgliteCopy } from "../helpers/templates.js";

// The server executes with graphql-jit by default (GRAPHQL_JIT) and can fall back to graphql-js. Both must
// give the same answers, errors included: each operation below runs on both and the JSON must be equal.
const OPERATIONS: { name: string; query: string; variables?: Record<string, unknown>; as?: Viewer | null }[] = [
  {
    name: "nested connections four levels deep, with counts and cursors",
    query: `{ institutions(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id nameEn
      programs(first: 2) { totalCount nodes { titleEn cohorts(last: 2) { nodes { name intakeYear capacity seatsTaken seatsLeft
        enrollments(first: 3) { totalCount nodes { id status createdAt student { familyNameLatin nationality } } } } } } } } } } }`,
  },
  { name: "a count-only root connection (lazy page)", query: `{ students { totalCount } enrollments { totalCount } }` },
  {
    name: "node and nodes through the Node interface",
    query: `query($ids: [ID!]!) { node(id: $ids) { __typename id ... on Institution { nameEn } } nodes(ids: [$ids, "bm90LWFuLWlk"]) { __typename id } }`,
    variables: { ids: toGlobalId("Institution", 1) },
  },
  { name: "a variable of the wrong type", query: `query($c: CountryCode) { institutions(filter: { countryCode: $c }) { totalCount } }`, variables: { c: "XXX" } },
  { name: "a missing required variable", query: `query($id: ID!) { institution(id: $id) { nameEn } }` },
  { name: "a domain error from a resolver (bad page size)", query: `{ institutions(first: 1000) { totalCount } }` },
  { name: "an access error on a personal field", query: `{ students(first: 2) { nodes { familyNameLatin passportNumber } } }`, as: null },
  { name: "an operation picked by name", query: `query A { countries { code } } query B { institutions(first: 1) { nodes { nameEn } } }` },
];

describe("graphql-jit and graphql-js give the same answers", () => {
  let database: Database;
  let jit: TestApi;
  let js: TestApi;
  beforeAll(async () => {
    database = await openPgliteCopy("seeded");
    const make = async (on: boolean) => {
      // The one-statement executor is off here: it would answer some queries before either executor runs.
      const apollo = await createApollo(database, logger, { http: { ...httpConfig({}), jit: on, readStrategy: "inline" } });
      await apollo.start();
      return makeApi("pglite", database, apollo);
    };
    jit = await make(true);
    js = await make(false);
  });
  afterAll(async () => {
    await jit?.apollo.stop();
    await js?.apollo.stop();
    await database?.close();
  });

  for (const op of OPERATIONS)
    it(op.name, async () => {
      const as = op.as === undefined ? PLATFORM_ADMIN : op.as;
      const withName = op.name === "an operation picked by name";
      const run = (api: TestApi) =>
        withName
          ? api.apollo.executeOperation({ query: op.query, operationName: "B" }, { contextValue: createContext(database.db, "test", as) }).then((r) => (r.body.kind === "single" ? { data: r.body.singleResult.data, errors: r.body.singleResult.errors } : null))
          : api.run(op.query, op.variables, as).then(({ data, errors }) => ({ data, errors }));
      // graphql-jit compiles a document the second time it is seen; the first request runs on graphql-js.
      const [first, b] = await Promise.all([run(jit), run(js)]);
      const a = await run(jit);
      expect(first).toEqual(b);
      expect(a).toEqual(b);
      expect(JSON.stringify(a)).not.toMatch(/INTERNAL_SERVER_ERROR/);
      // Not two empty answers: every operation here gives data, errors or both.
      expect(a?.data != null || (a?.errors?.length ?? 0) > 0).toBe(true);
    });
});
