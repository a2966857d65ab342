import { boolean, char, jsonb, pgTable, text } from "drizzle-orm/pg-core";

export const countries = pgTable("countries", {
  /** ISO 3166-1 alpha-2 */
  code: char({ length: 2 }).primaryKey(),
  nameEn: text().notNull(),
  /** language tag -> name, e.g. { "fr": "Kazakhstan", "ru": "Казахстан" } */
  names: jsonb().$type<Record<string, string>>().notNull().default({}),
  centralAsia: boolean().notNull().default(false),
});
export type CountryRow = typeof countries.$inferSelect;
