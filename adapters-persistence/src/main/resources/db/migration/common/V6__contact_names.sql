-- Who a customer is: a contact gets trustgate's own id and a set of names (wa_id, user_id, parent_user_id),
-- each unique per business number. Every contact's wa_id becomes its first name; every customer the event log,
-- the sent or the held messages mention gets a contact, so every row keeps pointing at someone. Contacts that
-- existed before get ids ct_m1, ct_m2, … in (business, wa_id) order.

-- every (business number, wa_id) trustgate has a record of, with the contact id it gets
CREATE TABLE migrated_contact_ids (
    phone_number_id  VARCHAR(32)  NOT NULL,
    wa_id            VARCHAR(20)  NOT NULL,
    contact_id       VARCHAR(64)  NOT NULL,
    PRIMARY KEY (phone_number_id, wa_id)
);
INSERT INTO migrated_contact_ids (phone_number_id, wa_id, contact_id)
SELECT phone_number_id, wa_id, 'ct_m' || CAST(ROW_NUMBER() OVER (ORDER BY phone_number_id, wa_id) AS VARCHAR(20))
FROM (SELECT phone_number_id, wa_id FROM contacts
      UNION SELECT phone_number_id, wa_id FROM events
      UNION SELECT phone_number_id, wa_id FROM sent_messages
      UNION SELECT phone_number_id, wa_id FROM held_messages) known;

DROP INDEX contacts_by_state;
ALTER TABLE contacts RENAME TO contacts_before_names;

CREATE TABLE contacts (
    phone_number_id             VARCHAR(32)  NOT NULL,
    contact_id                  VARCHAR(64)  NOT NULL,
    wa_id                       VARCHAR(20),
    user_id                     VARCHAR(131),
    parent_user_id              VARCHAR(135),
    state                       VARCHAR(32)  NOT NULL,
    identity_hash               VARCHAR(128),
    identity_as_of              TIMESTAMP WITH TIME ZONE,
    pinned_hash                 VARCHAR(128),
    verified_hash               VARCHAR(128),
    pending_change_id           VARCHAR(64),
    pending_hash                VARCHAR(128),
    pending_detected_at         TIMESTAMP WITH TIME ZONE,
    pending_first_acknowledger  VARCHAR(100),
    reauth_id                   VARCHAR(64),
    reauth_change_id            VARCHAR(64),
    reauth_started_at           TIMESTAMP WITH TIME ZONE,
    reauth_outcome              VARCHAR(16),
    reauth_attempts             INTEGER,
    version                     BIGINT       NOT NULL,
    updated_at                  TIMESTAMP WITH TIME ZONE,
    identity_first_use          BOOLEAN      NOT NULL,
    PRIMARY KEY (phone_number_id, contact_id)
);
CREATE INDEX contacts_by_state ON contacts (phone_number_id, state, contact_id);

INSERT INTO contacts (phone_number_id, contact_id, wa_id, state, identity_hash, identity_as_of, pinned_hash, verified_hash,
                      pending_change_id, pending_hash, pending_detected_at, pending_first_acknowledger, reauth_id,
                      reauth_change_id, reauth_started_at, reauth_outcome, reauth_attempts, version, updated_at,
                      identity_first_use)
SELECT c.phone_number_id, m.contact_id, c.wa_id, c.state, c.identity_hash, c.identity_as_of, c.pinned_hash, c.verified_hash,
       c.pending_change_id, c.pending_hash, c.pending_detected_at, c.pending_first_acknowledger, c.reauth_id,
       c.reauth_change_id, c.reauth_started_at, c.reauth_outcome, c.reauth_attempts, c.version, c.updated_at,
       c.identity_first_use
FROM contacts_before_names c
JOIN migrated_contact_ids m ON m.phone_number_id = c.phone_number_id AND m.wa_id = c.wa_id;

