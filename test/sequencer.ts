import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that run longest, longest first. Vitest orders by the durations it cached in an earlier run, which a
 * clean clone (CI, a newcomer) does not have: there it started the two differential files last, and the run waited
 * ~25 s on them alone. Starting the long files first lets the short ones fill the workers' gaps. Only an order:
 * a file missing here still runs, after these.
 */
const LONGEST_FIRST = [
  "test/integration/differential.pglite.test.ts",
  "test/e2e/fuzz.test.ts",
  "test/integration/access-matrix.test.ts",
  "test/hostile/embedded-lock.test.ts",
  "test/integration/differential.postgres.test.ts",
  "test/hostile/shutdown-keepalive.test.ts",
  "test/hostile/memory.test.ts",
  "test/hostile/idempotency.test.ts",
  "test/e2e/startup.test.ts",
  "test/hostile/pg-restart.test.ts",
  "test/integration/transcript.test.ts",
  "test/integration/webhooks.test.ts",
  "test/e2e/shutdown.test.ts",
];

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rest = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const i = LONGEST_FIRST.indexOf(relative(spec.project.config.root, spec.moduleId).replaceAll("\\", "/"));
      return i === -1 ? LONGEST_FIRST.length : i;
    };
    // A stable sort: the files not listed keep vitest's own order among themselves.
    return rest.map((spec, i) => ({ spec, i })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i).map((x) => x.spec);
  }
}
