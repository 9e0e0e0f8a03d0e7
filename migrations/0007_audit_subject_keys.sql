-- Crypto-shredding of the append-only audit trail. Personal values in audit rows are encrypted (AES-256-GCM) under a
-- data key per (data subject, tenant); the keys live here, outside the audit table, wrapped by the platform key.
-- Destroying a key (wrapped_key set to NULL) makes the values it sealed unreadable everywhere the audit rows went,
-- backups included, while the audit table itself is never updated or deleted from.
--   subject_hash  HMAC-SHA256 of the subject (`email:ann@example.com`, `user:<uuid>`...) under a key derived from
--                 the platform key: the table never names the person.
--   scope_tenant  the tenant of the audit rows the key seals (NULL: platform-level rows). Not named tenant_id on
--                 purpose: the keys are no tenant's data, are never in a tenant backup, and are read by the kernel only.
CREATE TABLE audit_subject_keys (
  id uuid PRIMARY KEY,
  subject_hash text NOT NULL,
  scope_tenant uuid,
  wrapped_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  destroyed_at timestamptz,
  CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
);
CREATE UNIQUE INDEX audit_subject_keys_live_uq ON audit_subject_keys (subject_hash, coalesce(scope_tenant, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE destroyed_at IS NULL;
CREATE INDEX audit_subject_keys_scope_idx ON audit_subject_keys (scope_tenant);

-- A destroyed key stays destroyed: no UPDATE may give it a key again.
CREATE FUNCTION audit_subject_key_stays_destroyed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.destroyed_at IS NOT NULL THEN
    RAISE EXCEPTION 'audit subject key % is destroyed and cannot be restored', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_subject_keys_no_revival BEFORE UPDATE ON audit_subject_keys FOR EACH ROW EXECUTE FUNCTION audit_subject_key_stays_destroyed();
