-- Public-form rate limits (signup, password reset), counted in PostgreSQL so every instance counts together: one row
-- per limit and key (the key's SHA-256: no addresses stored), its window starting with the first hit.
CREATE TABLE onboarding_rate_limit_counters (
  scope text NOT NULL,
  key_hash text NOT NULL,
  count integer NOT NULL,
  reset_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key_hash)
);
CREATE INDEX onboarding_rate_limit_counters_reset ON onboarding_rate_limit_counters (reset_at);
