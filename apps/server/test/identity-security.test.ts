import { describe, expect, it } from 'vitest';
import { useTestApp } from '@sauda/testing';
import { solveAltcha } from '@sauda/identity/testing';
import {
  acceptedDocuments,
  asWeb,
  DEFAULT_PASSWORD,
  nextIp,
  registerVerified,
  tokenLogin,
  webLogin,
} from './identity-helpers.ts';

const ctx = useTestApp();

async function freshChallenge(): Promise<string> {
  const response = await ctx().app.inject({ url: '/v1/auth/challenge' });
  expect(response.statusCode).toBe(200);
  return solveAltcha(response.json());
}

describe('sign-in abuse limits', () => {
  it('answers an unknown account exactly like a wrong password', async () => {
    const { app } = ctx();
    await registerVerified(ctx(), 'known@example.kz');
    const attempt = (login: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        remoteAddress: nextIp(),
        headers: { 'accept-language': 'en' },
        payload: { login, password: 'not the password at all' },
      });
    const wrongPassword = await attempt('known@example.kz');
    const unknown = await attempt('nobody@example.kz');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrongPassword.json()));
  });

  it('demands a proof of work after 3 failures, locks after 5, and doubles the lock', async () => {
    const { app, clock } = ctx();
    const { email } = await registerVerified(ctx(), 'target@example.kz');
    const login = (password: string, altcha?: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        remoteAddress: nextIp(),
        payload: { login: email, password, ...(altcha ? { altcha } : {}) },
      });
    for (let i = 0; i < 3; i += 1) expect((await login('wrong password number')).statusCode).toBe(401);

    const challenged = await login(DEFAULT_PASSWORD);
    expect(challenged.statusCode).toBe(428);
    expect(challenged.json()).toMatchObject({ code: 'IDENTITY_CHALLENGE_REQUIRED' });
    expect((await login(DEFAULT_PASSWORD, 'bm90IGEgcGF5bG9hZA==')).json()).toMatchObject({
      code: 'IDENTITY_CHALLENGE_FAILED',
    });

    const solved = await freshChallenge();
    expect((await login('wrong password number', solved)).statusCode).toBe(401);
    // A solved challenge is single-use.
    expect((await login(DEFAULT_PASSWORD, solved)).json()).toMatchObject({
      code: 'IDENTITY_CHALLENGE_FAILED',
    });

    // Fifth failure: locked for a minute, even for the right password.
    expect((await login('wrong password number', await freshChallenge())).statusCode).toBe(401);
    const locked = await login(DEFAULT_PASSWORD, await freshChallenge());
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'IDENTITY_TOO_MANY_ATTEMPTS' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(55);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);

    // One more failure after the lock ends doubles it.
    clock.advance(61_000);
    expect((await login('wrong password number', await freshChallenge())).statusCode).toBe(401);
    const doubled = await login(DEFAULT_PASSWORD, await freshChallenge());
    expect(doubled.statusCode).toBe(429);
    expect(Number(doubled.headers['retry-after'])).toBeGreaterThan(115);

    clock.advance(121_000);
    const allowed = await login(DEFAULT_PASSWORD, await freshChallenge());
    expect(allowed.statusCode, allowed.body).toBe(200);
    // Success forgets the account's failures: no challenge next time.
    expect((await login(DEFAULT_PASSWORD)).statusCode).toBe(200);
  });
});

