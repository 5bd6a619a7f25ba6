-- What a SIM swap of a customer's number does, per business number: BREAK_TRUST (the default) or BLOCK; and how many
-- hours back the mobile operator is asked about SIM swaps before a re-authentication counts as passed (0: not asked).
ALTER TABLE business_numbers ADD COLUMN sim_swap_policy VARCHAR(32) DEFAULT 'BREAK_TRUST' NOT NULL;
ALTER TABLE business_numbers ADD COLUMN sim_swap_check_hours INTEGER DEFAULT 0 NOT NULL;

-- The SIM-swap subscriptions trustgate holds at mobile operators (CAMARA SIM Swap Subscriptions), one per watched
-- number; status_at is the operator's time of the latest status, so an older lifecycle notice never undoes a newer one.
CREATE TABLE sim_swap_subscriptions (
    subscription_id   VARCHAR(256)  NOT NULL PRIMARY KEY,
    phone_number_id   VARCHAR(32)   NOT NULL,
    phone_number      VARCHAR(20)   NOT NULL,
    status            VARCHAR(32)   NOT NULL,
    status_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    status_reason     VARCHAR(100),
    expires_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX sim_swap_subscriptions_by_business ON sim_swap_subscriptions (phone_number_id, subscription_id);

-- Every notice received, once by its CloudEvent source and id: a redelivery is recognised and changes nothing.
CREATE TABLE sim_swap_notices (
    source            VARCHAR(500)  NOT NULL,
    event_id          VARCHAR(256)  NOT NULL,
    phone_number_id   VARCHAR(32)   NOT NULL,
    subscription_id   VARCHAR(256)  NOT NULL,
    type              VARCHAR(200)  NOT NULL,
    event_time        TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source, event_id)
);

-- The time of the latest SIM swap applied to each contact: a notice no later than it changes nothing.
CREATE TABLE sim_swap_contacts (
    phone_number_id   VARCHAR(32)   NOT NULL,
    contact_id        VARCHAR(64)   NOT NULL,
    last_swapped_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (phone_number_id, contact_id)
);
