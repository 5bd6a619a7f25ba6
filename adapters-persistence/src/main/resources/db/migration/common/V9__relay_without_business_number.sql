-- A relayed webhook about the WhatsApp Business Account itself (template status, account and quality
-- updates) concerns no business number: its outbox entry has no phone_number_id. Every other entry has one.
ALTER TABLE outbox ALTER COLUMN phone_number_id DROP NOT NULL;
