import { describe, expect, it } from 'vitest';
import { createLogger } from '@sauda/platform';
import { useTestApp } from '@sauda/testing';
import { solveAltcha } from '@sauda/identity/testing';
import { nextIp, registerVerified } from './identity-helpers.ts';

const ctx = useTestApp();

async function count(sql: string): Promise<number> {
  const { rows } = await ctx().database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`);
  return rows[0]?.n ?? 0;
}

describe('identity jobs', () => {
  it('purge-expired drops expired challenges, stale abuse counters and unused device requests', async () => {
    const { app, clock } = ctx();
    const { email } = await registerVerified(ctx(), 'purge@example.kz');
    const ip = nextIp();
    for (let i = 0; i < 3; i += 1) {
      await app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        remoteAddress: ip,
        payload: { login: email, password: 'wrong password again' },
      });
    }
    const altcha = await solveAltcha((await app.inject({ url: '/v1/auth/challenge' })).json());
    await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: ip,
      payload: { login: email, password: 'wrong password again', altcha },
    });
    await app.inject({ method: 'POST', url: '/v1/auth/device/code', payload: { client_id: 'telegram-bot' } });
    expect(await count('identity.used_challenges')).toBe(1);
    expect(await count('identity.throttles')).toBeGreaterThan(0);
    expect(await count('identity.device_authorizations')).toBe(1);

    const job = app.sauda.modules.identity.jobs?.find(
      (candidate) => candidate.name === 'identity.purge-expired',
    );
    if (!job) throw new Error('identity.purge-expired is not registered');
    const logger = createLogger({ env: 'test', logLevel: 'silent' });
    await job.handle({}, { jobId: 'job-1', logger });
    expect(await count('identity.used_challenges')).toBe(1);

    clock.advance(2 * 86_400_000);
    await job.handle({}, { jobId: 'job-2', logger });
    expect(await count('identity.used_challenges')).toBe(0);
    expect(await count('identity.throttles')).toBe(0);
    expect(await count('identity.device_authorizations')).toBe(0);
  });
});
