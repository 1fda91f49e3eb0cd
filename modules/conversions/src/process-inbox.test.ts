import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditModule } from '@sauda/audit';
import { Encryptor, ManualClock, newId, type Config } from '@sauda/platform';
import { createTestDatabase, testConfig, type TestDatabase } from '@sauda/testing';
import type { ClickAttribution, TrackingApi } from '@sauda/tracking';
import { createConversionsModule, type ConversionsApi } from './conversions.module.ts';
import { insertInbox } from './conversions.repository.ts';
import { InboxProcessor } from './inbox-processor.ts';
import { signatureHeader } from './signature.ts';

/**
 * The processor on its own, on a real database: the click ids of these reports resolve through a
 * tracking stand-in that knows a fixed set of clicks (and breaks on one of them on purpose).
 */
let database: TestDatabase;
let config: Config;
const clock = new ManualClock(new Date());
const USER = newId('usr');
const PARTNER = newId('ptn');

const tracking: Pick<TrackingApi, 'resolveClick' | 'findProbableClick'> = {
  async resolveClick(clickId) {
    if (clickId === 'explodes') throw new Error('tracking is broken for this click');
    const attribution: ClickAttribution = {
      clickId,
      via: 'go',
      clickedAt: clock.now(),
      partnerId: PARTNER,
      partnerSlug: 'shop',
      userId: USER,
    };
    return attribution;
  },
  findProbableClick: async () => undefined,
};

function instance(): ConversionsApi {
  return createConversionsModule({
    db: database.db,
    clock,
    config,
    encryptor: new Encryptor(config.crypto),
    audit: createAuditModule({ db: database.db, clock }).api,
    catalog: { getPartner: async () => undefined },
    tracking,
    identity: { getProfile: async () => Promise.reject(new Error('not used')) },
  }).api;
}

beforeAll(async () => {
  database = await createTestDatabase();
  config = testConfig(database.url);
});
afterAll(async () => {
  await database.close();
});

async function store(networkId: string, fields: Record<string, string>[]): Promise<void> {
  await insertInbox(
    database.db,
    fields.map((field) => {
      const body = JSON.stringify(field);
      return {
        id: newId('pbk'),
        networkId,
        source: 'postback',
        receivedAt: clock.now(),
        method: 'POST',
        query: '',
        body,
        contentType: 'application/json',
        headers: { 'x-sauda-signature': signatureHeader('secret-secret-secret', body) },
        remoteIp: '203.0.113.1',
        auth: 'signature',
        digest: null,
        derivedCommission: null,
      };
    }),
  );
}

async function network(api: ConversionsApi) {
  const { network: created } = await api.createNetwork(
    { id: 'system:test' },
    {
      key: `n-${Math.random().toString(36).slice(2, 10)}`,
      name: 'N',
      kind: 'sandbox',
      secret: 'secret-secret-secret',
    },
  );
  return created;
}

describe('processing the inbox', () => {
  it('a row that cannot be processed is marked failed without holding up the rows behind it', async () => {
    const api = instance();
    const { id } = await network(api);
    await store(id, [
      { click_id: 'fine-1', action_id: 'a1', status: 'pending', payment_sum: '1' },
      { click_id: 'explodes', action_id: 'a2', status: 'pending', payment_sum: '1' },
      { click_id: 'fine-3', action_id: 'a3', status: 'pending', payment_sum: '1' },
    ]);
    expect(await api.processInbox()).toBe(3);
    const { rows } = await database.pool.query<{ outcome: string; error_code: string | null }>(
      'SELECT outcome, error_code FROM conversions.inbox WHERE network_id = $1 ORDER BY seq',
      [id],
    );
    expect(rows).toEqual([
      { outcome: 'created', error_code: null },
      { outcome: 'failed', error_code: 'CONVERSIONS_PROCESSING_FAILED' },
      { outcome: 'created', error_code: null },
    ]);
    expect(await api.pendingReports()).toBe(0);
  });

  it('two instances draining the same actions at once publish each revision once and converge', async () => {
    const first = instance();
    const second = instance();
    const { id, key } = await network(first);
    const actions = Array.from({ length: 300 }, (_, index) => `c-${index}`);
    // Each action: pending, then approved, then a partial refund — spread over batches that run at once.
    for (const [state, amount] of [
      ['pending', '10'],
      ['approved', '10'],
      ['approved', '8'],
    ] as const)
      await store(
        id,
        actions.map((action) => ({
          click_id: 'click',
          action_id: action,
          status: state,
          payment_sum: amount,
        })),
      );
    await Promise.all([first.processInbox(), second.processInbox(), first.processInbox()]);
    const { rows } = await database.pool.query<{
      revisions: number[];
      last: { state: string; commission: string };
    }>(
      `SELECT array_agg((payload->>'revision')::int ORDER BY id) AS revisions,
              (array_agg(payload ORDER BY id DESC))[1] AS last
       FROM platform.outbox WHERE name = 'conversions.conversion-changed' AND payload->>'networkKey' = $1
       GROUP BY payload->>'conversionId'`,
      [key],
    );
    expect(rows).toHaveLength(300);
    for (const row of rows) {
      // Whichever batch won the locks, revisions are contiguous and the last word is the refund.
      expect(row.revisions).toEqual(row.revisions.map((_, index) => index + 1));
      expect(row.last).toMatchObject({ state: 'approved', commission: '800' });
    }
  });
});

describe('the background processor', () => {
  it('drains when woken, sleeps otherwise, backs off after failures and stops cleanly', async () => {
    let calls = 0;
    let failing = true;
    const processor = new InboxProcessor(
      async () => {
        calls += 1;
        if (failing) throw new Error('database is down');
        return 0;
      },
      { idleMs: 60_000 },
    );
    processor.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(1);
    // Backing off: a wake-up does not hurry the retry.
    processor.wake();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(calls).toBe(2);
    failing = false;
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(calls).toBe(3);
    processor.wake();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(4);
    await processor.stop();
    expect(processor.running).toBe(false);
  });
});
