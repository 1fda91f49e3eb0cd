import { describe, expect, it } from 'vitest';
import { activationUrl } from './activation.ts';
import { pickLocale, translate } from './messages.ts';
import { partnerPageFilters } from './page-rules.ts';
import { parsePartnerFeed } from './partner-feed.ts';
import { badgeRate, rateText } from './rate-label.ts';
import { feed, partner } from './test-feed.ts';

describe('rates, languages, activation links and page rules', () => {
  it('formats percent and fixed rewards (fixed ones in minor units)', () => {
    expect(rateText({ kind: 'percent', userRate: '5.50', currency: 'KZT' }, 'ru')).toBe('5,5%');
    expect(rateText({ kind: 'percent', userRate: '5.50', currency: 'KZT' }, 'en')).toBe('5.5%');
    expect(rateText({ kind: 'fixed', userRate: '75000', currency: 'KZT' }, 'kk')).toBe('750 ₸');
    expect(rateText({ kind: 'fixed', userRate: '1250', currency: 'USD' }, 'en')).toBe('12.50 $');
    expect(badgeRate({ kind: 'percent', userRate: '12.75', currency: 'KZT' })).toBe('13%');
    expect(badgeRate({ kind: 'fixed', userRate: '50000', currency: 'KZT' })).toBe('500₸');
    expect(badgeRate({ kind: 'fixed', userRate: '7500000', currency: 'KZT' })).toBe('₸');
  });

  it('follows the account language, then the browser, then Russian', () => {
    expect(pickLocale('kk', ['en-US'])).toBe('kk');
    expect(pickLocale(undefined, ['en-GB'])).toBe('en');
    expect(pickLocale(undefined, ['de-DE', 'kk', 'en-US'])).toBe('kk');
    expect(pickLocale(undefined, ['de'])).toBe('ru');
    expect(translate('en', 'partnerRate', { rate: '5%' })).toBe('Cashback 5%');
    expect(translate('kk', 'activate')).toBe('Кэшбэкті белсендіру');
  });

  it('builds the /go link with src=ext, the context and the current page', () => {
    const url = new URL(
      activationUrl(
        'http://127.0.0.1:3000',
        partner({ slug: 'shop' }),
        'https://shop.kz/p?id=1&x=2',
        'ctx.tag',
      ),
    );
    expect(url.pathname).toBe('/go/shop');
    expect(url.searchParams.get('src')).toBe('ext');
    expect(url.searchParams.get('to')).toBe('https://shop.kz/p?id=1&x=2');
    expect(url.searchParams.get('ctx')).toBe('ctx.tag');
  });

  it('turns active partner domains into page-state filters, in chunks', () => {
    const chunks = partnerPageFilters(
      feed(
        partner({ slug: 'a', domains: [{ domain: 'a.kz', includeSubdomains: true }] }),
        partner({ slug: 'b', domains: [{ domain: 'b.kz', includeSubdomains: false }] }),
        partner({ slug: 'c', status: 'paused' }),
      ),
    );
    expect(chunks).toEqual([
      [
        { hostEquals: 'a.kz', schemes: ['http', 'https'] },
        { hostSuffix: '.a.kz', schemes: ['http', 'https'] },
        { hostEquals: 'b.kz', schemes: ['http', 'https'] },
      ],
    ]);
    const many = feed(...Array.from({ length: 150 }, (_, i) => partner({ slug: `p${i}` })));
    expect(partnerPageFilters(many).map((chunk) => chunk.length)).toEqual([200, 100]);
    expect(partnerPageFilters(undefined)).toEqual([]);
  });

  it('refuses a body that is not a feed and drops malformed partners', () => {
    expect(parsePartnerFeed(null)).toBeUndefined();
    expect(parsePartnerFeed({ version: '1', partners: [] })).toBeUndefined();
    const parsed = parsePartnerFeed({
      version: 1,
      partners: [
        { ...partner({ slug: 'ok' }) },
        { ...partner({ slug: 'evil' }), domains: [{ domain: 'http://x', includeSubdomains: true }] },
        { ...partner({ slug: 'rate' }), reward: { kind: 'percent', userRate: '1e9', currency: 'KZT' } },
        'nonsense',
      ],
    });
    expect(parsed?.partners.map((p) => p.slug)).toEqual(['ok']);
  });
});
