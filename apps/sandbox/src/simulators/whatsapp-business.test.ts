import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationsModule, defineTemplate } from '@sauda/notifications';
import { deliverPendingEvents, Type } from '@sauda/platform';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import { buildSandbox } from '../sandbox.ts';
import {
  createWhatsAppSimulator,
  WHATSAPP_SANDBOX_PHONE_NUMBER_ID,
  WHATSAPP_SANDBOX_TOKEN,
} from './whatsapp-business.ts';

const Reminder = defineTemplate({
  key: 'test.whatsapp-reminder',
  variables: Type.Object({ period: Type.String(), amount: Type.String() }),
  content: {
    whatsapp: {
      template: 'test_reminder',
      parameters: ['period', 'amount'],
      text: {
        ru: 'Взнос за {period}: {amount}',
        kk: '{period} жарнасы: {amount}',
        en: 'Dues for {period}: {amount}',
      },
    },
  },
});

describe('WhatsApp Business simulator and the notifications WhatsApp channel', () => {
  const simulator = createWhatsAppSimulator();
  let sandbox: FastifyInstance;
  let url: string;
  let database: TestDatabase;

  beforeAll(async () => {
    sandbox = await buildSandbox({ simulators: [simulator] });
    url = await sandbox.listen({ host: '127.0.0.1', port: 0 });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await sandbox.close();
    await database.close();
  });

  const notifications = (token = WHATSAPP_SANDBOX_TOKEN) =>
    createNotificationsModule({
      db: database.db,
      whatsapp: {
        url: `${url}/whatsapp/v21.0`,
        phoneNumberId: WHATSAPP_SANDBOX_PHONE_NUMBER_ID,
        accessToken: token,
      },
      maxAttempts: 1,
    });

  async function send(module: ReturnType<typeof notifications>, phone: string, locale: 'ru' | 'kk' = 'kk') {
    const { messageId } = await module.api.send(database.db, {
      to: { phone },
      template: Reminder,
      variables: { period: '2026-03', amount: '2 000 ₸' },
      locale,
      category: 'account',
      channels: ['whatsapp'],
    });
    await deliverPendingEvents(database.db, module.handlers ?? []);
    return module.api.deliveryLog(messageId);
  }

  it('delivers a template message with its parameters in order and the language', async () => {
    const log = await send(notifications(), '+77015550301');
    expect(log?.deliveries[0]).toMatchObject({ channel: 'whatsapp', status: 'sent' });
    expect(simulator.messages.at(-1)).toMatchObject({
      to: '77015550301',
      template: 'test_reminder',
      language: 'kk',
      parameters: ['2026-03', '2 000 ₸'],
    });
    const listed = (await (await fetch(`${url}/whatsapp/messages`)).json()) as { messages: unknown[] };
    expect(listed.messages.length).toBeGreaterThanOrEqual(1);
  });

  it('records permanent failures: a bad token, an undeliverable number', async () => {
    const badToken = await send(notifications('wrong'), '+77015550302');
    expect(badToken?.deliveries[0]).toMatchObject({ status: 'failed' });
    const undeliverable = await send(notifications(), '+70000001234');
    expect(undeliverable?.deliveries[0]).toMatchObject({ status: 'failed' });
  });

  it('refuses malformed requests', async () => {
    const post = (body: unknown, phoneNumberId = WHATSAPP_SANDBOX_PHONE_NUMBER_ID) =>
      fetch(`${url}/whatsapp/v21.0/${phoneNumberId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${WHATSAPP_SANDBOX_TOKEN}` },
        body: JSON.stringify(body),
      });
    expect((await post({ messaging_product: 'whatsapp', to: '77015550303', type: 'text' })).status).toBe(400);
    expect((await post({}, 'other')).status).toBe(400);
    const bad = await post({
      messaging_product: 'whatsapp',
      to: '77015550303',
      type: 'template',
      template: { name: 'Bad Name', language: { code: 'ru' } },
    });
    expect(await bad.json()).toMatchObject({ error: { code: 100 } });
  });
});
