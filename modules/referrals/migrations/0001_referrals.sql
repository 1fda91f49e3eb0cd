-- Referrals: each user's code, who invited whom, the devices seen on both sides (farming guard),
-- the visits of referral links, and the bonus paid to a referrer once per referee.
CREATE SCHEMA IF NOT EXISTS referrals;

CREATE TABLE referrals.codes (
  user_id     text PRIMARY KEY,
  code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z2-9]{8}$'),
  created_at  timestamptz NOT NULL
);

CREATE TABLE referrals.referrals (
  id                   text PRIMARY KEY,
  -- A person is referred at most once.
  referee_id           text NOT NULL UNIQUE,
  referrer_id          text NOT NULL,
  code                 text NOT NULL,
  claimed_at           timestamptz NOT NULL,
  referee_verified_at  timestamptz,
  first_reward_at      timestamptz,
  status               text NOT NULL CHECK (status IN ('linked', 'waiting', 'rewarded', 'refused')),
  refusal_reason       text CHECK (refusal_reason IN ('iin-reused', 'same-device')),
  updated_at           timestamptz NOT NULL,
  CHECK (referee_id <> referrer_id),
  CHECK ((status = 'refused') = (refusal_reason IS NOT NULL))
);
CREATE INDEX referrals_referrer ON referrals.referrals (referrer_id, id DESC);
CREATE INDEX referrals_waiting ON referrals.referrals (updated_at) WHERE status = 'waiting';

-- The bonus, once per referee: the primary key is the guarantee, whatever the code above it does.
CREATE TABLE referrals.bonuses (
  referee_id   text PRIMARY KEY,
  referral_id  text NOT NULL UNIQUE REFERENCES referrals.referrals (id),
  referrer_id  text NOT NULL,
  amount       numeric(39, 0) NOT NULL CHECK (amount > 0),
  asset        text NOT NULL,
  transfer_id  text NOT NULL UNIQUE,
  paid_at      timestamptz NOT NULL
);
CREATE INDEX bonuses_referrer ON referrals.bonuses (referrer_id);

-- Distinct devices that opened a referral link ("invited"); the fingerprint is a keyed hash.
CREATE TABLE referrals.visits (
  referrer_id    text NOT NULL,
  fingerprint    text NOT NULL,
  first_seen_at  timestamptz NOT NULL,
  PRIMARY KEY (referrer_id, fingerprint)
);

-- Devices a user was seen on by this module (keyed hashes, never the raw address or agent).
CREATE TABLE referrals.devices (
  user_id        text NOT NULL,
  fingerprint    text NOT NULL,
  first_seen_at  timestamptz NOT NULL,
  last_seen_at   timestamptz NOT NULL,
  PRIMARY KEY (user_id, fingerprint)
);
CREATE INDEX devices_fingerprint ON referrals.devices (fingerprint);

CREATE FUNCTION referrals.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'referrals.% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER bonuses_append_only BEFORE UPDATE OR DELETE ON referrals.bonuses
  FOR EACH ROW EXECUTE FUNCTION referrals.refuse_change();
CREATE TRIGGER bonuses_no_truncate BEFORE TRUNCATE ON referrals.bonuses
  FOR EACH STATEMENT EXECUTE FUNCTION referrals.refuse_change();
