import { describe, expect, it } from 'vitest';
import { deliverPendingEvents, Type } from '@sauda/platform';
import { defineTemplate } from '@sauda/notifications';
import { useTestApp } from '@sauda/testing';
import { asWeb, registerVerified, webLogin } from './identity-helpers.ts';

const PayoutSent = defineTemplate({
  key: 'test.payout-sent',
  variables: Type.Object({ amount: Type.String() }),
  content: {
    in_app: {
      title: { ru: 'Выплата отправлена', kk: 'Төлем жіберілді', en: 'Payout sent' },
      body: { ru: 'Сумма: {amount}', kk: 'Сомасы: {amount}', en: 'Amount: {amount}' },
    },
  },
});

const ctx = useTestApp();

describe('in-app notifications behind identity', () => {
  it('shows a signed-in user their own notifications and lets them mark one read with CSRF', async () => {
    const { app, database } = ctx();
    await registerVerified(ctx(), 'inbox-owner@example.kz');
    await registerVerified(ctx(), 'inbox-other@example.kz');
    const owner = await webLogin(ctx(), 'inbox-owner@example.kz');
    const other = await webLogin(ctx(), 'inbox-other@example.kz');
    const { notifications } = app.sauda.modules;
    await notifications.api.send(database.db, {
      to: { userId: owner.userId },
      template: PayoutSent,
      variables: { amount: '2 000 ₸' },
      locale: 'kk',
      category: 'account',
    });
    await deliverPendingEvents(database.db, notifications.handlers ?? []);

    expect((await app.inject({ url: '/v1/me/notifications' })).statusCode).toBe(401);
    const mine = await app.inject({ url: '/v1/me/notifications', headers: { cookie: owner.cookie } });
    expect(mine.statusCode, mine.body).toBe(200);
    const [item] = mine.json<{ items: { id: string; title: string; body: string }[] }>().items;
    expect(item).toMatchObject({ title: 'Төлем жіберілді', body: 'Сомасы: 2 000 ₸' });
    const others = await app.inject({ url: '/v1/me/notifications', headers: { cookie: other.cookie } });
    expect(others.json<{ items: unknown[] }>().items).toEqual([]);

    const url = `/v1/me/notifications/${item?.id ?? ''}/read`;
    expect((await app.inject({ method: 'POST', url, headers: { cookie: owner.cookie } })).statusCode).toBe(
      403,
    );
    expect((await app.inject({ method: 'POST', url, headers: asWeb(other) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url, headers: asWeb(owner) })).statusCode).toBe(200);
    const unread = await app.inject({
      url: '/v1/me/notifications/unread-count',
      headers: { cookie: owner.cookie },
    });
    expect(unread.json()).toEqual({ unread: 0 });
  });
});
