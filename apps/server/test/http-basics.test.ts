import { describe, expect, it } from 'vitest';
import { useTestApp } from '@sauda/testing';

const ctx = useTestApp();

describe('operational endpoints', () => {
  it('answers liveness and readiness', async () => {
    const { app } = ctx();
    expect((await app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true }, migrations: { ok: true } },
    });
  });
});
