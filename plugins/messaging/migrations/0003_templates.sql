-- Message templates (issue 17 item 5). A template (key, channel, declared variables, default language) is the
-- platform's (tenant_id NULL) or a tenant's; a tenant's template with the key of a platform one overrides it for
-- that tenant. Content lives in versions, per language: every save appends one, the newest per language is current.
CREATE TABLE messaging_templates (
  id uuid PRIMARY KEY,
  tenant_id uuid,
  key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_.-]{0,99}$'),
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  description text NOT NULL DEFAULT '',
  variables jsonb NOT NULL DEFAULT '[]',
  default_language text NOT NULL,
  archived_at timestamptz,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One live template per key and channel: for the platform, and per tenant. Archived ones free the key.
CREATE UNIQUE INDEX messaging_templates_platform_key ON messaging_templates (channel, key) WHERE tenant_id IS NULL AND archived_at IS NULL;
CREATE UNIQUE INDEX messaging_templates_tenant_key ON messaging_templates (tenant_id, channel, key) WHERE tenant_id IS NOT NULL AND archived_at IS NULL;
CREATE INDEX messaging_templates_tenant ON messaging_templates (tenant_id, updated_at DESC);

CREATE TABLE messaging_template_versions (
  id uuid PRIMARY KEY,
  template_id uuid NOT NULL REFERENCES messaging_templates (id),
  -- the template's, repeated so that row-level security covers versions too
  tenant_id uuid,
  language text NOT NULL,
  version int NOT NULL CHECK (version > 0),
  body text,
  subject text,
  html text,
  text text,
  partials jsonb NOT NULL DEFAULT '{}',
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (template_id, language, version)
);

-- History is kept: versions are never changed or removed.
CREATE FUNCTION messaging_template_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'messaging_template_versions is append-only: save a new version instead' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER messaging_template_versions_no_update BEFORE UPDATE ON messaging_template_versions FOR EACH ROW EXECUTE FUNCTION messaging_template_versions_append_only();
CREATE TRIGGER messaging_template_versions_no_delete BEFORE DELETE ON messaging_template_versions FOR EACH ROW EXECUTE FUNCTION messaging_template_versions_append_only();

-- Platform default templates seeded at boot, once per database: one an operator archived stays archived.
CREATE TABLE messaging_template_seeds (
  channel text NOT NULL,
  key text NOT NULL,
  seeded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, key)
);
