-- geyser-indexer persister schema, version 1. This is the contract users query.
--
-- Conventions that must stay true:
-- * Pubkeys, signatures and hashes are base58 text, as Solana tools show them.
-- * A u64 that can exceed 2^63 - 1 (lamports, fees, balances, token amounts, rent epochs, compute
--   and cost units) is numeric(20,0) and round-trips exactly. Slots, write versions, indexes,
--   heights and counts are bigint with a CHECK (>= 0): a value >= 2^63 cannot fit, is rejected by
--   the CHECK (SQLSTATE 23514) and its record goes to the dead-letter topic instead of being stored
--   wrongly.
-- * U+0000 rule (PostgreSQL text, text[] and jsonb cannot hold U+0000): every text value written
--   by the persister, including each text[] element and each jsonb string, is escaped with U+2400
--   (SYMBOL FOR NULL, '␀') as the escape character: U+0000 is stored as '␀0' and a literal '␀' is
--   stored as '␀␀'. Every other character is stored unchanged. Decoding is unambiguous ('␀0' ->
--   U+0000, '␀␀' -> '␀'), so no information is lost, and text without U+0000 or U+2400 (all real
--   keys, nearly all logs) reads exactly as it was sent.
-- * Rows are written idempotently: replaying any Kafka record changes nothing.

-- Order of slot statuses. The status column only moves to a higher rank; 'finalized' and 'dead'
-- are terminal. Lifecycle statuses rank below processed so a late one never moves a slot back.
CREATE FUNCTION slot_status_rank(status text) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE status
    WHEN 'first_shred_received' THEN 1
    WHEN 'created_bank' THEN 2
    WHEN 'completed' THEN 3
    WHEN 'processed' THEN 4
    WHEN 'confirmed' THEN 5
    WHEN 'finalized' THEN 6
    WHEN 'dead' THEN 7
  END::smallint
$$;

