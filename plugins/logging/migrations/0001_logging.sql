-- Structured logs. RANGE partitions of one UTC day, each sub-partitioned by LIST (level) into four leaves
-- (platform_logs_p20250131_error, ..._warn, ..._info, ..._debug), created ahead by the plugin's
-- `partitions` job. Retention per level drops whole leaves. Indexes declared here are created on every leaf.
CREATE TABLE platform_logs (
  id uuid NOT NULL,
  logged_at timestamptz NOT NULL,
  level text NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
  tenant_id uuid,
  tenant_slug text,
  user_id text,
  request_id text,
  service text NOT NULL,
  action text NOT NULL,
  message text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  error_type text,
  error_message text,
  error_stack text,
  error_code text,
  fingerprint text
) PARTITION BY RANGE (logged_at);

-- tenant + time: a tenant's lines, newest first.
CREATE INDEX platform_logs_tenant_time_idx ON platform_logs (tenant_id, logged_at DESC);
-- level + time: every leaf holds one level, so partition pruning on level plus this index is level + time
-- (a (level, logged_at) index would only repeat a constant in every entry).
CREATE INDEX platform_logs_time_idx ON platform_logs (logged_at DESC);
CREATE INDEX platform_logs_service_action_idx ON platform_logs (service, action, logged_at DESC);
CREATE INDEX platform_logs_request_idx ON platform_logs (request_id) WHERE request_id IS NOT NULL;
-- Full-text search on the message ('simple': no stemming or stop words, ids and codes stay searchable).
CREATE INDEX platform_logs_message_fts_idx ON platform_logs USING gin (to_tsvector('simple', message));

CREATE TABLE logging_error_groups (
  fingerprint text PRIMARY KEY,
  error_type text NOT NULL,
  normalized_message text NOT NULL,
  sample_message text NOT NULL,
  top_frame text,
  service text NOT NULL,
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL,
  count bigint NOT NULL,
  status text NOT NULL DEFAULT 'unresolved' CHECK (status IN ('unresolved', 'resolved', 'ignored')),
  regression boolean NOT NULL DEFAULT false,
  regressed_at timestamptz,
  resolved_at timestamptz,
  status_changed_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX logging_error_groups_last_seen_idx ON logging_error_groups (last_seen DESC);
CREATE INDEX logging_error_groups_status_idx ON logging_error_groups (status, last_seen DESC);

-- Per tenant (the nil uuid for lines outside any tenant): what a tenant admin sees of a group.
CREATE TABLE logging_error_group_tenants (
  fingerprint text NOT NULL REFERENCES logging_error_groups (fingerprint) ON DELETE CASCADE,
  tenant_id uuid NOT NULL,
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL,
  count bigint NOT NULL,
  PRIMARY KEY (fingerprint, tenant_id)
);
CREATE INDEX logging_error_group_tenants_tenant_idx ON logging_error_group_tenants (tenant_id, last_seen DESC);

CREATE TABLE logging_error_group_users (
  fingerprint text NOT NULL REFERENCES logging_error_groups (fingerprint) ON DELETE CASCADE,
  tenant_id uuid NOT NULL,
  user_id text NOT NULL,
  last_seen timestamptz NOT NULL,
  count bigint NOT NULL,
  PRIMARY KEY (fingerprint, tenant_id, user_id)
);

-- Hourly counts: sparklines and trends.
CREATE TABLE logging_error_group_hours (
  fingerprint text NOT NULL REFERENCES logging_error_groups (fingerprint) ON DELETE CASCADE,
  tenant_id uuid NOT NULL,
  hour timestamptz NOT NULL,
  count bigint NOT NULL,
  PRIMARY KEY (fingerprint, tenant_id, hour)
);
CREATE INDEX logging_error_group_hours_hour_idx ON logging_error_group_hours (hour);

-- DEBUG lines are stored only inside these windows (a tenant, a service, or a service within a tenant).
CREATE TABLE logging_debug_windows (
  id uuid PRIMARY KEY,
  tenant_id uuid,
  service text,
  until timestamptz NOT NULL,
  reason text,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (tenant_id IS NOT NULL OR service IS NOT NULL)
);
CREATE INDEX logging_debug_windows_until_idx ON logging_debug_windows (until);
