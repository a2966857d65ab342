// A PostGraphile v5 peer for the dashboard: PostGraphile as its documentation sets it up (bench/peers/postgraphile,
// installed apart from the project), on the same database, asked the same dashboard in its own schema's words,
// measured with the same autocannon settings in turns with the API.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnReady, type FloorServer } from "./floor.js";

export const PEER_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "peers", "postgraphile");

export function peerInstalled(): boolean {
  return existsSync(join(PEER_DIR, "node_modules", "postgraphile", "package.json"));
}

/** npm ci of the peer's own package.json and lock file (the project's dependencies are not touched). */
export function installPeer(): void {
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--prefix", PEER_DIR], { stdio: "inherit" });
}

export function peerVersion(): string {
  return (JSON.parse(readFileSync(join(PEER_DIR, "node_modules", "postgraphile", "package.json"), "utf8")) as { version: string }).version;
}

export function startPostGraphile(o: { databaseUrl: string; poolSize: number; nodeArgs: string[] }): Promise<FloorServer> {
  return spawnReady([...o.nodeArgs, join(PEER_DIR, "server.mjs")], { DATABASE_URL: o.databaseUrl, POOL_SIZE: String(o.poolSize), GRAPHILE_ENV: "production", NODE_ENV: "production" }, /postgraphile ready (\d+)/, "PostGraphile");
}

/**
 * The dashboard in PostGraphile's schema: the same institution, the same lists, orders and page sizes (the
 * newest 5 cohorts, as the API's `last: 5`, newest first), the same fields; global ids for enrollments as the
 * API's `id`.
 */
export function peerDashboardBody(institutionId: number): string {
  const query = /* GraphQL */ `
    query Dashboard($id: Int!) {
      institutionByRowId(rowId: $id) {
        nameEn
        programsByHostInstitutionId(first: 5, orderBy: [TITLE_EN_ASC, ROW_ID_ASC]) {
          nodes {
            titleEn
            cohortsByProgramId(first: 5, orderBy: [INTAKE_YEAR_DESC, ROW_ID_DESC]) {
              nodes {
                name intakeYear capacity seatsTaken
                enrollmentsByCohortId(first: 40, orderBy: ROW_ID_ASC) {
                  nodes { id status studentByStudentId { familyNameLatin givenNamesLatin nationality } }
                }
              }
            }
          }
        }
      }
    }`;
  return JSON.stringify({ query, variables: { id: institutionId } });
}

/** Programs, cohorts and enrollments of a PostGraphile dashboard answer. */
export function peerDashboardCounts(data: any): [number, number, number] {
  const programs = data.institutionByRowId.programsByHostInstitutionId.nodes;
  const cohorts = programs.flatMap((p: any) => p.cohortsByProgramId.nodes);
  const enrollments = cohorts.flatMap((c: any) => c.enrollmentsByCohortId.nodes);
  return [programs.length, cohorts.length, enrollments.length];
}

/** The same counts of the API's dashboard answer. */
export function apiDashboardCounts(data: any): [number, number, number] {
  const programs = data.institution.programs.nodes;
  const cohorts = programs.flatMap((p: any) => p.cohorts.nodes);
  const enrollments = cohorts.flatMap((c: any) => c.enrollments.nodes);
  return [programs.length, cohorts.length, enrollments.length];
}
