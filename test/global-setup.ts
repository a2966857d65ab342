import { rmSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../src/db/paths.js";
import { startBuild } from "./helpers/build.js";
import { postgresStatus } from "./helpers/postgres.js";
import { redisStatus } from "./helpers/redis.js";
import { prepareTemplates } from "./helpers/templates.js";

// Says once, up front, whether the PostgreSQL and Redis tests run; REQUIRE_POSTGRES=1 / REQUIRE_REDIS=1 (set by .ci/run) turn a skip
// into a failure, so a missing server never passes as green.
export default async function setup() {
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
  // Ended by a signal before vitest listens for them (or while it does), the process still exits through its
  // "exit" event, where the compilation and the templates of this run are removed (helpers/build.ts, templates.ts).
  const onSignal = { SIGINT: () => process.exit(130), SIGTERM: () => process.exit(143) };
  for (const [signal, handler] of Object.entries(onSignal)) process.once(signal, handler);
  const stopListening = () => {
    for (const [signal, handler] of Object.entries(onSignal)) process.off(signal, handler);
  };
  // One compiled server for every test file of this run that starts one (helpers/build.ts), compiled in the
  // background while the templates are made.
  const buildDir = join(projectRoot, ".test-build", `run-${process.pid}`);
  process.env.XMU_TEST_BUILD_DIR = buildDir;
  const build = await startBuild(buildDir);
  // Migrate (and seed) once per engine: every suite starts from a copy (helpers/templates.ts).
  let dropTemplates: () => Promise<void>;
  try {
    dropTemplates = await prepareTemplates(join(projectRoot, ".test-build", `templates-${process.pid}`));
  } catch (e) {
    await build.stop();
    rmSync(buildDir, { recursive: true, force: true });
    stopListening();
    throw e;
  }
  return async () => {
    await build.stop();
    rmSync(buildDir, { recursive: true, force: true });
    await dropTemplates();
    stopListening();
  };
}
