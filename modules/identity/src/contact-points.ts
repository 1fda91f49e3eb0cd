import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { AppError, type Encryptor } from '@sauda/platform';
import { IdentityErrors } from './identity.errors.ts';

/**
 * Contact points (phone, email) and the full name: normalisation before anything is stored or
 * looked up, and the encryption / blind-index pair every stored value gets.
 */

/** Kazakhstan numbers only (they share +7 with Russia), normalised to E.164: `+77012345678`. */
export function normalizePhone(input: string): string {
  const parsed = parsePhoneNumberFromString(input.trim(), 'KZ');
  if (!parsed?.isValid() || parsed.country !== 'KZ')
    throw new AppError(IdentityErrors.IDENTITY_INVALID_PHONE);
  return parsed.number;
}

// Deliberately loose: one @, no spaces, a dot in the domain. Whether the mailbox exists is what
// the verification code proves.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(input: string): string {
  const email = input.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw new AppError(IdentityErrors.IDENTITY_INVALID_EMAIL);
  return email;
}

export function normalizeFullName(input: string): string {
  const name = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name.length < 1 || name.length > 200 || /\p{Cc}/u.test(name)) {
    throw new AppError(IdentityErrors.IDENTITY_INVALID_NAME);
  }
  return name;
}

export type ContactKind = 'email' | 'phone';

/** A login identifier: an email if it has an @, otherwise a phone number. */
export function parseLogin(login: string): { kind: ContactKind; value: string } {
  return login.includes('@')
    ? { kind: 'email', value: normalizeEmail(login) }
    : { kind: 'phone', value: normalizePhone(login) };
}

/** Blind-index purposes: one per field, so equal values in different fields do not correlate. */
export const contactIndex = (encryptor: Encryptor, kind: ContactKind, value: string): string =>
  encryptor.blindIndex(value, `identity.${kind}`);

/**
 * Ciphertexts are bound to the owning user id (associated data), so a value copied onto another
 * row fails to decrypt instead of silently showing one person's data on another's account.
 */
export const sealFor = (encryptor: Encryptor, userId: string, field: string, value: string): string =>
  encryptor.encrypt(value, `${userId}:${field}`);

export const openFor = (encryptor: Encryptor, userId: string, field: string, token: string): string =>
  encryptor.decrypt(token, `${userId}:${field}`);
