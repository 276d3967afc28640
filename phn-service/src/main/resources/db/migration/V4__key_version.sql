-- The normaliser version a person's blocking keys were computed with. 0 = written before versions were
-- tracked (every such registry was keyed by version 2, the first version ever deployed). RekeyJob recomputes
-- the keys of persons below the running version, in (key_version, id) order: the index serves its keyset
-- pagination and finds "nothing left to do" without a scan. Adding a column with a constant default does not
-- rewrite the table.
ALTER TABLE person ADD COLUMN key_version smallint NOT NULL DEFAULT 0;
CREATE INDEX person_key_version ON person (key_version, id);
