-- Webhook delivery log: a replay keeps the attempts made before it (attempts_before_replay: its retries back off
-- from the first delay again), and each failure has a kind (last_error_code), so a name that does not resolve
-- (DNS) is told from no connection, no answer in time and an HTTP status. Rows failed before: the kind from their text.
ALTER TABLE "webhook_deliveries" ADD COLUMN "attempts_before_replay" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "last_error_code" text;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_last_error_code" CHECK ("webhook_deliveries"."last_error_code" in ('NAME_NOT_RESOLVED', 'ADDRESS_NOT_PUBLIC', 'NO_CONNECTION', 'TIMEOUT', 'HTTP_STATUS'));--> statement-breakpoint
UPDATE "webhook_deliveries" SET "last_error_code" = CASE
  WHEN "last_error" LIKE 'HTTP %' THEN 'HTTP_STATUS'
  WHEN "last_error" LIKE 'no answer within %' THEN 'TIMEOUT'
  WHEN "last_error" = 'the endpoint''s name does not resolve' THEN 'NAME_NOT_RESOLVED'
  WHEN "last_error" = 'the endpoint''s address is not a public one' THEN 'ADDRESS_NOT_PUBLIC'
  ELSE 'NO_CONNECTION' END
WHERE "last_error" IS NOT NULL;