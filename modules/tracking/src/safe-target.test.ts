import { describe, expect, it } from 'vitest';
import { checkTarget } from './safe-target.ts';

const domains = [
  { domain: 'partner.kz', includeSubdomains: true },
  { domain: 'shop-only.kz', includeSubdomains: false },
];

describe('deep targets (open-redirect guard)', () => {
  it('accepts the partner’s own domains and subdomains where allowed', () => {
    expect(checkTarget('https://partner.kz/catalog?id=1', domains)).toEqual({
      ok: true,
      url: 'https://partner.kz/catalog?id=1',
    });
    expect(checkTarget('https://m.partner.kz/', domains)).toMatchObject({ ok: true });
    expect(checkTarget('http://PARTNER.KZ/x', domains)).toEqual({ ok: true, url: 'http://partner.kz/x' });
    expect(checkTarget('https://shop-only.kz/', domains)).toMatchObject({ ok: true });
    expect(checkTarget('https://www.shop-only.kz/', domains)).toEqual({ ok: false, problem: 'foreign-host' });
  });

  it('encodes a Cyrillic path exactly once', () => {
    expect(checkTarget('https://partner.kz/каталог/смартфоны?q=айфон 16', domains)).toEqual({
      ok: false,
      problem: 'malformed',
    });
    expect(checkTarget('https://partner.kz/каталог/смартфоны?q=айфон', domains)).toEqual({
      ok: true,
      url: 'https://partner.kz/%D0%BA%D0%B0%D1%82%D0%B0%D0%BB%D0%BE%D0%B3/%D1%81%D0%BC%D0%B0%D1%80%D1%82%D1%84%D0%BE%D0%BD%D1%8B?q=%D0%B0%D0%B9%D1%84%D0%BE%D0%BD',
    });
    expect(checkTarget('https://partner.kz/%D0%BA%D0%B0', domains)).toEqual({
      ok: true,
      url: 'https://partner.kz/%D0%BA%D0%B0',
    });
  });

  it.each([
    ['another host', 'https://evil.example/', 'foreign-host'],
    ['a host that only ends like the partner', 'https://evilpartner.kz/', 'foreign-host'],
    ['the partner as a subdomain of another host', 'https://partner.kz.evil.example/', 'foreign-host'],
    ['the partner in the path', 'https://evil.example/partner.kz', 'foreign-host'],
    ['scheme-relative', '//evil.example', 'scheme'],
    ['scheme-relative with backslash', '/\\evil.example', 'malformed'],
    ['a relative path', '/catalog', 'scheme'],
    ['javascript:', 'javascript:alert(document.cookie)', 'scheme'],
    ['JavaScript: in capitals', 'JaVaScRiPt:alert(1)', 'scheme'],
    ['data:', 'data:text/html,<script>alert(1)</script>', 'scheme'],
    ['backslashes', 'https:\\\\evil.example', 'malformed'],
    ['backslash after the host', 'https://partner.kz\\@evil.example', 'malformed'],
    ['a tab inside', 'https://partner.kz/\tx', 'malformed'],
    ['a newline inside', 'https://partner.kz/\r\nLocation: https://evil.example', 'malformed'],
    ['userinfo trick', 'https://partner.kz@evil.example', 'userinfo'],
    ['userinfo with password', 'https://partner.kz:pass@evil.example/', 'userinfo'],
    ['encoded slash before @', 'https://partner.kz%2F@evil.example', 'userinfo'],
    ['IDN look-alike (Cyrillic а)', 'https://pаrtner.kz/', 'foreign-host'],
    ['IDN look-alike in punycode', 'https://xn--prtner-4nf.kz/', 'foreign-host'],
    ['full-width host', 'https://ｅｖｉｌ.example/', 'foreign-host'],
    ['a trailing-dot host', 'https://partner.kz./', 'foreign-host'],
    ['an IP address', 'https://127.0.0.1/', 'foreign-host'],
    ['another port', 'https://partner.kz:8443/', 'port'],
    ['ftp', 'ftp://partner.kz/', 'scheme'],
    ['only the scheme', 'https:evil.example', 'scheme'],
    ['over-long', `https://partner.kz/${'a'.repeat(2100)}`, 'too-long'],
  ])('rejects %s', (_name, target, problem) => {
    expect(checkTarget(target, domains)).toEqual({ ok: false, problem });
  });
});
