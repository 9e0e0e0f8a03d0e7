-- Cardinality guard: a metric's dimensions may only use the listed keys (the SDK's METRIC_DIMENSION_KEYS),
-- at most 8 of them, with string values of at most 200 characters. Enforced on every insert and update.
CREATE FUNCTION metrics_check_dimensions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  allowed_keys text[] := ARRAY['route', 'method', 'status_class', 'status_code', 'provider', 'queue', 'plan', 'status', 'type',
                               'monitor', 'component', 'channel', 'severity', 'job'];
  bad_key text;
BEGIN
  IF jsonb_typeof(NEW.dimensions) <> 'object' THEN
    RAISE EXCEPTION 'metric dimensions must be a JSON object' USING ERRCODE = 'check_violation';
  END IF;
  SELECT k INTO bad_key FROM jsonb_object_keys(NEW.dimensions) AS k WHERE NOT (k = ANY (allowed_keys)) LIMIT 1;
  IF bad_key IS NOT NULL THEN
    RAISE EXCEPTION 'metric dimension key "%" is not allowed. Allowed: %', bad_key, allowed_keys USING ERRCODE = 'check_violation';
  END IF;
  IF (SELECT count(*) FROM jsonb_object_keys(NEW.dimensions)) > 8 THEN
    RAISE EXCEPTION 'a metric has at most 8 dimensions' USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM jsonb_each(NEW.dimensions) AS e(k, v) WHERE jsonb_typeof(v) <> 'string' OR length(v #>> '{}') > 200) THEN
    RAISE EXCEPTION 'metric dimension values must be strings of at most 200 characters' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

-- Minute resolution, kept a short time (alert evaluation, 24 h sparklines).
CREATE TABLE system_metrics_minute (
  minute timestamptz NOT NULL,
  metric_name text NOT NULL CHECK (metric_name ~ '^[a-z][a-z0-9_]{0,99}$'),
  kind text NOT NULL CHECK (kind IN ('counter', 'histogram', 'gauge')),
  tenant_id uuid,
  dimensions jsonb NOT NULL DEFAULT '{}',
  count bigint NOT NULL DEFAULT 0,
  sum double precision NOT NULL DEFAULT 0,
  min double precision,
  max double precision,
  last double precision,
  buckets bigint[],
  CONSTRAINT system_metrics_minute_series UNIQUE NULLS NOT DISTINCT (minute, metric_name, tenant_id, dimensions)
);
CREATE INDEX system_metrics_minute_lookup ON system_metrics_minute (metric_name, minute DESC);
CREATE INDEX system_metrics_minute_tenant ON system_metrics_minute (tenant_id, metric_name, minute DESC) WHERE tenant_id IS NOT NULL;
CREATE TRIGGER system_metrics_minute_dimension_keys BEFORE INSERT OR UPDATE OF dimensions ON system_metrics_minute
  FOR EACH ROW EXECUTE FUNCTION metrics_check_dimensions();

-- Hourly rollup, kept long (SLOs over 7 days, trends).
CREATE TABLE system_metrics_hourly (
  hour timestamptz NOT NULL,
  metric_name text NOT NULL CHECK (metric_name ~ '^[a-z][a-z0-9_]{0,99}$'),
  kind text NOT NULL CHECK (kind IN ('counter', 'histogram', 'gauge')),
  tenant_id uuid,
  dimensions jsonb NOT NULL DEFAULT '{}',
  count bigint NOT NULL DEFAULT 0,
  sum double precision NOT NULL DEFAULT 0,
  min double precision,
  max double precision,
  last double precision,
  buckets bigint[],
  CONSTRAINT system_metrics_hourly_series UNIQUE NULLS NOT DISTINCT (hour, metric_name, tenant_id, dimensions)
);
CREATE INDEX system_metrics_hourly_lookup ON system_metrics_hourly (metric_name, hour DESC);
CREATE INDEX system_metrics_hourly_tenant ON system_metrics_hourly (tenant_id, metric_name, hour DESC) WHERE tenant_id IS NOT NULL;
CREATE TRIGGER system_metrics_hourly_dimension_keys BEFORE INSERT OR UPDATE OF dimensions ON system_metrics_hourly
  FOR EACH ROW EXECUTE FUNCTION metrics_check_dimensions();

-- Element-wise sum of histogram bucket counts (NULL-tolerant).
CREATE FUNCTION metrics_add_buckets(a bigint[], b bigint[]) RETURNS bigint[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a ELSE
    (SELECT array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)) END
$$;

-- One sample 5xx response per route and minute: the "why is it red" panel's example.
CREATE TABLE metrics_error_samples (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  route text NOT NULL,
  method text NOT NULL,
  status_code int NOT NULL,
  tenant_id uuid,
  request_id text NOT NULL,
  duration_ms double precision NOT NULL
);
CREATE INDEX metrics_error_samples_at ON metrics_error_samples (at DESC);

-- Service level objectives over the request metrics.
CREATE TABLE metrics_slos (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text,
  kind text NOT NULL CHECK (kind IN ('availability', 'latency')),
  target_pct double precision NOT NULL CHECK (target_pct > 0 AND target_pct < 100),
  threshold_ms double precision CHECK (threshold_ms IS NULL OR threshold_ms > 0),
  window_days int NOT NULL DEFAULT 7 CHECK (window_days BETWEEN 1 AND 90),
  route text,
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'latency' OR threshold_ms IS NOT NULL)
);

INSERT INTO metrics_slos (id, name, description, kind, target_pct, threshold_ms, window_days) VALUES
  (gen_random_uuid(), 'API availability', 'Share of API requests answered without a 5xx', 'availability', 99.9, NULL, 7),
  (gen_random_uuid(), 'API latency', 'Share of API requests answered within 500 ms', 'latency', 99, 500, 7);

-- Sum of histogram buckets over many rows.
CREATE AGGREGATE metrics_sum_buckets(bigint[]) (SFUNC = metrics_add_buckets, STYPE = bigint[]);
