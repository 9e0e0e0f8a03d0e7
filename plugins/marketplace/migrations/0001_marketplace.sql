-- The marketplace: a platform-level catalog of add-ons and each tenant's purchases of them.

CREATE TABLE marketplace_addons (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  summary text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('sms_credits', 'plugin', 'flag_entitlement', 'integration')),
  -- The kind's fields: {credits} | {plugin} | {flagKey, value, variant} | {integrationType}.
  provision jsonb NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'suspended', 'deprecated')),
  pricing text NOT NULL CHECK (pricing IN ('one_off', 'monthly', 'annual')),
  -- Integer minor units of `currency` (ISO-4217); never a float.
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  screenshots jsonb NOT NULL DEFAULT '[]',
  permissions jsonb NOT NULL DEFAULT '[]',
  -- Plan keys; empty: every plan.
  allowed_plans jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX marketplace_addons_status ON marketplace_addons (status, name);

-- A tenant's purchase: what it bought, at what price, for which period, and how it ended. Price and
-- provision are copied at purchase: a later catalog edit changes nothing already bought.
CREATE TABLE marketplace_purchases (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  addon_id uuid NOT NULL REFERENCES marketplace_addons (id),
  addon_name text NOT NULL,
  kind text NOT NULL,
  provision jsonb NOT NULL,
  pricing text NOT NULL CHECK (pricing IN ('one_off', 'monthly', 'annual')),
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  currency text NOT NULL,
  -- active: provisioned; cancelled: by the tenant; expired: a recurring add-on not renewed (off sale).
  status text NOT NULL CHECK (status IN ('active', 'cancelled', 'expired')),
  period_start timestamptz NOT NULL,
  -- The end of the paid period; NULL for one-off purchases (kept for good).
  period_end timestamptz,
  CHECK ((period_end IS NULL) = (pricing = 'one_off')),
  refund_minor bigint CHECK (refund_minor IS NULL OR refund_minor >= 0),
  cancelled_at timestamptz,
  cancel_reason text,
  ended_at timestamptz,
  -- Whether the charge went onto the tenant's invoice through the billing plugin (false: billing not installed).
  charged boolean NOT NULL DEFAULT false,
  -- Whether the refund (a negative charge) went onto the invoice.
  refund_charged boolean NOT NULL DEFAULT false,
  -- Recurring purchases renewed so far (0: still in the first paid period).
  renewals int NOT NULL DEFAULT 0,
  purchased_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX marketplace_purchases_tenant ON marketplace_purchases (tenant_id, created_at DESC);
CREATE INDEX marketplace_purchases_uncharged ON marketplace_purchases (created_at) WHERE NOT charged OR (refund_minor > 0 AND NOT refund_charged);
CREATE INDEX marketplace_purchases_renewal ON marketplace_purchases (period_end) WHERE status = 'active' AND period_end IS NOT NULL;
-- A plugin, flag or integration add-on is held once at a time; credit bundles may be bought again and again.
CREATE UNIQUE INDEX marketplace_purchases_one_active ON marketplace_purchases (tenant_id, addon_id) WHERE status = 'active' AND kind <> 'sms_credits';
