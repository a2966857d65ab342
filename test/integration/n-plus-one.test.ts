import { expect, it } from "vitest";
import { buildTree } from "../factories/tree.js";
import { describeEachEngine } from "../helpers/engines.js";

const DASHBOARD = /* GraphQL */ `
  query Dashboard($search: String!) {
    institutions(first: 10, filter: { search: $search }) {
      totalCount
      nodes {
        nameEn
        country { code }
        programs(first: 5) {
          totalCount
          nodes {
            code
            host { slug }
            cohorts(first: 5) {
              nodes {
                name
                seatsTaken
                enrollments(first: 10) {
                  totalCount
                  nodes {
                    status
                    student { familyNameLatin nationalityCountry { code } homeInstitution { slug } }
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

describeEachEngine("nested queries batch per level (no N+1)", {}, (api) => {
  it("runs the same number of statements for 2 institutions as for 6, with 15× the rows", async () => {
    const small = await buildTree(api().database.db, { institutions: 2, programsEach: 1, cohortsEach: 1, enrollmentsEach: 2 });
    const large = await buildTree(api().database.db, { institutions: 6, programsEach: 3, cohortsEach: 2, enrollmentsEach: 5 });

    const a = await api().run(DASHBOARD, { search: small.tag });
    const b = await api().run(DASHBOARD, { search: large.tag });
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();

    const countNodes = (d: any) =>
      d.institutions.nodes.flatMap((i: any) => i.programs.nodes.flatMap((p: any) => p.cohorts.nodes.flatMap((c: any) => c.enrollments.nodes)))
        .length;
    expect(countNodes(a.data)).toBe(2 * 1 * 1 * 2);
    expect(countNodes(b.data)).toBe(6 * 3 * 2 * 5);

    // institutions page + count, country, programs page + count, host, cohorts page, seats,
    // enrollments page + count, student, nationality country, home institution.
    expect(b.statements).toBe(a.statements);
    expect(b.statements).toBeLessThanOrEqual(12);
  });
});
