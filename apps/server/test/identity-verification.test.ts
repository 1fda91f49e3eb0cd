import { describe, expect, it } from 'vitest';
import { useTestApp } from '@sauda/testing';
import { solveAltcha } from '@sauda/identity/testing';
import { acceptedDocuments, DEFAULT_PASSWORD, nextIp, readCode } from './identity-helpers.ts';

const ctx = useTestApp();

async function register(email: string, ip: string): Promise<void> {
  const response = await ctx().app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    remoteAddress: ip,
    payload: {
      email,
      fullName: 'Данияр Ахметов',
      password: DEFAULT_PASSWORD,
      locale: 'en',
      acceptedDocuments: await acceptedDocuments(ctx()),
    },
  });
  expect(response.statusCode, response.body).toBe(202);
}

const altcha = async () => solveAltcha((await ctx().app.inject({ url: '/v1/auth/challenge' })).json());

describe('verification codes', () => {
  it('die after 5 wrong guesses; a resend after the cooldown brings a working one', async () => {
    const { app, clock } = ctx();
    const email = 'guesser@example.kz';
    const ip = nextIp();
    await register(email, ip);
    const code = await readCode(ctx())({ email }, 'verify-email');
    const wrongCode = code === '123456' ? '654321' : '123456';
    const verify = async (value: string, withChallenge = false) =>
      app.inject({
        method: 'POST',
        url: '/v1/auth/verify',
        remoteAddress: ip,
        payload: { email, code: value, ...(withChallenge ? { altcha: await altcha() } : {}) },
      });

    for (let i = 0; i < 3; i += 1) expect((await verify(wrongCode)).statusCode).toBe(400);
    // Past three failures the endpoint wants a proof of work as well.
    expect((await verify(code)).statusCode).toBe(428);
    expect((await verify(wrongCode, true)).statusCode).toBe(400);
    expect((await verify(wrongCode, true)).statusCode).toBe(400);
    // Five wrong guesses used the code up: even the right one fails now.
    expect((await verify(code, true)).json()).toMatchObject({ code: 'IDENTITY_INVALID_CODE' });

    const resend = () =>
      app.inject({ method: 'POST', url: '/v1/auth/verify/resend', remoteAddress: ip, payload: { email } });
    const unknown = await app.inject({
      method: 'POST',
      url: '/v1/auth/verify/resend',
      remoteAddress: ip,
      payload: { email: 'nobody-here@example.kz' },
    });
    expect(unknown.statusCode).toBe(202);
    expect((await resend()).json()).toEqual(unknown.json());
    clock.advance(61_000);
    expect((await resend()).statusCode).toBe(202);
    const fresh = await readCode(ctx())({ email }, 'verify-email');
    const ok = await verify(fresh, true);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('expire after 10 minutes', async () => {
    const { app, clock } = ctx();
    const email = 'slow@example.kz';
    const ip = nextIp();
    await register(email, ip);
    const code = await readCode(ctx())({ email }, 'verify-email');
    clock.advance(10 * 60_000 + 1_000);
    const late = await app.inject({
      method: 'POST',
      url: '/v1/auth/verify',
      remoteAddress: ip,
      payload: { email, code },
    });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({ code: 'IDENTITY_INVALID_CODE' });
  });
});
