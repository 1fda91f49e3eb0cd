import { describe, expect, it } from 'vitest';
import { useTestApp } from '@sauda/testing';
import { activePartner, BROWSER_UA, memberClient } from './tracking-helpers.ts';
import { asWeb, type WebClient } from './identity-helpers.ts';

const ctx = useTestApp();

interface MyClickPage {
  items: {
    clickId: string;
    clickedAt: string;
    partner: { id: string; slug: string; name: string };
    source: string;
    duplicate: boolean;
  }[];
  nextCursor: string | null;
}

/** A click on /go as the member's browser or extension makes it, attributed through ctx=. */
async function visit(client: WebClient, slug: string, query = '', userAgent = BROWSER_UA): Promise<string> {
  const { token } = await ctx().app.sauda.modules.tracking.api.issueClickContext(client.userId);
  const response = await ctx().app.inject({
    url: `/go/${slug}?ctx=${encodeURIComponent(token)}${query}`,
    headers: { 'user-agent': userAgent },
    remoteAddress: '203.0.113.9',
  });
  expect(response.statusCode).toBe(302);
  return new URL(String(response.headers.location)).searchParams.get('subid') ?? '';
}

const myClicks = (client: WebClient | undefined, query = '', language = 'en') =>
  ctx().app.inject({
    url: `/v1/me/clicks${query}`,
    headers: { ...(client ? asWeb(client) : {}), 'accept-language': language },
  });

describe('GET /v1/me/clicks', () => {
  it('lists my own clicks, newest first, with partner names in my language, bots left out', async () => {
    const first = await activePartner(ctx());
    const second = await activePartner(ctx());
    const me = await memberClient(ctx());
    const other = await memberClient(ctx());
    const older = await visit(me, first.slug);
    ctx().clock.advance(1000);
    const repeat = await visit(me, first.slug, '&src=web');
    ctx().clock.advance(60_000);
    const newest = await visit(me, second.slug, '&src=ext');
    await visit(me, second.slug, '', 'TelegramBot (like TwitterBot)');
    const theirs = await visit(other, first.slug, '&src=app');
    await ctx().app.sauda.modules.tracking.api.flushClicks();

    const page = (await myClicks(me, '', 'kk')).json<MyClickPage>();
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual([
      {
        clickId: newest,
        clickedAt: ctx().clock.now().toISOString(),
        partner: { id: second.id, slug: second.slug, name: second.name.kk },
        source: 'ext',
        duplicate: false,
      },
      expect.objectContaining({ clickId: repeat, source: 'web', duplicate: true }),
      expect.objectContaining({ clickId: older, source: 'web', duplicate: false }),
    ]);
    expect(
      (await myClicks(me, '', 'ru;q=0.9, en;q=0.5'))
        .json<MyClickPage>()
        .items.map((item) => item.partner.name),
    ).toEqual([second.name.ru, first.name.ru, first.name.ru]);

    const theirPage = (await myClicks(other)).json<MyClickPage>();
    expect(theirPage.items.map((item) => [item.clickId, item.partner.name, item.source])).toEqual([
      [theirs, first.name.en, 'app'],
    ]);
  });

  it('pages with a cursor, also through clicks of the same instant', async () => {
    const partner = await activePartner(ctx());
    const me = await memberClient(ctx());
    const made: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      made.push(await visit(me, partner.slug));
      // Two pairs share their instant: the click id breaks the tie.
      if (index % 2 === 1) ctx().clock.advance(61_000);
    }
    await ctx().app.sauda.modules.tracking.api.flushClicks();
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const response = await myClicks(me, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode, response.body).toBe(200);
      const page: MyClickPage = response.json<MyClickPage>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.clickId));
      cursor = page.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    expect(new Set(seen)).toEqual(new Set(made));
    const times = (await myClicks(me)).json<MyClickPage>().items.map((item) => item.clickedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect((await myClicks(me)).json<MyClickPage>().items.map((item) => item.clickId)).toEqual(seen);
  });

  it('refuses a damaged cursor or limit with a localized problem, and answers 401 without a session', async () => {
    const me = await memberClient(ctx());
    const damaged = Buffer.from('yesterday|x').toString('base64url');
    for (const [query, code] of [
      [`?cursor=${damaged}`, 'TRACKING_INVALID_CURSOR'],
      ['?cursor=%7B%7D', 'TRACKING_INVALID_CURSOR'],
      ['?limit=0', 'PLATFORM_VALIDATION'],
      ['?limit=101', 'PLATFORM_VALIDATION'],
      ['?limit=ten', 'PLATFORM_VALIDATION'],
    ] as const) {
      const response = await myClicks(me, query, 'kk');
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json(), query).toMatchObject({ code });
    }
    expect((await myClicks(me, `?cursor=${damaged}`, 'kk')).json()).toMatchObject({
      title: 'Бет курсоры бүлінген',
    });
    expect((await myClicks(me, `?cursor=${damaged}`, 'ru')).json()).toMatchObject({
      title: 'Курсор страницы повреждён',
    });
    const anonymous = await myClicks(undefined);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'PLATFORM_UNAUTHENTICATED' });
  });

  it('is described in the OpenAPI document, with the delay of the click buffer', async () => {
    const document = (await ctx().app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { summary: string; description: string; parameters: unknown[] }>>;
    }>();
    const operation = document.paths['/v1/me/clicks']?.get;
    expect(operation?.summary).toMatch(/newest first/);
    expect(operation?.description).toMatch(/appears after the next write/);
    expect(operation?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'cursor', in: 'query' }),
        expect.objectContaining({ name: 'limit', in: 'query' }),
      ]),
    );
  });
});
