-- Plans, plan assignments (history per tenant), usage records, threshold crossings, governance.

CREATE TABLE plans_plans (
  id uuid PRIMARY KEY,
  key text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9_-]*$'),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  description text NOT NULL DEFAULT '',
  -- price in minor units (cents) of `currency`, per `billing_interval`
  price_amount integer NOT NULL DEFAULT 0 CHECK (price_amount >= 0),
  currency text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  billing_interval text NOT NULL DEFAULT 'monthly' CHECK (billing_interval IN ('monthly', 'annual')),
  trial_days integer NOT NULL DEFAULT 0 CHECK (trial_days >= 0),
  -- { "<meter>": <non-negative integer> }; a meter not listed is unlimited
  quotas jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(quotas) = 'object'),
  -- { "<meter>": "hard" | "soft" }; default hard
  limit_types jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(limit_types) = 'object'),
  features text[] NOT NULL DEFAULT '{}',
  plugins text[] NOT NULL DEFAULT '{}',
  archived boolean NOT NULL DEFAULT false,
  is_default boolean NOT NULL DEFAULT false,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plans_plans_default_not_archived CHECK (NOT (is_default AND archived))
);

-- At most one default plan; making a plan the default takes the flag from the previous one.
CREATE UNIQUE INDEX plans_plans_one_default ON plans_plans (is_default) WHERE is_default;

CREATE FUNCTION plans_plans_single_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.is_default THEN
    UPDATE plans_plans SET is_default = false, updated_at = now() WHERE is_default AND id <> NEW.id;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER plans_plans_single_default BEFORE INSERT OR UPDATE OF is_default ON plans_plans
  FOR EACH ROW WHEN (NEW.is_default) EXECUTE FUNCTION plans_plans_single_default();

CREATE TABLE plans_assignments (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  plan_id uuid NOT NULL REFERENCES plans_plans (id),
  effective_from timestamptz NOT NULL,
  -- null: open-ended (the current or a scheduled assignment)
  effective_to timestamptz,
  -- periods of the plan start on this day (UTC) every month or year
  billing_anchor timestamptz NOT NULL,
  assigned_by text,
  assigned_by_label text,
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  trial_ends_at timestamptz,
  trial_ended_at timestamptz,
  -- the proration computed when the plan changed (for billing)
  proration jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plans_assignments_dates CHECK (effective_to IS NULL OR effective_to > effective_from)
);
CREATE INDEX plans_assignments_tenant ON plans_assignments (tenant_id, effective_from DESC);
CREATE UNIQUE INDEX plans_assignments_one_open ON plans_assignments (tenant_id) WHERE effective_to IS NULL;
CREATE INDEX plans_assignments_trials ON plans_assignments (trial_ends_at) WHERE trial_ends_at IS NOT NULL AND trial_ended_at IS NULL;

-- No two assignments of one tenant overlap. (An EXCLUDE constraint would need btree_gist, which the
-- embedded database does not load; the per-tenant advisory lock serialises concurrent writers so the
-- check sees every committed row.)
CREATE FUNCTION plans_assignments_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  clash record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('plans_assignments:' || NEW.tenant_id::text, 0));
  SELECT id, effective_from, effective_to INTO clash FROM plans_assignments
   WHERE tenant_id = NEW.tenant_id AND id <> NEW.id
     AND tstzrange(effective_from, effective_to) && tstzrange(NEW.effective_from, NEW.effective_to)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'plan assignment % overlaps assignment % (% to %)', NEW.id, clash.id, clash.effective_from, coalesce(clash.effective_to::text, 'open end')
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'plans_assignments_no_overlap';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER plans_assignments_no_overlap BEFORE INSERT OR UPDATE OF tenant_id, effective_from, effective_to ON plans_assignments
  FOR EACH ROW EXECUTE FUNCTION plans_assignments_no_overlap();

CREATE TABLE plans_usage_records (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  meter text NOT NULL,
  quantity integer NOT NULL CHECK (quantity <> 0),
  at timestamptz NOT NULL,
  idempotency_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plans_usage_records_idempotency UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX plans_usage_records_meter_at ON plans_usage_records (tenant_id, meter, at);

-- 80% / 100% notices already sent, once per tenant, meter, period and threshold.
CREATE TABLE plans_threshold_crossings (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  meter text NOT NULL,
  -- start of the usage period; '-infinity' for running totals
  period_start timestamptz NOT NULL,
  threshold integer NOT NULL CHECK (threshold > 0),
  used integer NOT NULL,
  limit_value integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plans_threshold_crossings_once UNIQUE (tenant_id, meter, period_start, threshold)
);

-- One row: platform-wide rules.
CREATE TABLE plans_governance (
  id uuid PRIMARY KEY,
  -- at most this many tenants in a trial at once; null = no limit
  max_trial_tenants integer CHECK (max_trial_tenants IS NULL OR max_trial_tenants >= 0),
  -- limits of a tenant without a plan: { "<meter>": <non-negative integer> }
  default_quotas jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(default_quotas) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO plans_governance (id) VALUES ('00000000-0000-4000-8000-00000000c0de');
