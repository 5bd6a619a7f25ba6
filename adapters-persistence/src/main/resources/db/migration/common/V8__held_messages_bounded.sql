-- Held messages are bounded and paged: a hold counts the messages its contact and its business number hold,
-- the contact list counts them for a page of contacts at once, and a contact's held messages are read a page at
-- a time, oldest first. All of these read only rows still held, in this order.
CREATE INDEX held_messages_held ON held_messages (phone_number_id, status, contact_id, held_at, id);
