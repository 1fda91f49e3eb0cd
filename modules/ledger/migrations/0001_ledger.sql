-- Double-entry ledger modelled on TigerBeetle's accounts and transfers (README.md explains the words).
-- Amounts are numeric(39,0): assets may have up to 18 decimals, and 18-decimal amounts outgrow bigint
-- (9.2e18 minor units is 9.2 whole tokens); 39 digits hold any unsigned 128-bit value.
CREATE SCHEMA IF NOT EXISTS ledger;

CREATE TABLE ledger.assets (
  code       text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9]{1,11}$'),
  decimals   integer NOT NULL CHECK (decimals BETWEEN 0 AND 18),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO ledger.assets (code, decimals) VALUES ('KZT', 2), ('USD', 2), ('USDT', 6), ('TON', 9);

CREATE TABLE ledger.accounts (
  id                             text PRIMARY KEY,
  asset                          text NOT NULL REFERENCES ledger.assets (code),
  owner                          text NOT NULL,
  code                           text NOT NULL,
  debits_must_not_exceed_credits boolean NOT NULL DEFAULT false,
  credits_must_not_exceed_debits boolean NOT NULL DEFAULT false,
  closed                         boolean NOT NULL DEFAULT false,
  debits_posted                  numeric(39, 0) NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
  credits_posted                 numeric(39, 0) NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
  debits_pending                 numeric(39, 0) NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
  credits_pending                numeric(39, 0) NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
  -- The newest transfer on this account: the start of its backward chain (transfers.*_prev_id).
  head_transfer_id               text,
  created_at                     timestamptz NOT NULL,
  UNIQUE (owner, asset, code),
  CHECK (NOT (debits_must_not_exceed_credits AND credits_must_not_exceed_debits)),
  -- The last line of defence for the overdraft flags: pending debits count against what may be spent.
  CHECK (NOT debits_must_not_exceed_credits OR debits_posted + debits_pending <= credits_posted),
  CHECK (NOT credits_must_not_exceed_debits OR credits_posted + credits_pending <= debits_posted)
) WITH (fillfactor = 70); -- room on the page keeps the frequent totals updates HOT (no index writes)

-- Immutable rows. kind says what a row does to its two accounts:
--   posted          posted += amount
--   pending         pending += amount (a hold)
--   post_pending    pending -= pending_amount, posted += amount (amount <= pending_amount)
--   void_pending    pending -= pending_amount
--   expire_pending  pending -= pending_amount
CREATE TABLE ledger.transfers (
  -- Unique by construction (identity); verify checks it, an index would only slow every write.
  seq               bigint GENERATED ALWAYS AS IDENTITY,
  id                text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  batch_id          text,
  kind              text NOT NULL
                    CHECK (kind IN ('posted', 'pending', 'post_pending', 'void_pending', 'expire_pending')),
  -- No foreign keys to accounts: their per-row KEY SHARE locks would be taken in arbitrary order and
  -- could deadlock with the id-ordered account locks; ledger.apply_transfers checks the accounts instead.
  debit_account_id  text NOT NULL,
  credit_account_id text NOT NULL,
  asset             text NOT NULL,
  amount            numeric(39, 0) NOT NULL,
  pending_id        text REFERENCES ledger.transfers (id),
  pending_amount    numeric(39, 0),
  timeout_at        timestamptz,
  reverses_id       text REFERENCES ledger.transfers (id),
  code              text NOT NULL,
  metadata          jsonb NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL,
  -- Per-account backward chains and running posted balances (credits - debits after this row): the
  -- account lock already orders an account's rows, so keeping them costs no extra serialisation.
  debit_prev_id     text,
  credit_prev_id    text,
  debit_balance     numeric(40, 0) NOT NULL,
  credit_balance    numeric(40, 0) NOT NULL,
  hash              text NOT NULL,
  -- The writing transaction: blocks seal every row of transactions older than the oldest one running.
  txid              bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  CHECK (debit_account_id <> credit_account_id),
  CHECK (
    CASE kind
      WHEN 'posted' THEN amount > 0 AND pending_id IS NULL AND pending_amount IS NULL
      WHEN 'pending' THEN amount > 0 AND pending_id IS NULL AND pending_amount IS NULL AND reverses_id IS NULL
      WHEN 'post_pending' THEN amount > 0 AND pending_id IS NOT NULL AND amount <= pending_amount
        AND reverses_id IS NULL
      ELSE amount = 0 AND pending_id IS NOT NULL AND pending_amount > 0 AND reverses_id IS NULL
    END
  )
);
CREATE INDEX transfers_debit_account ON ledger.transfers (debit_account_id, seq);
CREATE INDEX transfers_credit_account ON ledger.transfers (credit_account_id, seq);
-- txid grows with the table, so a BRIN index finds the unsealed tail for almost nothing per write.
CREATE INDEX transfers_txid ON ledger.transfers USING brin (txid);
-- A hold is resolved (posted, voided or expired) at most once; a transfer is reversed at most once.
CREATE UNIQUE INDEX transfers_one_resolution ON ledger.transfers (pending_id) WHERE pending_id IS NOT NULL;
CREATE UNIQUE INDEX transfers_one_reversal ON ledger.transfers (reverses_id) WHERE reverses_id IS NOT NULL;
CREATE INDEX transfers_timeouts ON ledger.transfers (timeout_at) WHERE kind = 'pending' AND timeout_at IS NOT NULL;

