-- The key that signs invitation, password-reset and signup links (HMAC-SHA256), sealed with the kernel's key.
-- Created once per database by the first instance that needs it; every instance signs and checks with it.
CREATE TABLE onboarding_link_keys (
  id text PRIMARY KEY,
  sealed_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
