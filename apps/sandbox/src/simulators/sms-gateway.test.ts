import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationsModule, defineTemplate, type NotificationsModule } from '@sauda/notifications';
import { deliverPendingEvents, Type } from '@sauda/platform';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { buildSandbox } from '../sandbox.ts';
import { createSmsGatewaySimulator, SMS_GATEWAY_SANDBOX_KEY, type SimulatedSms } from './sms-gateway.ts';

const LoginCode = defineTemplate({
  key: 'test.login-code',
  variables: Type.Object({ code: Type.String() }),
  content: {
    sms: {
      text: {
        ru: 'Sauda: код входа {code}',
        kk: 'Sauda: кіру коды {code}',
        en: 'Sauda: sign-in code {code}',
      },
    },
  },
});

describe('SMS gateway simulator', () => {
  const simulator = createSmsGatewaySimulator({ capacity: 50 });
  let sandbox: FastifyInstance;
  let url: string;
  let database: TestDatabase;

  const post = (body: unknown, key: string | null = SMS_GATEWAY_SANDBOX_KEY) =>
    fetch(`${url}/sms-gateway/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
      body: JSON.stringify(body),
    });
  const listed = async (): Promise<SimulatedSms[]> =>
    ((await (await fetch(`${url}/sms-gateway/messages`)).json()) as { messages: SimulatedSms[] }).messages;
  const notificationsWith = (maxAttempts = 3): NotificationsModule =>
    createNotificationsModule({
      db: database.db,
      sms: { url: `${url}/sms-gateway`, apiKey: SMS_GATEWAY_SANDBOX_KEY, sender: 'Sauda' },
      maxAttempts,
    });

  beforeAll(async () => {
    sandbox = await buildSandbox({ simulators: [simulator] });
    url = await sandbox.listen({ host: '127.0.0.1', port: 0 });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await sandbox.close();
    await database.close();
  });

  it('accepts a message with the API key, returns its id and lists it', async () => {
    const response = await post({ to: '+77010000100', text: 'hello', reference: 'ref-1' });
    expect(response.status).toBe(202);
    const { id, status } = (await response.json()) as { id: string; status: string };
    expect(status).toBe('queued');
    const repeated = await post({ to: '+77010000100', text: 'hello', reference: 'ref-1' });
    expect(((await repeated.json()) as { id: string }).id).toBe(id);
    expect((await listed()).filter((message) => message.reference === 'ref-1')).toEqual([
      expect.objectContaining({ id, to: '+77010000100', text: 'hello', sender: 'Sauda' }),
    ]);
    const index = (await (await fetch(`${url}/`)).json()) as { simulators: { name: string }[] };
    expect(index.simulators.map((entry) => entry.name)).toContain('sms-gateway');
  });

  it('answers like a gateway to a bad key, a bad body and a bad number', async () => {
    expect((await post({ to: '+77010000100', text: 'x' }, 'wrong')).status).toBe(401);
    expect((await post({ to: '+77010000100', text: 'x' }, null)).status).toBe(401);
    const badBody = await post({ to: '+77010000100' });
    expect(badBody.status).toBe(400);
    expect(await badBody.json()).toMatchObject({ error: 'invalid_request' });
    expect((await post({ to: '+77010000100', text: 'x', sender: 'far too long sender' })).status).toBe(400);
    expect((await post('just text')).status).toBe(400);
    const badNumber = await post({ to: '87010000100', text: 'x' });
    expect(badNumber.status).toBe(422);
    expect(await badNumber.json()).toEqual({ error: 'invalid_number' });
    expect((await post({ to: '+70000000503', text: 'x' })).status).toBe(503);
  });

  it('receives the SMS the notifications module delivers through its gateway adapter', async () => {
    const notifications = notificationsWith();
    const { messageId } = await notifications.api.send(database.db, {
      to: { phone: '+77010000200' },
      template: LoginCode,
      variables: { code: '739164' },
      locale: 'kk',
      category: 'security',
    });
    await deliverPendingEvents(database.db, notifications.handlers ?? []);

    const received = (await listed()).find((message) => message.to === '+77010000200');
    expect(received).toMatchObject({ text: 'Sauda: кіру коды 739164', sender: 'Sauda' });
    const delivery = (await notifications.api.deliveryLog(messageId))?.deliveries[0];
    expect(delivery).toMatchObject({ channel: 'sms', status: 'sent', attempts: 1 });
    expect(delivery?.providerMessageId).toBe(received?.id);
    expect(received?.reference).toBe(delivery?.id);
    expect(simulator.messages).toContainEqual(received);
  });

  it('retries while the carrier is unavailable, then records the failure; a bad number fails at once', async () => {
    const notifications = notificationsWith(2);
    const unreachable = await notifications.api.send(database.db, {
      to: { phone: '+70000000777' },
      template: LoginCode,
      variables: { code: '111111' },
      locale: 'en',
      category: 'security',
    });
    await expect(deliverPendingEvents(database.db, notifications.handlers ?? [])).rejects.toThrow(/retried/);
    await deliverPendingEvents(database.db, notifications.handlers ?? []);
    const failed = (await notifications.api.deliveryLog(unreachable.messageId))?.deliveries[0];
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: 'sms gateway 503: carrier_unavailable',
    });
    expect(failed?.log.map((entry) => entry.outcome)).toEqual(['failed', 'failed']);

    const wrongKey = createNotificationsModule({
      db: database.db,
      sms: { url: `${url}/sms-gateway/`, apiKey: 'not-the-key' },
    });
    const rejected = await wrongKey.api.send(database.db, {
      to: { phone: '+77010000300' },
      template: LoginCode,
      variables: { code: '222222' },
      locale: 'ru',
      category: 'security',
    });
    await deliverPendingEvents(database.db, wrongKey.handlers ?? []);
    const denied = (await wrongKey.api.deliveryLog(rejected.messageId))?.deliveries[0];
    expect(denied).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'sms gateway 401: invalid_api_key',
    });
  });
});
