-- The scheduler's claim on each (monitor, target) moves to a table of its own: the latest planned time
-- taken, moved forward by a compare-and-set so that each planned check runs once across instances.
-- Apart from the state row, claiming never waits behind the row locks of result writes.
CREATE TABLE health_check_claims (
  monitor_id text NOT NULL,
  target_key text NOT NULL,
  last_planned_at timestamptz NULL,
  claimed_by text NULL,
  PRIMARY KEY (monitor_id, target_key)
) WITH (fillfactor = 50);

INSERT INTO health_check_claims (monitor_id, target_key, last_planned_at, claimed_by)
SELECT monitor_id, target_key, last_planned_at, claimed_by FROM health_monitor_state;

ALTER TABLE health_monitor_state DROP COLUMN last_planned_at, DROP COLUMN claimed_by;
COMMENT ON TABLE health_monitor_state IS 'Debounced status, consecutive counters and latest result per (monitor, target)';
