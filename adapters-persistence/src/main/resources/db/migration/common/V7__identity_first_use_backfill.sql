-- Contacts whose identity was taken on first use before trustgate recorded that: V3 added identity_first_use as
-- FALSE for every existing contact, so a late (or early) change notice naming the very identity a contact was
-- baselined with was ignored for them. The event log says which they are: the contact's current identity hash is
-- the one an identity.baseline event of that contact recorded, and nothing vouched for an identity of the contact
-- since (no later trust.established, identity.acknowledged, identity.overridden or identity.changed), and no change
-- is pending. Only unmarked contacts are looked at, and only ever marked: the mark makes a change notice naming
-- that identity block, the side that fails closed. An identity taken from another contact in a merge keeps its
-- stored mark (its baseline is that other contact's).
UPDATE contacts SET identity_first_use = TRUE
WHERE identity_first_use = FALSE
  AND identity_hash IS NOT NULL
  AND pending_change_id IS NULL
  AND state NOT IN ('IDENTITY_CHANGED', 'RE_AUTHENTICATING')
  AND EXISTS (
      SELECT 1 FROM events baseline
      WHERE baseline.phone_number_id = contacts.phone_number_id
        AND baseline.contact_id = contacts.contact_id
        AND baseline.type = 'identity.baseline'
        -- the event's data is JSON text written by trustgate: {"identityHash":"…","asOf":"…","source":"…"}; a hash
        -- is base64 text, which JSON does not escape, and the closing quote makes the match exact, not a prefix
        AND POSITION('"identityHash":"' || contacts.identity_hash || '"' IN baseline.data) > 0
        AND NOT EXISTS (
            SELECT 1 FROM events vouched
            WHERE vouched.phone_number_id = baseline.phone_number_id
              AND vouched.contact_id = baseline.contact_id
              AND vouched.sequence > baseline.sequence
              AND vouched.type IN ('trust.established', 'identity.acknowledged', 'identity.overridden', 'identity.changed')));
