import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sauda/testing';
import {
  defineEvent,
  defineHandler,
  deliverPendingEvents,
  handleEventsOnceOrAlone,
  publishEvent,
  Type,
} from './events.ts';
import { defineJob, JobRunner, outboxLagSeconds } from './jobs.ts';
import { createLogger } from './logger.ts';

const PaymentConfirmed = defineEvent(
  'dues.payment-confirmed',
  Type.Object({ paymentId: Type.String(), amount: Type.String() }),
);

async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(100);
  }
}

describe('transactional outbox', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.pool.query('CREATE TABLE public.receipts (handler text, payment_id text)');
  });
  afterAll(async () => {
    await database.close();
  });

  const recordingHandler = (name: string, failuresFirst = 0) => {
    let failures = failuresFirst;
    return defineHandler({
      name,
      event: PaymentConfirmed,
      async handle(payload, { tx }) {
        await tx.execute(sql`INSERT INTO public.receipts VALUES (${name}, ${payload.paymentId})`);
        if (failures > 0) {
          failures -= 1;
          throw new Error('transient failure');
        }
      },
    });
  };

  it('publishes only when the surrounding transaction commits and validates payloads', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await publishEvent(tx, PaymentConfirmed, { paymentId: 'pay_rolled_back', amount: '200000' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await expect(publishEvent(database.db, PaymentConfirmed, { paymentId: 1 } as never)).rejects.toThrow(
      /invalid/,
    );
    const { rows } = await database.pool.query(`SELECT count(*)::int AS n FROM platform.outbox`);
    expect(rows[0]).toEqual({ n: 0 });
  });

  it('delivers each event once per handler, even when delivered again', async () => {
    const handler = recordingHandler('test.direct');
    await publishEvent(database.db, PaymentConfirmed, { paymentId: 'pay_1', amount: '200000' });
    expect(await deliverPendingEvents(database.db, [handler])).toBe(1);
    expect(await deliverPendingEvents(database.db, [handler])).toBe(0);
    await database.pool.query('UPDATE platform.outbox SET dispatched_at = NULL');
    await deliverPendingEvents(database.db, [handler]);
    const { rows } = await database.pool.query(
      `SELECT count(*)::int AS n FROM public.receipts WHERE handler = 'test.direct'`,
    );
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('relays events through pg-boss jobs, retrying a failing handler until it succeeds', async () => {
    const flaky = recordingHandler('test.flaky', 1);
    const steady = recordingHandler('test.steady');
    const ran: string[] = [];
    const job = defineJob<{ note: string }>({
      name: 'test.note',
      async handle(data) {
        ran.push(data.note);
      },
    });
    const runner = new JobRunner({
      pool: database.pool,
      db: database.db,
      logger: createLogger({ env: 'test', logLevel: 'silent' }),
      jobs: [job],
      handlers: [flaky, steady],
      relayIntervalMs: 50,
      pollingIntervalSeconds: 0.5,
    });
    await runner.start();
    try {
      expect(runner.running).toBe(true);
      await publishEvent(database.db, PaymentConfirmed, { paymentId: 'pay_2', amount: '200000' });
      await runner.send('test.note', { note: 'hello' });
      const committed = async (handler: string): Promise<number> => {
        const { rows } = await database.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM platform.handled_events WHERE handler = $1`,
          [handler],
        );
        return rows[0]?.n ?? 0;
      };
      await until(
        async () =>
          (await committed('test.steady')) === 1 && (await committed('test.flaky')) === 1 && ran.length === 1,
      );
      expect(ran).toEqual(['hello']);
      expect(await outboxLagSeconds(database.db)).toBe(0);
      expect(await runner.queueDepth()).toBeGreaterThanOrEqual(0);
      // The failed attempt rolled back its insert, so the flaky handler's effect exists exactly once.
      const { rows } = await database.pool.query(
        `SELECT handler, count(*)::int AS n FROM public.receipts WHERE payment_id = 'pay_2' GROUP BY handler ORDER BY handler`,
      );
      expect(rows).toEqual([
        { handler: 'test.flaky', n: 1 },
        { handler: 'test.steady', n: 1 },
      ]);
    } finally {
      await runner.stop();
    }
    expect(runner.running).toBe(false);
  });

  /** Records each payment; `pay_poison` always fails. Remembers the size of every batch it got. */
  const batchingHandler = (name: string, batches: number[]) =>
    defineHandler({
      name,
      event: PaymentConfirmed,
      batchSize: 10,
      async handle(payload, { tx }) {
        if (payload.paymentId === 'pay_poison') throw new Error('poison');
        await tx.execute(sql`INSERT INTO public.receipts VALUES (${name}, ${payload.paymentId})`);
      },
      async handleBatch(items, { tx }) {
        batches.push(items.length);
        for (const { payload } of items) {
          if (payload.paymentId === 'pay_poison') throw new Error('poison');
          await tx.execute(sql`INSERT INTO public.receipts VALUES (${name}, ${payload.paymentId})`);
        }
      },
    });

  const receipts = async (handler: string): Promise<string[]> => {
    const { rows } = await database.pool.query<{ payment_id: string }>(
      `SELECT payment_id FROM public.receipts WHERE handler = $1 ORDER BY payment_id`,
      [handler],
    );
    return rows.map((row) => row.payment_id);
  };

  it('handles a batch in one transaction, once per event, and a poison event fails alone', async () => {
    const batches: number[] = [];
    const handler = batchingHandler('test.batch-direct', batches);
    const items = ['pay_a', 'pay_b', 'pay_a'].map((paymentId, i) => ({
      eventId: `evt_direct_${paymentId}`,
      payload: { paymentId, amount: String(i) },
    }));
    expect((await handleEventsOnceOrAlone(database.db, handler, items)).failed.size).toBe(0);
    // The repeated event was handled once; delivered again, nothing is handled.
    expect(batches).toEqual([2]);
    expect((await handleEventsOnceOrAlone(database.db, handler, items)).failed.size).toBe(0);
    expect(batches).toEqual([2]);

    const withPoison = ['pay_c', 'pay_poison', 'pay_d'].map((paymentId) => ({
      eventId: `evt_direct_${paymentId}`,
      payload: { paymentId, amount: '1' },
    }));
    const { failed } = await handleEventsOnceOrAlone(database.db, handler, withPoison);
    expect([...failed.keys()]).toEqual(['evt_direct_pay_poison']);
    expect(await receipts('test.batch-direct')).toEqual(['pay_a', 'pay_b', 'pay_c', 'pay_d']);
    const { rows } = await database.pool.query(
      `SELECT count(*)::int AS n FROM platform.handled_events WHERE handler = 'test.batch-direct'`,
    );
    expect(rows[0]).toEqual({ n: 4 });
  });

  it('delivers a backlog through pg-boss in batches; a poison event is retried alone', async () => {
    const batches: number[] = [];
    const handler = batchingHandler('test.batch-jobs', batches);
    const runner = new JobRunner({
      pool: database.pool,
      db: database.db,
      logger: createLogger({ env: 'test', logLevel: 'silent' }),
      jobs: [],
      handlers: [handler],
      relayIntervalMs: 50,
      pollingIntervalSeconds: 0.5,
    });
    const payments = Array.from({ length: 45 }, (_, i) => `pay_job_${String(i).padStart(2, '0')}`);
    await database.db.transaction(async (tx) => {
      for (const paymentId of [...payments.slice(0, 20), 'pay_poison', ...payments.slice(20)])
        await publishEvent(tx, PaymentConfirmed, { paymentId, amount: '1' });
    });
    await runner.start();
    try {
      await until(async () => (await receipts('test.batch-jobs')).length === payments.length);
      expect(await receipts('test.batch-jobs')).toEqual(payments);
      // Full batches: the worker woke at once for the next one instead of one batch per poll.
      expect(batches.some((size) => size > 1)).toBe(true);
      const states = async (): Promise<Record<string, number>> => {
        const { rows } = await database.pool.query<{ state: string; n: number }>(
          `SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = 'event__test.batch-jobs' GROUP BY state`,
        );
        return Object.fromEntries(rows.map((row) => [row.state, row.n]));
      };
      // pg-boss completes a batch's jobs just after the handler's transaction commits.
      await until(async () => (await states()).completed === payments.length);
      // Only the poison event's job is not completed (waiting for or in a retry); its neighbours are.
      const { completed, ...others } = await states();
      expect(completed).toBe(payments.length);
      expect(Object.values(others)).toEqual([1]);
    } finally {
      await runner.stop();
    }
  });
});
