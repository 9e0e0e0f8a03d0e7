-- Invitations: an email, a role, a tenant (NULL: platform staff), and a single-use link whose token is stored only
-- as its SHA-256. Accepting it creates the user with the password they choose.
CREATE TABLE onboarding_invitations (
  id uuid PRIMARY KEY,
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  email text NOT NULL,
  name text,
  role text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('staff', 'tenant')),
  token_hash text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'revoked')),
  expires_at timestamptz NOT NULL,
  invited_by uuid,
  invited_by_name text,
  send_count int NOT NULL DEFAULT 0,
  last_sent_at timestamptz,
  last_send_error text,
  accepted_at timestamptz,
  accepted_user_id uuid,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One open invitation per address and tenant (a second one is a resend).
CREATE UNIQUE INDEX onboarding_invitations_open ON onboarding_invitations (COALESCE(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(email))
  WHERE status = 'pending';
CREATE INDEX onboarding_invitations_tenant_created ON onboarding_invitations (tenant_id, created_at DESC);