-- True when a slot in status old_status may move to new_status.
CREATE FUNCTION slot_status_advances(old_status text, new_status text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT old_status NOT IN ('finalized', 'dead')
     AND slot_status_rank(new_status) > slot_status_rank(old_status)
$$;

CREATE TABLE slots (
  slot        bigint PRIMARY KEY CHECK (slot >= 0),
  parent_slot bigint CHECK (parent_slot >= 0),
  status      text NOT NULL CHECK (slot_status_rank(status) IS NOT NULL),
  -- The validator's reason, only for status 'dead'.
  dead_error  text,
  -- When the persister last changed this row (wall clock of the writing transaction).
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE blocks (
  slot                       bigint PRIMARY KEY CHECK (slot >= 0),
  blockhash                  text NOT NULL,
  parent_slot                bigint NOT NULL CHECK (parent_slot >= 0),
  parent_blockhash           text NOT NULL,
  block_height               bigint CHECK (block_height >= 0),
  -- Unix seconds, as Solana's getBlockTime answers; null when unknown.
  block_time                 bigint,
  executed_transaction_count bigint NOT NULL CHECK (executed_transaction_count >= 0),
  entries_count              bigint NOT NULL CHECK (entries_count >= 0),
  -- [{"pubkey", "lamports" (signed), "post_balance" (u64 as decimal string), "reward_type",
  --   "commission"}]
  rewards                    jsonb NOT NULL,
  rewards_num_partitions     bigint CHECK (rewards_num_partitions >= 0)
);

CREATE TABLE transactions (
  signature                      text NOT NULL,
  slot                           bigint NOT NULL CHECK (slot >= 0),
  tx_index                       bigint NOT NULL CHECK (tx_index >= 0),
  is_vote                        boolean NOT NULL,
  success                        boolean NOT NULL,
  -- Solana's TransactionError in bincode, and a readable rendering; null when success.
  err                            bytea,
  err_description                text,
  fee                            numeric(20,0) NOT NULL,
  compute_units_consumed         numeric(20,0),
  cost_units                     numeric(20,0),
  signatures                     text[] NOT NULL,
  versioned                      boolean NOT NULL,
  recent_blockhash               text NOT NULL,
  num_required_signatures        integer NOT NULL,
  num_readonly_signed_accounts   integer NOT NULL,
  num_readonly_unsigned_accounts integer NOT NULL,
  -- Static keys, then loaded writable, then loaded readonly (the v0 rule); every index in
  -- instructions and token_balances.account_index points into this array (0-based).
  account_keys                   text[] NOT NULL,
  loaded_writable_count          integer NOT NULL,
  loaded_readonly_count          integer NOT NULL,
  -- [{"program_id_index", "accounts": [u8 indexes], "data": base64}]
  instructions                   jsonb NOT NULL,
  -- [{"index", "instructions": [{"program_id_index", "accounts", "data", "stack_height"}]}];
  -- null when the validator did not record inner instructions.
  inner_instructions             jsonb,
  -- Null when the validator did not record logs (differs from an empty array).
  log_messages                   text[],
  pre_balances                   numeric(20,0)[] NOT NULL,
  post_balances                  numeric(20,0)[] NOT NULL,
  return_data_program_id         text,
  return_data                    bytea,
  rewards                        jsonb NOT NULL,
  PRIMARY KEY (signature, slot)
);
CREATE INDEX transactions_slot_idx ON transactions (slot, tx_index);

CREATE TABLE token_balances (
  signature     text NOT NULL,
  slot          bigint NOT NULL CHECK (slot >= 0),
  account_index integer NOT NULL CHECK (account_index >= 0),
  -- account_keys[account_index] of the transaction; null if the index is out of range.
  account       text,
  mint          text NOT NULL,
  owner         text,
  program_id    text,
  decimals      integer NOT NULL,
  -- Raw u64 amounts; null on the side where the account had no token balance.
  pre_amount    numeric(20,0),
  post_amount   numeric(20,0),
  PRIMARY KEY (signature, slot, account_index)
);

-- Every account write: the history.
CREATE TABLE account_updates (
  pubkey        text NOT NULL,
  slot          bigint NOT NULL CHECK (slot >= 0),
  write_version bigint NOT NULL CHECK (write_version >= 0),
  lamports      numeric(20,0) NOT NULL,
  owner         text NOT NULL,
  executable    boolean NOT NULL,
  rent_epoch    numeric(20,0) NOT NULL,
  data          bytea NOT NULL,
  txn_signature text,
  is_startup    boolean NOT NULL,
  PRIMARY KEY (pubkey, slot, write_version)
);

-- The latest state per account: a row is replaced only by a strictly greater (slot, write_version).
CREATE TABLE accounts (
  pubkey        text PRIMARY KEY,
  slot          bigint NOT NULL CHECK (slot >= 0),
  write_version bigint NOT NULL CHECK (write_version >= 0),
  lamports      numeric(20,0) NOT NULL,
  owner         text NOT NULL,
  executable    boolean NOT NULL,
  rent_epoch    numeric(20,0) NOT NULL,
  data          bytea NOT NULL,
  txn_signature text
);

-- Compact transaction statuses (transactions_status subscription), when that topic is consumed.
CREATE TABLE transaction_statuses (
  signature       text NOT NULL,
  slot            bigint NOT NULL CHECK (slot >= 0),
  tx_index        bigint NOT NULL CHECK (tx_index >= 0),
  is_vote         boolean NOT NULL,
  success         boolean NOT NULL,
  err             bytea,
  err_description text,
  PRIMARY KEY (signature, slot)
);

-- PoH entries, when that topic is consumed.
CREATE TABLE entries (
  slot                       bigint NOT NULL CHECK (slot >= 0),
  entry_index                bigint NOT NULL CHECK (entry_index >= 0),
  num_hashes                 bigint NOT NULL CHECK (num_hashes >= 0),
  hash                       text NOT NULL,
  executed_transaction_count bigint NOT NULL CHECK (executed_transaction_count >= 0),
  starting_transaction_index bigint NOT NULL CHECK (starting_transaction_index >= 0),
  PRIMARY KEY (slot, entry_index)
);
