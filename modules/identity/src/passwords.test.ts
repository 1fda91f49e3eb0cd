import { describe, expect, it } from 'vitest';
import {
  assertAcceptablePassword,
  hashPassword,
  isCommonPassword,
  passwordLength,
  verifyPassword,
} from './passwords.ts';

describe('password policy (NIST SP 800-63B)', () => {
  it('wants 10 characters, counted as people see them, and no composition rules', () => {
    expect(() => {
      assertAcceptablePassword('short pass');
    }).not.toThrow();
    expect(() => {
      assertAcceptablePassword('ninechars');
    }).toThrow(expect.objectContaining({ code: 'IDENTITY_PASSWORD_TOO_SHORT' }));
    // Kazakh letters and emoji each count once; no digits or symbols are demanded.
    expect(passwordLength('әңғүұқөһі😀')).toBe(10);
    expect(() => {
      assertAcceptablePassword('әңғүұқөһі😀');
    }).not.toThrow();
    expect(passwordLength('👨‍👩‍👧‍👦')).toBe(1);
  });

  it('rejects passwords from the bundled list of common ones, in any letter case', () => {
    expect(isCommonPassword('qwertyuiop')).toBe(true);
    expect(isCommonPassword('Password123')).toBe(true);
    expect(() => {
      assertAcceptablePassword('1q2w3e4r5t');
    }).toThrow(expect.objectContaining({ code: 'IDENTITY_PASSWORD_TOO_COMMON' }));
    expect(isCommonPassword('степной ветер над Алатау')).toBe(false);
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
    // An account without a password (or no account) never verifies.
    expect(await verifyPassword(null, 'anything at all')).toBe(false);
  });
});
