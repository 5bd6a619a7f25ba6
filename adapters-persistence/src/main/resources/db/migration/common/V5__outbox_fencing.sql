-- The fencing token of the claim that holds an outbox entry: every settle (delivered, retry, park)
-- applies only while it still matches, so a claim whose lease ran out changes nothing.
ALTER TABLE outbox ADD COLUMN lease_token VARCHAR(64);
-- Claims count each destination's entries in flight (leased) to keep one destination to its share.
CREATE INDEX outbox_leases ON outbox (leased_until);
