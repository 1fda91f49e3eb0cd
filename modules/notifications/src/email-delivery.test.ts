import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, deliverPendingEvents, JobRunner, Type } from '@sauda/platform';
import { createTestDatabase, readMail, TestSmtpServer, type TestDatabase } from '@sauda/testing';
import { createNotificationsModule, defineTemplate, type NotificationsModule } from './index.ts';

const PasswordChanged = defineTemplate({
  key: 'test.password-changed',
  variables: Type.Object({ name: Type.String(), device: Type.String() }),
  content: {
    email: {
      subject: { ru: 'Пароль изменён', kk: 'Құпиясөз өзгертілді', en: 'Your password was changed' },
      text: {
        ru: '{name}, пароль изменён с устройства {device}.\n\nЕсли это были не вы, напишите нам.',
        kk: '{name}, құпиясөз {device} құрылғысынан өзгертілді.\n\nБұл сіз болмасаңыз, бізге жазыңыз.',
        en: '{name}, your password was changed from {device}.\n\nIf it was not you, write to us.',
      },
    },
  },
});

describe('email delivery over SMTP', () => {
  let database: TestDatabase;
  const smtp = new TestSmtpServer();
  let smtpUrl: string;
  const moduleWith = (options: { maxAttempts?: number; url?: string } = {}): NotificationsModule =>
    createNotificationsModule({
      db: database.db,
      email: { url: options.url ?? smtpUrl, from: 'Sauda <no-reply@sauda.test>', timeoutMs: 5_000 },
      maxAttempts: options.maxAttempts ?? 3,
    });
  const sendTo = async (module: NotificationsModule, email: string) =>
    module.api.send(database.db, {
      to: { email },
      template: PasswordChanged,
      variables: { name: 'Айгерім', device: 'Firefox <Linux>' },
      locale: 'kk',
      category: 'security',
    });
  /** Delivers like the job runner, in order, until nothing is left or the attempts are used up. */
  const deliverAll = async (module: NotificationsModule, rounds = 10): Promise<number> => {
    let failures = 0;
    for (let round = 0; round < rounds; round += 1) {
      try {
        await deliverPendingEvents(database.db, module.handlers ?? []);
        return failures;
      } catch {
        failures += 1;
      }
    }
    return failures;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    smtpUrl = await smtp.start();
  });
  afterAll(async () => {
    await smtp.stop();
    await database.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
    smtp.failures.length = 0;
  });

  it('sends the rendered template to a real SMTP server and logs the provider message id', async () => {
    const notifications = moduleWith();
    const { messageId } = await sendTo(notifications, 'aigerim@example.kz');
    expect(await deliverAll(notifications)).toBe(0);

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.to).toEqual(['aigerim@example.kz']);
    expect(mail?.from).toBe('no-reply@sauda.test');
    const { headers, text, html } = readMail(mail?.raw ?? '');
    expect(headers.get('subject')).toBe('Құпиясөз өзгертілді');
    expect(text).toBe(
      'Айгерім, құпиясөз Firefox <Linux> құрылғысынан өзгертілді.\n\nБұл сіз болмасаңыз, бізге жазыңыз.',
    );
    expect(html).toContain('<html lang="kk">');
    expect(html).toContain('Firefox &lt;Linux&gt;');

    const log = await notifications.api.deliveryLog(messageId);
    const delivery = log?.deliveries[0];
    expect(delivery).toMatchObject({ channel: 'email', status: 'sent', attempts: 1, lastError: null });
    expect(delivery?.providerMessageId).toBe(headers.get('message-id'));
    expect(delivery?.log).toMatchObject([{ attempt: 1, outcome: 'sent' }]);
  });

  it('retries a temporary refusal and gives up after the last attempt with a failed status', async () => {
    const notifications = moduleWith({ maxAttempts: 3 });
    smtp.failures.push(...Array.from({ length: 5 }, () => ({ code: 451, message: 'try later' })));
    const { messageId } = await sendTo(notifications, 'busy@example.kz');
    expect(await deliverAll(notifications)).toBe(2);

    expect(smtp.received).toHaveLength(0);
    const delivery = (await notifications.api.deliveryLog(messageId))?.deliveries[0];
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3 });
    expect(delivery?.log.map((entry) => entry.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(delivery?.log.every((entry) => entry.error?.includes('451'))).toBe(true);
    expect(JSON.stringify(delivery?.log)).not.toContain('busy@example.kz');
  });

  it('does not retry a permanent refusal', async () => {
    const notifications = moduleWith({ maxAttempts: 5 });
    smtp.failures.push({ code: 550, message: 'mailbox busy@example.kz does not exist' });
    const { messageId } = await sendTo(notifications, 'gone@example.kz');
    expect(await deliverAll(notifications)).toBe(0);

    const delivery = (await notifications.api.deliveryLog(messageId))?.deliveries[0];
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
    expect(delivery?.lastError).toMatch(/^smtp 550/);
    expect(delivery?.lastError).not.toContain('@example.kz');
  });

  it('treats an unreachable server as temporary', async () => {
    const closed = new TestSmtpServer();
    const url = await closed.start();
    await closed.stop();
    const notifications = moduleWith({ maxAttempts: 2, url });
    const { messageId } = await sendTo(notifications, 'offline@example.kz');
    expect(await deliverAll(notifications)).toBe(1);
    const delivery = (await notifications.api.deliveryLog(messageId))?.deliveries[0];
    expect(delivery).toMatchObject({ status: 'failed', attempts: 2 });
    expect(delivery?.lastError).toMatch(/^smtp /);
  });

  it('is retried by the job runner with backoff until the server accepts it', async () => {
    const notifications = moduleWith({ maxAttempts: 3 });
    smtp.failures.push({ code: 421, message: 'too busy' });
    const runner = new JobRunner({
      pool: database.pool,
      db: database.db,
      logger: createLogger({ env: 'test', logLevel: 'silent' }),
      jobs: [],
      handlers: notifications.handlers ?? [],
      relayIntervalMs: 50,
      pollingIntervalSeconds: 0.5,
    });
    await runner.start();
    try {
      const { messageId } = await sendTo(notifications, 'later@example.kz');
      const deadline = Date.now() + 25_000;
      let status: string | undefined;
      while (Date.now() < deadline) {
        status = (await notifications.api.deliveryLog(messageId))?.deliveries[0]?.status;
        if (status !== 'pending') break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const delivery = (await notifications.api.deliveryLog(messageId))?.deliveries[0];
      expect(delivery).toMatchObject({ status: 'sent', attempts: 2 });
      expect(delivery?.log.map((entry) => entry.outcome)).toEqual(['failed', 'sent']);
      expect(smtp.received.map((mail) => mail.to)).toEqual([['later@example.kz']]);
    } finally {
      await runner.stop();
    }
  }, 40_000);
});
