-- A contact absorbed by another is kept, retired, with the id it was merged into: its old id keeps leading to
-- the customer, and the customer's timeline keeps its history.
ALTER TABLE contacts ADD COLUMN merged_into VARCHAR(64);
-- The contact a number became when its customer moved to another number (user_changed_number), who left it and
-- when: signals about the number from before that moment are about the customer who left.
ALTER TABLE contacts ADD COLUMN left_by VARCHAR(64);
ALTER TABLE contacts ADD COLUMN left_at TIMESTAMP WITH TIME ZONE;

-- A send keeps the names it addressed, so a refusal is traced to the name WhatsApp refused it for; the identity
-- the contact had when the send was decided; and whether an identity change committed while it was on its way.
ALTER TABLE sent_messages ADD COLUMN recipient_to VARCHAR(40);
ALTER TABLE sent_messages ADD COLUMN recipient_user VARCHAR(135);
ALTER TABLE sent_messages ADD COLUMN decided_identity VARCHAR(128);
ALTER TABLE sent_messages ADD COLUMN across_change BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE sent_messages SET recipient_to = wa_id WHERE wa_id IS NOT NULL;
