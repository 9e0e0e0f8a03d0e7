-- The recommended rules seeded at boot, each once per database: a seeded rule an operator deleted stays
-- deleted, and a rule added to the list in a later version is seeded on the next boot.
CREATE TABLE alerts_rule_seeds (
  seed_key text PRIMARY KEY,
  rule_id uuid NOT NULL,
  seeded_at timestamptz NOT NULL DEFAULT now()
);
