// Loads the facts of the two source articles (docs/sources) and the illustrative people that make
// the records add up to them. Safe to call on every start: it writes once, in one transaction.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../src/db/client.js";
import * as t from "../src/db/schema.js";
import { seedAgreements } from "./agreements.js";
import { newContext } from "./context.js";
import { seedEducation } from "./education.js";
import { seedEvents } from "./events.js";
import { seedExperts } from "./experts.js";
import { EN_SOURCE_SLUG, seedInstitutions } from "./institutions.js";
import { seedLabs } from "./labs.js";
import { seedPrograms } from "./programs.js";
import { seedStudents } from "./students.js";

// Any fixed 64-bit key, distinct from the migration lock's: two servers starting together against one
// PostgreSQL queue here, and the second then sees the marker and writes nothing.
const SEED_LOCK_KEY = 734_215_0092;

export async function seed(db: Db): Promise<{ seeded: boolean; counts: Record<string, number> }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const marker = await tx.select({ id: t.sources.id }).from(t.sources).where(eq(t.sources.slug, EN_SOURCE_SLUG)).limit(1);
    if (marker.length) return { seeded: false, counts: {} };

    const ctx = newContext(tx);
    await seedInstitutions(ctx);
    await seedAgreements(ctx);
    await seedEvents(ctx);
    const cohorts = await seedPrograms(ctx);
    await seedStudents(ctx, cohorts);
    await seedEducation(ctx);
    const experts = await seedExperts(ctx);
    await seedLabs(ctx, experts);
    return { seeded: true, counts: ctx.counts };
  });
}
