-- Rules that must hold whatever writes the rows (the API, a bulk load, a seed, a psql session), so they
-- live in the database. Hand-written: drizzle-kit has no syntax for triggers or exclusion constraints.

-- 1. Cohort capacity. cohorts.seats_taken counts ENROLLED + ON_LEAVE enrollments; the CHECK
--    (seats_taken BETWEEN 0 AND capacity) from migration 0001 refuses the enrollment that would overflow.
--    The UPDATE takes the cohort's row lock, so concurrent admissions from any number of server
--    processes queue on it and the one that finds the cohort full fails with check_violation.
CREATE OR REPLACE FUNCTION enrollment_seats_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_seated boolean := TG_OP <> 'INSERT' AND OLD.status IN ('ENROLLED', 'ON_LEAVE');
  is_seated boolean := TG_OP <> 'DELETE' AND NEW.status IN ('ENROLLED', 'ON_LEAVE');
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.cohort_id <> NEW.cohort_id THEN
    IF was_seated THEN UPDATE cohorts SET seats_taken = seats_taken - 1 WHERE id = OLD.cohort_id; END IF;
    IF is_seated THEN UPDATE cohorts SET seats_taken = seats_taken + 1 WHERE id = NEW.cohort_id; END IF;
  ELSIF was_seated AND NOT is_seated THEN
    UPDATE cohorts SET seats_taken = seats_taken - 1 WHERE id = OLD.cohort_id;
  ELSIF is_seated AND NOT was_seated THEN
    UPDATE cohorts SET seats_taken = seats_taken + 1 WHERE id = NEW.cohort_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER enrollments_seats AFTER INSERT OR UPDATE OF status, cohort_id OR DELETE ON enrollments
  FOR EACH ROW EXECUTE FUNCTION enrollment_seats_sync();
--> statement-breakpoint
UPDATE cohorts c SET seats_taken = (
  SELECT count(*) FROM enrollments e WHERE e.cohort_id = c.id AND e.status IN ('ENROLLED', 'ON_LEAVE')
);
--> statement-breakpoint

-- 2. An expert is never on two dispatches whose dates overlap. Member rows carry the dispatch's dates
--    (copied by triggers) so one exclusion constraint can compare them; cancelled dispatches free the team.
--    int4range(expert_id, expert_id, '[]') && … is equality on the expert without needing btree_gist.
CREATE OR REPLACE FUNCTION dispatch_member_period() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT d.start_date, d.end_date, d.status <> 'CANCELLED'
    INTO NEW.starts_on, NEW.ends_on, NEW.active
    FROM dispatches d WHERE d.id = NEW.dispatch_id;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER dispatch_members_period BEFORE INSERT OR UPDATE ON dispatch_members
  FOR EACH ROW EXECUTE FUNCTION dispatch_member_period();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION dispatch_period_propagate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE dispatch_members SET starts_on = NEW.start_date WHERE dispatch_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dispatches_period AFTER UPDATE OF start_date, end_date, status ON dispatches
  FOR EACH ROW EXECUTE FUNCTION dispatch_period_propagate();
--> statement-breakpoint
UPDATE dispatch_members SET starts_on = starts_on;
--> statement-breakpoint
ALTER TABLE dispatch_members ADD CONSTRAINT dispatch_members_no_overlap EXCLUDE USING gist (
  int4range(expert_id, expert_id, '[]') WITH &&,
  daterange(starts_on, ends_on, '[]') WITH &&
) WHERE (active);
