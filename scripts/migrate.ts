import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";

// `npm run db:migrate`: applies drizzle/ to DATABASE_URL, or to the embedded folder (refused while a server holds it).
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  await database.migrate();
  console.log(JSON.stringify({ migrated: true, engine: database.engine }));
} finally {
  await database.close();
}
