-- Messages a dead send left `queued` (its process died between recording the message and recording the provider's
-- answer) are resumed by the sweep job (src/sending/stale-message-sweep.ts) or by the notification worker on a
-- redelivered event. Whoever resumes one first takes a lease on it, so two of them never send it at the same time.
ALTER TABLE messaging_messages ADD COLUMN send_lease_until timestamptz;
CREATE INDEX messaging_messages_queued ON messaging_messages (updated_at) WHERE status = 'queued';
