import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { AppError, deliverPendingEvents, ManualClock, PlatformErrors, Type } from '@sauda/platform';
import { useTestApp } from '@sauda/testing';
import { defineTemplate } from './index.ts';

const OrderShipped = defineTemplate({
  key: 'test.order-shipped',
  variables: Type.Object({ order: Type.String() }),
  content: {
    in_app: {
      title: { ru: 'Заказ отправлен', kk: 'Тапсырыс жіберілді', en: 'Order shipped' },
      body: { ru: 'Заказ {order} в пути', kk: '{order} тапсырысы жолда', en: 'Order {order} is on its way' },
    },
  },
});

/** Stands in for identity's authentication: the test names the user in a header. */
async function requireTestUser(request: FastifyRequest): Promise<void> {
  const userId = request.headers['x-test-user'];
  if (typeof userId !== 'string') throw new AppError(PlatformErrors.PLATFORM_UNAUTHENTICATED);
  Object.assign(request, { user: { id: userId } });
}

const clock = new ManualClock('2026-02-01T08:00:00Z');

const ctx = useTestApp({
  clock,
  async configure(app) {
    // The app already serves these routes behind identity; a second copy under /test uses the header user.
    await app.register(app.sauda.modules.notifications.notificationRoutes({ requireUser: requireTestUser }), {
      prefix: '/test',
    });
  },
});

const ALICE = 'usr_alice';
const BOB = 'usr_bob';

interface Item {
  id: string;
  title: string;
  body: string;
  readAt: string | null;
}

async function notify(userId: string, order: string): Promise<void> {
  const { app, database } = ctx();
  const { notifications } = app.sauda.modules;
  await notifications.api.send(database.db, {
    to: { userId },
    template: OrderShipped,
    variables: { order },
    locale: 'en',
    category: 'account',
  });
  await deliverPendingEvents(database.db, notifications.handlers ?? []);
}

const as = (userId: string | undefined, locale = 'en') => ({
  ...(userId ? { 'x-test-user': userId } : {}),
  'accept-language': locale,
});

describe('in-app notification routes', () => {
  it('lists my notifications newest first, pages, counts unread and marks them read', async () => {
    const { app } = ctx();
    for (const order of ['A-1', 'A-2', 'A-3']) await notify(ALICE, order);
    await notify(BOB, 'B-1');

    const first = await app.inject({ url: '/test/v1/me/notifications?limit=2', headers: as(ALICE) });
    expect(first.statusCode).toBe(200);
    const page = first.json<{ items: Item[]; nextBefore: string | null }>();
    expect(page.items.map((item) => item.body)).toEqual([
      'Order A-3 is on its way',
      'Order A-2 is on its way',
    ]);
    expect(page.nextBefore).toBe(page.items[1]?.id);
    const second = await app.inject({
      url: `/test/v1/me/notifications?limit=2&before=${page.nextBefore ?? ''}`,
      headers: as(ALICE),
    });
    expect(second.json<{ items: Item[]; nextBefore: null }>()).toMatchObject({
      items: [{ body: 'Order A-1 is on its way', readAt: null }],
      nextBefore: null,
    });

    const unread = () =>
      app
        .inject({ url: '/test/v1/me/notifications/unread-count', headers: as(ALICE) })
        .then((response) => response.json<{ unread: number }>().unread);
    expect(await unread()).toBe(3);

    const target = page.items[0]?.id ?? '';
    const read = await app.inject({
      method: 'POST',
      url: `/test/v1/me/notifications/${target}/read`,
      headers: as(ALICE),
    });
    expect(read.statusCode).toBe(200);
    expect(read.json<Item>()).toMatchObject({ id: target, readAt: clock.now().toISOString() });
    const firstReadAt = read.json<Item>().readAt;
    clock.advance(60_000);
    const again = await app.inject({
      method: 'POST',
      url: `/test/v1/me/notifications/${target}/read`,
      headers: as(ALICE),
    });
    expect(again.json<Item>().readAt).toBe(firstReadAt);
    expect(await unread()).toBe(2);

    const onlyUnread = await app.inject({ url: '/test/v1/me/notifications?unread=true', headers: as(ALICE) });
    expect(onlyUnread.json<{ items: Item[] }>().items.map((item) => item.body)).toEqual([
      'Order A-2 is on its way',
      'Order A-1 is on its way',
    ]);

    const all = await app.inject({
      method: 'POST',
      url: '/test/v1/me/notifications/read-all',
      headers: as(ALICE),
    });
    expect(all.json()).toEqual({ updated: 2 });
    expect(await unread()).toBe(0);
  });

  it("never shows or changes another user's notifications", async () => {
    const { app } = ctx();
    await notify(BOB, 'B-2');
    const bobs = (await app.inject({ url: '/test/v1/me/notifications', headers: as(BOB) })).json<{
      items: Item[];
    }>();
    const bobsId = bobs.items[0]?.id ?? '';
    const alices = (await app.inject({ url: '/test/v1/me/notifications', headers: as(ALICE) })).json<{
      items: Item[];
    }>();
    expect(alices.items.some((item) => item.id === bobsId || item.body.includes('B-'))).toBe(false);

    const stolen = await app.inject({
      method: 'POST',
      url: `/test/v1/me/notifications/${bobsId}/read`,
      headers: as(ALICE, 'kk'),
    });
    expect(stolen.statusCode).toBe(404);
    expect(stolen.headers['content-type']).toContain('application/problem+json');
    expect(stolen.json()).toMatchObject({ code: 'NOTIFICATIONS_NOT_FOUND', title: 'Хабарлама табылмады' });
    await app.inject({ method: 'POST', url: '/test/v1/me/notifications/read-all', headers: as(ALICE) });
    const bobsUnread = await app.inject({ url: '/test/v1/me/notifications/unread-count', headers: as(BOB) });
    expect(bobsUnread.json()).toEqual({ unread: 2 });
  });

  it('documents its routes in a valid OpenAPI document', async () => {
    const document = (await ctx().app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/test/v1/me/notifications',
        '/test/v1/me/notifications/unread-count',
        '/test/v1/me/notifications/{id}/read',
        '/test/v1/me/notifications/read-all',
        '/test/v1/me/notifications/preferences',
      ]),
    );
    expect(Object.keys(document.paths)).not.toContain('/dev/mailbox');
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('requires a signed-in user', async () => {
    const response = await ctx().app.inject({
      url: '/test/v1/me/notifications',
      headers: as(undefined, 'ru'),
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      code: 'PLATFORM_UNAUTHENTICATED',
      title: 'Требуется вход в систему',
    });
  });

  it('answers bad input with localized problem details', async () => {
    const { app } = ctx();
    const badLimit = await app.inject({ url: '/test/v1/me/notifications?limit=0', headers: as(ALICE, 'ru') });
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.headers['content-type']).toContain('application/problem+json');
    expect(badLimit.json()).toMatchObject({
      code: 'PLATFORM_VALIDATION',
      title: 'Запрос заполнен неверно',
      errors: [{ path: 'querystring/limit', message: 'Не меньше 1' }],
    });
    const badId = await app.inject({
      method: 'POST',
      url: '/test/v1/me/notifications/not-an-id/read',
      headers: as(ALICE, 'en'),
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json()).toMatchObject({ code: 'PLATFORM_VALIDATION', errors: [{ path: 'params/id' }] });
    const unknownId = await app.inject({
      method: 'POST',
      url: '/test/v1/me/notifications/ntf_01jq7k5xw1f3v8q2m9c4h6t0ra/read',
      headers: as(ALICE, 'en'),
    });
    expect(unknownId.json()).toMatchObject({ status: 404, title: 'Notification not found' });
  });
});