describe('CSRF and ownership', () => {
  it('rejects cookie requests without the CSRF token, not bearer ones', async () => {
    const { app } = ctx();
    const { email } = await registerVerified(ctx(), 'csrf@example.kz');
    const web = await webLogin(ctx(), email);
    const sessions = await app.inject({ url: '/v1/me/sessions', headers: { cookie: web.cookie } });
    expect(sessions.statusCode).toBe(200);
    const [current] = sessions.json<{ sessions: { id: string; current: boolean }[] }>().sessions;
    expect(current?.current).toBe(true);

    const withoutToken = await app.inject({
      method: 'DELETE',
      url: `/v1/me/sessions/${current?.id ?? ''}`,
      headers: { cookie: web.cookie, 'accept-language': 'ru' },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json()).toMatchObject({ code: 'IDENTITY_CSRF_TOKEN_INVALID' });
    expect(withoutToken.json<{ title: string }>().title).toMatch(/CSRF/);
    // Another session's token does not fit this session.
    const other = await webLogin(ctx(), email);
    const crossed = await app.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      headers: { cookie: web.cookie, 'x-csrf-token': other.csrf },
    });
    expect(crossed.statusCode).toBe(403);
    expect((await app.inject({ url: '/v1/me', headers: { cookie: web.cookie } })).statusCode).toBe(200);

    const tokens = await tokenLogin(ctx(), email);
    const setup = await app.inject({
      method: 'POST',
      url: '/v1/me/two-factor/setup',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(setup.statusCode, setup.body).toBe(200);
  });

  it("keeps user A away from user B's sessions, devices and API keys", async () => {
    const { app } = ctx();
    const alice = await webLogin(ctx(), (await registerVerified(ctx(), 'alice@example.kz')).email);
    const bob = await webLogin(ctx(), (await registerVerified(ctx(), 'bob@example.kz')).email);

    // Bob authorizes a device (the Telegram bot) and creates an API key.
    const device = await app.inject({
      method: 'POST',
      url: '/v1/auth/device/code',
      payload: { client_id: 'telegram-bot' },
    });
    const { device_code, user_code } = device.json<{ device_code: string; user_code: string }>();
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/v1/auth/device/approve',
          headers: asWeb(bob),
          payload: { userCode: user_code },
        })
      ).statusCode,
    ).toBe(200);
    const deviceTokens = await app.inject({
      method: 'POST',
      url: '/v1/auth/token',
      payload: {
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        device_code,
        client_id: 'telegram-bot',
      },
    });
    expect(deviceTokens.statusCode, deviceTokens.body).toBe(200);
    const created = await app.inject({
      method: 'POST',
      url: '/v1/me/api-keys',
      headers: asWeb(bob),
      payload: { name: 'shop integration', scopes: ['identity.profile.read'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const bobKey = created.json<{ id: string; key: string; prefix: string }>();
    expect(bobKey.key.startsWith(`${bobKey.prefix}_`)).toBe(true);

    const bobSessions = (await app.inject({ url: '/v1/me/sessions', headers: { cookie: bob.cookie } })).json<{
      sessions: { id: string; kind: string }[];
    }>().sessions;
    expect(bobSessions.map((session) => session.kind).sort()).toEqual(['device', 'web']);

    const aliceSessions = (
      await app.inject({ url: '/v1/me/sessions', headers: { cookie: alice.cookie } })
    ).json<{ sessions: { id: string }[] }>().sessions;
    expect(aliceSessions.map((session) => session.id)).not.toEqual(
      expect.arrayContaining(bobSessions.map((session) => session.id)),
    );
    expect(
      (await app.inject({ url: '/v1/me/api-keys', headers: { cookie: alice.cookie } })).json<{
        apiKeys: unknown[];
      }>().apiKeys,
    ).toEqual([]);

    for (const session of bobSessions) {
      const attempt = await app.inject({
        method: 'DELETE',
        url: `/v1/me/sessions/${session.id}`,
        headers: asWeb(alice),
      });
      expect(attempt.statusCode).toBe(404);
    }
    const keyAttempt = await app.inject({
      method: 'DELETE',
      url: `/v1/me/api-keys/${bobKey.id}`,
      headers: asWeb(alice),
    });
    expect(keyAttempt.statusCode).toBe(404);

    // Bob's credentials all still work.
    expect((await app.inject({ url: '/v1/me', headers: { cookie: bob.cookie } })).statusCode).toBe(200);
    const deviceAccess = deviceTokens.json<{ access_token: string }>().access_token;
    expect(
      (await app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${deviceAccess}` } })).statusCode,
    ).toBe(200);
    const byKey = await app.inject({ url: '/v1/me', headers: { 'x-api-key': bobKey.key } });
    expect(byKey.statusCode, byKey.body).toBe(200);
    expect(byKey.json()).toMatchObject({ authMethod: 'api_key', permissions: ['identity.profile.read'] });
    // Scopes limit what the key may do: managing the account is out of its reach.
    const keyListsSessions = await app.inject({
      url: '/v1/me/sessions',
      headers: { authorization: `Bearer ${bobKey.key}` },
    });
    expect(keyListsSessions.statusCode).toBe(403);

    const listed = (await app.inject({ url: '/v1/me/api-keys', headers: { cookie: bob.cookie } })).json<{
      apiKeys: { id: string; lastUsedAt: string | null; prefix: string }[];
    }>().apiKeys;
    expect(listed).toHaveLength(1);
    expect(listed[0]?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(bobKey.key);

    expect(
      (await app.inject({ method: 'DELETE', url: `/v1/me/api-keys/${bobKey.id}`, headers: asWeb(bob) }))
        .statusCode,
    ).toBe(200);
    expect((await app.inject({ url: '/v1/me', headers: { 'x-api-key': bobKey.key } })).statusCode).toBe(401);
  });
});

describe('bad input', () => {
  const register = async (payload: Record<string, unknown>, language = 'en') =>
    ctx().app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      remoteAddress: nextIp(),
      headers: { 'accept-language': language },
      payload: {
        fullName: 'Test Person',
        password: DEFAULT_PASSWORD,
        locale: 'en',
        acceptedDocuments: await acceptedDocuments(ctx()),
        ...payload,
      },
    });

  const registrations = async () =>
    (await ctx().app.sauda.modules.audit.api.list({ action: 'identity.user-registered', limit: 1000 }))
      .length;

  it('gets localized 4xx answers and changes nothing', async () => {
    const before = await registrations();

    const phoneRu = await register({ phone: '12345' }, 'ru');
    const phoneKk = await register({ phone: '+7 916 123 45 67' }, 'kk');
    expect(phoneRu.statusCode).toBe(400);
    expect(phoneRu.json()).toMatchObject({ code: 'IDENTITY_INVALID_PHONE' });
    expect(phoneRu.json<{ title: string }>().title).toMatch(/Казахстана/);
    expect(phoneKk.json()).toMatchObject({ code: 'IDENTITY_INVALID_PHONE' });
    expect(phoneKk.json<{ title: string }>().title).toMatch(/Қазақстандық/);

    const huge = await register({ email: 'huge@example.kz', fullName: 'x'.repeat(10 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'PLATFORM_PAYLOAD_TOO_LARGE' });

    const longName = await register({ email: 'long@example.kz', fullName: 'x'.repeat(201) }, 'ru');
    expect(longName.statusCode).toBe(400);
    expect(longName.json()).toMatchObject({
      code: 'PLATFORM_VALIDATION',
      errors: [{ path: 'body/fullName', message: 'Не длиннее 200 символов' }],
    });

    const unknownField = await register({ email: 'extra@example.kz', isAdmin: true });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json()).toMatchObject({
      code: 'PLATFORM_VALIDATION',
      errors: [{ path: 'body/isAdmin', message: 'Unknown field isAdmin' }],
    });

    expect((await register({ email: 'short@example.kz', password: 'short' })).json()).toMatchObject({
      code: 'IDENTITY_PASSWORD_TOO_SHORT',
    });
    expect((await register({ email: 'common@example.kz', password: 'qwertyuiop' })).json()).toMatchObject({
      code: 'IDENTITY_PASSWORD_TOO_COMMON',
    });
    expect((await register({ email: 'noconsent@example.kz', acceptedDocuments: [] })).json()).toMatchObject({
      code: 'IDENTITY_CONSENT_REQUIRED',
    });
    expect((await register({})).json()).toMatchObject({ code: 'IDENTITY_CONTACT_REQUIRED' });
    expect((await register({ email: 'not an email' })).json()).toMatchObject({
      code: 'IDENTITY_INVALID_EMAIL',
    });

    expect(await registrations()).toBe(before);
  });

  it('answers a taken address like a new one, without creating anything', async () => {
    await registerVerified(ctx(), 'taken@example.kz');
    const before = await registrations();
    const again = await register({ email: 'TAKEN@example.kz' });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ status: 'verification-sent', channels: ['email'] });
    expect(await registrations()).toBe(before);
  });
});
