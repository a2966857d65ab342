import { postgresStatus } from "./helpers/postgres.js";

// Says once, up front, whether the PostgreSQL tests run; REQUIRE_POSTGRES=1 (set by .ci/run) turns a skip
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
}
