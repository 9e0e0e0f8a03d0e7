-- The default templates copied to each new tenant at provisioning, each once per tenant: a copy the tenant
-- archived stays archived when provisioning is re-run.
CREATE TABLE messaging_tenant_template_seeds (
  tenant_id uuid NOT NULL,
  channel text NOT NULL,
  key text NOT NULL,
  template_id uuid,
  seeded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, channel, key)
);

-- A purge deletes a tenant's rows table by table in no set order: its template versions go with their template.
ALTER TABLE messaging_template_versions DROP CONSTRAINT messaging_template_versions_template_id_fkey,
  ADD CONSTRAINT messaging_template_versions_template_id_fkey FOREIGN KEY (template_id) REFERENCES messaging_templates (id) ON DELETE CASCADE;

-- Versions stay append-only, except that a purge removes those of a deleted tenant (as the credit ledger allows):
-- before this, a tenant with templates of its own could not be purged.
CREATE OR REPLACE FUNCTION messaging_template_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM tenants WHERE id = OLD.tenant_id AND status = 'deleted') THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - 'created_by') = (to_jsonb(OLD) - 'created_by')
     AND (NEW.created_by IS NULL OR NEW.created_by = '[erased]') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'messaging_template_versions is append-only: save a new version instead' USING ERRCODE = 'insufficient_privilege';
END;
$$;
