-- Health-score snapshots: one per tenant and day (a recompute the same day replaces that day's). Carries tenant_id,
-- so the kernel's row-level security policy applies. The breakdown holds each signal's points and reason.
CREATE TABLE customer_success_scores (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  day date NOT NULL,
  computed_at timestamptz NOT NULL,
  total integer NOT NULL CHECK (total BETWEEN 0 AND 100),
  bucket text NOT NULL CHECK (bucket IN ('healthy', 'monitor', 'at-risk', 'critical', 'onboarding')),
  breakdown jsonb NOT NULL CHECK (jsonb_typeof(breakdown) = 'array'),
  facts jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(facts) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, day)
);
CREATE INDEX customer_success_scores_day ON customer_success_scores (day, bucket);
