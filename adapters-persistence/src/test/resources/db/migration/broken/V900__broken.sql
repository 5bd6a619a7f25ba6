-- A migration that fails, for the error-message test.
ALTER TABLE no_such_table ADD COLUMN x INT;
