-- trustgate's tables in the notification service's own database, beside the product's tables (prefix tg_).
-- The product owns this schema and migrates it with its own tooling; trustgate only sees the ports.

CREATE TABLE IF NOT EXISTS tg_business_numbers (
    phone_number_id   VARCHAR(64)  PRIMARY KEY,
    opted_in          BOOLEAN      NOT NULL,
    since             TIMESTAMP(9) WITH TIME ZONE,
    policy            VARCHAR(32)  NOT NULL
);

CREATE TABLE IF NOT EXISTS tg_contacts (
    phone_number_id           VARCHAR(64)  NOT NULL,
    contact_id                VARCHAR(64)  NOT NULL,
    wa_id                     VARCHAR(32),
    user_id                   VARCHAR(128),
    parent_user_id            VARCHAR(128),
    state                     VARCHAR(32)  NOT NULL,
    identity_hash             VARCHAR(256),
    identity_as_of            TIMESTAMP(9) WITH TIME ZONE,
    pinned_hash               VARCHAR(256),
    verified_hash             VARCHAR(256),
    change_id                 VARCHAR(64),
    change_hash               VARCHAR(256),
    change_detected_at        TIMESTAMP(9) WITH TIME ZONE,
    change_first_acknowledger VARCHAR(100),
    reauth_id                 VARCHAR(64),
    reauth_change_id          VARCHAR(64),
    reauth_started_at         TIMESTAMP(9) WITH TIME ZONE,
    reauth_outcome            VARCHAR(16),
    reauth_attempts           INTEGER,
    version                   BIGINT       NOT NULL,
    updated_at                TIMESTAMP(9) WITH TIME ZONE,
    identity_on_first_use     BOOLEAN      NOT NULL,
    PRIMARY KEY (phone_number_id, contact_id)
);

-- every name a contact was ever given; a name belongs to one contact of a business number
CREATE TABLE IF NOT EXISTS tg_contact_names (
    phone_number_id VARCHAR(64)  NOT NULL,
    name            VARCHAR(128) NOT NULL,
    contact_id      VARCHAR(64)  NOT NULL,
    linked_at       TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (phone_number_id, name)
);

CREATE TABLE IF NOT EXISTS tg_contact_merges (
    phone_number_id VARCHAR(64) NOT NULL,
    absorbed_id     VARCHAR(64) NOT NULL,
    into_id         VARCHAR(64) NOT NULL,
    PRIMARY KEY (phone_number_id, absorbed_id)
);

CREATE TABLE IF NOT EXISTS tg_contact_departures (
    phone_number_id VARCHAR(64) NOT NULL,
    contact_id      VARCHAR(64) NOT NULL,
    moved_to_id     VARCHAR(64) NOT NULL,
    departed_at     TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (phone_number_id, contact_id)
);

-- the newest link of each business number's audit chain; an append locks its row until commit
CREATE TABLE IF NOT EXISTS tg_event_heads (
    phone_number_id VARCHAR(64) PRIMARY KEY,
    last_sequence   BIGINT      NOT NULL,
    last_hash       VARCHAR(64) NOT NULL
);

CREATE TABLE IF NOT EXISTS tg_events (
    phone_number_id VARCHAR(64)  NOT NULL,
    sequence        BIGINT       NOT NULL,
    type            VARCHAR(64)  NOT NULL,
    contact_id      VARCHAR(64)  NOT NULL,
    wa_id           VARCHAR(32),
    user_id         VARCHAR(128),
    parent_user_id  VARCHAR(128),
    at              TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    actor           VARCHAR(100) NOT NULL,
    previous_hash   VARCHAR(64)  NOT NULL,
    hash            VARCHAR(64)  NOT NULL,
    format          INTEGER      NOT NULL,
    PRIMARY KEY (phone_number_id, sequence)
);

CREATE TABLE IF NOT EXISTS tg_event_data (
    phone_number_id VARCHAR(64)   NOT NULL,
    sequence        BIGINT        NOT NULL,
    name            VARCHAR(64)   NOT NULL,
    data_value      VARCHAR(4000) NOT NULL,
    PRIMARY KEY (phone_number_id, sequence, name)
);

CREATE TABLE IF NOT EXISTS tg_webhook_receipts (
    receipt_key VARCHAR(512) PRIMARY KEY,
    received_at TIMESTAMP(9) WITH TIME ZONE NOT NULL
);

CREATE TABLE IF NOT EXISTS tg_sent_messages (
    id                  VARCHAR(64)  PRIMARY KEY,
    phone_number_id     VARCHAR(64)  NOT NULL,
    contact_id          VARCHAR(64)  NOT NULL,
    to_wa_id            VARCHAR(32),
    recipient           VARCHAR(128),
    pin                 VARCHAR(256),
    sensitive           BOOLEAN      NOT NULL,
    decided_at          TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    decided_identity    VARCHAR(256),
    status              VARCHAR(16)  NOT NULL,
    whatsapp_message_id VARCHAR(256),
    across_change       BOOLEAN      NOT NULL
);
CREATE INDEX IF NOT EXISTS tg_sent_messages_wamid ON tg_sent_messages (whatsapp_message_id);

CREATE TABLE IF NOT EXISTS tg_held_messages (
    id              VARCHAR(64)  PRIMARY KEY,
    phone_number_id VARCHAR(64)  NOT NULL,
    contact_id      VARCHAR(64)  NOT NULL,
    to_wa_id        VARCHAR(32),
    recipient       VARCHAR(128),
    body            CHARACTER LARGE OBJECT NOT NULL,
    sensitive       BOOLEAN      NOT NULL,
    reason          VARCHAR(64)  NOT NULL,
    held_at         TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    sent_message_id VARCHAR(64),
    resolved_at     TIMESTAMP(9) WITH TIME ZONE
);
CREATE INDEX IF NOT EXISTS tg_held_messages_contact ON tg_held_messages (phone_number_id, contact_id, status, held_at, id);
