-- Self-signup: a request waits here until its email is verified; then the tenant is created (tenant_id set).
CREATE TABLE onboarding_signups (
  id uuid PRIMARY KEY,
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  email text NOT NULL,
  name text NOT NULL,
  company_name text NOT NULL,
  slug text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified')),
  expires_at timestamptz NOT NULL,
  requested_ip text,
  verified_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX onboarding_signups_email ON onboarding_signups (lower(email), created_at DESC);
CREATE UNIQUE INDEX onboarding_signups_verified_slug ON onboarding_signups (slug) WHERE status = 'verified';

-- Proof-of-work challenges handed to the signup form: each one works once, for a short while.
CREATE TABLE onboarding_signup_challenges (
  challenge text PRIMARY KEY,
  difficulty int NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX onboarding_signup_challenges_expiry ON onboarding_signup_challenges (expires_at);
