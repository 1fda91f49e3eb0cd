import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizeFullName, normalizePhone, parseLogin } from './contact-points.ts';

describe('contact points', () => {
  it('normalizes Kazakhstan phone numbers to E.164 and refuses others', () => {
    for (const input of ['8 701 234 5678', '+7 (701) 234-56-78', '87012345678', '7012345678']) {
      expect(normalizePhone(input)).toBe('+77012345678');
    }
    for (const input of ['+7 916 123 45 67', '12345', 'not a phone', '+1 202 555 0100']) {
      expect(() => normalizePhone(input)).toThrow(
        expect.objectContaining({ code: 'IDENTITY_INVALID_PHONE' }),
      );
    }
  });

  it('normalizes emails and full names', () => {
    expect(normalizeEmail('  Aigerim@Example.KZ ')).toBe('aigerim@example.kz');
    expect(() => normalizeEmail('aigerim@')).toThrow(
      expect.objectContaining({ code: 'IDENTITY_INVALID_EMAIL' }),
    );
    expect(normalizeFullName('  Айгерім   Нұрланқызы ')).toBe('Айгерім Нұрланқызы');
    expect(() => normalizeFullName('   ')).toThrow(
      expect.objectContaining({ code: 'IDENTITY_INVALID_NAME' }),
    );
    expect(() => normalizeFullName('bad\u0000name')).toThrow(
      expect.objectContaining({ code: 'IDENTITY_INVALID_NAME' }),
    );
  });

  it('reads a login as an email or a phone', () => {
    expect(parseLogin('A@b.kz')).toEqual({ kind: 'email', value: 'a@b.kz' });
    expect(parseLogin('8 701 234 56 78')).toEqual({ kind: 'phone', value: '+77012345678' });
  });
});
