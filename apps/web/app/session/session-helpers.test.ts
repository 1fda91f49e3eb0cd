import { describe, expect, it } from 'vitest';
import { localeOfPath, pathInLocale } from '../i18n/locale-of-path.ts';
import { preferredLocale } from '../i18n/preferred-locale.ts';
import {
  contactOf,
  maskContact,
  pendingContactCookie,
  readPendingContact,
} from './pending-contact.server.ts';
import { safeNext } from './safe-next.ts';

describe('safeNext', () => {
  it('keeps pages of this site in this language', () => {
    expect(safeNext('/kk/partners/tehnograd', 'kk')).toBe('/kk/partners/tehnograd');
    expect(safeNext('/kk', 'kk')).toBe('/kk');
  });

  it('refuses other origins, other languages and odd paths', () => {
    for (const next of [
      '//evil.example/x',
      'https://evil.example',
      '/kk/\\evil.example',
      '/ru/account',
      '/kk/a\u0000b',
      `/kk/${'a'.repeat(600)}`,
      '',
      null,
    ]) {
      expect(safeNext(next, 'kk')).toBe('/kk/account');
    }
  });
});

describe('preferredLocale', () => {
  it('prefers the remembered choice, then Accept-Language by quality, then the default', () => {
    expect(preferredLocale({ cookie: 'a=1; sauda_locale=en', acceptLanguage: 'kk' }, 'ru')).toBe('en');
    expect(preferredLocale({ acceptLanguage: 'de;q=1, en;q=0.5, kk;q=0.8' }, 'ru')).toBe('kk');
    expect(preferredLocale({ acceptLanguage: 'kk-KZ' }, 'ru')).toBe('kk');
    expect(preferredLocale({ acceptLanguage: 'kk;q=0, de' }, 'ru')).toBe('ru');
    expect(preferredLocale({ cookie: 'sauda_locale=xx' }, 'en')).toBe('en');
    expect(preferredLocale({}, 'ru')).toBe('ru');
  });
});

describe('locale paths', () => {
  it('finds the language of a path, data requests included', () => {
    expect(localeOfPath('/kk/catalog')).toBe('kk');
    expect(localeOfPath('/en.data')).toBe('en');
    expect(localeOfPath('/catalog')).toBeUndefined();
  });

  it('gives the same page in another language', () => {
    expect(pathInLocale('/kk/catalog', '?q=x', 'en')).toBe('/en/catalog?q=x');
    expect(pathInLocale('/ru', '', 'kk')).toBe('/kk');
    expect(pathInLocale('/catalog', '', 'kk')).toBe('/kk/catalog');
  });
});

describe('pending contact cookie', () => {
  const requestWith = (setCookie: string) =>
    new Request('http://localhost/', { headers: { cookie: setCookie.split(';')[0] ?? '' } });

  it('round-trips an email or a phone, httpOnly, secure on https', () => {
    const email = pendingContactCookie({ email: 'aigerim@example.kz' }, 'https://sauda.kz');
    expect(email).toContain('HttpOnly');
    expect(email).toContain('Secure');
    expect(readPendingContact(requestWith(email))).toEqual({ email: 'aigerim@example.kz' });
    const phone = pendingContactCookie({ phone: '+77012345678' }, 'http://localhost:3000');
    expect(phone).not.toContain('Secure');
    expect(readPendingContact(requestWith(phone))).toEqual({ phone: '+77012345678' });
  });

  it('treats a tampered cookie as absent', () => {
    expect(
      readPendingContact(new Request('http://x/', { headers: { cookie: 'sauda_pending_contact=%%%' } })),
    ).toBe(null);
    const wrongShape = Buffer.from(JSON.stringify({ email: 42 })).toString('base64url');
    expect(
      readPendingContact(
        new Request('http://x/', { headers: { cookie: `sauda_pending_contact=${wrongShape}` } }),
      ),
    ).toBe(null);
  });

  it('masks the address shown back and tells emails from phones', () => {
    expect(maskContact({ email: 'aigerim@example.kz' })).toBe('a•••@example.kz');
    expect(maskContact({ phone: '+7 701 234 56 78' })).toBe('+7 ••• ••• 56 78');
    expect(contactOf('a@b.kz')).toEqual({ email: 'a@b.kz' });
    expect(contactOf('+77012345678')).toEqual({ phone: '+77012345678' });
  });
});
