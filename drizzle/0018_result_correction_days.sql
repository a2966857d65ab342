-- A correction may change a result's assessment day as well as its grade (correctResult): each correction keeps
-- the day before and after, as it keeps the grade. The corrections made so far changed the grade only: their
-- days are the result's day, which no statement changed before this migration.
ALTER TABLE "result_corrections" ADD COLUMN "old_assessed_on" date;--> statement-breakpoint
ALTER TABLE "result_corrections" ADD COLUMN "new_assessed_on" date;--> statement-breakpoint
UPDATE "result_corrections" rc SET "old_assessed_on" = r."assessed_on", "new_assessed_on" = r."assessed_on" FROM "course_results" r WHERE r."id" = rc."result_id";--> statement-breakpoint
ALTER TABLE "result_corrections" ALTER COLUMN "old_assessed_on" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "result_corrections" ALTER COLUMN "new_assessed_on" SET NOT NULL;
