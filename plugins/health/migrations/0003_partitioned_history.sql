-- health_check_history becomes RANGE-partitioned by UTC day (health_check_history_pYYYYMMDD): inserts
-- touch only today's small, cached indexes, and retention drops whole days. A default partition catches
-- rows for days without a partition; health_ensure_history_partition() moves them when it creates one.
ALTER TABLE health_check_history RENAME TO health_check_history_unpartitioned;
ALTER INDEX health_check_history_pkey RENAME TO health_check_history_unpartitioned_pkey;
ALTER INDEX health_check_history_target_idx RENAME TO health_check_history_unpartitioned_target_idx;
ALTER INDEX health_check_history_checked_brin RENAME TO health_check_history_unpartitioned_checked_brin;

CREATE TABLE health_check_history (
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
) PARTITION BY RANGE (checked_at);
CREATE INDEX health_check_history_target_idx ON health_check_history (monitor_id, target_key, checked_at DESC);
CREATE TABLE health_check_history_default PARTITION OF health_check_history DEFAULT;

-- Creates the partition of one UTC day if missing, moving that day's rows out of the default partition.
CREATE OR REPLACE FUNCTION health_ensure_history_partition(day date) RETURNS boolean LANGUAGE plpgsql AS $fn$
DECLARE
  part text := 'health_check_history_p' || to_char(day, 'YYYYMMDD');
  lower_bound timestamptz := day::timestamp AT TIME ZONE 'UTC';
  upper_bound timestamptz := (day + 1)::timestamp AT TIME ZONE 'UTC';
BEGIN
  IF to_regclass(part) IS NOT NULL THEN RETURN false; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('health_check_history.partitions'));
  IF to_regclass(part) IS NOT NULL THEN RETURN false; END IF;
  EXECUTE format('CREATE TABLE %I (LIKE health_check_history INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
  EXECUTE format('WITH moved AS (DELETE FROM health_check_history_default WHERE checked_at >= %L AND checked_at < %L RETURNING *) INSERT INTO %I SELECT * FROM moved', lower_bound, upper_bound, part);
  EXECUTE format('ALTER TABLE health_check_history ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lower_bound, upper_bound);
  RETURN true;
END
$fn$;

-- The retention window back and a few days ahead; the `history-partitions` job keeps it so.
SELECT health_ensure_history_partition(d::date) FROM generate_series(current_date - 31, current_date + 3, interval '1 day') AS d;

INSERT INTO health_check_history (monitor_id, target_key, tenant_id, planned_at, checked_at, status, state_status, response_time_ms, message, details, instance_id)
SELECT monitor_id, target_key, tenant_id, planned_at, checked_at, status, state_status, response_time_ms, message, details, instance_id
FROM health_check_history_unpartitioned WHERE checked_at >= now() - interval '31 days';
DROP TABLE health_check_history_unpartitioned;
