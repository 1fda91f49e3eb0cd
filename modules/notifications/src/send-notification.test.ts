import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, deliverPendingEvents, ManualClock, sql, Type } from '@sauda/platform';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { updatePreferences } from './preferences.ts';
import {
  createNotificationsModule,
  defineTemplate,
  type ChannelAdapter,
  type Channel,
  type NotificationsModule,
  type OutgoingDelivery,
} from './index.ts';

const Announcement = defineTemplate({
  key: 'test.announcement',
  variables: Type.Object({ feature: Type.String() }),
  content: {
    email: {
      subject: { ru: 'Новое: {feature}', kk: 'Жаңалық: {feature}', en: 'New: {feature}' },
      text: { ru: 'Попробуйте {feature}.', kk: '{feature} қолданып көріңіз.', en: 'Try {feature}.' },
    },
    sms: { text: { ru: 'Новое: {feature}', kk: 'Жаңалық: {feature}', en: 'New: {feature}' } },
    in_app: {
      title: { ru: 'Новое', kk: 'Жаңалық', en: 'New' },
      body: { ru: 'Попробуйте {feature}', kk: '{feature} қолданып көріңіз', en: 'Try {feature}' },
    },
  },
});

const SmsOnly = defineTemplate({
  key: 'test.sms-only',
  variables: Type.Object({}),
  content: { sms: { text: { ru: 'Привет', kk: 'Сәлем', en: 'Hello' } } },
});

function recordingAdapter<C extends Channel>(
  channel: C,
): ChannelAdapter<C> & { sent: OutgoingDelivery<C>[] } {
  const sent: OutgoingDelivery<C>[] = [];
  return {
    channel,
    sent,
    async deliver(delivery) {
      sent.push(delivery);
      return { providerMessageId: `${channel}-${sent.length}` };
    },
  };
}

