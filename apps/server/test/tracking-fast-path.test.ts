import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, useTestApp, type TestDatabase } from '@sauda/testing';
import { buildApp, type SaudaApp } from '../src/app.ts';
import { asWeb } from './identity-helpers.ts';
import {
  activePartner,
  BROWSER_UA,
  IPHONE_UA,
  memberClient,
  partnerInput,
  SYSTEM,
  writtenClicks,
} from './tracking-helpers.ts';

/**
 * The redirect fast path (ADR 0006) answers plain /go and /l redirects on the listening server,
 * before Fastify; `inject` never reaches it, so these scenarios talk HTTP to a real port and
 * compare with what the Fastify routes answer to `inject`.
 */

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

function send(
  base: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      new URL(path, base),
      { method, headers: { 'user-agent': BROWSER_UA, ...headers } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

let ipCounter = 0;
/** A fresh client address, so one scenario's requests never meet another's rate limit window. */
const nextIp = (): string => {
  ipCounter += 1;
  return `198.18.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
};

const subIdOf = (location: unknown): string => new URL(String(location)).searchParams.get('subid') ?? '';
/** Header names a response carries, without those only a socket adds. */
const headerNames = (headers: IncomingHttpHeaders | Record<string, unknown>): string[] =>
  Object.keys(headers)
    .filter((name) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name))
    .sort();

/** Notes the /go and /l requests that reach Fastify; one the fast path answered never does. */
function watchFastify(app: SaudaApp, seen: string[]): void {
  app.addHook('onRequest', async (request) => {
    if (/^\/(go|l)\//.test(request.url)) seen.push(request.url);
  });
}

describe('redirect fast path', () => {
  const reachedFastify: string[] = [];
  const ctx = useTestApp({
    env: { TRUST_PROXY: 'true' },
    configure: (app) => {
      watchFastify(app, reachedFastify);
    },
  });
  let base = '';
  beforeAll(async () => {
    base = await ctx().app.listen({ host: '127.0.0.1', port: 0 });
  });
  /** A request through the real port from a fresh address (behind the trusted proxy). */
  const visit = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    send(base, path, { 'x-forwarded-for': nextIp(), ...headers }, method);
  const viaFastify = (
    path: string,
    headers: Record<string, string> = {},
    method: 'GET' | 'HEAD' | 'POST' = 'GET',
  ) =>
    ctx().app.inject({
      method,
      url: path,
      headers: { 'user-agent': BROWSER_UA, ...headers },
      remoteAddress: nextIp(),
    });

  it('answers a plain redirect itself, with the route’s headers and the same click', async () => {
    const partner = await activePartner(ctx());
    const member = await memberClient(ctx());
    const { token } = await ctx().app.sauda.modules.tracking.api.issueClickContext(member.userId);
    const path = `/go/${partner.slug}?src=ext`;
    const response = await visit(path, {
      'x-forwarded-for': '203.0.113.77, 10.0.0.1',
      'x-request-id': 'lb-7.abc',
      'accept-language': 'kk',
      referer: 'https://sauda.kz/catalog',
      cookie: `theme=dark; sauda_click=${token}`,
    });
    expect(reachedFastify).not.toContain(path);
    expect(response.status).toBe(302);
    expect(response.headers).toMatchObject({
      'x-request-id': 'lb-7.abc',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'content-length': '0',
    });
    for (const name of ['content-language', 'x-ratelimit-remaining', 'x-robots-tag', 'x-frame-options'])
      expect(response.headers[name]).toBeUndefined();
    expect(response.headers['content-security-policy']).toBeUndefined();
    const location = new URL(String(response.headers.location));
    expect(location.origin + location.pathname).toBe(`https://ad.admitad.com/g/${partner.slug}/`);
    expect(location.searchParams.get('ulp')).toBe(`https://${partner.slug}.kz/`);
    const routed = await viaFastify(path, { 'accept-language': 'kk' });
    expect(routed.statusCode).toBe(302);
    expect(headerNames(response.headers)).toEqual(headerNames(routed.headers));

    const clickId = subIdOf(response.headers.location);
    expect(await writtenClicks(ctx(), `click_id = '${clickId}'`)).toBe(1);
    const { rows } = await ctx().database.pool.query(
      `SELECT partner_id, user_id, source, target_url, ip_prefix, is_bot, is_duplicate, referrer, user_agent
       FROM tracking.clicks WHERE click_id = $1`,
      [clickId],
    );
    expect(rows[0]).toEqual({
      partner_id: partner.id,
      user_id: member.userId,
      source: 'ext',
      target_url: `https://${partner.slug}.kz/`,
      ip_prefix: '203.0.113.0',
      is_bot: false,
      is_duplicate: false,
      referrer: 'https://sauda.kz/catalog',
      user_agent: BROWSER_UA,
    });
    expect(await ctx().app.sauda.modules.tracking.api.resolveClick(clickId)).toMatchObject({
      partnerId: partner.id,
      userId: member.userId,
    });
    const fresh = await visit(`/go/${partner.slug}`);
    expect(fresh.headers['x-request-id']).toMatch(/^req_/);
  });

  it('follows a deep target and takes ctx= over the cookie, as the route does', async () => {
    const partner = await activePartner(ctx());
    const member = await memberClient(ctx());
    const { token } = await ctx().app.sauda.modules.tracking.api.issueClickContext(member.userId);
    const target = `https://m.${partner.slug}.kz/каталог/смартфоны?q=айфон`;
    const path = `/go/${partner.slug}?to=${encodeURIComponent(target)}&ctx=`;
    const response = await visit(path, { cookie: `sauda_click=${token}` });
    expect(reachedFastify).not.toContain(path);
    expect(new URL(String(response.headers.location)).searchParams.get('ulp')).toBe(new URL(target).href);
    const clickId = subIdOf(response.headers.location);
    expect(await writtenClicks(ctx(), `click_id = '${clickId}' AND user_id IS NULL`)).toBe(1);
  });

  it('leaves every other answer to the routes, unchanged, and counts each click once', async () => {
    const partner = await activePartner(ctx());
    const paused = await activePartner(ctx());
    await ctx().app.sauda.modules.catalog.api.changeStatus(SYSTEM, paused.id, 'paused');
    const mobile = await activePartner(ctx(), {
      appLinks: { ios: 'shopapp://open?url={target_url}&sub={click_id}' },
      interstitial: true,
    });
    await ctx().app.sauda.modules.tracking.api.reloadRules();
    const cases: [string, string, Record<string, string>, string?][] = [
      ['unknown partner, API', '/go/no-such-shop', { accept: 'application/json' }],
      ['unknown partner, browser', '/go/no-such-shop', { accept: 'text/html', 'accept-language': 'kk' }],
      ['paused partner', `/go/${paused.slug}`, { accept: 'application/json' }],
      ['rejected target', `/go/${partner.slug}?to=${encodeURIComponent('https://evil.example/')}`, {}],
      ['invalid slug', '/go/Bad_Slug!', {}],
      ['invalid source', `/go/${partner.slug}?src=tv`, { accept: 'application/json' }],
      [
        'repeated target',
        `/go/${partner.slug}?to=https://${partner.slug}.kz/&to=https://${partner.slug}.kz/`,
        {},
      ],
      ['unknown link', '/l/Zz99Zz99', { accept: 'application/json' }],
      ['another method', `/go/${partner.slug}`, { accept: 'application/json' }, 'POST'],
    ];
    for (const [name, path, headers, method = 'GET'] of cases) {
      const served = await visit(path, headers, method);
      const routed = await viaFastify(path, headers, method as 'GET' | 'POST');
      expect(reachedFastify, name).toContain(path);
      expect(served.status, name).toBe(routed.statusCode);
      expect(served.headers['content-type'], name).toBe(routed.headers['content-type']);
      expect(headerNames(served.headers), name).toEqual(headerNames(routed.headers));
      if (String(routed.headers['content-type']).includes('json'))
        expect(JSON.parse(served.body), name).toMatchObject({ code: routed.json<{ code: string }>().code });
      else expect(served.body.slice(0, 200), name).toBe(routed.body.slice(0, 200));
    }
    expect(await writtenClicks(ctx(), `partner_id IN ('${partner.id}', '${paused.id}')`)).toBe(0);

    // The interstitial and a cross-origin request are served by the route: one click each.
    const page = await visit(`/go/${mobile.slug}`, { 'user-agent': IPHONE_UA });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Открыть в приложении');
    const scripted = await visit(`/go/${partner.slug}`, { origin: 'https://sauda.kz' });
    expect(scripted.status).toBe(302);
    expect(reachedFastify).toEqual(expect.arrayContaining([`/go/${mobile.slug}`, `/go/${partner.slug}`]));
    expect(await writtenClicks(ctx(), `partner_id = '${mobile.id}'`)).toBe(1);
    expect(await writtenClicks(ctx(), `partner_id = '${partner.id}'`)).toBe(1);
  });

  it('serves a warm link itself and leaves a cold one to the route, recording each click once', async () => {
    const partner = await activePartner(ctx());
    const owner = await memberClient(ctx());
    const created = await ctx().app.inject({
      method: 'POST',
      url: '/v1/links',
      headers: asWeb(owner),
      payload: { url: `https://${partner.slug}.kz/sale` },
    });
    const { id, code } = created.json<{ id: string; code: string }>();
    const path = `/l/${code}`;
    const cold = await visit(path);
    expect(reachedFastify.filter((url) => url === path)).toHaveLength(1);
    const warm = await visit(`${path}?utm_source=telegram`);
    expect(reachedFastify).not.toContain(`${path}?utm_source=telegram`);
    for (const response of [cold, warm]) {
      expect(response.status).toBe(302);
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(new URL(String(response.headers.location)).searchParams.get('ulp')).toBe(
        `https://${partner.slug}.kz/sale`,
      );
    }
    expect(
      await writtenClicks(ctx(), `link_id = '${id}' AND user_id = '${owner.userId}' AND source = 'link'`),
    ).toBe(2);
    await ctx().app.inject({ method: 'DELETE', url: `/v1/links/${id}`, headers: asWeb(owner) });
    const disabled = await visit(path, { accept: 'application/json' });
    expect(disabled.status).toBe(404);
    expect(JSON.parse(disabled.body)).toMatchObject({ code: 'TRACKING_LINK_NOT_FOUND' });
    expect(await writtenClicks(ctx(), `link_id = '${id}'`)).toBe(2);
  });

  it('redirects HEAD requests and robots straight to the shop without counting them', async () => {
    const partner = await activePartner(ctx());
    const head = await visit(`/go/${partner.slug}`, {}, 'HEAD');
    expect(head.status).toBe(302);
    expect(head.headers.location).toBe(`https://${partner.slug}.kz/`);
    expect(head.headers['cache-control']).toBe('no-store');
    const preview = await visit(`/go/${partner.slug}`, { 'user-agent': 'TelegramBot (like TwitterBot)' });
    expect(preview.headers.location).toBe(`https://${partner.slug}.kz/`);
    expect(reachedFastify).not.toContain(`/go/${partner.slug}`);
    expect(await writtenClicks(ctx(), `partner_id = '${partner.id}' AND NOT is_bot`)).toBe(0);
    expect(await writtenClicks(ctx(), `partner_id = '${partner.id}' AND is_bot`)).toBe(1);
    const [day] = await ctx().app.sauda.modules.tracking.api.dailyClicks({
      from: '2000-01-01',
      to: '2100-01-01',
      partnerId: partner.id,
      limit: 10,
    });
    expect(day).toMatchObject({ clicks: 0, uniqueClicks: 0, botClicks: 1 });
  });

  it('marks a repeat of one visitor as a duplicate, sharing the window with the route', async () => {
    const partner = await activePartner(ctx());
    const visitor = { 'x-forwarded-for': '192.0.2.10', 'accept-language': 'ru' };
    await visit(`/go/${partner.slug}?src=web`, visitor);
    await ctx().app.inject({
      url: `/go/${partner.slug}`,
      headers: { 'user-agent': BROWSER_UA, ...visitor },
      remoteAddress: '10.9.9.9',
    });
    await visit(`/go/${partner.slug}?src=web`, visitor);
    expect(reachedFastify).not.toContain(`/go/${partner.slug}?src=web`);
    expect(await writtenClicks(ctx(), `partner_id = '${partner.id}' AND is_duplicate`)).toBe(2);
    expect(await writtenClicks(ctx(), `partner_id = '${partner.id}' AND NOT is_duplicate`)).toBe(1);
  });

  it('records its answers in the server’s latency histogram, under the route’s labels', async () => {
    const partner = await activePartner(ctx());
    await visit(`/go/${partner.slug}`);
    await visit(`/go/${partner.slug}`, {}, 'HEAD');
    expect(reachedFastify).not.toContain(`/go/${partner.slug}`);
    const metrics = (await send(base, '/metrics')).body;
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/go\/:partnerSlug",status="302"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="HEAD",route="\/go\/:partnerSlug",status="302"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/l\/:code",status="302"\} [1-9]/,
    );
  });
});

