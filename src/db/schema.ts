// The table barrel: every table and enum, for drizzle's query builder and for drizzle-kit.
export * from "./enums.table.js";
export * from "../modules/institutions/source.table.js";
export * from "../modules/institutions/country.table.js";
export * from "../modules/institutions/institution.table.js";
export * from "../modules/agreements/agreement.table.js";
export * from "../modules/programs/program.table.js";
export * from "../modules/students/student.table.js";
export * from "../modules/experts/expert.table.js";
export * from "../modules/labs/lab.table.js";
export * from "../modules/telemedicine/telemedicine.table.js";
export * from "../modules/events/event.table.js";
export * from "../modules/audit/audit.table.js";
export * from "../modules/education/grade-scale.table.js";
export * from "../modules/education/curriculum.table.js";
export * from "../modules/education/result.table.js";
export * from "../modules/webhooks/webhook.table.js";
