// CLI: npx tsx seeds/run.ts — seeds the database the server would use (DATABASE_URL, else the
// embedded one in DATA_DIR or its default folder) and prints the result as one line of JSON.
import { openDatabase } from "../src/db/client.js";
import { seed } from "./seed.js";

const database = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || undefined });
try {
  await database.migrate();
  const started = performance.now();
  const result = await seed(database.db);
  console.log(JSON.stringify({ ...result, engine: database.engine, ms: Math.round(performance.now() - started) }));
} finally {
  await database.close();
}
