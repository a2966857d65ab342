CREATE INDEX "audit_log_actor_subject_id_index" ON "audit_log" USING btree ("actor_subject","id");--> statement-breakpoint
CREATE INDEX "institution_figures_region_code_index" ON "institution_figures" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "enrollments_status_changed_at_index" ON "enrollments" USING btree ("status_changed_at");