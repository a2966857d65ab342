import { sql } from "drizzle-orm";
import { boolean, check, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { agreements } from "../agreements/agreement.table.js";
import { programs } from "../programs/program.table.js";

export const gradeScaleKind = pgEnum("grade_scale_kind", ["NUMERIC", "ORDERED"]);

/**
 * A grading scale, as data: NUMERIC (a range, e.g. 0–100 percent) or ORDERED (named grades from lowest to
 * highest, e.g. 2, 3, 4, 5 or F … A or FAIL, PASS). A grade passes at or above the pass mark.
 */
export const gradeScales = pgTable(
  "grade_scales",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    code: text().notNull().unique(),
    name: text().notNull(),
    kind: gradeScaleKind().notNull(),
    /** ORDERED: the grades, lowest first. */
    grades: text().array().notNull().default(sql`'{}'::text[]`),
    /** NUMERIC: the range, inclusive. */
    minValue: numeric({ precision: 7, scale: 2, mode: "number" }),
    maxValue: numeric({ precision: 7, scale: 2, mode: "number" }),
    /** The lowest passing grade: a number of the range, or one of the grades. */
    passMark: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "grade_scales_shape",
      sql`(${t.kind} = 'NUMERIC' and ${t.minValue} is not null and ${t.maxValue} > ${t.minValue} and cardinality(${t.grades}) = 0)
        or (${t.kind} = 'ORDERED' and cardinality(${t.grades}) >= 2 and ${t.minValue} is null and ${t.maxValue} is null and ${t.passMark} = any(${t.grades}))`,
    ),
  ],
);

/**
 * A conversion table from one scale to another, belonging to an agreement or to a program (exactly one):
 * the agreement's partners recognise each other's results through it.
 */
export const gradeConversions = pgTable(
  "grade_conversions",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    fromScaleId: integer()
      .notNull()
      .references(() => gradeScales.id),
    toScaleId: integer()
      .notNull()
      .references(() => gradeScales.id),
    agreementId: integer().references(() => agreements.id),
    programId: integer().references(() => programs.id),
    /** Rows: from a grade (ORDERED) or a range [min, max] (NUMERIC) to a grade of the target scale. */
    rows: jsonb().$type<{ from?: string; min?: number; max?: number; to: string }[]>().notNull(),
    illustrative: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("grade_conversions_owner", sql`(${t.agreementId} is null) <> (${t.programId} is null)`),
    check("grade_conversions_scales", sql`${t.fromScaleId} <> ${t.toScaleId}`),
  ],
);

export type GradeScaleRow = typeof gradeScales.$inferSelect;
export type GradeConversionRow = typeof gradeConversions.$inferSelect;
