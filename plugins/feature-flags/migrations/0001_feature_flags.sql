-- Feature flags: platform-level definitions with per-tenant targeting.
CREATE TABLE feature_flags (
  id uuid PRIMARY KEY,
  key text NOT NULL CONSTRAINT feature_flags_key_unique UNIQUE CHECK (key ~ '^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$' AND length(key) <= 120),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  type text NOT NULL CHECK (type IN ('boolean', 'percentage', 'tenant_list', 'user_list', 'schedule', 'variant')),
  value_type text NOT NULL CHECK (value_type IN ('boolean', 'string', 'number', 'json')),
  default_value jsonb NOT NULL,
  -- Served when the flag is on and no variant supplies a value; null: true for boolean flags, else the default.
  enabled_value jsonb,
  enabled boolean NOT NULL DEFAULT false,
  archived boolean NOT NULL DEFAULT false,
  -- Marks a critical flag listed in the console's kill-switch panel.
  kill_switch boolean NOT NULL DEFAULT false,
  -- Set while the flag is off because someone pulled its kill switch.
  killed_at timestamptz,
  killed_reason text,
  owner text,
  tags jsonb NOT NULL DEFAULT '[]',
  stale_after_days integer NOT NULL DEFAULT 14 CHECK (stale_after_days BETWEEN 1 AND 3650),
  -- Targeting as the engine reads it, except variant weights, which are percentages summing to 100.
  targeting jsonb NOT NULL DEFAULT '{}',
  -- Since when the flag has been on for everyone (for the stale-flag report); null when it is not.
  fully_on_since timestamptz,
  created_by text,
  updated_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Per-tenant and per-user values; a user override always belongs to a tenant. They may expire.
CREATE TABLE feature_flag_overrides (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  flag_key text NOT NULL REFERENCES feature_flags (key) ON DELETE CASCADE ON UPDATE CASCADE,
  scope text NOT NULL CHECK (scope IN ('tenant', 'user')),
  user_id text,
  value jsonb NOT NULL,
  variant text,
  expires_at timestamptz,
  reason text NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope = 'user') = (user_id IS NOT NULL))
);
CREATE UNIQUE INDEX feature_flag_overrides_target_idx ON feature_flag_overrides (flag_key, tenant_id, scope, coalesce(user_id, ''));
CREATE INDEX feature_flag_overrides_tenant_idx ON feature_flag_overrides (tenant_id, created_at DESC);

-- Staged rollouts: the primary rollout percentage walks through `steps`, one step per interval.
CREATE TABLE feature_flag_rollouts (
  id uuid PRIMARY KEY,
  flag_key text NOT NULL REFERENCES feature_flags (key) ON DELETE CASCADE ON UPDATE CASCADE,
  steps jsonb NOT NULL,
  interval_seconds integer NOT NULL CHECK (interval_seconds >= 60),
  current_step integer NOT NULL DEFAULT 0,
  status text NOT NULL CHECK (status IN ('active', 'paused', 'completed', 'cancelled')),
  next_step_at timestamptz,
  -- Alert rule keys whose `alert.fired` pauses this rollout.
  pause_on_alerts jsonb NOT NULL DEFAULT '[]',
  paused_reason text,
  reason text NOT NULL,
  created_by text,
  completed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX feature_flag_rollouts_one_open_idx ON feature_flag_rollouts (flag_key) WHERE status IN ('active', 'paused');
CREATE INDEX feature_flag_rollouts_due_idx ON feature_flag_rollouts (next_step_at) WHERE status = 'active';

-- Append-only trail of every change: old and new value, who, when and why.
CREATE TABLE feature_flag_audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  flag_key text NOT NULL,
  -- The tenant an override change concerns; null for changes of the platform-level definition.
  tenant_id uuid,
  action text NOT NULL,
  old_value jsonb,
  new_value jsonb,
  reason text NOT NULL,
  actor_type text NOT NULL,
  actor_id text,
  actor_label text,
  request_id text
);
CREATE INDEX feature_flag_audit_flag_idx ON feature_flag_audit (flag_key, at DESC);
CREATE INDEX feature_flag_audit_at_idx ON feature_flag_audit (at DESC);

CREATE FUNCTION feature_flag_audit_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'feature_flag_audit is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER feature_flag_audit_no_update BEFORE UPDATE OR DELETE ON feature_flag_audit FOR EACH ROW EXECUTE FUNCTION feature_flag_audit_reject_change();
CREATE TRIGGER feature_flag_audit_no_truncate BEFORE TRUNCATE ON feature_flag_audit FOR EACH STATEMENT EXECUTE FUNCTION feature_flag_audit_reject_change();

-- The version of the flag configuration: bumped in every change's transaction, announced after commit.
CREATE TABLE feature_flags_state (
  id integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO feature_flags_state (id, version) VALUES (1, 1);

-- When each flag was last evaluated (flushed from each instance's memory about once a minute).
CREATE TABLE feature_flag_usage (
  flag_key text PRIMARY KEY,
  last_evaluated_at timestamptz NOT NULL
);

-- Platform flags seeded once each: a seeded flag an operator deleted is not seeded again.
CREATE TABLE feature_flag_seeds (
  flag_key text PRIMARY KEY,
  seeded_at timestamptz NOT NULL DEFAULT now()
);
