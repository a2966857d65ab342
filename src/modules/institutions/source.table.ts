import { integer, pgTable, text, date } from "drizzle-orm/pg-core";

/** A document a fact was taken from (the two articles in docs/sources). */
export const sources = pgTable("sources", {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  slug: text().notNull().unique(),
  title: text().notNull(),
  language: text().notNull(),
  publisher: text(),
  url: text(),
  publishedOn: date(),
  note: text(),
});
export type SourceRow = typeof sources.$inferSelect;
