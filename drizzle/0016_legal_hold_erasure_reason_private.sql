-- Legal holds and erasure reasons: in the change feed (and webhooks) for platform admins only, as audit() now
-- writes them (a legal hold's row private; an erasure's fact visible to the student's home and host staff, its
-- reason in a private row of its own). The rows written before held the reason where those staff read it: they
-- are hidden alike (visible to no institution, no actor institution); platform admins keep them whole.
UPDATE "audit_log" SET "visible_to" = '{}', "actor_institution_id" = NULL
WHERE "action" IN ('student.legalHold.set', 'student.legalHold.lift', 'student.erase') AND "after" ? 'reason';
