ALTER TABLE "audit_log" ADD COLUMN "txid" bigint DEFAULT (pg_current_xact_id()::text)::bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "visible_to" integer[];--> statement-breakpoint
CREATE INDEX "audit_log_txid_id_index" ON "audit_log" USING btree ("txid","id");