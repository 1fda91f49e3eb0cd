import { describe, expect, it } from 'vitest';
import { createLogger } from '@sauda/platform';
import { useTestApp } from '@sauda/testing';
import { createTestAccount, fundAccount } from './testing.ts';

const ctx = useTestApp();

describe('ledger in the server', () => {
  it('is wired into the composition root with its jobs', async () => {
    const { app } = ctx();
    const { ledger, list } = app.sauda.modules;
    expect(list).toContain(ledger);
    expect(ledger.jobs?.map((job) => [job.name, job.cron])).toEqual([
      ['ledger.expire-pending', '* * * * *'],
      ['ledger.seal-blocks', '* * * * *'],
    ]);
    const account = await createTestAccount(ledger.api);
    await fundAccount(ledger.api, account, 5_000n);
    expect((await ledger.api.getBalance(account.id)).available).toBe(5_000n);
    const logger = createLogger({ env: 'test', logLevel: 'silent' });
    for (const job of ledger.jobs ?? []) await job.handle({}, { jobId: 'test', logger });
    expect((await ledger.api.verify()).ok).toBe(true);
  });
});
