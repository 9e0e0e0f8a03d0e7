-- The daily digest: who receives it (staff users, each with a time zone and the sections they chose) and which
-- digests went out. The unique (user_id, local_date) row is the claim that makes the send happen once per recipient
-- and local day, whichever instance runs the job first.
CREATE TABLE customer_success_digest_subscriptions (
  user_id uuid PRIMARY KEY,
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
  time_zone text NOT NULL DEFAULT 'UTC',
  -- null: every section
  sections text[],
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE customer_success_digest_sends (
  user_id uuid NOT NULL,
  local_date date NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  message_id text,
  PRIMARY KEY (user_id, local_date)
);
