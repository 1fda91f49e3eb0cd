import { describe, expect, it } from 'vitest';
import { useTestApp } from '@sauda/testing';

const ctx = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });

describe('rate limits', () => {
  it('answers 429 with Retry-After past the per-IP limit, and never limits health probes', async () => {
    const { app } = ctx();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await app.inject({ url: '/v1/anything' })).statusCode);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    const limited = await app.inject({ url: '/v1/anything', headers: { 'accept-language': 'en' } });
    expect(limited.json()).toMatchObject({ code: 'PLATFORM_RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 5; i += 1) expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
  });
});
