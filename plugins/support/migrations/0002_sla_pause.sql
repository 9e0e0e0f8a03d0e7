-- SLA timers pause while a ticket waits on the customer (status `pending`): when the current pause began, and the
-- pauses so far in total (a new priority recomputes the due times from the opening plus this).
ALTER TABLE support_tickets ADD COLUMN sla_paused_at timestamptz;
ALTER TABLE support_tickets ADD COLUMN sla_paused_seconds bigint NOT NULL DEFAULT 0;
