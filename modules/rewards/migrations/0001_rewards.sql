-- Rewards: what a conversion earns its user (a loyalty reward in the reward asset, or an
-- influencer's CPA commission split into fee, tax and net), where it stands in the ledger, the
-- daily exchange rates staff enter, influencers' tax statuses and the tax withheld per period.
CREATE SCHEMA IF NOT EXISTS rewards;

CREATE TABLE rewards.rewards (
  id                text PRIMARY KEY,
  conversion_id     text NOT NULL UNIQUE,
  product           text NOT NULL CHECK (product IN ('loyalty', 'cpa')),
  user_id           text NOT NULL,
  partner_id        text NOT NULL,
  network_key       text NOT NULL,
  action_id         text NOT NULL,
  -- The latest revision of the conversion applied here; older revisions are never applied after it.
  revision          integer NOT NULL CHECK (revision >= 1),
  conversion_state  text NOT NULL CHECK (conversion_state IN ('pending', 'approved', 'declined', 'paid', 'reversed')),
  status            text NOT NULL CHECK (status IN ('waiting', 'pending', 'available', 'declined', 'reversed')),
  waiting_reason    text CHECK (waiting_reason IN ('no-rate', 'pool-empty', 'partner-unknown', 'asset-unknown')),
  commission        numeric(39, 0) NOT NULL CHECK (commission >= 0),
  currency          text NOT NULL,
  occurred_at       timestamptz NOT NULL,
  -- The ledger asset of the user's amount: the reward asset (loyalty) or the commission currency (cpa).
  asset             text NOT NULL,
  -- Terms frozen when the reward is first priced, so later revisions and rate edits never reprice it.
  user_share        text,
  hold_days         integer CHECK (hold_days BETWEEN 0 AND 365),
  available_after   timestamptz,
  rate_for_day      date,
  rate_day          date,
  rate_price        text,
  fee_basis_points  integer CHECK (fee_basis_points BETWEEN 0 AND 10000),
  tax_basis_points  integer CHECK (tax_basis_points BETWEEN 0 AND 10000),
  tax_status        text CHECK (tax_status IN ('individual', 'self_employed', 'individual_entrepreneur')),
  -- What the user is entitled to now (reward, or the net of a commission) and the CPA split behind it.
  amount            numeric(39, 0) NOT NULL DEFAULT 0 CHECK (amount >= 0),
  gross             numeric(39, 0) NOT NULL DEFAULT 0 CHECK (gross >= 0),
  fee               numeric(39, 0) NOT NULL DEFAULT 0 CHECK (fee >= 0),
  tax               numeric(39, 0) NOT NULL DEFAULT 0 CHECK (tax >= 0),
  -- Where the ledger stands: holds of the current generation, what was posted, gross in clearing.
  held_net          numeric(39, 0) NOT NULL DEFAULT 0 CHECK (held_net >= 0),
  held_fee          numeric(39, 0) NOT NULL DEFAULT 0 CHECK (held_fee >= 0),
  held_tax          numeric(39, 0) NOT NULL DEFAULT 0 CHECK (held_tax >= 0),
  posted_net        numeric(39, 0) NOT NULL DEFAULT 0 CHECK (posted_net >= 0),
  posted_fee        numeric(39, 0) NOT NULL DEFAULT 0 CHECK (posted_fee >= 0),
  posted_tax        numeric(39, 0) NOT NULL DEFAULT 0 CHECK (posted_tax >= 0),
  gross_booked      numeric(39, 0) NOT NULL DEFAULT 0 CHECK (gross_booked >= 0),
  -- Ledger transfer ids are <reward id>:<seq>:<leg>; hold_seq names the batch of the current holds.
  ledger_seq        integer NOT NULL DEFAULT 0,
  hold_seq          integer,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  available_at      timestamptz,
  closed_at         timestamptz,
  -- waiting: never reached the ledger yet; a reward further along may still wait for an adjustment.
  CHECK (status <> 'waiting' OR waiting_reason IS NOT NULL)
);
CREATE INDEX rewards_user ON rewards.rewards (user_id, id DESC);
CREATE INDEX rewards_partner ON rewards.rewards (partner_id, id DESC);
CREATE INDEX rewards_due ON rewards.rewards (available_after) WHERE status = 'pending';
CREATE INDEX rewards_waiting ON rewards.rewards (updated_at) WHERE waiting_reason IS NOT NULL;

-- Every revision of every conversion received, applied or not: the idempotency record and the history.
CREATE TABLE rewards.conversion_revisions (
  conversion_id  text NOT NULL,
  revision       integer NOT NULL,
  event_id       text NOT NULL,
  state          text NOT NULL,
  commission     numeric(39, 0) NOT NULL,
  -- applied: became the reward's state; stale: a newer revision had already been applied.
  outcome        text NOT NULL CHECK (outcome IN ('applied', 'stale')),
  received_at    timestamptz NOT NULL,
  PRIMARY KEY (conversion_id, revision)
);

-- Daily prices of the reward asset in other currencies, entered by staff.
CREATE TABLE rewards.exchange_rates (
  asset       text NOT NULL,
  currency    text NOT NULL,
  day         date NOT NULL,
  price       numeric(30, 12) NOT NULL CHECK (price > 0),
  entered_by  text NOT NULL,
  entered_at  timestamptz NOT NULL,
  PRIMARY KEY (asset, currency, day)
);

CREATE TABLE rewards.tax_statuses (
  user_id     text PRIMARY KEY,
  status      text NOT NULL CHECK (status IN ('individual', 'self_employed', 'individual_entrepreneur')),
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL
);

-- Tax withheld from CPA commissions as it becomes final (available), and its later corrections,
-- by Almaty period: the tax agent's report sums these rows. Signed: a refund is a negative row.
CREATE TABLE rewards.tax_entries (
  id          text PRIMARY KEY,
  reward_id   text NOT NULL REFERENCES rewards.rewards (id),
  user_id     text NOT NULL,
  period      text NOT NULL CHECK (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  currency    text NOT NULL,
  income      numeric(40, 0) NOT NULL,
  withheld    numeric(40, 0) NOT NULL,
  net         numeric(40, 0) NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX tax_entries_period ON rewards.tax_entries (period, user_id);

CREATE FUNCTION rewards.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rewards.% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER conversion_revisions_append_only BEFORE UPDATE OR DELETE ON rewards.conversion_revisions
  FOR EACH ROW EXECUTE FUNCTION rewards.refuse_change();
CREATE TRIGGER conversion_revisions_no_truncate BEFORE TRUNCATE ON rewards.conversion_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION rewards.refuse_change();
CREATE TRIGGER tax_entries_append_only BEFORE UPDATE OR DELETE ON rewards.tax_entries
  FOR EACH ROW EXECUTE FUNCTION rewards.refuse_change();
CREATE TRIGGER tax_entries_no_truncate BEFORE TRUNCATE ON rewards.tax_entries
  FOR EACH STATEMENT EXECUTE FUNCTION rewards.refuse_change();
