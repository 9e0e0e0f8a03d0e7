-- Password reset links: single use, short-lived, stored only as the token's SHA-256. tenant_id is the user's
-- tenant (NULL for staff), so a tenant's purge removes its users' links with it.
CREATE TABLE onboarding_password_resets (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  requested_ip text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX onboarding_password_resets_user ON onboarding_password_resets (user_id, created_at DESC);
