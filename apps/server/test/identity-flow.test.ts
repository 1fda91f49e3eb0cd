import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPendingEvents } from '@sauda/platform';
import { readMail, TestSmtpServer, useTestApp } from '@sauda/testing';
import { totpCodeAt } from '@sauda/identity/testing';
import {
  acceptedDocuments,
  asWeb,
  DEFAULT_PASSWORD,
  nextIp,
  readCode,
  webLogin,
} from './identity-helpers.ts';

// Email goes out through a real SMTP server started by this file; the code is read from the message.
const smtp = new TestSmtpServer();
let smtpUrl = '';
beforeAll(async () => {
  smtpUrl = await smtp.start();
});
afterAll(async () => {
  await smtp.stop();
});
const ctx = useTestApp({ env: () => ({ SMTP_URL: smtpUrl }) });

/** Delivers queued messages and returns the six-digit code of the last email received for `to`. */
async function codeFromMailbox(to: string): Promise<string> {
  const { app } = ctx();
  await deliverPendingEvents(
    app.sauda.database.db,
    app.sauda.modules.list.flatMap((m) => m.handlers ?? []),
  );
  const mail = smtp.received.filter((received) => received.to.includes(to)).at(-1);
  const code = /\b(\d{6})\b/.exec(readMail(mail?.raw ?? '').text)?.[1];
  if (!code) throw new Error(`no code in the mail to ${to}`);
  return code;
}

