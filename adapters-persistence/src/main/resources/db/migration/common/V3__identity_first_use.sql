-- Whether the contact's current identity was only taken on first use (a baseline nobody vouched for):
-- a late identity-change notice naming that very identity still blocks.
ALTER TABLE contacts ADD COLUMN identity_first_use BOOLEAN NOT NULL DEFAULT FALSE;