describe('sending a notification', () => {
  let database: TestDatabase;
  const clock = new ManualClock('2026-03-01T09:00:00Z');
  const email = recordingAdapter('email');
  const sms = recordingAdapter('sms');
  let notifications: NotificationsModule;
  const to = { userId: 'usr_test_a', email: 'a@example.kz', phone: '+77010000001' };
  const send = (overrides: Partial<Parameters<NotificationsModule['api']['send']>[1]> = {}) =>
    notifications.api.send(database.db, {
      to,
      template: Announcement,
      variables: { feature: 'Kaspi' },
      locale: 'ru',
      category: 'product',
      ...overrides,
    });
  const statuses = async (messageId: string) =>
    Object.fromEntries(
      ((await notifications.api.deliveryLog(messageId))?.deliveries ?? []).map((d) => [
        d.channel,
        d.skipReason ? `${d.status}:${d.skipReason}` : d.status,
      ]),
    );
  const deliver = () => deliverPendingEvents(database.db, notifications.handlers ?? []);

  beforeAll(async () => {
    database = await createTestDatabase();
    notifications = createNotificationsModule({ db: database.db, clock, adapters: { email, sms } });
  });
  afterAll(async () => {
    await database.close();
  });

  it('stores the message and its deliveries only when the caller commits', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await notifications.api.send(tx, {
          to,
          template: Announcement,
          variables: { feature: 'rolled back' },
          locale: 'en',
          category: 'product',
        });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    const { rows } = await database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notifications.messages',
    );
    expect(rows[0]?.n).toBe(0);

    const { messageId } = await database.db.transaction((tx) =>
      notifications.api.send(tx, {
        to,
        template: Announcement,
        variables: { feature: 'Kaspi' },
        locale: 'kk',
        category: 'product',
      }),
    );
    expect(messageId).toMatch(/^msg_/);
    expect(await statuses(messageId)).toEqual({ email: 'pending', sms: 'pending', in_app: 'pending' });
    const events = await database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM platform.outbox WHERE name = 'notifications.delivery-requested' AND dispatched_at IS NULL`,
    );
    expect(events.rows[0]?.n).toBe(3);

    expect(await deliver()).toBe(3);
    expect(await statuses(messageId)).toEqual({ email: 'sent', sms: 'sent', in_app: 'sent' });
    expect(sms.sent.at(-1)).toMatchObject({ address: '+77010000001', content: { text: 'Жаңалық: Kaspi' } });
    expect(email.sent.at(-1)?.content.subject).toBe('Жаңалық: Kaspi');
    const log = await notifications.api.deliveryLog(messageId);
    expect(log?.message).toMatchObject({ template: 'test.announcement', category: 'product', locale: 'kk' });
    expect(log?.deliveries.find((d) => d.channel === 'in_app')?.providerMessageId).toMatch(/^ntf_/);
    expect(log?.deliveries.find((d) => d.channel === 'sms')?.sentAt).toEqual(clock.now());

    // A redelivered event finds the delivery already sent and sends nothing again.
    await database.pool.query(`UPDATE platform.outbox SET dispatched_at = NULL`);
    await database.pool.query(`DELETE FROM platform.handled_events`);
    const before = sms.sent.length;
    await deliver();
    expect(sms.sent.length).toBe(before);
  });

  it('uses the channels the template and the recipient have in common unless told otherwise', async () => {
    const onlyPhone = await send({ to: { phone: '+77010000002' } });
    expect(await statuses(onlyPhone.messageId)).toEqual({ sms: 'pending' });
    const chosen = await send({ channels: ['in_app', 'in_app'] });
    expect(await statuses(chosen.messageId)).toEqual({ in_app: 'pending' });
    await deliver();
  });

  it('respects preferences, with marketing off until the user opts in', async () => {
    await updatePreferences(
      database.db,
      to.userId,
      [
        { category: 'product', channel: 'email', enabled: false },
        { category: 'marketing', channel: 'in_app', enabled: true },
      ],
      clock.now(),
    );
    const product = await send();
    expect(await statuses(product.messageId)).toEqual({
      email: 'skipped:opted-out',
      sms: 'pending',
      in_app: 'pending',
    });
    const marketing = await send({ category: 'marketing' });
    expect(await statuses(marketing.messageId)).toEqual({
      email: 'skipped:opted-out',
      sms: 'skipped:opted-out',
      in_app: 'pending',
    });
    await deliver();
  });

  it('always delivers security messages, and refuses to turn security off', async () => {
    await updatePreferences(
      database.db,
      to.userId,
      ['account', 'marketing', 'product'].flatMap((category) =>
        (['email', 'sms', 'in_app'] as const).map((channel) => ({
          category: category as 'account',
          channel,
          enabled: false,
        })),
      ),
      clock.now(),
    );
    const security = await send({ category: 'security' });
    expect(await statuses(security.messageId)).toEqual({
      email: 'pending',
      sms: 'pending',
      in_app: 'pending',
    });
    const account = await send({ category: 'account' });
    expect(Object.values(await statuses(account.messageId))).toEqual([
      'skipped:opted-out',
      'skipped:opted-out',
      'skipped:opted-out',
    ]);
    await expect(
      updatePreferences(
        database.db,
        to.userId,
        [{ category: 'security', channel: 'email', enabled: false }],
        clock.now(),
      ),
    ).rejects.toMatchObject({ code: 'NOTIFICATIONS_SECURITY_ALWAYS_ON', status: 422 });
    await expect(
      database.pool.query(
        `INSERT INTO notifications.preferences VALUES ('usr_x', 'security', 'sms', false, now())`,
      ),
    ).rejects.toThrow(/check constraint/);
    await deliver();
  });

  it('records a channel without an adapter as skipped', async () => {
    const bare = createNotificationsModule({ db: database.db, clock });
    const { messageId } = await bare.api.send(database.db, {
      to: { email: 'b@example.kz', phone: '+77010000003' },
      template: Announcement,
      variables: { feature: 'x' },
      locale: 'en',
      category: 'account',
    });
    expect(await statuses(messageId)).toEqual({
      email: 'skipped:channel-not-configured',
      sms: 'skipped:channel-not-configured',
    });
  });

  it('rejects missing or malformed recipients with stable codes', async () => {
    const rejected = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(AppError);
      return { code: (error as AppError).code, message: (error as AppError).localizedMessage('en') };
    };
    expect(await rejected(send({ to: { email: 'not-an-email' }, channels: ['email'] }))).toEqual({
      code: 'NOTIFICATIONS_INVALID_RECIPIENT',
      message: 'The recipient address for the email channel is not valid',
    });
    expect(await rejected(send({ to: { phone: '87010000000' } }))).toMatchObject({
      code: 'NOTIFICATIONS_INVALID_RECIPIENT',
    });
    expect(await rejected(send({ to: { email: 'a@example.kz' }, channels: ['sms'] }))).toEqual({
      code: 'NOTIFICATIONS_RECIPIENT_MISSING',
      message: 'No recipient given for the sms channel',
    });
    expect(await rejected(send({ to: {} }))).toMatchObject({ code: 'NOTIFICATIONS_NO_CHANNEL' });
    expect(await rejected(send({ channels: [] }))).toMatchObject({ code: 'NOTIFICATIONS_NO_CHANNEL' });
    expect(
      await rejected(
        notifications.api.send(database.db, {
          to: { email: 'a@example.kz' },
          template: SmsOnly,
          variables: {},
          locale: 'ru',
          category: 'account',
        }),
      ),
    ).toMatchObject({ code: 'NOTIFICATIONS_NO_CHANNEL' });
  });

  it('treats a wrong template use as a programming error', async () => {
    await expect(
      notifications.api.send(database.db, {
        to,
        template: SmsOnly,
        variables: {},
        locale: 'ru',
        category: 'account',
        channels: ['email'],
      }),
    ).rejects.toThrow(TypeError);
    await expect(send({ variables: { feature: 42 } })).rejects.toThrow(/test.announcement/);
    expect(() => createNotificationsModule({ db: database.db, maxAttempts: 12 })).toThrow(RangeError);
  });
});
