import { expect, it } from "vitest";
import { createContext, type ReadStrategy } from "../../src/context.js";
import { runInRequest } from "../../src/db/request-store.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildTree } from "../factories/tree.js";
import { describeEachEngine, PLATFORM_ADMIN, type TestApi } from "../helpers/engines.js";

// Nested relations read in one statement (SQL_PREFETCH, shared/prefetch.ts) must answer exactly as the
// loaders do, level by level: the same rows, pages, cursors, counts, access scopes and errors. Every
// operation here runs both ways, as several callers, and the answers must be equal.

async function run(api: TestApi, strategy: ReadStrategy, query: string, variables: Record<string, unknown>, as: Viewer | null) {
  const store = { requestId: "test", statements: 0 };
  const res = await runInRequest(store, () =>
    api.apollo.executeOperation({ query, variables }, { contextValue: createContext(api.database.db, "test", as, "local", { strategy }) }),
  );
  if (res.body.kind !== "single") throw new Error("unexpected incremental result");
  const { data, errors } = res.body.singleResult;
  return { answer: { data, errors }, statements: store.statements };
}

const TREE = /* GraphQL */ `
  query Tree($tag: String!) {
    institutions(first: 10, filter: { search: $tag }) {
      nodes {
        nameEn
        programs(first: 2) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges {
            cursor
            node {
              __typename id titleEn names { language text } joint partners { slug } startYear: launchYear
              cohorts(last: 2) {
                totalCount
                nodes {
                  id name intakeYear capacity seatsTaken seatsLeft startDate createdAt
                  enrollments(first: 3) {
                    totalCount
                    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                    nodes {
                      id status createdAt statusChangedAt
                      history { status }
                      student {
                        id familyNameLatin givenNamesLatin dateOfBirth passportNumber email createdAt
                        nationalityCountry { code }
                        registeredByInstitution { slug }
                        homeInstitution { slug programs { totalCount } }
                      }
                      cohort { name program { code host { slug } } }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

const ALIASES = /* GraphQL */ `
  query Aliases($tag: String!, $with: Boolean!, $statuses: [EnrollmentStatus!]) {
    institutions(first: 10, filter: { search: $tag }) {
      nodes {
        programs(first: 3) {
          nodes {
            first: cohorts(first: 1) { nodes { name enrollments(first: 2) { nodes { id } } } }
            last: cohorts(last: 1) {
              nodes {
                ...CohortPart
                ... on Cohort @include(if: $with) { enrollments(first: 4, filter: { statuses: $statuses }) { totalCount nodes { status student { id } } } }
              }
            }
          }
        }
      }
    }
  }
  fragment CohortPart on Cohort { name seatsLeft program { titleEn } }
