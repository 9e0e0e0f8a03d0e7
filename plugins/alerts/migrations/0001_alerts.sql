CREATE TABLE alerts_rules (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text,
  metric text NOT NULL,
  aggregation text NOT NULL,
  filter jsonb NOT NULL DEFAULT '{}',
  group_by jsonb NOT NULL DEFAULT '[]',
  tenant_filter uuid,
  condition text NOT NULL CHECK (condition IN ('gt', 'lt', 'eq')),
  threshold double precision NOT NULL,
  recovery_threshold double precision,
  window_minutes int NOT NULL DEFAULT 5,
  for_minutes int NOT NULL DEFAULT 5,
  keep_firing_for_minutes int NOT NULL DEFAULT 0,
  repeat_interval_minutes int NOT NULL DEFAULT 60,
  severity text NOT NULL CHECK (severity IN ('critical', 'warning', 'info')),
  component text,
  channels jsonb NOT NULL DEFAULT '[]',
  enabled boolean NOT NULL DEFAULT true,
  runbook_url text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per alert (rule + label set) that is not normal: pending, firing, no_data, error, or recently resolved.
CREATE TABLE alerts_instances (
  id uuid PRIMARY KEY,
  rule_id uuid NOT NULL REFERENCES alerts_rules (id) ON DELETE CASCADE,
  fingerprint text NOT NULL UNIQUE,
  labels jsonb NOT NULL DEFAULT '{}',
  tenant_id uuid,
  state text NOT NULL CHECK (state IN ('normal', 'pending', 'firing', 'resolved', 'no_data', 'error')),
  state_since timestamptz NOT NULL,
  pending_since timestamptz,
  firing_since timestamptz,
  last_breach_at timestamptz,
  value double precision,
  error text,
  notified_at timestamptz,
  last_notified_at timestamptz,
  muted_reason text,
  resolved_at timestamptz,
  resolved_by text,
  last_evaluated_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alerts_instances_rule ON alerts_instances (rule_id);
CREATE INDEX alerts_instances_state ON alerts_instances (state, state_since DESC);

-- Every state change (fired, resolved, acknowledged...), for history and MTTA.
CREATE TABLE alerts_history (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  instance_id uuid NOT NULL,
  rule_id uuid NOT NULL,
  rule_name text NOT NULL,
  severity text NOT NULL,
  fingerprint text NOT NULL,
  labels jsonb NOT NULL DEFAULT '{}',
  tenant_id uuid,
  from_state text NOT NULL,
  to_state text NOT NULL,
  event text NOT NULL,
  value double precision,
  threshold double precision,
  actor text,
  comment text
);
CREATE INDEX alerts_history_at ON alerts_history (at DESC);
CREATE INDEX alerts_history_rule ON alerts_history (rule_id, at DESC);
CREATE INDEX alerts_history_fingerprint ON alerts_history (fingerprint, at DESC);

-- Acknowledgements: a silence per alert with author, comment and expiry; stops repeat notifications.
CREATE TABLE alerts_silences (
  id uuid PRIMARY KEY,
  instance_id uuid NOT NULL REFERENCES alerts_instances (id) ON DELETE CASCADE,
  fingerprint text NOT NULL,
  rule_id uuid NOT NULL,
  author_id text,
  author text NOT NULL,
  comment text NOT NULL,
  starts_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alerts_silences_active ON alerts_silences (fingerprint, expires_at) WHERE ended_at IS NULL;

-- Outbox of notifications: one row per notification and channel, processed by the delivery job,
-- retried with backoff; every attempt is recorded. Rows survive restarts.
CREATE TABLE alerts_deliveries (
  id uuid PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  dedup_key text NOT NULL UNIQUE,
  instance_id uuid NOT NULL REFERENCES alerts_instances (id) ON DELETE CASCADE,
  fingerprint text NOT NULL,
  channel text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('firing', 'repeat', 'acknowledged', 'resolved')),
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz
);
CREATE INDEX alerts_deliveries_due ON alerts_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX alerts_deliveries_instance ON alerts_deliveries (instance_id, seq);
CREATE INDEX alerts_deliveries_order ON alerts_deliveries (fingerprint, channel, seq) WHERE status = 'pending';

CREATE TABLE alerts_delivery_attempts (
  id bigserial PRIMARY KEY,
  delivery_id uuid NOT NULL REFERENCES alerts_deliveries (id) ON DELETE CASCADE,
  attempt int NOT NULL,
  started_at timestamptz NOT NULL,
  duration_ms int NOT NULL,
  ok boolean NOT NULL,
  status int,
  detail text
);
CREATE INDEX alerts_delivery_attempts_delivery ON alerts_delivery_attempts (delivery_id, attempt);

-- Optimistic concurrency between evaluator ticks and manual actions: each bumps the generation.
CREATE TABLE alerts_evaluator (
  id int PRIMARY KEY CHECK (id = 1),
  generation bigint NOT NULL DEFAULT 0,
  last_tick_at timestamptz,
  last_tick_ms int
);
INSERT INTO alerts_evaluator (id) VALUES (1);
