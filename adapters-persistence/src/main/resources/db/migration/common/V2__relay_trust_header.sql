-- The X-Trustgate-Trust header of a relayed WhatsApp webhook, computed when it was queued.
ALTER TABLE outbox ADD COLUMN trust_header VARCHAR(4000);
