import { describe, expect, it } from 'vitest';
import { useTestApp } from '@sauda/testing';
import { asWeb, type WebClient } from './identity-helpers.ts';
import { activePartner, BROWSER_UA, memberClient, SYSTEM, writtenClicks } from './tracking-helpers.ts';

const ctx = useTestApp();

const createLink = (client: WebClient, payload: unknown, headers: Record<string, string> = {}) =>
  ctx().app.inject({
    method: 'POST',
    url: '/v1/links',
    headers: { ...asWeb(client), ...headers },
    payload: payload as object,
  });

interface Link {
  id: string;
  code: string;
  shortUrl: string;
  partnerId: string;
  targetUrl: string;
  clicks: number;
  uniqueClicks: number;
}

describe('CPA link wrapper', () => {
  it('wraps a partner product URL into a short link owned by the caller; the same URL gives the same link', async () => {
    const partner = await activePartner(ctx());
    const influencer = await memberClient(ctx());
    const url = `https://www.${partner.slug}.kz/product/айфон-16?color=black`;
    const created = await createLink(influencer, { url });
    expect(created.statusCode, created.body).toBe(201);
    const link = created.json<Link>();
    expect(link).toMatchObject({
      partnerId: partner.id,
      clicks: 0,
      uniqueClicks: 0,
      targetUrl: new URL(url).href,
    });
    expect(link.shortUrl).toMatch(/\/l\/[A-Za-z0-9]{8}$/);
    const again = await createLink(influencer, { url });
    expect(again.statusCode).toBe(200);
    expect(again.json<Link>().id).toBe(link.id);
  });

  it('counts clicks and unique clicks per link, attributed to the owner, and lists only the owner’s links', async () => {
    const partner = await activePartner(ctx());
    const owner = await memberClient(ctx());
    const stranger = await memberClient(ctx());
    const link = (await createLink(owner, { url: `https://${partner.slug}.kz/sale` })).json<Link>();
    const follow = (ip: string) =>
      ctx().app.inject({ url: `/l/${link.code}`, headers: { 'user-agent': BROWSER_UA }, remoteAddress: ip });
    const first = await follow('192.0.2.1');
    expect(first.statusCode).toBe(302);
    const location = new URL(String(first.headers.location));
    expect(location.searchParams.get('ulp')).toBe(`https://${partner.slug}.kz/sale`);
    const clickId = location.searchParams.get('subid') ?? '';
    await follow('192.0.2.1');
    await follow('198.51.100.1');
    expect(await ctx().app.sauda.modules.tracking.api.resolveClick(clickId)).toMatchObject({
      via: 'link',
      partnerId: partner.id,
      userId: owner.userId,
    });
    expect(
      await writtenClicks(
        ctx(),
        `link_id = '${link.id}' AND user_id = '${owner.userId}' AND source = 'link'`,
      ),
    ).toBe(3);

    const listed = await ctx().app.inject({ url: '/v1/links', headers: { cookie: owner.cookie } });
    expect(listed.json<{ items: Link[] }>().items).toEqual([
      expect.objectContaining({ id: link.id, clicks: 3, uniqueClicks: 2 }),
    ]);
    const theirs = await ctx().app.inject({ url: '/v1/links', headers: { cookie: stranger.cookie } });
    expect(theirs.json<{ items: Link[] }>().items).toEqual([]);
    for (const request of [
      { method: 'GET' as const, url: `/v1/links/${link.id}`, headers: { cookie: stranger.cookie } },
      { method: 'DELETE' as const, url: `/v1/links/${link.id}`, headers: asWeb(stranger) },
    ]) {
      const response = await ctx().app.inject(request);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'TRACKING_LINK_NOT_FOUND' });
    }
    const disabled = await ctx().app.inject({
      method: 'DELETE',
      url: `/v1/links/${link.id}`,
      headers: asWeb(owner),
    });
    expect(disabled.json<{ disabledAt: string | null }>().disabledAt).not.toBeNull();
    expect((await follow('192.0.2.50')).statusCode).toBe(404);
  });

  it('refuses URLs that are not on an active partner, and bad input of every kind', async () => {
    const partner = await activePartner(ctx());
    const paused = await activePartner(ctx());
    await ctx().app.sauda.modules.catalog.api.changeStatus(SYSTEM, paused.id, 'paused');
    await ctx().app.sauda.modules.tracking.api.reloadRules();
    const client = await memberClient(ctx());
    for (const url of [
      'https://evil.example/',
      `https://${partner.slug}.kz@evil.example/`,
      `javascript:alert(1)//${partner.slug}.kz`,
      `//${partner.slug}.kz/`,
      `https://${paused.slug}.kz/`,
    ]) {
      const response = await createLink(client, { url });
      expect(response.statusCode, url).toBe(422);
      expect(response.json()).toMatchObject({ code: 'TRACKING_LINK_NOT_PARTNER' });
    }
    for (const payload of [
      { url: 42 },
      { url: `https://${partner.slug}.kz/`, owner: 'usr_x' },
      {},
      { url: 'x'.repeat(3000) },
    ]) {
      const response = await createLink(client, payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'PLATFORM_VALIDATION' });
    }
    const huge = await ctx().app.inject({
      method: 'POST',
      url: '/v1/links',
      headers: { ...asWeb(client), 'content-type': 'application/json' },
      payload: JSON.stringify({ url: 'a'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(
      (
        await ctx().app.inject({
          method: 'POST',
          url: '/v1/links',
          payload: { url: `https://${partner.slug}.kz/` },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await createLink(client, { url: `https://${partner.slug}.kz/` }, { 'x-csrf-token': 'forged' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await ctx().app.inject({ url: '/l/zzzzzzzz', headers: { accept: 'application/json' } })).json(),
    ).toMatchObject({
      code: 'TRACKING_LINK_NOT_FOUND',
    });
    expect((await ctx().app.inject({ url: '/l/../../etc' })).statusCode).toBeGreaterThanOrEqual(400);
  });
});
