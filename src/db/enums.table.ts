import { pgEnum } from "drizzle-orm/pg-core";

// Sources often give only a month or a year ("January 2024"); the precision keeps us from inventing a day.
export const datePrecision = pgEnum("date_precision", ["DAY", "MONTH", "YEAR"]);

export const focusArea = pgEnum("focus_area", [
  "TELEMEDICINE",
  "TECHNICAL_EXCHANGE",
  "ACADEMIC_EXCHANGE",
  "JOINT_EDUCATION",
  "JOINT_RESEARCH",
  "DISEASE_PREVENTION",
  "TCM",
  "NATURAL_MEDICINES",
  "BIOLOGICS",
]);
