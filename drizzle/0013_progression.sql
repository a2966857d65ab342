ALTER TYPE "public"."progression_kind" ADD VALUE 'NOT_ELIGIBLE';--> statement-breakpoint
CREATE TABLE "year_credit_rules" (
	"curriculum_id" integer NOT NULL,
	"year_of_study" integer NOT NULL,
	"credits_required" numeric(5, 1) NOT NULL,
	"compulsory_required" boolean NOT NULL,
	CONSTRAINT "year_credit_rules_curriculum_id_year_of_study_pk" PRIMARY KEY("curriculum_id","year_of_study"),
	CONSTRAINT "year_credit_rules_year" CHECK ("year_credit_rules"."year_of_study" between 1 and 10),
	CONSTRAINT "year_credit_rules_credits" CHECK ("year_credit_rules"."credits_required" >= 0)
);
--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "year_of_study" integer;--> statement-breakpoint
ALTER TABLE "year_credit_rules" ADD CONSTRAINT "year_credit_rules_curriculum_id_curricula_id_fk" FOREIGN KEY ("curriculum_id") REFERENCES "public"."curricula"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progression_decisions" ADD CONSTRAINT "progression_awarding" CHECK (("progression_decisions"."kind" in ('GRADUATED', 'OVERRIDE_GRADUATED')) = ("progression_decisions"."awarding_institution_ids" is not null));--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_year_of_study" CHECK ("enrollments"."year_of_study" between 1 and 10);