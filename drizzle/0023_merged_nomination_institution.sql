ALTER TABLE "enrollments" ADD COLUMN "nominated_by_institution_id" integer;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_nominated_by_institution_id_institutions_id_fk" FOREIGN KEY ("nominated_by_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrollments_nominated_by_institution_id_index" ON "enrollments" USING btree ("nominated_by_institution_id") WHERE "enrollments"."nominated_by_institution_id" is not null;--> statement-breakpoint
-- Nominations already merged: the held student's home (its registrar registered the held record), from the audit
-- rows of the review's opening and the held student's registration (the held student is deleted by the merge);
-- else the institution of the registrar who asked.
UPDATE "enrollments" e SET "nominated_by_institution_id" = coalesce(
  (SELECT (reg."after"->>'homeInstitutionId')::int FROM "audit_log" op
     JOIN "audit_log" reg ON reg."action" = 'student.register' AND reg."entity_type" = 'Student' AND reg."entity_id" = (op."after"->>'heldStudentId')::int
   WHERE op."action" = 'identityReview.open' AND op."entity_type" = 'IdentityReview' AND op."entity_id" = r."id"
   ORDER BY reg."id" LIMIT 1),
  r."requested_by_institution_id")
FROM "identity_reviews" r
WHERE r."enrollment_id" = e."id" AND r."status" = 'MERGED';
