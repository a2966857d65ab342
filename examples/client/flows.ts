// The README's portal flows through the typed client: public facts, an admin portal, a partner registering
// and following its student, a paged walk, and the change feed live. `run.ts` runs them against a server;
// test/e2e/client.test.ts runs them against a fresh one.
import {
  AdmitStudentDocument,
  ChangeFeedDocument,
  CohortEnrollmentPagesDocument,
  CohortReconciliationDocument,
  DashboardDocument,
  JointTcmProgramDocument,
  PartnerStudentsDocument,
  RegisterStudentDocument,
  type ChangeFeedSubscription,
} from "./gql/graphql.js";
import { Kind, visit } from "graphql";
import { filter, firstValueFrom } from "rxjs";
import type { Client } from "./client.js";

export interface Clients {
  anonymous: Client;
  hostAdmin: Client;
  partnerRegistrar: Client;
}

/** Public facts: the joint TCM program and the dashboard. */
export async function publicFacts(c: Client) {
  const program = await c.query({ query: JointTcmProgramDocument });
  const dashboard = await c.query({ query: DashboardDocument });
  const tcm = program.data?.programs.nodes[0];
  return {
    program: tcm?.titleEn,
    cohort: tcm?.cohorts.nodes[0],
    expertsSent: dashboard.data?.total[0]?.experts,
  };
}

/** The admin portal: reconciliation, then every ENROLLED student of a cohort, a page at a time (fetchMore). */
export async function adminPortal(c: Client, cohortId: string) {
  const reconciliation = await c.query({ query: CohortReconciliationDocument });
  const watched = c.watchQuery({ query: CohortEnrollmentPagesDocument, variables: { cohortId } });
  const seen = watched.subscribe(() => {});
  const first = await firstValueFrom(watched.pipe(filter((r) => r.dataState === "complete")));
  let page = first.data!.cohort!.enrollments;
  let pages = 1;
  while (page.pageInfo.hasNextPage) {
    const more = await watched.fetchMore({ variables: { after: page.pageInfo.endCursor } });
    page = more.data!.cohort!.enrollments;
    pages++;
  }
  seen.unsubscribe();
  // relayStylePagination has appended each page's edges to the cached connection.
  const cached = c.readQuery({ query: CohortEnrollmentPagesDocument, variables: { cohortId } });
  return {
    reconciliation: reconciliation.data?.cohortReconciliation.nodes.map((n) => ({ cohort: n.cohort.name, enrolled: n.enrolled })),
    pages,
    totalCount: page.totalCount,
    walked: cached?.cohort?.enrollments.edges.map((e) => e.node.id) ?? [],
  };
}

/** A partner registers a student; the host admits it; the partner finds it. Returns the events seen live. */
export async function registerAndAdmit(clients: Clients) {
  const events: ChangeFeedSubscription["changes"][] = [];
  const live = clients.partnerRegistrar.subscribe({ query: ChangeFeedDocument }).subscribe({
    next: (r) => r.data && events.push(r.data.changes),
  });
  // graphql-ws connects lazily: give the subscription a moment to be registered before writing.
  await new Promise((r) => setTimeout(r, 500));
  const registered = await clients.partnerRegistrar.mutate({ mutation: RegisterStudentDocument });
  const enrollment = registered.data?.registerStudent?.enrollment;
  // The README's AdmitStudent names the enrollment a fresh seed gives this registration: on another database that
  // id may be someone else's, so it is admitted only when it is the one just registered.
  const named = admittedEnrollment();
  if (enrollment?.id !== named)
    throw new Error(`AdmitStudent names enrollment ${named}, but this registration is ${enrollment?.id ?? "missing"}: run the example on a freshly seeded server (it writes)`);
  const admitted = await clients.hostAdmin.mutate({ mutation: AdmitStudentDocument });
  const found = await clients.partnerRegistrar.query({ query: PartnerStudentsDocument, fetchPolicy: "network-only" });
  const deadline = Date.now() + 15_000;
  while (events.filter((e) => e.entityType === "Enrollment").length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  live.unsubscribe();
  return {
    enrollment,
    admittedStatus: admitted.data?.transitionEnrollment?.enrollment?.status,
    found: found.data?.students.nodes.map((s) => s.familyNameLatin),
    events: events.map((e) => `${e.action}${e.enrollmentStatus ? ` ${e.enrollmentStatus}` : ""}`),
  };
}

/** The enrollment id written in the README's AdmitStudent operation. */
function admittedEnrollment(): string | undefined {
  let id: string | undefined;
  visit(AdmitStudentDocument, {
    ObjectField(f) {
      if (f.name.value === "enrollmentId" && f.value.kind === Kind.STRING) id = f.value.value;
    },
  });
  return id;
}