`;

describeEachEngine("nested relations in one statement answer as the loaders do", {}, (api) => {
  let tag = "";
  let viewers: [string, Viewer | null][] = [];
  it("builds a tree of institutions, programs, cohorts, enrollments and students", async () => {
    const tree = await buildTree(api().database.db, { institutions: 3, programsEach: 3, cohortsEach: 3, enrollmentsEach: 5 });
    tag = tree.tag;
    const [home, host] = tree.institutionIds;
    viewers = [
      ["platform admin", PLATFORM_ADMIN],
      ["admin of the students' home", { subject: "pf-home", role: "INSTITUTION_ADMIN", institutionId: home }],
      ["admin of a host", { subject: "pf-host", role: "INSTITUTION_ADMIN", institutionId: host }],
      ["registrar of a host", { subject: "pf-reg", role: "PARTNER_REGISTRAR", institutionId: host }],
      ["anonymous", null],
    ];
  });

  const same = async (query: string, variables: Record<string, unknown>) => {
    for (const [who, as] of viewers) {
      const on = await run(api(), "whole", query, { tag, ...variables }, as);
      const inline = await run(api(), "inline", query, { tag, ...variables }, as);
      const off = await run(api(), "batched", query, { tag, ...variables }, as);
      // As the client gets them: the same JSON text, keys in the same order.
      expect(JSON.stringify(inline.answer), who).toBe(JSON.stringify(off.answer));
      expect(JSON.stringify(on.answer), who).toBe(JSON.stringify(off.answer));
      expect(on.statements, who).toBeLessThanOrEqual(off.statements);
      statements.push(on.statements);
    }
  };
  let statements: number[] = [];

  it("five levels with pages, cursors, counts, personal data and whole-row fields", () => same(TREE, {}));
  it("aliases of one relation with different arguments, fragments and @include", async () => {
    await same(ALIASES, { with: true, statuses: null });
    await same(ALIASES, { with: false });
    await same(ALIASES, { with: true, statuses: ["NOMINATED", "ENROLLED"] });
  });

  it("pages after a cursor and before one", async () => {
    const q = /* GraphQL */ `
      query($tag: String!, $after: String, $before: String) {
        institutions(first: 10, filter: { search: $tag }) { nodes { programs(first: 2) { nodes {
          cohorts(first: 1) { nodes { enrollments(first: 2, after: $after) { pageInfo { endCursor hasNextPage hasPreviousPage } nodes { id student { id } } }
                                      tail: enrollments(last: 2, before: $before) { nodes { id student { id } } } } } } } } }
      }`;
    const first = await run(api(), "batched", q, { tag }, PLATFORM_ADMIN);
    const cursor = (first.answer.data as any).institutions.nodes[0].programs.nodes[0].cohorts.nodes[0].enrollments.pageInfo.endCursor;
    expect(cursor).toEqual(expect.any(String));
    await same(q, { after: cursor, before: cursor });
  });

  it("nodes and edges.node asking one relation with different arguments still answer each", () =>
    same(
      /* GraphQL */ `query($tag: String!) { institutions(first: 10, filter: { search: $tag }) { nodes { programs(first: 1) {
        nodes { cohorts(first: 1) { nodes { enrollments(first: 1) { nodes { id student { id } } } } } }
        edges { node { cohorts(first: 2) { nodes { enrollments(first: 2) { nodes { id student { id } } } } } } } } } } }`,
      {},
    ));

  it("bad arguments deep in the tree give the same coded error at the same path", async () => {
    const q = /* GraphQL */ `query($tag: String!) { institutions(first: 10, filter: { search: $tag }) { nodes { programs(first: 1) {
      nodes { cohorts(first: 1) { nodes { enrollments(first: 1000) { nodes { id student { id } } } } } } } } } }`;
    await same(q, {});
    const on = await run(api(), "whole", q, { tag }, PLATFORM_ADMIN);
    expect(on.answer.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "enrollments.first" } });
  });

  it("reads the dashboard's institution → programs → cohorts → enrollments → student in 2 statements, not 5", async () => {
    const [, homeAdmin] = viewers;
    const q = /* GraphQL */ `query($id: ID!) { institution(id: $id) { nameEn programs(first: 5) { nodes { titleEn
      cohorts(last: 5) { nodes { name intakeYear capacity seatsTaken enrollments(first: 40) { nodes { id status student { familyNameLatin givenNamesLatin nationality } } } } } } } } }`;
    const institutionId = (homeAdmin[1] as Viewer).institutionId!;
    const vars = { id: toGlobalId("Institution", institutionId) };
    const on = await run(api(), "whole", q, vars, homeAdmin[1]);
    const off = await run(api(), "batched", q, vars, homeAdmin[1]);
    expect(JSON.stringify(on.answer)).toBe(JSON.stringify(off.answer));
    const enrollments = (on.answer.data as any).institution.programs.nodes.flatMap((p: any) => p.cohorts.nodes.flatMap((c: any) => c.enrollments.nodes));
    expect(enrollments).toHaveLength(3 * 3 * 5);
    expect(off.statements).toBe(5);
    // The whole query is answered by PostgreSQL (shared/sql-executor.ts).
    expect(on.statements).toBe(1);
  });

  it("answers whole queries in one statement: ids, enums, dates, counts, page info, edges, aliases, to-one relations", async () => {
    const [, homeAdmin] = viewers;
    const q = /* GraphQL */ `query($id: ID!, $missing: ID!, $noProgram: ID!, $first: Int!, $with: Boolean!) {
      __typename
      institution(id: $id) {
        __typename id nameEn slug kind countryCode foundedOn createdAt
        programs(first: $first) {
          __typename totalCount pageInfo { __typename hasNextPage hasPreviousPage }
          nodes { id code level lengthYears
            recent: cohorts(last: 2) { totalCount pageInfo { hasNextPage hasPreviousPage } edges { __typename node { id name startDate createdAt seatsTaken
              enrollments(first: 4, filter: { statuses: [NOMINATED, ENROLLED] }) { totalCount nodes { id status createdAt statusChangedAt
                student { id familyNameLatin nationality homeInstitution { slug } }
                cohort @include(if: $with) { name program { host { nameEn } } } } } } } }
            oldest: cohorts(first: 1) { nodes { intakeYear } } } } }
      none: institution(id: $missing) { nameEn }
      program(id: $noProgram) { code }
    }`;
    const institutionId = (homeAdmin[1] as Viewer).institutionId!;
    statements = [];
    for (const [first, withCohort] of [[2, true], [5, false]] as const)
      await same(q, { id: toGlobalId("Institution", institutionId), missing: toGlobalId("Institution", 999999), noProgram: toGlobalId("Program", 999999), first, with: withCohort });
    expect(new Set(statements)).toEqual(new Set([1]));
  });

  it("connections that ask only for totalCount or __typename, empty and not", async () => {
    const [, homeAdmin] = viewers;
    const id = toGlobalId("Institution", (homeAdmin[1] as Viewer).institutionId!);
    statements = [];
    await same(
      /* GraphQL */ `query($id: ID!) { institution(id: $id) { nameEn programs(first: 2) { totalCount } kinds: programs(first: 2) { __typename pageInfo { __typename } }
        withCohorts: programs(first: 2) { nodes { code cohorts(first: 2) { nodes { name enrollments(first: 2) { totalCount __typename pageInfo { __typename } } } } } } } }`,
      { id },
    );
    // Answered whole for every caller (the anonymous one sees no enrollments: empty lists with a count of 0).
    expect(new Set(statements)).toEqual(new Set([1]));
  });

  it("a fragment merged with different siblings in two places is planned for each", async () => {
    const [, homeAdmin] = viewers;
    const first = await run(api(), "batched", `query($id: ID!) { institution(id: $id) { programs(first: 1) { nodes { id } } } }`, { id: toGlobalId("Institution", (homeAdmin[1] as Viewer).institutionId!) }, PLATFORM_ADMIN);
    const programId = (first.answer.data as any).institution.programs.nodes[0].id;
    // names has a resolver of its own, so this goes through the resolvers and their one-statement subtrees.
    await same(
      /* GraphQL */ `query($pid: ID!) {
        a: program(id: $pid) { names { text } ...P }
        b: program(id: $pid) { ...P cohorts(first: 2) { nodes { name intakeYear } } }
      }
      fragment P on Program { cohorts(first: 2) { nodes { id enrollments(first: 2) { nodes { id } } } } }`,
      { pid: programId },
    );
  });

  it("answers the same whole or not: cursors, personal data, JavaScript fields, bad ids and arguments", async () => {
    const [, homeAdmin] = viewers;
    const id = toGlobalId("Institution", (homeAdmin[1] as Viewer).institutionId!);
    for (const q of [
      `query($id: ID!) { institution(id: $id) { programs(first: 1) { edges { cursor node { code } } } } }`,
      `query($id: ID!) { institution(id: $id) { programs(first: 1) { pageInfo { endCursor } } } }`,
      `query($id: ID!) { institution(id: $id) { programs(first: 1) { nodes { cohorts(first: 1) { nodes { enrollments(first: 2) { nodes { student { passportNumber email dateOfBirth } } } } } } } } }`,
      `query($id: ID!) { institution(id: $id) { names { text } programs(first: 1) { nodes { cohorts { nodes { seatsLeft } } } } } }`,
      `query($id: ID!) { institution(id: $id) { programs(first: 1000) { nodes { code } } } }`,
      `query($id: ID!) { institution(id: $id) { programs(first: 1) { nodes { cohorts(after: "bm9wZQ") { nodes { name } } } } } }`,
      `query { institution(id: "bm90LWFuLWlk") { nameEn } }`,
      `query($id: ID!) { institution(id: $id) { nameEn } cohorts(first: 1) { totalCount } }`,
    ]) {
      statements = [];
      await same(q, { id });
    }
  });
});
