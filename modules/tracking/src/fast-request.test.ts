import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp, cookieValue, readGoUrl, readLinkUrl } from './fast-request.ts';
import { GoParams, LinkCodeParams } from './tracking.contracts.ts';

describe('fast path request reading', () => {
  it('reads /go URLs the way the route reads them', () => {
    expect(readGoUrl('/go/tehnograd')).toEqual({
      slug: 'tehnograd',
      to: undefined,
      source: 'web',
      ctx: undefined,
    });
    expect(
      readGoUrl(`/go/shop-2?src=ext&to=${encodeURIComponent('https://shop-2.kz/каталог?q=a b')}&x=1&ctx=t.k`),
    ).toEqual({ slug: 'shop-2', to: 'https://shop-2.kz/каталог?q=a b', source: 'ext', ctx: 't.k' });
    // fast-querystring: '+' is a blank, a bare key is an empty value, empty pairs are skipped.
    expect(readGoUrl('/go/shop?to=https://shop.kz/a+b&&ctx')).toMatchObject({
      to: 'https://shop.kz/a b',
      ctx: '',
    });
    expect(readGoUrl('/go/shop?')).toMatchObject({ slug: 'shop', to: undefined });
  });

  it.each([
    ['an upper-case or odd slug', '/go/Bad_Slug!'],
    ['an encoded slug', '/go/sh%6Fp'],
    ['a trailing slash', '/go/shop/'],
    ['a fragment', '/go/shop#top'],
    ['an over-long slug', `/go/${'a'.repeat(65)}`],
    ['an unknown source', '/go/shop?src=tv'],
    ['an empty source', '/go/shop?src='],
    ['a repeated target', '/go/shop?to=https://shop.kz/&to=https://shop.kz/b'],
    ['a repeated context', '/go/shop?ctx=a&ctx=b'],
    ['an over-long target', `/go/shop?to=${'a'.repeat(8193)}`],
    ['an over-long context', `/go/shop?ctx=${'a'.repeat(301)}`],
    ['an undecodable value', '/go/shop?to=%E0%A4%A'],
    ['an encoded key', '/go/shop?t%6F=https://evil.example/'],
  ])('leaves %s to the route', (_name, url) => {
    expect(readGoUrl(url)).toBeUndefined();
  });

  it('accepts the slugs and link codes the route schemas accept', () => {
    expect(GoParams.properties.partnerSlug).toMatchObject({
      minLength: 1,
      maxLength: 64,
      pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
    });
    expect(LinkCodeParams.properties.code).toMatchObject({
      minLength: 4,
      maxLength: 16,
      pattern: '^[A-Za-z0-9]+$',
    });
    expect(readLinkUrl('/l/Ab12Cd34')).toBe('Ab12Cd34');
    expect(readLinkUrl('/l/Ab12Cd34?utm_source=x')).toBe('Ab12Cd34');
    for (const url of ['/l/abc', `/l/${'a'.repeat(17)}`, '/l/ab-cd', '/l/abcd/', '/l/ab%43d'])
      expect(readLinkUrl(url), url).toBeUndefined();
  });

  it('reads the click context cookie like @fastify/cookie', () => {
    expect(cookieValue(undefined, 'sauda_click')).toBeUndefined();
    expect(cookieValue('a=1; sauda_click=tok.en; b=2', 'sauda_click')).toBe('tok.en');
    expect(cookieValue('sauda_click= \ttok \t;sauda_click=second', 'sauda_click')).toBe('tok');
    expect(cookieValue('x_sauda_click=no; junk; sauda_click=a%2Eb', 'sauda_click')).toBe('a.b');
    expect(cookieValue('sauda_click=%E0%A4%A', 'sauda_click')).toBe('%E0%A4%A');
    expect(cookieValue('other=1', 'sauda_click')).toBeUndefined();
  });

  it('takes the client address from the socket, or from X-Forwarded-For only behind a trusted proxy', () => {
    const request = (forwarded?: string) =>
      ({
        headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
        socket: { remoteAddress: '10.0.0.5' },
      }) as unknown as IncomingMessage;
    expect(clientIp(request('203.0.113.9'), false)).toBe('10.0.0.5');
    expect(clientIp(request(), true)).toBe('10.0.0.5');
    expect(clientIp(request(' 203.0.113.9 , 198.51.100.1'), true)).toBe('203.0.113.9');
    expect(clientIp(request(', ,2001:db8::1,10.0.0.1'), true)).toBe('2001:db8::1');
  });
});
