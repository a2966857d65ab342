import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { DataDirLockedError } from "../src/db/lock.js";

// `npm run db:migrate`: applies drizzle/ to DATABASE_URL, or to the embedded folder. The embedded folder is
// taken with the server's lock (src/db/lock.ts): refused, exit code 1, while a server holds it.
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }).catch((e: unknown) => {
  if (!(e instanceof DataDirLockedError)) throw e;
  console.error(e.message);
  process.exit(1);
});
try {
  await database.migrate();
  console.log(JSON.stringify({ migrated: true, engine: database.engine }));
} finally {
  await database.close();
}
