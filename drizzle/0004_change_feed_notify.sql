-- Every committed change wakes the change feed of every server process: NOTIFY is delivered at commit,
-- once per transaction and channel for equal payloads, and never for a transaction that rolls back.
CREATE OR REPLACE FUNCTION audit_log_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('xmu_changes', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_notify AFTER INSERT ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_notify();
