import { expect, it } from "vitest";
import { createContext } from "../../src/context.js";
import { runInRequest } from "../../src/db/request-store.js";
import type { Viewer } from "../../src/modules/auth/auth.roles.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildTree } from "../factories/tree.js";
import { describeEachEngine, PLATFORM_ADMIN, type TestApi } from "../helpers/engines.js";

// Nested relations read in one statement (SQL_PREFETCH, shared/prefetch.ts) must answer exactly as the
// loaders do, level by level: the same rows, pages, cursors, counts, access scopes and errors. Every
// operation here runs both ways, as several callers, and the answers must be equal.

async function run(api: TestApi, prefetch: boolean, query: string, variables: Record<string, unknown>, as: Viewer | null) {
  const store = { requestId: "test", statements: 0 };
  const res = await runInRequest(store, () =>
    api.apollo.executeOperation({ query, variables }, { contextValue: createContext(api.database.db, "test", as, "local", { prefetch }) }),
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
      const on = await run(api(), true, query, { tag, ...variables }, as);
      const off = await run(api(), false, query, { tag, ...variables }, as);
      expect(on.answer, who).toEqual(off.answer);
      expect(on.statements, who).toBeLessThanOrEqual(off.statements);
      if (process.env.PF_DEBUG) console.log(who, on.statements, off.statements);
    }
  };

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
    const first = await run(api(), false, q, { tag }, PLATFORM_ADMIN);
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
    const on = await run(api(), true, q, { tag }, PLATFORM_ADMIN);
    expect(on.answer.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "enrollments.first" } });
  });

  it("reads the dashboard's institution → programs → cohorts → enrollments → student in 2 statements, not 5", async () => {
    const [, homeAdmin] = viewers;
    const q = /* GraphQL */ `query($id: ID!) { institution(id: $id) { nameEn programs(first: 5) { nodes { titleEn
      cohorts(last: 5) { nodes { name intakeYear capacity seatsTaken enrollments(first: 40) { nodes { id status student { familyNameLatin givenNamesLatin nationality } } } } } } } } }`;
    const institutionId = (homeAdmin[1] as Viewer).institutionId!;
    const vars = { id: toGlobalId("Institution", institutionId) };
    const on = await run(api(), true, q, vars, homeAdmin[1]);
    const off = await run(api(), false, q, vars, homeAdmin[1]);
    expect(on.answer).toEqual(off.answer);
    const enrollments = (on.answer.data as any).institution.programs.nodes.flatMap((p: any) => p.cohorts.nodes.flatMap((c: any) => c.enrollments.nodes));
    expect(enrollments).toHaveLength(3 * 3 * 5);
    expect(off.statements).toBe(5);
    expect(on.statements).toBe(2);
  });
});