-- Idempotency: one row per client-chosen transfer id, claimed with INSERT … ON CONFLICT in the same
-- transaction as the transfer. A rejected request is remembered too, so its retry fails the same way.
CREATE TABLE ledger.requests (
  id           text PRIMARY KEY,
  request_hash text NOT NULL,
  request      jsonb NOT NULL,
  outcome      text NOT NULL CHECK (outcome IN ('applied', 'rejected')),
  error_code   text,
  error_params jsonb,
  created_at   timestamptz NOT NULL,
  CHECK ((outcome = 'rejected') = (error_code IS NOT NULL))
);

-- Sealed blocks: each covers every transfer written by transactions with txid in [from_txid, to_txid)
-- and is chained to the previous block by hash.
CREATE TABLE ledger.blocks (
  number          bigint PRIMARY KEY CHECK (number > 0),
  from_txid       bigint NOT NULL,
  to_txid         bigint NOT NULL CHECK (to_txid > from_txid),
  transfer_ids    text[] NOT NULL,
  transfer_hashes text[] NOT NULL,
  prev_hash       text NOT NULL,
  hash            text NOT NULL,
  sealed_at       timestamptz NOT NULL,
  CHECK (cardinality(transfer_ids) = cardinality(transfer_hashes))
);

CREATE FUNCTION ledger.reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger.% is append-only (% rejected); correct with a reversing transfer', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER transfers_no_update_delete BEFORE UPDATE OR DELETE ON ledger.transfers
  FOR EACH ROW EXECUTE FUNCTION ledger.reject_change();
-- TRUNCATE fires no row triggers, so each append-only table gets its own statement trigger.
CREATE TRIGGER transfers_no_truncate BEFORE TRUNCATE ON ledger.transfers
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.reject_change();
CREATE TRIGGER requests_no_update_delete BEFORE UPDATE OR DELETE ON ledger.requests
  FOR EACH ROW EXECUTE FUNCTION ledger.reject_change();
CREATE TRIGGER requests_no_truncate BEFORE TRUNCATE ON ledger.requests
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.reject_change();
CREATE TRIGGER blocks_no_update_delete BEFORE UPDATE OR DELETE ON ledger.blocks
  FOR EACH ROW EXECUTE FUNCTION ledger.reject_change();
CREATE TRIGGER blocks_no_truncate BEFORE TRUNCATE ON ledger.blocks
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.reject_change();
CREATE TRIGGER accounts_no_delete BEFORE DELETE ON ledger.accounts
  FOR EACH ROW EXECUTE FUNCTION ledger.reject_change();
CREATE TRIGGER accounts_no_truncate BEFORE TRUNCATE ON ledger.accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.reject_change();