describe('identity end to end over HTTP', () => {
  it('register → verify → login → enable 2FA → login with TOTP → refresh rotation → reuse detected → logout', async () => {
    const { app, clock } = ctx();
    const email = 'aigerim@example.kz';
    const phone = '8 701 234 5678';
    const ip = nextIp();

    const registered = await app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      remoteAddress: ip,
      payload: {
        email,
        phone,
        fullName: 'Айгерим Нурланқызы',
        password: DEFAULT_PASSWORD,
        locale: 'kk',
        acceptedDocuments: await acceptedDocuments(ctx()),
      },
    });
    expect(registered.statusCode, registered.body).toBe(202);
    expect(registered.json()).toMatchObject({ status: 'verification-sent', channels: ['email', 'sms'] });

    // Not verified yet: the password is right, but sign-in waits for a confirmed contact.
    const early = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { login: email, password: DEFAULT_PASSWORD },
    });
    expect(early.statusCode).toBe(403);
    expect(early.json()).toMatchObject({ code: 'IDENTITY_ACCOUNT_NOT_VERIFIED' });

    const wrong = await app.inject({
      method: 'POST',
      url: '/v1/auth/verify',
      remoteAddress: ip,
      payload: { phone: '+77012345678', code: '000000' },
    });
    const smsCode = await readCode(ctx())({ phone: '+77012345678' }, 'verify-phone');
    if (smsCode !== '000000') expect(wrong.json()).toMatchObject({ code: 'IDENTITY_INVALID_CODE' });
    const verified = await app.inject({
      method: 'POST',
      url: '/v1/auth/verify',
      remoteAddress: ip,
      payload: { phone: '+7 701 234 56 78', code: smsCode },
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const emailVerified = await app.inject({
      method: 'POST',
      url: '/v1/auth/verify',
      remoteAddress: ip,
      payload: { email, code: await codeFromMailbox(email) },
    });
    expect(emailVerified.statusCode, emailVerified.body).toBe(200);

    // Web session: the cookie authenticates, state changes need the CSRF token too.
    const web = await webLogin(ctx(), email);
    expect(web.cookie).toContain('sauda_session=');
    const me = await app.inject({ url: '/v1/me', headers: { cookie: web.cookie } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({
      profile: {
        email,
        phone: '+77012345678',
        fullName: 'Айгерим Нурланқызы',
        phoneVerified: true,
        emailVerified: true,
        roles: ['member'],
      },
      authMethod: 'session',
    });

    const noCsrf = await app.inject({
      method: 'POST',
      url: '/v1/me/two-factor/setup',
      headers: { cookie: web.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ code: 'IDENTITY_CSRF_TOKEN_INVALID' });
    const forgedCsrf = await app.inject({
      method: 'POST',
      url: '/v1/me/two-factor/setup',
      headers: { cookie: web.cookie, 'x-csrf-token': 'forged' },
    });
    expect(forgedCsrf.statusCode).toBe(403);

    const setup = await app.inject({ method: 'POST', url: '/v1/me/two-factor/setup', headers: asWeb(web) });
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret, otpauthUri, qrCodeDataUrl } = setup.json<{
      secret: string;
      otpauthUri: string;
      qrCodeDataUrl: string;
    }>();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Sauda:/);
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const confirmed = await app.inject({
      method: 'POST',
      url: '/v1/me/two-factor/confirm',
      headers: asWeb(web),
      payload: { code: totpCodeAt(secret, clock.now()) },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const { backupCodes } = confirmed.json<{ backupCodes: string[] }>();
    expect(backupCodes).toHaveLength(10);

    const loggedOut = await app.inject({ method: 'POST', url: '/v1/auth/logout', headers: asWeb(web) });
    expect(loggedOut.statusCode, loggedOut.body).toBe(200);
    expect((await app.inject({ url: '/v1/me', headers: { cookie: web.cookie } })).statusCode).toBe(401);

    // API client: password alone is not enough any more.
    const token = (payload: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/v1/auth/token', remoteAddress: nextIp(), payload });
    const needsCode = await token({ grant_type: 'password', username: email, password: DEFAULT_PASSWORD });
    expect(needsCode.statusCode).toBe(401);
    expect(needsCode.json()).toMatchObject({ code: 'IDENTITY_SECOND_FACTOR_REQUIRED' });
    // The code used to confirm enrolment cannot be replayed; the next 30-second step works.
    clock.advance(30_000);
    const granted = await token({
      grant_type: 'password',
      username: phone,
      password: DEFAULT_PASSWORD,
      otp: totpCodeAt(secret, clock.now()),
    });
    expect(granted.statusCode, granted.body).toBe(200);
    const first = granted.json<{ access_token: string; refresh_token: string; token_type: string }>();
    expect(first.token_type).toBe('Bearer');
    const bearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });
    const meByToken = await app.inject({ url: '/v1/me', headers: bearer(first.access_token) });
    expect(meByToken.statusCode).toBe(200);
    expect(meByToken.json()).toMatchObject({
      authMethod: 'access_token',
      profile: { twoFactorEnabled: true },
    });
    expect(meByToken.json<{ secondFactorAt: string | null }>().secondFactorAt).not.toBeNull();

    // Access tokens verify against the published JWKS, by kid.
    const jwks = (await app.inject({ url: '/.well-known/jwks.json' })).json<{ keys: { kid: string }[] }>();
    const header = JSON.parse(
      Buffer.from(first.access_token.split('.')[0] ?? '', 'base64url').toString(),
    ) as {
      kid: string;
      alg: string;
    };
    expect(header.alg).toBe('ES256');
    expect(jwks.keys.map((key) => key.kid)).toContain(header.kid);

    const rotated = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const second = rotated.json<{ access_token: string; refresh_token: string }>();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await app.inject({ url: '/v1/me', headers: bearer(second.access_token) })).statusCode).toBe(200);

    // The first refresh token again: a leak. The whole family is revoked.
    const reused = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(reused.statusCode).toBe(400);
    expect(reused.json()).toMatchObject({ code: 'IDENTITY_INVALID_GRANT' });
    expect(
      (await token({ grant_type: 'refresh_token', refresh_token: second.refresh_token })).statusCode,
    ).toBe(400);
    expect((await app.inject({ url: '/v1/me', headers: bearer(second.access_token) })).statusCode).toBe(401);

    // A backup code signs in once; logging out ends that token family.
    const withBackup = await token({
      grant_type: 'password',
      username: email,
      password: DEFAULT_PASSWORD,
      otp: backupCodes[0] ?? '',
    });
    expect(withBackup.statusCode, withBackup.body).toBe(200);
    const third = withBackup.json<{ access_token: string; refresh_token: string }>();
    const reusedBackup = await token({
      grant_type: 'password',
      username: email,
      password: DEFAULT_PASSWORD,
      otp: backupCodes[0] ?? '',
    });
    expect(reusedBackup.json()).toMatchObject({ code: 'IDENTITY_INVALID_SECOND_FACTOR' });
    const logout = await app.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      headers: bearer(third.access_token),
    });
    expect(logout.statusCode, logout.body).toBe(200);
    expect((await app.inject({ url: '/v1/me', headers: bearer(third.access_token) })).statusCode).toBe(401);
    expect(
      (await token({ grant_type: 'refresh_token', refresh_token: third.refresh_token })).statusCode,
    ).toBe(400);

    // Every security event is in the audit log, without personal data.
    const userId = web.userId;
    const actions = (await app.sauda.modules.audit.api.list({ actor: userId, limit: 100 })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'identity.user-registered',
        'identity.contact-verified',
        'identity.login-failed',
        'identity.login-succeeded',
        'identity.two-factor-enabled',
        'identity.logged-out',
      ]),
    );
    const reuse = await app.sauda.modules.audit.api.list({
      action: 'identity.refresh-token-reused',
      limit: 5,
    });
    expect(reuse).toHaveLength(1);
    const everything = JSON.stringify(await app.sauda.modules.audit.api.list({ limit: 500 }));
    expect(everything).not.toContain(email);
    expect(everything).not.toContain('7012345678');
    expect((await app.sauda.modules.audit.api.verify()).ok).toBe(true);
  });
});
