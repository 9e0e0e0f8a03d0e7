-- Per-tenant API rate limits (core/src/rate-limits). Policies per plan (by the plan's key, a string: the kernel
-- does not know the plans plugin) and per-tenant overrides; the shared token buckets every instance leases from;
-- the open event streams per tenant; and the throttled requests, counted per tenant per minute.
CREATE TABLE kernel_rate_limit_policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_key text,
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  requests_per_second int NOT NULL CHECK (requests_per_second > 0),
  burst int NOT NULL CHECK (burst > 0),
  concurrent_streams int CHECK (concurrent_streams IS NULL OR concurrent_streams >= 0),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((plan_key IS NULL) <> (tenant_id IS NULL))
);
CREATE UNIQUE INDEX kernel_rate_limit_policies_plan ON kernel_rate_limit_policies (plan_key) WHERE plan_key IS NOT NULL;
CREATE UNIQUE INDEX kernel_rate_limit_policies_tenant ON kernel_rate_limit_policies (tenant_id) WHERE tenant_id IS NOT NULL;

-- One token bucket per tenant, shared by every instance: `tokens` as of `refilled_at`.
CREATE TABLE kernel_rate_limit_buckets (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  tokens double precision NOT NULL,
  refilled_at timestamptz NOT NULL
);

-- Takes up to `p_want` tokens from the tenant's bucket (refilled at `p_rate` per second up to `p_burst`) and answers
-- how many it got and what is left. One statement, the row locked: two instances never take the same token.
CREATE FUNCTION kernel_rate_limit_lease(p_tenant uuid, p_rate double precision, p_burst double precision, p_want int, p_at timestamptz)
RETURNS TABLE (granted int, available double precision) LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := COALESCE(p_at, clock_timestamp());
  v_tokens double precision;
  v_at timestamptz;
  v_avail double precision;
  v_grant int;
BEGIN
  INSERT INTO kernel_rate_limit_buckets (tenant_id, tokens, refilled_at) VALUES (p_tenant, p_burst, v_now)
    ON CONFLICT (tenant_id) DO NOTHING;
  SELECT b.tokens, b.refilled_at INTO v_tokens, v_at FROM kernel_rate_limit_buckets b WHERE b.tenant_id = p_tenant FOR UPDATE;
  v_avail := LEAST(p_burst, v_tokens + p_rate * GREATEST(0, EXTRACT(EPOCH FROM (v_now - v_at))));
  v_grant := GREATEST(0, LEAST(p_want, FLOOR(v_avail)::int));
  UPDATE kernel_rate_limit_buckets SET tokens = v_avail - v_grant, refilled_at = GREATEST(v_at, v_now) WHERE tenant_id = p_tenant;
  RETURN QUERY SELECT v_grant, v_avail - v_grant;
END
$$;

-- Open event streams: one row per stream while it is open, kept alive by its instance (a crashed instance's rows expire).
CREATE TABLE kernel_rate_limit_streams (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  instance_id text NOT NULL,
  opened_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX kernel_rate_limit_streams_tenant ON kernel_rate_limit_streams (tenant_id);

-- Opens a stream for the tenant unless `p_limit` are open already (per tenant, serialized by an advisory lock).
CREATE FUNCTION kernel_rate_limit_open_stream(p_tenant uuid, p_id uuid, p_instance text, p_limit int, p_ttl_seconds int)
RETURNS TABLE (admitted boolean, open_streams int) LANGUAGE plpgsql AS $$
DECLARE
  v_open int;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('kernel_rate_limit_streams'), hashtext(p_tenant::text));
  DELETE FROM kernel_rate_limit_streams WHERE tenant_id = p_tenant AND expires_at < clock_timestamp();
  SELECT count(*)::int INTO v_open FROM kernel_rate_limit_streams WHERE tenant_id = p_tenant;
  IF v_open >= p_limit THEN
    RETURN QUERY SELECT false, v_open;
    RETURN;
  END IF;
  INSERT INTO kernel_rate_limit_streams (id, tenant_id, instance_id, expires_at)
    VALUES (p_id, p_tenant, p_instance, clock_timestamp() + make_interval(secs => p_ttl_seconds));
  RETURN QUERY SELECT true, v_open + 1;
END
$$;

-- Requests refused for a rate limit, per tenant, minute and kind (`requests` or `streams`).
CREATE TABLE kernel_rate_limit_throttled (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  minute timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('requests', 'streams')),
  count int NOT NULL,
  PRIMARY KEY (tenant_id, minute, kind)
);
CREATE INDEX kernel_rate_limit_throttled_minute ON kernel_rate_limit_throttled (minute);
