import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@sauda/platform';
import { useTestApp } from '@sauda/testing';
import {
  accepted,
  changedEvents,
  conversionOf,
  count,
  isoAgo,
  partnerWithClick,
  postback,
  processReports,
  SECRET,
  signedNetwork,
  unique,
} from './conversions-helpers.ts';
import { asWeb } from './identity-helpers.ts';
import { staffClient } from './tracking-helpers.ts';

const ctx = useTestApp();

/**
 * A network's reporting API over real HTTP, shaped like Admitad's `statistics/actions` (and the
 * sandbox's copy): Bearer token, status-updated window, offset/limit paging, `{ results, _meta }`.
 */
interface StatisticsServer {
  url: string;
  actions: Record<string, unknown>[];
  requests: URLSearchParams[];
  failNext: boolean;
}

let api: StatisticsServer;
let server: Server;

beforeAll(async () => {
  const state = {
    actions: [] as Record<string, unknown>[],
    requests: [] as URLSearchParams[],
    failNext: false,
  };
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.headers.authorization !== `Bearer ${SECRET}`) {
      response.writeHead(401).end();
      return;
    }
    if (state.failNext) {
      state.failNext = false;
      response.writeHead(503).end('maintenance');
      return;
    }
    state.requests.push(url.searchParams);
    const offset = Number(url.searchParams.get('offset'));
    const limit = Number(url.searchParams.get('limit'));
    const results = state.actions.slice(offset, offset + limit);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ results, _meta: { count: state.actions.length, limit, offset } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  api = Object.assign(state, { url: `http://127.0.0.1:${port}/api/statistics/actions` });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('polling the network', () => {
  it('recovers a postback that never arrived; polling again and postbacks already seen are harmless', async () => {
    const { network } = await signedNetwork(ctx(), { polling: { url: api.url, enabled: true } });
    const { clickId, userId } = await partnerWithClick(ctx());
    const actionId = unique('act');
    const base = {
      click_id: clickId,
      action_id: actionId,
      order_id: 'O-7',
      payment_sum: '150.00',
      order_sum: '3000.00',
      currency: 'KZT',
      action_date: isoAgo(ctx(), 120),
    };
    await accepted(
      postback(ctx(), network.key, { ...base, status: 'pending', status_updated: isoAgo(ctx(), 120) }),
    );
    await processReports(ctx());
    // The approval postback is lost; the network's API knows it. Also 150 other actions, to page.
    const others = Array.from({ length: 150 }, (_, index) => ({
      click_id: clickId,
      action_id: `${actionId}-other-${index}`,
      status: 'pending',
      payment_sum: '1.00',
      currency: 'KZT',
      status_updated: isoAgo(ctx(), 30),
    }));
    api.actions = [
      { ...base, status: 'approved', status_updated: isoAgo(ctx(), 30), order_sum: 3000 },
      ...others,
    ];
    api.requests = [];

    const result = await ctx().app.sauda.modules.conversions.api.pollNetwork(network.key);
    expect(result).toMatchObject({ fetched: 151, stored: 151 });
    expect(api.requests.map((query) => [query.get('offset'), query.get('limit')])).toEqual([
      ['0', '100'],
      ['100', '100'],
    ]);
    // First poll: the last 24 hours and an hour of overlap, ISO 8601.
    const first = api.requests[0];
    expect(new Date(first?.get('status_updated_end') ?? '').getTime()).toBe(ctx().clock.now().getTime());
    expect(new Date(first?.get('status_updated_start') ?? '').getTime()).toBe(
      ctx().clock.now().getTime() - 25 * 3_600_000,
    );

    await processReports(ctx());
    expect((await changedEvents(ctx(), actionId)).map((event) => [event.state, event.userId])).toEqual([
      ['pending', userId],
      ['approved', userId],
    ]);
    const paged = (await changedEvents(ctx())).filter((event) =>
      event.actionId.startsWith(`${actionId}-other-`),
    );
    expect(paged).toHaveLength(150);

    // The next poll overlaps the last window by an hour; unchanged actions are not stored again.
    ctx().clock.advance(10 * 60_000);
    api.requests = [];
    const again = await ctx().app.sauda.modules.conversions.api.pollNetwork(network.key);
    expect(again).toMatchObject({ fetched: 151, stored: 0 });
    expect(new Date(api.requests[0]?.get('status_updated_start') ?? '').getTime()).toBe(
      ctx().clock.now().getTime() - 10 * 60_000 - 3_600_000,
    );
    // The late postback arrives after all: a duplicate.
    const eventsBefore = (await changedEvents(ctx(), actionId)).length;
    await accepted(
      postback(ctx(), network.key, { ...base, status: 'approved', status_updated: isoAgo(ctx(), 40) }),
    );
    await processReports(ctx());
    expect(await changedEvents(ctx(), actionId)).toHaveLength(eventsBefore);
    expect((await conversionOf(ctx(), network.id, actionId))?.state).toBe('approved');
  });

  it('polls an Admitad-style API: dd.mm.yyyy windows and Admitad field names', async () => {
    const { network } = await signedNetwork(ctx(), {
      kind: 'admitad',
      secret: 'admitad-postback-secret-123',
      polling: { url: api.url, token: SECRET, enabled: true },
    });
    const { clickId, userId } = await partnerWithClick(ctx());
    const actionId = unique('adm');
    api.actions = [
      {
        subid: clickId,
        action_id: actionId,
        status: 'approved_but_stalled',
        payment: 12.5,
        cart: 250,
        currency: 'KZT',
        status_updated: '2026-01-01 10:00:00',
      },
    ];
    api.requests = [];
    const from = new Date('2026-01-01T09:00:00Z');
    const to = new Date('2026-01-01T11:30:05Z');
    const result = await ctx().app.sauda.modules.conversions.api.pollNetwork(network.key, { from, to });
    expect(result).toMatchObject({ fetched: 1, stored: 1 });
    expect(api.requests[0]?.get('status_updated_start')).toBe('01.01.2026 09:00:00');
    expect(api.requests[0]?.get('status_updated_end')).toBe('01.01.2026 11:30:05');
    expect(api.requests[0]?.get('limit')).toBe('500');
    await processReports(ctx());
    expect(await changedEvents(ctx(), actionId)).toEqual([
      expect.objectContaining({ state: 'approved', commission: '1250', orderAmount: '25000', userId }),
    ]);
  });

  it('a failing API is a 502 for staff and leaves the window to the next poll; polling needs a configured network', async () => {
    const { network } = await signedNetwork(ctx(), { polling: { url: api.url, enabled: true } });
    const staff = await staffClient(ctx(), 'partner_manager');
    api.failNext = true;
    const failed = await ctx().app.inject({
      method: 'POST',
      url: `/v1/admin/conversions/networks/${network.id}/poll`,
      headers: asWeb(staff),
      payload: {},
    });
    expect(failed.statusCode, failed.body).toBe(502);
    expect(failed.json()).toMatchObject({ code: 'CONVERSIONS_POLLING_FAILED' });
    expect(
      (await ctx().app.sauda.modules.conversions.api.getNetworkByKey(network.key))?.polling?.polledUntil,
    ).toBeNull();

    api.actions = [];
    const polled = await ctx().app.inject({
      method: 'POST',
      url: `/v1/admin/conversions/networks/${network.id}/poll`,
      headers: asWeb(staff),
      payload: {},
    });
    expect(polled.statusCode, polled.body).toBe(200);
    expect(
      (await ctx().app.sauda.modules.conversions.api.getNetworkByKey(network.key))?.polling?.polledUntil,
    ).toBe(ctx().clock.now().toISOString());
    const entries = await ctx().app.sauda.modules.audit.api.list({
      entityType: 'conversion-network',
      entityId: network.id,
      limit: 10,
    });
    expect(entries.map((entry) => entry.action)).toContain('conversions.network-polled');

    const { network: plain } = await signedNetwork(ctx());
    const notConfigured = await ctx().app.inject({
      method: 'POST',
      url: `/v1/admin/conversions/networks/${plain.id}/poll`,
      headers: asWeb(staff),
      payload: {},
    });
    expect(notConfigured.statusCode).toBe(409);
    const badWindow = await ctx().app.inject({
      method: 'POST',
      url: `/v1/admin/conversions/networks/${network.id}/poll`,
      headers: asWeb(staff),
      payload: { from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' },
    });
    expect(badWindow.statusCode).toBe(400);
  });

  it('the scheduled job polls every active network with polling enabled, and skips a failing one', async () => {
    const { network: on } = await signedNetwork(ctx(), { polling: { url: api.url, enabled: true } });
    const { network: off } = await signedNetwork(ctx(), { polling: { url: api.url, enabled: false } });
    const { network: broken } = await signedNetwork(ctx(), {
      polling: { url: 'http://127.0.0.1:9/nothing-listens-here', enabled: true },
    });
    const actionId = unique('cron');
    api.actions = [
      { action_id: actionId, status: 'pending', payment_sum: '1.00', status_updated: isoAgo(ctx(), 1) },
    ];
    const job = ctx().app.sauda.modules.conversions.jobs?.find(
      (item) => item.name === 'conversions.poll-networks',
    );
    await job?.handle({}, { jobId: 'test', logger: createLogger({ env: 'test', logLevel: 'silent' }) });
    const stored = async (networkId: string) =>
      count(ctx(), `SELECT count(*) FROM conversions.inbox WHERE network_id = $1 AND body LIKE $2`, [
        networkId,
        `%${actionId}%`,
      ]);
    expect(await stored(on.id)).toBe(1);
    expect(await stored(off.id)).toBe(0);
    expect(await stored(broken.id)).toBe(0);
  });
});
