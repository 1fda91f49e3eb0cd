import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSandboxNetwork } from '@sauda/conversions';
import { ManualClock } from '@sauda/platform';
import {
  AFFILIATE_NETWORK_SANDBOX_SECRET,
  createAffiliateNetworkSimulator,
  startSandbox,
  type AffiliateNetworkSimulator,
  type SandboxServer,
} from '@sauda/sandbox';
import {
  createTestDatabase,
  testConfig,
  type TestContext,
  type TestDatabase,
  freePort,
} from '@sauda/testing';
import { buildApp } from '../src/app.ts';
import { BROWSER_UA, changedEvents, clickOf, count, processReports } from './conversions-helpers.ts';
import { activePartner } from './tracking-helpers.ts';

/**
 * The whole path over real HTTP: the sandbox affiliate network (apps/sandbox) sends signed postbacks
 * to the listening app and serves the statistics API the app polls.
 */
let context: TestContext & { sandbox: SandboxServer; network: AffiliateNetworkSimulator };
let database: TestDatabase;
const ctx = () => context;

beforeAll(async () => {
  const port = await freePort();
  const platformUrl = `http://127.0.0.1:${port}`;
  database = await createTestDatabase();
  const clock = new ManualClock(new Date());
  const app = await buildApp(testConfig(database.url, { PUBLIC_URL: platformUrl }), {
    database,
    clock,
    startJobs: false,
  });
  await app.listen({ host: '127.0.0.1', port });
  const network = createAffiliateNetworkSimulator({
    platformUrl,
    approveAfterMs: null,
    declineAfterMs: null,
    retry: { initialDelayMs: 50, maxAttempts: 3 },
  });
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, simulators: [network] });
  await seedSandboxNetwork(app.sauda.modules.conversions.api, {
    sandboxUrl: sandbox.url,
    secret: AFFILIATE_NETWORK_SANDBOX_SECRET,
  });
  context = { app, database, clock, sandbox, network };
});

afterAll(async () => {
  await context.sandbox.close();
  await context.app.close();
  await database.close();
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const received = (count_: number) => () =>
  count(
    ctx(),
    `SELECT count(*) FROM conversions.inbox i JOIN conversions.networks n ON n.id = i.network_id WHERE n.key = 'sandbox'`,
  ).then((n) => n >= count_);

describe('the sandbox affiliate network end to end', () => {
  it('pending, approval and a partial refund arrive as signed postbacks and become revisions', async () => {
    const partner = await activePartner(ctx());
    const userId = 'usr_01jsandboxshopper000000000';
    const clickId = await clickOf(ctx(), partner.slug, userId);
    const before = await count(ctx(), 'SELECT count(*) FROM conversions.inbox');
    const order = ctx().network.placeOrder({
      clickId,
      orderSum: '2469.00',
      actionIp: '198.51.100.7',
      userAgent: BROWSER_UA,
    });
    await eventually(received(before + 1));
    await processReports(ctx());
    ctx().network.command(order.orderId, 'approve');
    await eventually(received(before + 2));
    await processReports(ctx());
    ctx().network.command(order.orderId, 'refund', '469.00');
    await eventually(received(before + 3));
    await processReports(ctx());
    const events = await changedEvents(ctx(), order.actionId);
    expect(
      events.map((event) => [event.revision, event.state, event.previousCommission, event.commission]),
    ).toEqual([
      [1, 'pending', '0', '12345'],
      [2, 'approved', '12345', '12345'],
      [3, 'approved', '12345', '10000'],
    ]);
    expect(events[0]).toMatchObject({
      userId,
      partnerId: partner.id,
      networkKey: 'sandbox',
      product: 'loyalty',
    });
  });

  it('a postback the network never sends is recovered by polling its statistics API', async () => {
    const partner = await activePartner(ctx());
    const clickId = await clickOf(ctx(), partner.slug, 'usr_01jsandboxpolled0000000000');
    ctx().network.configure({ chaos: { dropRate: 1 } });
    const order = ctx().network.placeOrder({
      clickId,
      orderSum: '1000.00',
      actionIp: '198.51.100.8',
      userAgent: BROWSER_UA,
    });
    ctx().network.command(order.orderId, 'approve');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await processReports(ctx());
    expect(await changedEvents(ctx(), order.actionId)).toEqual([]);
    ctx().network.configure({ chaos: { dropRate: 0 } });

    // The simulator runs on the real clock; the window ends at the app's (manual) now.
    ctx().clock.set(new Date());
    const result = await ctx().app.sauda.modules.conversions.api.pollNetwork('sandbox');
    expect(result.stored).toBeGreaterThanOrEqual(1);
    await processReports(ctx());
    expect(await changedEvents(ctx(), order.actionId)).toEqual([
      expect.objectContaining({ revision: 1, state: 'approved', commission: '5000' }),
    ]);
  });
});
