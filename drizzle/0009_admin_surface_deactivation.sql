CREATE TYPE "public"."lab_member_role" AS ENUM('CO_LEAD', 'MEMBER', 'ASSOCIATE');--> statement-breakpoint
ALTER TABLE "experts" ADD COLUMN "deactivated_on" date;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "deactivated_on" date;--> statement-breakpoint
ALTER TABLE "joint_lab_members" ADD COLUMN "role" "lab_member_role" DEFAULT 'MEMBER' NOT NULL;--> statement-breakpoint
ALTER TABLE "telemedicine_links" ADD COLUMN "ended_on" date;--> statement-breakpoint
ALTER TABLE "telemedicine_links" ADD CONSTRAINT "telemedicine_ended_after_since" CHECK ("telemedicine_links"."ended_on" IS NULL OR "telemedicine_links"."since" IS NULL OR "telemedicine_links"."ended_on" >= "telemedicine_links"."since");