-- Balances move only here: once per INSERT statement on transfers, aggregated per account, so a batch
-- of many transfers touching the hot fee account updates its row once. Before moving anything it locks
-- the accounts in id order and checks what the writer assumed: each account exists and holds the
-- transfer's asset, is open unless the transfer only releases a hold, and the first transfer of the
-- batch on it links to its current newest transfer (so the totals the writer evaluated against are
-- still the totals). A writer that evaluated against an outdated view gets serialization_failure.
-- SECURITY DEFINER: the application role may insert transfers but not update accounts; this function,
-- owned by the schema owner, is the one thing that moves totals.
CREATE FUNCTION ledger.apply_transfers() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  touched integer;
  moved integer;
BEGIN
  PERFORM 1 FROM ledger.accounts
   WHERE id IN (SELECT debit_account_id FROM inserted UNION SELECT credit_account_id FROM inserted)
   ORDER BY id FOR UPDATE;

  WITH effects AS (
    SELECT id, seq, kind, asset, debit_account_id, credit_account_id, debit_prev_id, credit_prev_id,
           CASE WHEN kind IN ('posted', 'post_pending') THEN amount ELSE 0 END AS posted,
           CASE kind WHEN 'pending' THEN amount WHEN 'posted' THEN 0 ELSE -pending_amount END AS pending
    FROM inserted
  ), legs AS (
    SELECT debit_account_id AS account_id, id, seq, kind, asset, debit_prev_id AS prev_id,
           posted AS d_posted, pending AS d_pending, 0::numeric AS c_posted, 0::numeric AS c_pending
    FROM effects
    UNION ALL
    SELECT credit_account_id, id, seq, kind, asset, credit_prev_id, 0, 0, posted, pending FROM effects
  ), totals AS (
    SELECT account_id, sum(d_posted) AS d_posted, sum(d_pending) AS d_pending,
           sum(c_posted) AS c_posted, sum(c_pending) AS c_pending,
           array_agg(id ORDER BY seq) AS ids, array_agg(prev_id ORDER BY seq) AS prev_ids,
           min(asset) AS asset, count(DISTINCT asset) AS assets,
           bool_or(kind IN ('posted', 'pending', 'post_pending')) AS moves
    FROM legs GROUP BY account_id
  ), moved AS (
    UPDATE ledger.accounts AS a
       SET debits_posted = a.debits_posted + t.d_posted,
           debits_pending = a.debits_pending + t.d_pending,
           credits_posted = a.credits_posted + t.c_posted,
           credits_pending = a.credits_pending + t.c_pending,
           head_transfer_id = t.ids[cardinality(t.ids)]
      FROM totals AS t
     WHERE a.id = t.account_id
       AND t.assets = 1 AND a.asset = t.asset
       AND NOT (a.closed AND t.moves)
       AND t.prev_ids[1] IS NOT DISTINCT FROM a.head_transfer_id
       AND t.prev_ids[2:] IS NOT DISTINCT FROM t.ids[:cardinality(t.ids) - 1]
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM totals), (SELECT count(*) FROM moved) INTO touched, moved;
  IF moved <> touched THEN
    RAISE EXCEPTION 'ledger transfers were evaluated against accounts that changed or do not fit'
      USING ERRCODE = 'serialization_failure';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER transfers_apply AFTER INSERT ON ledger.transfers
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION ledger.apply_transfers();

