-- Kernel schema: tenancy, auth, navigation, plugin enablement and settings, audit, outbox, jobs.

CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  status text NOT NULL CHECK (status IN ('provisioning','active','suspended','deleted')),
  primary_domain text UNIQUE,
  locale text NOT NULL DEFAULT 'en',
  contact_name text,
  contact_email text,
  status_reason text,
  deleted_at timestamptz,
  purge_after timestamptz,
  provisioned_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE roles (
  id uuid PRIMARY KEY,
  key text NOT NULL UNIQUE,
  name text NOT NULL,
  description text,
  permissions text[] NOT NULL DEFAULT '{}',
  builtin boolean NOT NULL DEFAULT false,
  scope text NOT NULL DEFAULT 'platform' CHECK (scope IN ('platform','tenant')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL DEFAULT '',
  password_hash text,
  kind text NOT NULL CHECK (kind IN ('staff','tenant')),
  tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
  roles text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'tenant') = (tenant_id IS NOT NULL))
);
CREATE INDEX users_tenant_idx ON users (tenant_id);

CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  permissions text[] NOT NULL DEFAULT '{}',
  tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
  act_on_behalf boolean NOT NULL DEFAULT false,
  created_by uuid,
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE nav_overrides (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  item_id text NOT NULL,
  hidden boolean NOT NULL DEFAULT false,
  label text,
  "order" integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, item_id)
);

CREATE TABLE tenant_plugins (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  plugin text NOT NULL,
  enabled boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, plugin)
);

CREATE TABLE plugin_settings (
  id uuid PRIMARY KEY,
  plugin text NOT NULL,
  tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
  "values" jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX plugin_settings_scope_uq ON plugin_settings (plugin, coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- Append-only audit trail.
CREATE TABLE audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_type text NOT NULL,
  actor_id text,
  actor_label text,
  tenant_id uuid,
  action text NOT NULL,
  target_type text,
  target_id text,
  before jsonb,
  after jsonb,
  reason text,
  request_id text
);
CREATE INDEX audit_at_idx ON audit (at DESC);
CREATE INDEX audit_tenant_at_idx ON audit (tenant_id, at DESC);
CREATE INDEX audit_action_idx ON audit (action);

CREATE FUNCTION audit_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();

-- Transactional outbox: one row per event, one delivery row per durable subscriber.
CREATE TABLE kernel_outbox (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE kernel_outbox_delivery (
  event_id bigint NOT NULL REFERENCES kernel_outbox(id) ON DELETE CASCADE,
  subscriber text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','dead')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 8,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  last_error text,
  delivered_at timestamptz,
  PRIMARY KEY (event_id, subscriber)
);
CREATE INDEX kernel_outbox_delivery_due_idx ON kernel_outbox_delivery (next_attempt_at) WHERE status = 'pending';

-- Job runs: one row per (job, planned tick); the unique key makes each tick run once across instances.
CREATE TABLE kernel_job_runs (
  id bigserial PRIMARY KEY,
  job text NOT NULL,
  scheduled_at timestamptz NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  duration_ms integer,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running','succeeded','failed')),
  error text,
  instance text,
  UNIQUE (job, scheduled_at)
);
CREATE INDEX kernel_job_runs_job_idx ON kernel_job_runs (job, started_at DESC);
