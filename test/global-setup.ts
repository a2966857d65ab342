import { rmSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../src/db/paths.js";
import { postgresStatus } from "./helpers/postgres.js";
import { redisStatus } from "./helpers/redis.js";

// Says once, up front, whether the PostgreSQL and Redis tests run; REQUIRE_POSTGRES=1 / REQUIRE_REDIS=1 (set by .ci/run) turn a skip
// into a failure, so a missing server never passes as green.
export default async function setup() {
  // One compiled server for every test file of this run that needs one (helpers/built-server.ts).
  const buildDir = join(projectRoot, ".test-build", `run-${process.pid}`);
  process.env.XMU_TEST_BUILD_DIR = buildDir;
  const teardown = () => rmSync(buildDir, { recursive: true, force: true });
  const status = await postgresStatus();
  if (status.available) {
    console.log(`[tests] PostgreSQL tests run against ${status.adminUrl}`);
  } else {
    const msg = `[tests] PostgreSQL tests SKIPPED: ${status.reason}`;
    if (process.env.REQUIRE_POSTGRES === "1") throw new Error(`${msg} (REQUIRE_POSTGRES=1 makes this a failure)`);
    console.warn(msg);
  }
  const redis = await redisStatus();
  if (redis.available) console.log(`[tests] Redis tests run against ${redis.url}`);
  else {
    const msg = `[tests] Redis tests SKIPPED: ${redis.reason}`;
    if (process.env.REQUIRE_REDIS === "1") throw new Error(`${msg} (REQUIRE_REDIS=1 makes this a failure)`);
    console.warn(msg);
  }
  return teardown;
}
