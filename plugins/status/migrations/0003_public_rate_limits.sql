-- The public endpoints' rate limit (60 requests per minute per client IP and route), counted in the
-- database so that every instance shares one budget. One row per route, IP and fixed one-minute window;
-- the `prune-rate-limits` job deletes past windows. UNLOGGED: counters need no crash safety or replicas.
CREATE UNLOGGED TABLE status_public_rate_limits (
  route text NOT NULL,
  ip text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (route, ip, window_start)
);
CREATE INDEX status_public_rate_limits_window_idx ON status_public_rate_limits (window_start);
