import { defineConfig } from "drizzle-kit";

// Tables live next to their domain (src/modules/<domain>/<entity>.table.ts) and are gathered by glob.
export default defineConfig({
  dialect: "postgresql",
  schema: ["./src/db/*.table.ts", "./src/modules/**/*.table.ts"],
  out: "./drizzle",
  casing: "snake_case",
  strict: true,
  verbose: true,
});
