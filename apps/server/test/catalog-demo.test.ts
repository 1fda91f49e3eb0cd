import { describe, expect, it } from 'vitest';
import { createLogger } from '@sauda/platform';
import { useTestApp } from '@sauda/testing';
import { seedDemo } from '../src/demo-seed.ts';
import { BROWSER_UA } from './tracking-helpers.ts';

const ctx = useTestApp();

describe('demo catalog', () => {
  it('seeds about fifty partners with logos on the sandbox network, once', async () => {
    const logger = createLogger({ env: 'test', logLevel: 'silent' });
    await seedDemo(ctx().app, logger);
    await seedDemo(ctx().app, logger);
    const { rows } = await ctx().database.pool.query<{ status: string; count: string; logos: string }>(
      `SELECT status, count(*)::text AS count, count(logo_key)::text AS logos FROM catalog.partners GROUP BY status ORDER BY status`,
    );
    expect(rows).toEqual([
      { status: 'active', count: '48', logos: '48' },
      { status: 'archived', count: '1', logos: '1' },
      { status: 'paused', count: '1', logos: '1' },
    ]);
    const electronics = await ctx().app.inject({
      url: '/v1/catalog/partners?category=electronics&q=tehnograd',
    });
    expect(electronics.json<{ items: { slug: string; name: { kk: string } }[] }>().items[0]).toMatchObject({
      slug: 'tehnograd',
    });

    await ctx().app.sauda.modules.tracking.api.reloadRules();
    const go = await ctx().app.inject({ url: '/go/tehnograd', headers: { 'user-agent': BROWSER_UA } });
    expect(String(go.headers.location)).toMatch(
      new RegExp(
        `^${ctx().app.sauda.config.sandbox.url}/affiliate-network/click\\?subid=[A-Za-z0-9_-]{30}&url=https%3A%2F%2Ftehnograd\\.kz%2F&offer=tehnograd$`,
      ),
    );
  });

  it('prices rewards and funds the rewards and referral pools, once however often it runs', async () => {
    const logger = createLogger({ env: 'test', logLevel: 'silent' });
    await seedDemo(ctx().app, logger);
    await seedDemo(ctx().app, logger);
    const { pool } = ctx().database;
    const rates = await pool.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM rewards.exchange_rates WHERE currency = 'KZT'`,
    );
    expect(rates.rows[0]?.count).toBe('8');
    const fundings = await pool.query<{ code: string; amount: string }>(
      `SELECT code, amount::text AS amount FROM ledger.transfers WHERE id LIKE '%demo-initial-funding%' ORDER BY id`,
    );
    expect(fundings.rows.length).toBeGreaterThanOrEqual(2);
    expect(new Set(fundings.rows.map((row) => row.amount))).toEqual(new Set(['100000000000', '10000000000']));
  });
});