describe('notification preference routes', () => {
  const patch = (userId: string, body: unknown, locale = 'en') =>
    ctx().app.inject({
      method: 'PATCH',
      url: '/test/v1/me/notifications/preferences',
      headers: as(userId, locale),
      payload: body as Record<string, unknown>,
    });

  it('shows every category and channel with defaults, and saves changes', async () => {
    const { app } = ctx();
    const initial = await app.inject({
      url: '/test/v1/me/notifications/preferences',
      headers: as('usr_carol'),
    });
    const preferences = initial.json<{
      preferences: { category: string; channel: string; enabled: boolean; locked: boolean }[];
    }>().preferences;
    expect(preferences).toHaveLength(16);
    expect(preferences.filter((p) => p.locked).map((p) => p.category)).toEqual([
      'security',
      'security',
      'security',
      'security',
    ]);
    expect(preferences.filter((p) => !p.enabled).map((p) => `${p.category}/${p.channel}`)).toEqual([
      'marketing/email',
      'marketing/sms',
      'marketing/in_app',
      'marketing/whatsapp',
    ]);

    const updated = await patch('usr_carol', {
      preferences: [
        { category: 'marketing', channel: 'email', enabled: true },
        { category: 'account', channel: 'sms', enabled: false },
        { category: 'security', channel: 'sms', enabled: true },
      ],
    });
    expect(updated.statusCode).toBe(200);
    const after = updated.json<{ preferences: { category: string; channel: string; enabled: boolean }[] }>()
      .preferences;
    expect(after.filter((p) => !p.enabled).map((p) => `${p.category}/${p.channel}`)).toEqual([
      'account/sms',
      'marketing/sms',
      'marketing/in_app',
      'marketing/whatsapp',
    ]);
    const others = await app.inject({
      url: '/test/v1/me/notifications/preferences',
      headers: as('usr_dave'),
    });
    expect(
      others.json<{ preferences: { enabled: boolean }[] }>().preferences.filter((p) => !p.enabled),
    ).toHaveLength(4);
  });

  it('refuses to turn security off, in the language of the request', async () => {
    const body = { preferences: [{ category: 'security', channel: 'email', enabled: false }] };
    const titles: Record<string, string> = {
      ru: 'Уведомления безопасности нельзя отключить',
      kk: 'Қауіпсіздік хабарламаларын өшіруге болмайды',
      en: 'Security notifications cannot be turned off',
    };
    for (const [locale, title] of Object.entries(titles)) {
      const response = await patch('usr_carol', body, locale);
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'NOTIFICATIONS_SECURITY_ALWAYS_ON', title });
    }
  });

  it('rejects unknown categories, channels and fields', async () => {
    const unknownCategory = await patch(
      'usr_carol',
      { preferences: [{ category: 'spam', channel: 'email', enabled: false }] },
      'kk',
    );
    expect(unknownCategory.statusCode).toBe(400);
    expect(unknownCategory.json()).toMatchObject({
      code: 'PLATFORM_VALIDATION',
      title: 'Сұрау қате толтырылған',
      errors: [{ path: 'body/preferences/0/category' }],
    });
    expect((await patch('usr_carol', { preferences: [] })).statusCode).toBe(400);
    expect(
      (await patch('usr_carol', { preferences: [{ category: 'account', channel: 'fax', enabled: true }] }))
        .statusCode,
    ).toBe(400);
    expect(
      (await patch('usr_carol', { preferences: [{ category: 'account', channel: 'sms', enabled: 'no' }] }))
        .statusCode,
    ).toBe(400);
    expect((await patch('usr_carol', { preferences: [], extra: true })).statusCode).toBe(400);
  });
});
