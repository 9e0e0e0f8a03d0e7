-- The brand onboarding wizard: one session per tenant, resumed from here (never from the browser).
CREATE TABLE onboarding_sessions (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'completed')),
  current_step text NOT NULL,
  -- Answers per step id (never secrets: those are sealed in onboarding_connections).
  answers jsonb NOT NULL DEFAULT '{}',
  completed_steps text[] NOT NULL DEFAULT '{}',
  skipped_steps text[] NOT NULL DEFAULT '{}',
  started_by uuid,
  completed_at timestamptz,
  completed_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- External accounts a tenant connects in the wizard (Shopify, Stripe Connect, Wise). `secrets` holds the
-- tokens sealed by the kernel; `oauth_state` is the pending OAuth round's nonce (single use).
CREATE TABLE onboarding_connections (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  provider text NOT NULL CHECK (provider IN ('shopify', 'stripe', 'wise')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'connected', 'disconnected')),
  oauth_state text,
  details jsonb NOT NULL DEFAULT '{}',
  secrets jsonb NOT NULL DEFAULT '{}',
  connected_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, provider)
);

-- The historical data import of a tenant: progress survives the page being closed.
CREATE TABLE onboarding_imports (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL UNIQUE,
  status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  total integer NOT NULL DEFAULT 0,
  processed integer NOT NULL DEFAULT 0,
  next_page text,
  error text,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Orders the import brought in (no personal data: ids, amounts, dates).
CREATE TABLE onboarding_imported_orders (
  tenant_id uuid NOT NULL,
  external_id text NOT NULL,
  name text NOT NULL,
  total_minor bigint NOT NULL,
  currency text NOT NULL,
  placed_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, external_id)
);

-- The console's guided tour, per user: offered until dismissed for good.
CREATE TABLE onboarding_tour_states (
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  dismissed_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
);
