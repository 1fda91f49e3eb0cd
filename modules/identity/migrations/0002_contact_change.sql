-- Changing the email or phone of an existing account. The new address waits on its code row until
-- the code sent to it is confirmed: it lives and dies with that code, so a replaced, expired or
-- used-up code leaves no pending address behind. It is Encryptor ciphertext bound to the user
-- (`<userId>:pending_email` / `<userId>:pending_phone`), never the address in clear.
ALTER TABLE identity.verification_codes ADD COLUMN pending_address_ciphertext text;

ALTER TABLE identity.verification_codes DROP CONSTRAINT verification_codes_purpose_check;
ALTER TABLE identity.verification_codes ADD CONSTRAINT verification_codes_purpose_check
  CHECK (purpose IN ('verify-email', 'verify-phone', 'reset-password', 'change-email', 'change-phone'));

-- A change code always carries the address it proves, and no other code carries one.
ALTER TABLE identity.verification_codes ADD CONSTRAINT verification_codes_pending_address_check
  CHECK ((purpose IN ('change-email', 'change-phone')) = (pending_address_ciphertext IS NOT NULL));
