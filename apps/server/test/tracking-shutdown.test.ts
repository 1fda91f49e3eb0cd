import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '@sauda/testing';
import { buildApp } from '../src/app.ts';
import { BROWSER_UA, partnerInput, SYSTEM } from './tracking-helpers.ts';

describe('graceful shutdown', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('writes every buffered click when the app closes, before the database goes away', async () => {
    const app = await buildApp(testConfig(database.url), { database, startJobs: false });
    await app.ready();
    const partner = await app.sauda.modules.catalog.api.createPartner(SYSTEM, {
      ...partnerInput(),
      status: 'active',
    });
    await app.sauda.modules.tracking.api.reloadRules();
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        app.inject({
          url: `/go/${partner.slug}`,
          headers: { 'user-agent': BROWSER_UA },
          remoteAddress: `192.0.2.${index}`,
        }),
      ),
    );
    expect(responses.every((response) => response.statusCode === 302)).toBe(true);
    expect(app.sauda.modules.tracking.api.pendingClicks).toBeGreaterThan(0);
    await app.close();
    const { rows } = await database.pool.query<{ count: string }>(
      'SELECT count(*) FROM tracking.clicks WHERE partner_id = $1',
      [partner.id],
    );
    expect(Number(rows[0]?.count)).toBe(40);
  });
});
