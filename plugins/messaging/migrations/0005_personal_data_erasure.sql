-- GDPR erasure of append-only rows: the credit ledger and template versions stay append-only for everything that
-- matters to them (amounts, kinds, links, content), but the columns naming a person (declared personal in
-- src/data-declarations.ts) may be overwritten with the erasure marker '[erased]' (or NULL where allowed), and with
-- nothing else. Any other UPDATE is refused as before.
CREATE OR REPLACE FUNCTION messaging_credit_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM tenants WHERE id = OLD.tenant_id AND status = 'deleted') THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - 'actor_id' - 'actor_label') = (to_jsonb(OLD) - 'actor_id' - 'actor_label')
     AND (NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id OR NEW.actor_id IS NULL OR NEW.actor_id = '[erased]')
     AND (NEW.actor_label = OLD.actor_label OR NEW.actor_label = '[erased]') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'messaging_credit_ledger is append-only: % is not allowed; append a correcting movement instead', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE OR REPLACE FUNCTION messaging_template_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - 'created_by') = (to_jsonb(OLD) - 'created_by')
     AND (NEW.created_by IS NULL OR NEW.created_by = '[erased]') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'messaging_template_versions is append-only: save a new version instead' USING ERRCODE = 'insufficient_privilege';
END;
$$;
