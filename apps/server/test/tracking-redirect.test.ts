import { describe, expect, it } from 'vitest';
import { useTestApp } from '@sauda/testing';
import { readClickId } from '@sauda/tracking';
import {
  activePartner,
  BROWSER_UA,
  IPHONE_UA,
  memberClient,
  SYSTEM,
  writtenClicks,
} from './tracking-helpers.ts';
import { asWeb } from './identity-helpers.ts';

const ctx = useTestApp();

const go = (
  url: string,
  headers: Record<string, string> = {},
  method: 'GET' | 'HEAD' = 'GET',
  remoteAddress = '203.0.113.77',
) => ctx().app.inject({ method, url, headers: { 'user-agent': BROWSER_UA, ...headers }, remoteAddress });
const subIdOf = (location: unknown): string => new URL(String(location)).searchParams.get('subid') ?? '';

describe('GET /go/:partnerSlug', () => {
  it('records the click and redirects to the tracking URL with the click id as sub-id', async () => {
    const partner = await activePartner(ctx(), { slug: 'tehnograd' });
    const response = await go('/go/tehnograd?src=ext', {
      'accept-language': 'kk',
      referer: 'https://sauda.kz/catalog',
    });
    expect(response.statusCode).toBe(302);
    expect(response.headers['cache-control']).toBe('no-store');
    const location = new URL(String(response.headers.location));
    expect(location.origin + location.pathname).toBe('https://ad.admitad.com/g/tehnograd/');
    const clickId = subIdOf(response.headers.location);
    expect(clickId).toMatch(/^[A-Za-z0-9_-]{30}$/);
    expect(location.searchParams.get('ulp')).toBe('https://tehnograd.kz/');
    expect(await writtenClicks(ctx(), `click_id = '${clickId}'`)).toBe(1);
    const { rows } = await ctx().database.pool.query(
      `SELECT partner_id, user_id, source, target_url, ip_prefix, is_bot, is_duplicate, referrer, user_agent
       FROM tracking.clicks WHERE click_id = $1`,
      [clickId],
    );
    expect(rows[0]).toEqual({
      partner_id: partner.id,
      user_id: null,
      source: 'ext',
      target_url: 'https://tehnograd.kz/',
      ip_prefix: '203.0.113.0',
      is_bot: false,
      is_duplicate: false,
      referrer: 'https://sauda.kz/catalog',
      user_agent: BROWSER_UA,
    });
    expect(readClickId(Buffer.alloc(32), clickId)).toBeUndefined();
  });

  it('attributes a click whose row was never written: the click id carries partner and user', async () => {
    const partner = await activePartner(ctx());
    const member = await memberClient(ctx());
    const { token } = await ctx().app.sauda.modules.tracking.api.issueClickContext(member.userId);
    const response = await go(`/go/${partner.slug}?ctx=${encodeURIComponent(token)}`);
    const clickId = subIdOf(response.headers.location);
    // The buffer is thrown away, as in a crash: nothing was written.
    await ctx().database.pool.query('TRUNCATE tracking.clicks');
    expect(await ctx().app.sauda.modules.tracking.api.resolveClick(clickId)).toMatchObject({
      via: 'go',
      partnerId: partner.id,
      partnerSlug: partner.slug,
      userId: member.userId,
    });
    const forged = `${clickId.slice(0, 10)}${clickId[10] === 'a' ? 'b' : 'a'}${clickId.slice(11)}`;
    expect(await ctx().app.sauda.modules.tracking.api.resolveClick(forged)).toBeUndefined();
  });

  it('knows the signed-in user from the click context cookie, and ignores a forged one', async () => {
    const partner = await activePartner(ctx());
    const member = await memberClient(ctx());
    const issued = await ctx().app.inject({
      method: 'POST',
      url: '/v1/tracking/context',
      headers: asWeb(member),
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const cookie = [issued.headers['set-cookie']].flat().find((line) => line?.startsWith('sauda_click='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const signedIn = await go(`/go/${partner.slug}`, { cookie: String(cookie?.split(';')[0]) });
    const anonymous = await go(`/go/${partner.slug}`, {
      cookie: `sauda_click=${issued.json<{ token: string }>().token.slice(0, -2)}xx`,
    });
    await ctx().app.sauda.modules.tracking.api.flushClicks();
    const { rows } = await ctx().database.pool.query<{ click_id: string; user_id: string | null }>(
      'SELECT click_id, user_id FROM tracking.clicks WHERE click_id = ANY($1)',
      [[subIdOf(signedIn.headers.location), subIdOf(anonymous.headers.location)]],
    );
    expect(Object.fromEntries(rows.map((row) => [row.click_id, row.user_id]))).toEqual({
      [subIdOf(signedIn.headers.location)]: member.userId,
      [subIdOf(anonymous.headers.location)]: null,
    });
    expect((await ctx().app.inject({ method: 'POST', url: '/v1/tracking/context' })).statusCode).toBe(401);
    const cleared = await ctx().app.inject({ method: 'DELETE', url: '/v1/tracking/context' });
    expect(cleared.statusCode).toBe(204);
    expect(String(cleared.headers['set-cookie'])).toMatch(/sauda_click=;/);
  });

  it('follows a deep target on the partner’s domains, encoding a Cyrillic path once', async () => {
    const partner = await activePartner(ctx());
    const target = `https://m.${partner.slug}.kz/каталог/смартфоны?q=айфон`;
    const response = await go(`/go/${partner.slug}?to=${encodeURIComponent(target)}`);
    expect(response.statusCode).toBe(302);
    const ulp = new URL(String(response.headers.location)).searchParams.get('ulp');
    expect(ulp).toBe(new URL(target).href);
    expect(String(response.headers.location)).toContain(
      encodeURIComponent('%D0%BA%D0%B0%D1%82%D0%B0%D0%BB%D0%BE%D0%B3'),
    );
  });

  it.each([
    ['another host', 'https://evil.example/'],
    ['//evil.example', '//evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['backslashes', 'https:\\\\evil.example\\'],
    ['userinfo trick', 'https://PARTNER@evil.example/'],
    ['IDN look-alike', 'https://PARTNER-LOOKALIKE/'],
    ['over-long', 'https://PARTNER/LONG'],
  ])('rejects an open-redirect attempt: %s', async (_name, template) => {
    const partner = await activePartner(ctx());
    const lookalike = `${partner.slug.replace('s', 'ѕ')}.kz`;
    const target = template
      .replace('PARTNER-LOOKALIKE', lookalike)
      .replace('PARTNER', `${partner.slug}.kz`)
      .replace('LONG', 'a'.repeat(3000));
    const before = await writtenClicks(ctx());
    const api = await go(`/go/${partner.slug}?to=${encodeURIComponent(target)}`, {
      accept: 'application/json',
    });
    expect(api.statusCode).toBe(400);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({ code: 'TRACKING_TARGET_NOT_ALLOWED' });
    expect(api.headers.location).toBeUndefined();
    const browser = await go(`/go/${partner.slug}?to=${encodeURIComponent(target)}`, {
      accept: 'text/html',
      'accept-language': 'ru',
    });
    expect(browser.statusCode).toBe(400);
    expect(browser.body).toContain('Ссылка отклонена');
    expect(browser.body).toContain(`/go/${partner.slug}"`);
    expect(browser.body).not.toContain('evil.example"');
    expect(await writtenClicks(ctx())).toBe(before);
  });

  it('answers unknown, paused and archived partners with a localized page for browsers and problem+json for clients', async () => {
    const paused = await activePartner(ctx(), { name: { ru: 'Пауза', kk: 'Үзіліс', en: 'Pause <b>' } });
    await ctx().app.sauda.modules.catalog.api.changeStatus(SYSTEM, paused.id, 'paused');
    const archived = await activePartner(ctx());
    await ctx().app.sauda.modules.catalog.api.changeStatus(SYSTEM, archived.id, 'archived');
    await ctx().app.sauda.modules.tracking.api.reloadRules();

    const unknown = await go('/go/no-such-shop', { accept: 'text/html', 'accept-language': 'kk' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('text/html');
    expect(unknown.body).toContain('Мұндай дүкен Sauda каталогында жоқ');
    expect(unknown.body).toContain('/catalog"');
    expect(unknown.headers['content-security-policy']).toContain("default-src 'none'");

    const pausedPage = await go(`/go/${paused.slug}`, {
      accept: 'text/html,application/xhtml+xml',
      'accept-language': 'en',
    });
    expect(pausedPage.statusCode).toBe(404);
    expect(pausedPage.body).toContain('&quot;Pause &lt;b&gt;&quot;');
    expect((await go(`/go/${archived.slug}`, { accept: 'application/json' })).json()).toMatchObject({
      code: 'TRACKING_PARTNER_UNAVAILABLE',
      status: 404,
    });
    expect((await go('/go/no-such-shop', { accept: '*/*' })).json()).toMatchObject({
      code: 'TRACKING_PARTNER_NOT_FOUND',
    });
    expect((await go('/go/Bad_Slug!')).statusCode).toBe(400);
    expect((await go(`/go/${paused.slug}?src=tv`, { accept: 'application/json' })).json()).toMatchObject({
      code: 'PLATFORM_VALIDATION',
    });
  });

  it('learns of staff changes through NOTIFY, without reloading by hand', async () => {
    const partner = await activePartner(ctx());
    expect((await go(`/go/${partner.slug}`)).statusCode).toBe(302);
    await ctx().app.sauda.modules.catalog.api.changeStatus(SYSTEM, partner.id, 'paused');
    await expect
      .poll(async () => (await go(`/go/${partner.slug}`, { accept: 'application/json' })).statusCode)
      .toBe(404);
    await ctx().app.sauda.modules.catalog.api.updatePartner(SYSTEM, partner.id, {
      trackingUrlTemplate: 'https://network.example/c?sub={click_id}',
    });
    await ctx().app.sauda.modules.catalog.api.changeStatus(SYSTEM, partner.id, 'active');
    await expect
      .poll(async () => String((await go(`/go/${partner.slug}`)).headers.location))
      .toMatch(/^https:\/\/network\.example\/c\?sub=[A-Za-z0-9_-]{30}$/);
  });

  it('redirects HEAD requests and robots straight to the shop without counting them', async () => {
    const partner = await activePartner(ctx());
    const before = await writtenClicks(ctx(), `partner_id = '${partner.id}'`);
    const head = await go(`/go/${partner.slug}`, {}, 'HEAD');
    expect(head.statusCode).toBe(302);
    expect(head.headers.location).toBe(`https://${partner.slug}.kz/`);
    const preview = await go(`/go/${partner.slug}`, { 'user-agent': 'TelegramBot (like TwitterBot)' });
    expect(preview.headers.location).toBe(`https://${partner.slug}.kz/`);
    expect(await writtenClicks(ctx(), `partner_id = '${partner.id}' AND NOT is_bot`)).toBe(before);
    expect(await writtenClicks(ctx(), `partner_id = '${partner.id}' AND is_bot`)).toBe(1);
    const [day] = await ctx().app.sauda.modules.tracking.api.dailyClicks({
      from: '2000-01-01',
      to: '2100-01-01',
      partnerId: partner.id,
      limit: 10,
    });
    expect(day).toMatchObject({ clicks: 0, uniqueClicks: 0, botClicks: 1 });
  });

  it('marks repeated clicks of one visitor as duplicates and aggregates by partner, day, source and user', async () => {
    const partner = await activePartner(ctx());
    await go(`/go/${partner.slug}`, { 'accept-language': 'ru' }, 'GET', '198.51.100.10');
    await go(`/go/${partner.slug}`, { 'accept-language': 'ru' }, 'GET', '198.51.100.99');
    await go(`/go/${partner.slug}?src=app`, { 'accept-language': 'en' }, 'GET', '198.51.100.10');
    expect(await writtenClicks(ctx(), `partner_id = '${partner.id}' AND is_duplicate`)).toBe(1);
    const days = await ctx().app.sauda.modules.tracking.api.dailyClicks({
      from: '2000-01-01',
      to: '2100-01-01',
      partnerId: partner.id,
      limit: 10,
    });
    expect(days.map(({ source, clicks, uniqueClicks }) => ({ source, clicks, uniqueClicks }))).toEqual([
      { source: 'app', clicks: 1, uniqueClicks: 1 },
      { source: 'web', clicks: 2, uniqueClicks: 1 },
    ]);
  });

  it('shows the mobile interstitial that tries the app, then falls back to the web', async () => {
    const partner = await activePartner(ctx(), {
      appLinks: { ios: 'shopapp://open?url={target_url}&sub={click_id}' },
      interstitial: true,
    });
    const page = await go(`/go/${partner.slug}`, { 'user-agent': IPHONE_UA, 'accept-language': 'ru' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Открыть в приложении');
    expect(page.body).toMatch(/href="shopapp:\/\/open\?url=https%3A%2F%2F[^"]+&amp;sub=[A-Za-z0-9_-]{30}"/);
    expect(page.body).toContain('https://ad.admitad.com/g/');
    const nonce = /script-src 'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))?.[1];
    expect(page.body).toContain(`<script nonce="${nonce}">`);
    expect((await go(`/go/${partner.slug}`)).statusCode).toBe(302);
    expect((await go(`/go/${partner.slug}?src=app`, { 'user-agent': IPHONE_UA })).statusCode).toBe(302);
  });
});

describe('redirect response headers', () => {
  it('carries the headers that matter on a redirect and an error, without a document CSP', async () => {
    const partner = await activePartner(ctx());
    const redirect = await go(`/go/${partner.slug}`);
    expect(redirect.headers).toMatchObject({ 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
    expect(redirect.headers['x-request-id']).toMatch(/^req_/);
    // Nothing to sniff, frame, index or label in a bodiless 302, and no rate-limit counts for a browser.
    for (const name of ['content-language', 'x-ratelimit-limit', 'x-robots-tag', 'x-content-type-options'])
      expect(redirect.headers[name]).toBeUndefined();
    expect(redirect.headers['content-security-policy']).toBeUndefined();
    const page = await go('/go/missing-shop', { accept: 'text/html' });
    expect(page.headers).toMatchObject({ 'x-robots-tag': 'noindex', 'x-frame-options': 'DENY' });
    const problem = await go('/go/missing-shop', { accept: 'application/json' });
    expect(problem.headers['x-content-type-options']).toBe('nosniff');
    expect(problem.headers['x-ratelimit-limit']).toBeDefined();
    expect(problem.headers['content-type']).toContain('application/problem+json');
  });
});
