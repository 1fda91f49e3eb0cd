import { describe, expect, it } from 'vitest';
import { useTestApp } from '@sauda/testing';
import { totpCodeAt } from '@sauda/identity/testing';
import {
  asWeb,
  DEFAULT_PASSWORD,
  enableTwoFactor,
  nextIp,
  readCode,
  registerVerified,
  tokenLogin,
  webLogin,
} from './identity-helpers.ts';

const ctx = useTestApp();
const NEW_PASSWORD = 'a brand new passphrase';

describe('password reset', () => {
  it('by email code: sets the new password and ends every session', async () => {
    const { app } = ctx();
    const { email } = await registerVerified(ctx(), 'forgetful@example.kz');
    const web = await webLogin(ctx(), email);
    const tokens = await tokenLogin(ctx(), email);

    const forgot = (payload: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/v1/auth/password/forgot', remoteAddress: nextIp(), payload });
    const known = await forgot({ email });
    const unknown = await forgot({ email: 'stranger@example.kz' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());

    const reset = (code: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/auth/password/reset',
        remoteAddress: nextIp(),
        payload: { email, code, newPassword: NEW_PASSWORD },
      });
    const code = await readCode(ctx())({ email }, 'reset-password');
    const wrong = await reset(code === '111111' ? '222222' : '111111');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'IDENTITY_INVALID_CODE' });
    const done = await reset(code);
    expect(done.statusCode, done.body).toBe(200);
    // A code works once.
    expect((await reset(code)).statusCode).toBe(400);

    expect((await app.inject({ url: '/v1/me', headers: { cookie: web.cookie } })).statusCode).toBe(401);
    expect(
      (await app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${tokens.access_token}` } }))
        .statusCode,
    ).toBe(401);
    const oldPassword = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: nextIp(),
      payload: { login: email, password: DEFAULT_PASSWORD },
    });
    expect(oldPassword.statusCode).toBe(401);
    await webLogin(ctx(), email, NEW_PASSWORD);
    const [audited] = await app.sauda.modules.audit.api.list({ action: 'identity.password-reset', limit: 1 });
    expect(audited).toMatchObject({ after: { channel: 'email', sessionsRevoked: 2 } });
  });

  it('by SMS code for a phone account', async () => {
    const { app } = ctx();
    const phone = '+77015550011';
    const ip = nextIp();
    const registered = await app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      remoteAddress: ip,
      payload: {
        phone,
        fullName: 'Ерлан Сапаров',
        password: DEFAULT_PASSWORD,
        locale: 'ru',
        acceptedDocuments: [
          { document: 'terms', version: '2026-01-01' },
          { document: 'privacy', version: '2026-01-01' },
        ],
      },
    });
    expect(registered.statusCode).toBe(202);
    const verifyCode = await readCode(ctx())({ phone }, 'verify-phone');
    await app.inject({
      method: 'POST',
      url: '/v1/auth/verify',
      remoteAddress: ip,
      payload: { phone, code: verifyCode },
    });

    await app.inject({
      method: 'POST',
      url: '/v1/auth/password/forgot',
      remoteAddress: ip,
      payload: { phone },
    });
    const code = await readCode(ctx())({ phone }, 'reset-password');
    const done = await app.inject({
      method: 'POST',
      url: '/v1/auth/password/reset',
      remoteAddress: ip,
      payload: { phone: '8 701 555 00 11', code, newPassword: NEW_PASSWORD },
    });
    expect(done.statusCode, done.body).toBe(200);
    await webLogin(ctx(), phone, NEW_PASSWORD);
  });
});

describe('two-factor management', () => {
  it('regenerates backup codes and disables 2FA with password and code', async () => {
    const { app, clock } = ctx();
    const { email } = await registerVerified(ctx(), 'twofactor@example.kz');
    const web = await webLogin(ctx(), email);
    const { secret, backupCodes } = await enableTwoFactor(ctx(), web);

    clock.advance(30_000);
    const regenerated = await app.inject({
      method: 'POST',
      url: '/v1/me/two-factor/backup-codes',
      headers: asWeb(web),
      payload: { code: totpCodeAt(secret, clock.now()) },
    });
    expect(regenerated.statusCode, regenerated.body).toBe(200);
    const fresh = regenerated.json<{ backupCodes: string[] }>().backupCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(backupCodes[0]);

    const wrongPassword = await app.inject({
      method: 'POST',
      url: '/v1/me/two-factor/disable',
      headers: asWeb(web),
      payload: { password: 'not my password at all', code: fresh[0] ?? '' },
    });
    expect(wrongPassword.statusCode).toBe(401);
    // Old backup codes are gone; a new one works, in any letter case.
    const oldCode = await app.inject({
      method: 'POST',
      url: '/v1/me/two-factor/disable',
      headers: asWeb(web),
      payload: { password: DEFAULT_PASSWORD, code: backupCodes[0] ?? '' },
    });
    expect(oldCode.json()).toMatchObject({ code: 'IDENTITY_INVALID_SECOND_FACTOR' });
    const disabled = await app.inject({
      method: 'POST',
      url: '/v1/me/two-factor/disable',
      headers: asWeb(web),
      payload: { password: DEFAULT_PASSWORD, code: (fresh[1] ?? '').toLowerCase() },
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const me = await app.inject({ url: '/v1/me', headers: { cookie: web.cookie } });
    expect(me.json()).toMatchObject({ profile: { twoFactorEnabled: false }, secondFactorAt: null });
    await tokenLogin(ctx(), email);

    const actions = (await app.sauda.modules.audit.api.list({ entityId: web.userId, limit: 50 })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'identity.two-factor-enabled',
        'identity.backup-codes-regenerated',
        'identity.second-factor-failed',
        'identity.two-factor-disabled',
      ]),
    );
  });
});

describe('account deletion', () => {
  it('signs out everywhere, then erases personal data after the grace period', async () => {
    const { app, clock } = ctx();
    const { email } = await registerVerified(ctx(), 'leaving@example.kz');
    const web = await webLogin(ctx(), email);

    const wrong = await app.inject({
      method: 'POST',
      url: '/v1/me/deletion',
      headers: asWeb(web),
      payload: { password: 'not the right one!' },
    });
    expect(wrong.statusCode).toBe(401);
    const requested = await app.inject({
      method: 'POST',
      url: '/v1/me/deletion',
      headers: asWeb(web),
      payload: { password: DEFAULT_PASSWORD },
    });
    expect(requested.statusCode, requested.body).toBe(202);
    expect((await app.inject({ url: '/v1/me', headers: { cookie: web.cookie } })).statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: nextIp(),
      payload: { login: email, password: DEFAULT_PASSWORD },
    });
    expect(login.statusCode).toBe(401);

    const { identity } = app.sauda.modules;
    expect(await identity.api.eraseDueAccounts()).toBe(0);
    clock.advance(31 * 86_400_000);
    expect(await identity.api.eraseDueAccounts()).toBe(1);
    expect(await identity.api.getProfile(web.userId)).toMatchObject({
      status: 'erased',
      email: null,
      phone: null,
      fullName: null,
    });
    const [erased] = await app.sauda.modules.audit.api.list({ action: 'identity.user-erased', limit: 1 });
    expect(erased?.entityId).toBe(web.userId);
    // The address is free again.
    await registerVerified(ctx(), email);
  });
});
