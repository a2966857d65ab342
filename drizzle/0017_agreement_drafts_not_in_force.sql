-- A DRAFT agreement has no terms in force: its version 1 is proposed, with no approvals, until every party
-- approves it (createAgreement). 0014's backfill made every agreement's version 1 approved and in force, the
-- drafts' too (the seed's XMU-IMC-NURSING-DRAFT), so things were founded on them and reports counted them.
-- From now on it records a draft's version 1 as proposed.
CREATE OR REPLACE FUNCTION agreement_record_first_versions(only_agreement integer) RETURNS void LANGUAGE sql AS $$
  WITH v AS (
    INSERT INTO agreement_versions (agreement_id, number, content, content_hash, proposed_by, in_force_from)
    SELECT a.id, 1,
      jsonb_build_object(
        'parties', coalesce((SELECT jsonb_agg(jsonb_build_object('institutionId', p.institution_id, 'role', p.role) ORDER BY p.institution_id) FROM agreement_parties p WHERE p.agreement_id = a.id), '[]'::jsonb),
        'focusAreas', coalesce((SELECT jsonb_agg(f.area ORDER BY f.area) FROM agreement_focus_areas f WHERE f.agreement_id = a.id), '[]'::jsonb),
        'placesPerYear', a.places_per_year, 'validFrom', a.valid_from, 'validUntil', a.valid_until, 'summary', a.summary),
      '', 'recorded',
      CASE WHEN a.status <> 'DRAFT' THEN coalesce(a.signed_on, a.valid_from, a.created_at::date)::timestamp AT TIME ZONE 'UTC' END
    FROM agreements a
    WHERE (only_agreement IS NULL OR a.id = only_agreement) AND NOT EXISTS (SELECT 1 FROM agreement_versions x WHERE x.agreement_id = a.id)
    RETURNING id, agreement_id, content_hash, in_force_from
  ), approved AS (
    INSERT INTO agreement_version_approvals (version_id, institution_id, content_hash, approved_by, approved_at)
    SELECT v.id, p.institution_id, v.content_hash, 'recorded', v.in_force_from FROM v JOIN agreement_parties p ON p.agreement_id = v.agreement_id
    WHERE v.in_force_from IS NOT NULL
  )
  UPDATE agreements a SET current_version_id = v.id FROM v WHERE a.id = v.agreement_id AND v.in_force_from IS NOT NULL;
$$;--> statement-breakpoint
-- The drafts the backfill put in force: their version 1 (recorded, in force, current) goes back to proposed,
-- its recorded approvals are removed, and a later proposal waiting on it supersedes it (one proposal at a time).
-- A version is otherwise never changed (0014's trigger): the trigger is off for these statements only.
ALTER TABLE agreement_versions DISABLE TRIGGER agreement_versions_immutable;--> statement-breakpoint
WITH fixed AS (
  SELECT v.id AS version_id, a.id AS agreement_id FROM agreements a JOIN agreement_versions v ON v.id = a.current_version_id
  WHERE a.status = 'DRAFT' AND v.number = 1 AND v.proposed_by = 'recorded' AND v.in_force_from IS NOT NULL AND v.superseded_at IS NULL
), cleared AS (
  UPDATE agreements SET current_version_id = NULL WHERE id IN (SELECT agreement_id FROM fixed)
), unapproved AS (
  DELETE FROM agreement_version_approvals WHERE approved_by = 'recorded' AND version_id IN (SELECT version_id FROM fixed)
)
UPDATE agreement_versions v SET in_force_from = NULL,
  superseded_at = (SELECT min(l.created_at) FROM agreement_versions l WHERE l.agreement_id = v.agreement_id AND l.number > 1)
  WHERE v.id IN (SELECT version_id FROM fixed);--> statement-breakpoint
ALTER TABLE agreement_versions ENABLE TRIGGER agreement_versions_immutable;
