import { describe, expect, it } from 'vitest';
import { drawLogo } from '@sauda/catalog';
import { useTestApp } from '@sauda/testing';
import { asWeb } from './identity-helpers.ts';
import { memberClient, partnerInput, staffClient, SYSTEM } from './tracking-helpers.ts';

const ctx = useTestApp();

describe('catalog API', () => {
  it('lets partner managers create, update, pause and archive partners, audited; members are refused', async () => {
    const manager = await staffClient(ctx(), 'partner_manager');
    const member = await memberClient(ctx());
    const body = { ...partnerInput(), status: 'active' };
    const refused = await ctx().app.inject({
      method: 'POST',
      url: '/v1/admin/catalog/partners',
      headers: asWeb(member),
      payload: body,
    });
    expect(refused.statusCode).toBe(403);

    const created = await ctx().app.inject({
      method: 'POST',
      url: '/v1/admin/catalog/partners',
      headers: asWeb(manager),
      payload: body,
    });
    expect(created.statusCode, created.body).toBe(201);
    const partner = created.json<{ id: string; slug: string; number: number }>();
    const patched = await ctx().app.inject({
      method: 'PATCH',
      url: `/v1/admin/catalog/partners/${partner.id}`,
      headers: asWeb(manager),
      payload: {
        reward: { kind: 'percent', rate: '7.25', currency: 'KZT', userShare: '0.8', cap: null, holdDays: 45 },
      },
    });
    expect(patched.json()).toMatchObject({ reward: { rate: '7.25', userRate: '5.8' } });
    for (const status of ['paused', 'archived'])
      expect(
        (
          await ctx().app.inject({
            method: 'POST',
            url: `/v1/admin/catalog/partners/${partner.id}/status`,
            headers: asWeb(manager),
            payload: { status },
          })
        ).json(),
      ).toMatchObject({ status });
    const history = await ctx().app.inject({
      url: `/v1/admin/catalog/partners/${partner.id}/rate-history`,
      headers: { cookie: manager.cookie },
    });
    expect(history.json<{ items: unknown[] }>().items).toHaveLength(2);
    const audited = await ctx().app.sauda.modules.audit.api.list({ entityId: partner.id, limit: 10 });
    expect(audited.map((entry) => [entry.action, entry.actor])).toEqual([
      ['catalog.partner-status-changed', manager.userId],
      ['catalog.partner-status-changed', manager.userId],
      ['catalog.partner-updated', manager.userId],
      ['catalog.partner-created', manager.userId],
    ]);
  });

  it('rejects bad staff input: wrong types, unknown fields, huge payloads, missing CSRF', async () => {
    const manager = await staffClient(ctx(), 'partner_manager');
    const post = (payload: unknown, headers = asWeb(manager)) =>
      ctx().app.inject({
        method: 'POST',
        url: '/v1/admin/catalog/partners',
        headers,
        payload: payload as object,
      });
    expect((await post({ ...partnerInput(), sortWeight: '5' })).json()).toMatchObject({
      code: 'PLATFORM_VALIDATION',
    });
    expect((await post({ ...partnerInput(), hacker: true })).json()).toMatchObject({
      code: 'PLATFORM_VALIDATION',
    });
    expect((await post({ ...partnerInput(), name: { ru: 'x', kk: 'x' } })).json()).toMatchObject({
      code: 'PLATFORM_VALIDATION',
    });
    expect(
      (
        await post({
          ...partnerInput(),
          domains: Array.from({ length: 50 }, (_, i) => ({ domain: `d${i}.kz`, includeSubdomains: true })),
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await post({ ...partnerInput(), description: { ru: 'x'.repeat(20_000), kk: '', en: '' } })).statusCode,
    ).toBe(400);
    expect(
      (
        await post({ ...partnerInput(), trackingUrlTemplate: 'https://network.example/no-placeholder' })
      ).json(),
    ).toMatchObject({
      code: 'CATALOG_INVALID_PARTNER',
      errors: [{ path: '/trackingUrlTemplate' }],
    });
    expect((await post(partnerInput(), { cookie: manager.cookie })).json()).toMatchObject({
      code: 'IDENTITY_CSRF_TOKEN_INVALID',
    });
    const patch = await ctx().app.inject({
      method: 'PATCH',
      url: '/v1/admin/catalog/partners/ptn_01jzzzzzzzzzzzzzzzzzzzzzzz',
      headers: asWeb(manager),
      payload: {},
    });
    expect(patch.statusCode).toBe(400);
  });

  it('uploads a logo as the raw image, re-encoded; refuses other types and oversize bodies', async () => {
    const manager = await staffClient(ctx(), 'partner_manager');
    const partner = await ctx().app.sauda.modules.catalog.api.createPartner(SYSTEM, partnerInput());
    const upload = (body: Buffer, type: string) =>
      ctx().app.inject({
        method: 'PUT',
        url: `/v1/admin/catalog/partners/${partner.id}/logo`,
        headers: { ...asWeb(manager), 'content-type': type },
        payload: body,
      });
    const uploaded = await upload(await drawLogo('Test Shop', '#0b63c5'), 'image/png');
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const logoUrl = uploaded.json<{ logoUrl: string }>().logoUrl;
    const served = await ctx().app.inject({ url: new URL(logoUrl).pathname });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toContain('immutable');
    expect(served.rawPayload.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');

    expect((await upload(Buffer.from('<svg/>'), 'image/svg+xml')).statusCode).toBe(415);
    expect((await upload(Buffer.from('GIF89a....'), 'image/png')).json()).toMatchObject({
      code: 'CATALOG_INVALID_LOGO',
    });
    expect((await upload(Buffer.alloc(3 * 1024 * 1024, 1), 'image/png')).statusCode).toBe(413);
  });

  it('serves the public list with search, filters, cursor pages, ETag and 304', async () => {
    const catalog = ctx().app.sauda.modules.catalog.api;
    await catalog.createCategory(SYSTEM, {
      slug: 'travel',
      name: { ru: 'Путешествия', kk: 'Саяхат', en: 'Travel' },
      icon: 'plane',
      position: 3,
    });
    await catalog.createPartner(SYSTEM, {
      ...partnerInput({
        slug: 'aspan-travel',
        name: { ru: 'Аспан Тревел', kk: 'Аспан Тревел', en: 'Aspan Travel' },
        categories: ['travel'],
      }),
      status: 'active',
    });
    await catalog.createPartner(SYSTEM, {
      ...partnerInput({
        slug: 'hidden-draft',
        name: { ru: 'Аспан Черновик', kk: 'Аспан', en: 'Aspan Draft' },
      }),
    });
    const list = await ctx().app.inject({ url: '/v1/catalog/partners?q=aspan&category=travel' });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { slug: string }[] }>().items.map((item) => item.slug)).toEqual([
      'aspan-travel',
    ]);
    expect(list.json<{ items: object[] }>().items[0]).not.toHaveProperty('trackingUrlTemplate');
    expect(list.headers['cache-control']).toBe('public, max-age=60');
    const etag = String(list.headers.etag);
    expect(
      (
        await ctx().app.inject({
          url: '/v1/catalog/partners?q=aspan&category=travel',
          headers: { 'if-none-match': etag },
        })
      ).statusCode,
    ).toBe(304);
    expect(
      (await ctx().app.inject({ url: '/v1/catalog/partners?q=АСПАН' }))
        .json<{ items: { slug: string }[] }>()
        .items.map((i) => i.slug),
    ).toEqual(['aspan-travel']);
    expect((await ctx().app.inject({ url: '/v1/catalog/partners/hidden-draft' })).statusCode).toBe(404);
    expect((await ctx().app.inject({ url: '/v1/catalog/partners/aspan-travel' })).json()).toMatchObject({
      categories: ['travel'],
    });
    expect((await ctx().app.inject({ url: '/v1/catalog/partners?limit=500' })).statusCode).toBe(400);
    expect((await ctx().app.inject({ url: '/v1/catalog/partners?sort=random' })).statusCode).toBe(400);
    expect((await ctx().app.inject({ url: '/v1/catalog/partners?cursor=%7B%7D' })).json()).toMatchObject({
      code: 'CATALOG_INVALID_CURSOR',
    });
    expect(
      (await ctx().app.inject({ url: '/v1/catalog/categories' }))
        .json<{ items: { slug: string }[] }>()
        .items.map((c) => c.slug),
    ).toContain('travel');
  });

  it('gives the extension a versioned sync feed that answers 304 until the catalog changes', async () => {
    const first = await ctx().app.inject({ url: '/v1/catalog/sync' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"v\d+"$/);
    expect(
      (await ctx().app.inject({ url: '/v1/catalog/sync', headers: { 'if-none-match': etag } })).statusCode,
    ).toBe(304);
    const partner = await ctx().app.sauda.modules.catalog.api.createPartner(SYSTEM, {
      ...partnerInput(),
      status: 'active',
    });
    const changed = await ctx().app.inject({ url: '/v1/catalog/sync', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(
      changed.json<{ partners: { slug: string; domains: unknown; reward: unknown; status: string }[] }>()
        .partners,
    ).toContainEqual({
      id: partner.id,
      slug: partner.slug,
      status: 'active',
      domains: [{ domain: `${partner.slug}.kz`, includeSubdomains: true }],
      reward: { kind: 'percent', userRate: '3.5', currency: 'KZT' },
      goUrl: partner.goUrl,
    });
  });
});
