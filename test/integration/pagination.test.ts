import { sql } from "drizzle-orm";
import { integer, numeric, pgTable } from "drizzle-orm/pg-core";
import { expect, it } from "vitest";
import { enrollmentStatus } from "../../src/modules/students/student.table.js";
import { paginate, type Ordering } from "../../src/shared/pagination.js";
import { toGlobalId } from "../../src/shared/global-id.js";
import { buildTree } from "../factories/tree.js";
import { describeEachEngine } from "../helpers/engines.js";

const ROOT = /* GraphQL */ `
  query Page($filter: StudentFilter, $first: Int, $after: String, $last: Int, $before: String) {
    students(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id familyNameLatin } }
    }
  }
`;

const NESTED = /* GraphQL */ `
  query Nested($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    cohort(id: $id) {
      enrollments(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
        nodes { id }
      }
    }
  }
`;

// A table ordered by columns a cursor must compare as they order: an enum and a numeric(5, 2).
const probe = pgTable("cursor_probe", {
  id: integer().primaryKey(),
  status: enrollmentStatus().notNull(),
  score: numeric({ precision: 5, scale: 2, mode: "number" }).notNull(),
});

describeEachEngine("cursor pagination", {}, (api) => {
  it("pages by an enum and by a numeric column as they order (the cursor's value cast to the column's type)", async () => {
    const db = api().database.db;
    await db.execute(sql`create table cursor_probe (id int primary key, status enrollment_status not null, score numeric(5, 2) not null)`);
    const statuses = enrollmentStatus.enumValues;
    // Scores whose text order differs from their numeric order (9.5 < 10.25 < 100).
    const rows = Array.from({ length: 37 }, (_, i) => ({ id: i + 1, status: statuses[(i * 7) % statuses.length], score: [9.5, 10.25, 100, 0.75, 33][i % 5] + (i % 3) }));
    await db.insert(probe).values(rows);
    for (const [name, columns, key, compare] of [
      ["probe.score", [probe.score, probe.id], (r: (typeof rows)[0]) => [r.score, r.id], (a: (typeof rows)[0], b: (typeof rows)[0]) => a.score - b.score || a.id - b.id],
      ["probe.status", [probe.status, probe.id], (r: (typeof rows)[0]) => [r.status, r.id], (a: (typeof rows)[0], b: (typeof rows)[0]) => statuses.indexOf(a.status) - statuses.indexOf(b.status) || a.id - b.id],
    ] as const) {
      const ordering = { name, columns: [...columns], key } as unknown as Ordering<(typeof rows)[0]>;
      const expected = [...rows].sort(compare).map((r) => r.id);
      for (const backward of [false, true]) {
        const seen: number[] = [];
        let cursor: string | null = null;
        for (let pages = 0; pages < 20; pages++) {
          const args = backward ? { last: 5, before: cursor } : { first: 5, after: cursor };
          const page: any = await paginate(db, { table: probe, ordering, args }, { eager: true });
          const ids = page.nodes.map((r: { id: number }) => r.id);
          if (backward) seen.unshift(...ids);
          else seen.push(...ids);
          if (!(backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage)) break;
          cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
        }
        expect(seen, `${name}, ${backward ? "backward" : "forward"}`).toEqual(expected);
      }
      // A forged cursor the column cannot hold is refused as input, naming the argument.
      const forged = Buffer.from(JSON.stringify([name, name === "probe.score" ? "lots" : "NOT_A_STATUS", 1])).toString("base64url");
      await expect(paginate(db, { table: probe, ordering, args: { first: 5, after: forged } }, { eager: true })).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "after" } });
    }
  });

  let filter: { homeInstitutionId: string };
  let cohortId: string;

  it("pages forward across page boundaries without gaps or repeats", async () => {
    const tree = await buildTree(api().database.db, { institutions: 1, programsEach: 1, cohortsEach: 1, enrollmentsEach: 23 });
    filter = { homeInstitutionId: toGlobalId("Institution", tree.institutionIds[0]) };
    const all = await api().run(ROOT, { filter, first: 100 });
    expect(all.errors).toBeUndefined();
    const expected = all.data.students.edges.map((e: any) => e.node.id);
    expect(expected).toHaveLength(23);
    expect(all.data.students.totalCount).toBe(23);
    // ordered by Latin family name (text order), then id
    const names = all.data.students.edges.map((e: any) => e.node.familyNameLatin);
    expect(names).toEqual([...names].sort());

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const r: any = await api().run(ROOT, { filter, first: 5, after });
      expect(r.errors).toBeUndefined();
      const page = r.data.students;
      seen.push(...page.edges.map((e: any) => e.node.id));
      expect(page.pageInfo.hasPreviousPage).toBe(after != null);
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(expected);
  });

  it("pages backward from the end and from a cursor", async () => {
    const all = (await api().run(ROOT, { filter, first: 100 })).data.students.edges.map((e: any) => e.node.id);
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const r: any = await api().run(ROOT, { filter, last: 5, before });
      expect(r.errors).toBeUndefined();
      const page = r.data.students;
      seen.unshift(...page.edges.map((e: any) => e.node.id));
      expect(page.pageInfo.hasNextPage).toBe(before != null);
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(seen).toEqual(all);

    // A window between two cursors
    const first = (await api().run(ROOT, { filter, first: 10 })).data.students;
    const middle = await api().run(ROOT, { filter, first: 5, after: first.edges[2].cursor, before: first.edges[9].cursor });
    expect(middle.data.students.edges.map((e: any) => e.node.id)).toEqual(all.slice(3, 8));
  });

  it("pages a nested connection the same way", async () => {
    const tree = await buildTree(api().database.db, { institutions: 1, programsEach: 1, cohortsEach: 1, enrollmentsEach: 12 });
    const r = await api().run(
      `query($f: CohortFilter) { cohorts(filter: $f, first: 1) { nodes { id } } }`,
      { f: { hostInstitutionId: toGlobalId("Institution", tree.institutionIds[0]) } },
    );
    cohortId = r.data.cohorts.nodes[0].id;
    const p1 = (await api().run(NESTED, { id: cohortId, first: 5 })).data.cohort.enrollments;
    const p2 = (await api().run(NESTED, { id: cohortId, first: 5, after: p1.pageInfo.endCursor })).data.cohort.enrollments;
    const p3 = (await api().run(NESTED, { id: cohortId, first: 5, after: p2.pageInfo.endCursor })).data.cohort.enrollments;
    expect(p1.totalCount).toBe(12);
    expect([p1.nodes.length, p2.nodes.length, p3.nodes.length]).toEqual([5, 5, 2]);
    expect(p3.pageInfo.hasNextPage).toBe(false);
    const ids = [...p1.nodes, ...p2.nodes, ...p3.nodes].map((n: any) => n.id);
    expect(new Set(ids).size).toBe(12);
    const back = (await api().run(NESTED, { id: cohortId, last: 5, before: p3.pageInfo.startCursor })).data.cohort.enrollments;
    expect(back.nodes.map((n: any) => n.id)).toEqual(p2.nodes.map((n: any) => n.id));
    expect(back.pageInfo.hasPreviousPage).toBe(true);
  });

  it("refuses bad paging arguments with BAD_USER_INPUT naming the argument", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ first: 0 }, "first"],
      [{ first: 101 }, "first"],
      [{ last: -1 }, "last"],
      [{ first: 5, last: 5 }, "last"],
      [{ first: 5, after: "not-a-cursor" }, "after"],
      [{ last: 5, before: "eyJ4IjoxfQ" }, "before"],
    ];
    for (const [vars, field] of cases) {
      const r = await api().run(ROOT, { filter, ...vars });
      expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    // A cursor of another list (enrollments) is refused by the students list.
    const enr = (await api().run(NESTED, { id: cohortId, first: 1 })).data.cohort.enrollments;
    const r = await api().run(ROOT, { filter, first: 5, after: enr.pageInfo.endCursor });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const n = await api().run(NESTED, { id: cohortId, first: 500 });
    expect(n.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "enrollments.first" });
  });
});
