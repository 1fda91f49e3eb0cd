import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '@sauda/platform';
import { IdentityErrors } from './identity.errors.ts';

/**
 * Password policy after NIST SP 800-63B: a minimum length and a blocklist of common passwords,
 * no composition rules, no forced rotation. Hashes are argon2id (the library's default algorithm)
 * with the OWASP baseline cost: 19 MiB, 2 passes, 1 lane.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

const HASH_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

function loadCommonPasswords(): ReadonlySet<string> {
  const text = readFileSync(new URL('../data/common-passwords.txt', import.meta.url), 'utf8');
  return new Set(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
}

const commonPasswords = loadCommonPasswords();

export const isCommonPassword = (password: string): boolean => commonPasswords.has(password.toLowerCase());

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Length counts user-perceived characters, as NIST asks, so emoji and combined letters count once. */
export const passwordLength = (password: string): number =>
  Array.from(graphemes.segment(password.normalize('NFC'))).length;

export function assertAcceptablePassword(password: string): void {
  if (passwordLength(password) < MIN_PASSWORD_LENGTH) {
    throw new AppError(IdentityErrors.IDENTITY_PASSWORD_TOO_SHORT, { params: { min: MIN_PASSWORD_LENGTH } });
  }
  if (isCommonPassword(password)) throw new AppError(IdentityErrors.IDENTITY_PASSWORD_TOO_COMMON);
}

export const hashPassword = (password: string): Promise<string> =>
  hash(password.normalize('NFC'), HASH_OPTIONS);

// Verified against when the account does not exist, so an unknown login costs the same time as a
// wrong password and response timing does not reveal which accounts exist.
const decoyHash = hash('decoy password that never matches', HASH_OPTIONS);

export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    await verify(await decoyHash, password);
    return false;
  }
  return verify(passwordHash, password.normalize('NFC'));
}
