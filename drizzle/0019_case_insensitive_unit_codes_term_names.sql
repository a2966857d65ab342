-- Course unit codes are unique in a curriculum version and term names for an institution whatever their case
-- ("TCM101" and "tcm101" were two units; createCurriculumVersion and createAcademicTerm compare them so too).
CREATE UNIQUE INDEX "academic_terms_name_ci" ON "academic_terms" USING btree ("institution_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "course_units_code_ci" ON "course_units" USING btree ("curriculum_id",lower("code"));