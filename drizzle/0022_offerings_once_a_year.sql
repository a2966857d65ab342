-- A unit is offered to a cohort once an academic year (createOffering checks it too, answering CONFLICT naming
-- input.unitId): the offering keeps its term's academic year, held to the term's by a foreign key on (term, year),
-- under a unique key on (unit, cohort, year). The old key on (unit, cohort, term) follows from it. Fails if a unit
-- is already offered to a cohort twice in one academic year: move that offering's results and remove it first.
ALTER TABLE "offerings" ADD COLUMN "academic_year" integer;--> statement-breakpoint
UPDATE "offerings" SET "academic_year" = t."academic_year" FROM "academic_terms" t WHERE t."id" = "offerings"."term_id";--> statement-breakpoint
ALTER TABLE "offerings" ALTER COLUMN "academic_year" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "academic_terms" ADD CONSTRAINT "academic_terms_id_year" UNIQUE("id","academic_year");--> statement-breakpoint
ALTER TABLE "offerings" ADD CONSTRAINT "offerings_term_year_fk" FOREIGN KEY ("term_id","academic_year") REFERENCES "public"."academic_terms"("id","academic_year") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "offerings" ADD CONSTRAINT "offerings_once_a_year" UNIQUE("unit_id","cohort_id","academic_year");--> statement-breakpoint
ALTER TABLE "offerings" DROP CONSTRAINT "offerings_unitId_cohortId_termId_unique";
