-- Changes of webhook endpoints and deliveries: in the change feed for platform admins only (visible to no institution),
-- as audit() now writes them; the rows written before are hidden alike. Their actor institution is kept (auditLog).
UPDATE "audit_log" SET "visible_to" = '{}' WHERE "entity_type" IN ('WebhookEndpoint', 'WebhookDelivery');
