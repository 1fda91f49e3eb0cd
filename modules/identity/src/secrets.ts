import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Encryptor } from '@sauda/platform';

/**
 * Generated secrets and how each is stored. High-entropy tokens (session cookies, refresh tokens,
 * API keys, device codes) are stored as plain SHA-256: guessing 256 random bits is hopeless, and a
 * fast hash keeps the per-request lookup cheap. Short codes (6 digits, backup codes) get a keyed
 * HMAC instead, so a stolen table cannot be brute-forced without the blind-index key.
 */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const sixDigitCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

export const hashShortCode = (encryptor: Encryptor, code: string, purpose: string): string =>
  encryptor.blindIndex(code, `identity.code.${purpose}`);

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// Crockford-style alphabet without look-alikes (0/O, 1/I/L, U), for codes people read and type.
const HUMAN_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

export function humanCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += HUMAN_ALPHABET.charAt(randomInt(0, HUMAN_ALPHABET.length));
  return code;
}

/** Upper-cases and drops separators and spaces, so `abcd-efgh` and `ABCD EFGH` match. */
export const normalizeHumanCode = (input: string): string => input.toUpperCase().replace(/[^A-Z0-9]/g, '');
