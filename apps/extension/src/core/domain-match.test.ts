import { describe, expect, it } from 'vitest';
import { buildDomainIndex, findPartner, hostOf } from './domain-match.ts';
import { feed, partner } from './test-feed.ts';

const technodom = partner({
  slug: 'technodom',
  domains: [{ domain: 'technodom.kz', includeSubdomains: true }],
});
const kaspi = partner({ slug: 'kaspi', domains: [{ domain: 'kaspi.kz', includeSubdomains: false }] });
const kaspiShop = partner({
  slug: 'kaspi-shop',
  domains: [{ domain: 'shop.kaspi.kz', includeSubdomains: true }],
});
const idn = partner({
  slug: 'magazin',
  domains: [{ domain: 'xn--80aairftm.xn--80ao21a', includeSubdomains: true }],
});
const index = buildDomainIndex(feed(technodom, kaspi, kaspiShop, idn));
const slugOf = (url: string) => findPartner(index, url)?.slug;

describe('matching the tab URL against partner domains', () => {
  it('matches the domain itself, with any path, port or case', () => {
    expect(slugOf('https://technodom.kz/catalog?x=1')).toBe('technodom');
    expect(slugOf('http://TECHNODOM.KZ:8080/')).toBe('technodom');
    expect(slugOf('https://technodom.kz./')).toBe('technodom');
  });

  it('matches subdomains only where the partner includes them', () => {
    expect(slugOf('https://m.technodom.kz/')).toBe('technodom');
    expect(slugOf('https://a.b.technodom.kz/')).toBe('technodom');
    expect(slugOf('https://www.kaspi.kz/')).toBeUndefined();
    expect(slugOf('https://kaspi.kz/')).toBe('kaspi');
  });

  it('prefers the most specific domain', () => {
    expect(slugOf('https://shop.kaspi.kz/item/1')).toBe('kaspi-shop');
    expect(slugOf('https://m.shop.kaspi.kz/')).toBe('kaspi-shop');
  });

  it('does not match look-alikes', () => {
    expect(slugOf('https://technodom.kz.evil.com/')).toBeUndefined();
    expect(slugOf('https://eviltechnodom.kz/')).toBeUndefined();
    expect(slugOf('https://technodom.kz@evil.com/')).toBeUndefined();
    // Cyrillic "о" in place of the Latin one: a different (punycode) host.
    expect(slugOf('https://techn\u043edom.kz/')).toBeUndefined();
  });

  it('matches an internationalised domain written in Unicode', () => {
    expect(slugOf('https://магазин.қаз/')).toBe('magazin');
    expect(slugOf('https://www.магазин.қаз/')).toBe('magazin');
  });

  it('ignores anything that is not an http(s) page', () => {
    expect(slugOf('file:///technodom.kz')).toBeUndefined();
    expect(slugOf('chrome://extensions')).toBeUndefined();
    expect(slugOf('not a url')).toBeUndefined();
    expect(hostOf(undefined)).toBeUndefined();
    expect(findPartner(buildDomainIndex(undefined), 'https://technodom.kz/')).toBeUndefined();
  });
});
