-- Current state of every (monitor, target): the scheduler's claim (last_planned_at, compare-and-set),
-- the debounced status and its consecutive counters, and the latest result.
CREATE TABLE health_monitor_state (
  monitor_id text NOT NULL,
  target_key text NOT NULL,
  tenant_id uuid NULL,
  status text NOT NULL DEFAULT 'unknown' CHECK (status IN ('unknown', 'healthy', 'degraded', 'unhealthy')),
  status_since timestamptz NULL,
  consecutive_failures integer NOT NULL DEFAULT 0,
  consecutive_successes integer NOT NULL DEFAULT 0,
  last_result_status text NULL,
  response_time_ms integer NULL,
  message text NULL,
  details jsonb NULL,
  last_checked_at timestamptz NULL,
  last_planned_at timestamptz NULL,
  claimed_by text NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (monitor_id, target_key)
) WITH (fillfactor = 70);
CREATE INDEX health_monitor_state_tenant_idx ON health_monitor_state (tenant_id);

-- Every check result; kept 30 days by the retention job.
CREATE TABLE health_check_history (
  id bigserial PRIMARY KEY,
  monitor_id text NOT NULL,
  target_key text NOT NULL,
  tenant_id uuid NULL,
  planned_at timestamptz NOT NULL,
  checked_at timestamptz NOT NULL,
  status text NOT NULL,
  state_status text NOT NULL,
  response_time_ms integer NOT NULL,
  message text NOT NULL DEFAULT '',
  details jsonb NULL,
  instance_id text NULL
);
CREATE INDEX health_check_history_target_idx ON health_check_history (monitor_id, target_key, checked_at DESC);
CREATE INDEX health_check_history_checked_brin ON health_check_history USING brin (checked_at);

-- Hourly rollups (kept 400 days) feed uptime and long-range charts.
CREATE TABLE health_check_rollup_hourly (
  monitor_id text NOT NULL,
  target_key text NOT NULL,
  tenant_id uuid NULL,
  hour timestamptz NOT NULL,
  checks integer NOT NULL,
  healthy integer NOT NULL,
  degraded integer NOT NULL,
  unhealthy integer NOT NULL,
  avg_ms integer NOT NULL,
  p95_ms integer NOT NULL,
  max_ms integer NOT NULL,
  PRIMARY KEY (monitor_id, target_key, hour)
);
CREATE INDEX health_check_rollup_hour_idx ON health_check_rollup_hourly (hour);

-- Operator overrides per monitor (thresholds editor): null means "the monitor's default".
CREATE TABLE health_monitor_overrides (
  monitor_id text PRIMARY KEY,
  enabled boolean NOT NULL DEFAULT true,
  degraded_ms integer NULL,
  unhealthy_ms integer NULL,
  interval_seconds integer NULL,
  timeout_ms integer NULL,
  failure_threshold integer NULL,
  recovery_threshold integer NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Scheduler liveness, one row per app instance.
CREATE TABLE health_scheduler_instances (
  instance_id text PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  last_beat_at timestamptz NOT NULL DEFAULT now()
);

-- Push (heartbeat) monitors: cron jobs and backups ping a tokenized URL.
CREATE TABLE health_push_monitors (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  token text NOT NULL UNIQUE,
  expected_interval_seconds integer NOT NULL,
  grace_seconds integer NOT NULL DEFAULT 60,
  last_ping_at timestamptz NULL,
  last_ping_status text NULL,
  last_ping_message text NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