-- The one write of a batch: its transfers in evaluation order (seq follows it, as the account chains
-- assume), then its idempotency claims, each passed as one JSON array (one parameter is far cheaper
-- to send and bind than a column array per field). A function, so PostgreSQL plans the inserts once
-- per session instead of once per batch. With skip_conflicts, rows whose id (or hold, or reversal)
-- is taken are skipped and the counts tell the caller; without it such a row fails the whole call.
CREATE FUNCTION ledger.write_batch(
  p_transfers json, p_claims json, p_claimed_at timestamptz, p_skip_conflicts boolean,
  OUT written_transfers integer, OUT written_claims integer
) LANGUAGE plpgsql AS $$
BEGIN
  IF p_skip_conflicts THEN
    INSERT INTO ledger.transfers (id, batch_id, kind, debit_account_id, credit_account_id, asset, amount, pending_id,
      pending_amount, timeout_at, reverses_id, code, metadata, created_at, debit_prev_id, credit_prev_id,
      debit_balance, credit_balance, hash)
    SELECT n.id, n.batch_id, n.kind, n.debit_account_id, n.credit_account_id, n.asset, n.amount, n.pending_id,
           n.pending_amount, n.timeout_at, n.reverses_id, n.code, n.metadata, n.created_at, n.debit_prev_id,
           n.credit_prev_id, n.debit_balance, n.credit_balance, n.hash
    FROM json_to_recordset(p_transfers) AS n(id text, batch_id text, kind text,
           debit_account_id text, credit_account_id text, asset text, amount numeric, pending_id text,
           pending_amount numeric, timeout_at timestamptz, reverses_id text, code text, metadata jsonb,
           created_at timestamptz, debit_prev_id text, credit_prev_id text, debit_balance numeric,
           credit_balance numeric, hash text, position integer)
    ORDER BY n.position
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS written_transfers = ROW_COUNT;
    INSERT INTO ledger.requests (id, request_hash, request, outcome, error_code, error_params, created_at)
    SELECT c.id, c.request_hash, c.request, c.outcome, c.error_code, c.error_params, p_claimed_at
    FROM json_to_recordset(p_claims) AS c(id text, request_hash text, request jsonb, outcome text,
           error_code text, error_params jsonb)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS written_claims = ROW_COUNT;
  ELSE
    INSERT INTO ledger.transfers (id, batch_id, kind, debit_account_id, credit_account_id, asset, amount, pending_id,
      pending_amount, timeout_at, reverses_id, code, metadata, created_at, debit_prev_id, credit_prev_id,
      debit_balance, credit_balance, hash)
    SELECT n.id, n.batch_id, n.kind, n.debit_account_id, n.credit_account_id, n.asset, n.amount, n.pending_id,
           n.pending_amount, n.timeout_at, n.reverses_id, n.code, n.metadata, n.created_at, n.debit_prev_id,
           n.credit_prev_id, n.debit_balance, n.credit_balance, n.hash
    FROM json_to_recordset(p_transfers) AS n(id text, batch_id text, kind text,
           debit_account_id text, credit_account_id text, asset text, amount numeric, pending_id text,
           pending_amount numeric, timeout_at timestamptz, reverses_id text, code text, metadata jsonb,
           created_at timestamptz, debit_prev_id text, credit_prev_id text, debit_balance numeric,
           credit_balance numeric, hash text, position integer)
    ORDER BY n.position;
    GET DIAGNOSTICS written_transfers = ROW_COUNT;
    INSERT INTO ledger.requests (id, request_hash, request, outcome, error_code, error_params, created_at)
    SELECT c.id, c.request_hash, c.request, c.outcome, c.error_code, c.error_params, p_claimed_at
    FROM json_to_recordset(p_claims) AS c(id text, request_hash text, request jsonb, outcome text,
           error_code text, error_params jsonb);
    GET DIAGNOSTICS written_claims = ROW_COUNT;
  END IF;
END $$;

-- Direct edits of totals are refused: pg_trigger_depth() is 1 for an UPDATE a client sends and 2 when
-- ledger.apply_transfers sends it. Identity and flags never change; an account closes but never reopens.
CREATE FUNCTION ledger.guard_account_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.id, NEW.asset, NEW.owner, NEW.code, NEW.created_at,
      NEW.debits_must_not_exceed_credits, NEW.credits_must_not_exceed_debits)
     IS DISTINCT FROM
     (OLD.id, OLD.asset, OLD.owner, OLD.code, OLD.created_at,
      OLD.debits_must_not_exceed_credits, OLD.credits_must_not_exceed_debits) THEN
    RAISE EXCEPTION 'ledger account % cannot change its identity or flags', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.closed AND NOT NEW.closed THEN
    RAISE EXCEPTION 'ledger account % is closed for good', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF pg_trigger_depth() < 2 AND
     (NEW.debits_posted, NEW.credits_posted, NEW.debits_pending, NEW.credits_pending, NEW.head_transfer_id)
     IS DISTINCT FROM
     (OLD.debits_posted, OLD.credits_posted, OLD.debits_pending, OLD.credits_pending, OLD.head_transfer_id) THEN
    RAISE EXCEPTION 'ledger balances change only through transfers (account %)', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER accounts_guard BEFORE UPDATE ON ledger.accounts
  FOR EACH ROW EXECUTE FUNCTION ledger.guard_account_update();