-- customers only a send or an event named (a blocked sensitive send to a new number): unverified, nothing known
INSERT INTO contacts (phone_number_id, contact_id, wa_id, state, version, identity_first_use)
SELECT m.phone_number_id, m.contact_id, m.wa_id, 'UNVERIFIED', 1, FALSE
FROM migrated_contact_ids m
WHERE NOT EXISTS (SELECT 1 FROM contacts_before_names c WHERE c.phone_number_id = m.phone_number_id AND c.wa_id = m.wa_id);

CREATE TABLE contact_names (
    phone_number_id  VARCHAR(32)   NOT NULL,
    name             VARCHAR(135)  NOT NULL,
    kind             VARCHAR(16)   NOT NULL,
    contact_id       VARCHAR(64)   NOT NULL,
    linked_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (phone_number_id, name)
);
CREATE INDEX contact_names_by_contact ON contact_names (phone_number_id, contact_id);
INSERT INTO contact_names (phone_number_id, name, kind, contact_id, linked_at)
SELECT phone_number_id, wa_id, 'WA_ID', contact_id, CURRENT_TIMESTAMP FROM migrated_contact_ids;

-- events name their contact by id and by every name it had; the hash of the events recorded before (format 1)
-- covers their wa_id only and stays as it is
ALTER TABLE events ADD COLUMN contact_id VARCHAR(64);
ALTER TABLE events ADD COLUMN user_id VARCHAR(131);
ALTER TABLE events ADD COLUMN parent_user_id VARCHAR(135);
ALTER TABLE events ADD COLUMN format INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE events ALTER COLUMN wa_id DROP NOT NULL;
UPDATE events SET contact_id = (SELECT m.contact_id FROM migrated_contact_ids m
                                WHERE m.phone_number_id = events.phone_number_id AND m.wa_id = events.wa_id);
ALTER TABLE events ALTER COLUMN contact_id SET NOT NULL;
DROP INDEX events_by_contact;
CREATE INDEX events_by_contact ON events (phone_number_id, contact_id, sequence);

ALTER TABLE sent_messages ADD COLUMN contact_id VARCHAR(64);
ALTER TABLE sent_messages ALTER COLUMN wa_id DROP NOT NULL;
UPDATE sent_messages SET contact_id = (SELECT m.contact_id FROM migrated_contact_ids m
                                       WHERE m.phone_number_id = sent_messages.phone_number_id AND m.wa_id = sent_messages.wa_id);
ALTER TABLE sent_messages ALTER COLUMN contact_id SET NOT NULL;

-- a held message keeps whom it addresses, so a release decides on every contact those names lead to then
ALTER TABLE held_messages ADD COLUMN contact_id VARCHAR(64);
ALTER TABLE held_messages ADD COLUMN recipient_to VARCHAR(20);
ALTER TABLE held_messages ADD COLUMN recipient_user VARCHAR(135);
ALTER TABLE held_messages ALTER COLUMN wa_id DROP NOT NULL;
UPDATE held_messages SET contact_id = (SELECT m.contact_id FROM migrated_contact_ids m
                                       WHERE m.phone_number_id = held_messages.phone_number_id AND m.wa_id = held_messages.wa_id),
                         recipient_to = wa_id;
ALTER TABLE held_messages ALTER COLUMN contact_id SET NOT NULL;
DROP INDEX held_messages_by_contact;
CREATE INDEX held_messages_by_contact ON held_messages (phone_number_id, contact_id, status);

-- deliveries of one contact stay in order: their ordering key is the contact id now
UPDATE outbox SET ordering_key = (SELECT m.contact_id FROM migrated_contact_ids m
                                  WHERE m.phone_number_id = outbox.phone_number_id AND m.wa_id = outbox.ordering_key)
WHERE kind = 'EVENT' AND EXISTS (SELECT 1 FROM migrated_contact_ids m
                                 WHERE m.phone_number_id = outbox.phone_number_id AND m.wa_id = outbox.ordering_key);

DROP TABLE contacts_before_names;
DROP TABLE migrated_contact_ids;
