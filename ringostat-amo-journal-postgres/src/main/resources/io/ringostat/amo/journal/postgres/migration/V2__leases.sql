-- Leases with fencing tokens (R-FLEET, issue 15), version 2. Several processes share the
-- accounts of one schema; each account is served by at most one process at a time.
--
-- The lease lives on the account's row, under the row lock every journal write already takes
-- first: taking a lease (fence + 1) must wait for a write in flight under the old fence, and a
-- fenced write that waited for a takeover sees the new fence and fails. So the writes of an
-- account commit in fence order: no write under fence f commits after one under fence f + 1.
--
-- lease_until is epoch milliseconds of the database's clock (clock_timestamp()), never of a
-- process's clock: a machine with a skewed clock can neither extend nor steal a lease.
-- A free account has lease_owner and lease_until NULL; its fence stays, so the next owner
-- gets a fence greater than every earlier one.
ALTER TABLE accounts
  ADD COLUMN lease_owner  TEXT,
  ADD COLUMN lease_until  BIGINT,
  ADD COLUMN fence        BIGINT NOT NULL DEFAULT 0,
  ADD CONSTRAINT accounts_lease CHECK ((lease_owner IS NULL) = (lease_until IS NULL));

-- For the claim of free or expired accounts and the count of live owners.
CREATE INDEX accounts_lease_until ON accounts (lease_until);

-- The fence a row was last written under; NULL when written by an unfenced journal (or before
-- version 2). For an entry, the fence of its insert or of its last update (attempt, finish);
-- for an effect, the fence of its last state change.
ALTER TABLE entries ADD COLUMN fence BIGINT;
ALTER TABLE effects ADD COLUMN fence BIGINT;