describe('redirect fast path rate limit', () => {
  const reachedFastify: string[] = [];
  const ctx = useTestApp({
    env: { RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'true' },
    configure: (app) => {
      watchFastify(app, reachedFastify);
    },
  });
  let base = '';
  beforeAll(async () => {
    base = await ctx().app.listen({ host: '127.0.0.1', port: 0 });
  });

  it('limits each address to RATE_LIMIT_PER_MINUTE, answering 429 problem+json and recording nothing', async () => {
    const partner = await activePartner(ctx());
    const from = (ip: string, headers: Record<string, string> = {}) =>
      send(base, `/go/${partner.slug}`, { 'x-forwarded-for': ip, ...headers });
    const allowed = [await from('203.0.113.1'), await from('203.0.113.1'), await from('203.0.113.1')];
    expect(allowed.map((response) => response.status)).toEqual([302, 302, 302]);
    // A plain redirect carries no rate-limit headers; the refusal does.
    expect(allowed.map((response) => response.headers['x-ratelimit-remaining'])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const limited = await from('203.0.113.1', { 'accept-language': 'en', 'x-request-id': 'lb-429' });
    expect(limited.status).toBe(429);
    expect(limited.headers).toMatchObject({
      'content-type': 'application/problem+json; charset=utf-8',
      'content-language': 'en',
      'x-request-id': 'lb-429',
      'x-ratelimit-limit': '3',
      'x-ratelimit-remaining': '0',
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers.location).toBeUndefined();
    expect(JSON.parse(limited.body)).toEqual({
      type: 'urn:sauda:error:PLATFORM_RATE_LIMITED',
      title: `Too many requests, retry in ${limited.headers['retry-after']} s`,
      status: 429,
      code: 'PLATFORM_RATE_LIMITED',
      instance: `/go/${partner.slug}`,
      requestId: 'lb-429',
    });
    // Another address, and the same one behind another proxy hop, are counted on their own.
    expect((await from('203.0.113.2')).status).toBe(302);
    expect((await from('198.51.100.7, 203.0.113.1')).status).toBe(302);
    expect(reachedFastify).toEqual([]);
    expect(await writtenClicks(ctx(), `partner_id = '${partner.id}'`)).toBe(5);
    const metrics = (await send(base, '/metrics')).body;
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/go\/:partnerSlug",status="429"\} 1/,
    );
  });
});

describe('redirect fast path at shutdown', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('writes every click it buffered when the app closes, and trusts no X-Forwarded-For by default', async () => {
    const app = await buildApp(testConfig(database.url), { database, startJobs: false });
    const reachedFastify: string[] = [];
    watchFastify(app, reachedFastify);
    const partner = await app.sauda.modules.catalog.api.createPartner(SYSTEM, {
      ...partnerInput(),
      status: 'active',
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        send(base, `/go/${partner.slug}`, { 'x-forwarded-for': `192.0.2.${index}` }),
      ),
    );
    expect(responses.every((response) => response.status === 302)).toBe(true);
    expect(reachedFastify).toEqual([]);
    expect(app.sauda.modules.tracking.api.pendingClicks).toBeGreaterThan(0);
    await app.close();
    const { rows } = await database.pool.query<{ count: string; prefixes: string[] }>(
      'SELECT count(*), array_agg(DISTINCT ip_prefix) AS prefixes FROM tracking.clicks WHERE partner_id = $1',
      [partner.id],
    );
    expect(rows[0]).toEqual({ count: '40', prefixes: ['127.0.0.0'] });
  });
});
