-- Events: when a delivery was last tried (shown with dead letters) and a lookup for dead letters.
ALTER TABLE kernel_outbox_delivery ADD COLUMN last_attempt_at timestamptz;
CREATE INDEX kernel_outbox_delivery_dead_idx ON kernel_outbox_delivery (event_id DESC) WHERE status = 'dead';
