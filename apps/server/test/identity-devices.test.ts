import { describe, expect, it } from 'vitest';
import { useTestApp } from '@sauda/testing';
import { asWeb, registerVerified, webLogin, type WebClient } from './identity-helpers.ts';

const ctx = useTestApp();
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

async function requestCode(clientId = 'browser-extension', scope?: string) {
  const response = await ctx().app.inject({
    method: 'POST',
    url: '/v1/auth/device/code',
    payload: { client_id: clientId, ...(scope ? { scope } : {}) },
  });
  return response;
}

const poll = (deviceCode: string, clientId = 'browser-extension') =>
  ctx().app.inject({
    method: 'POST',
    url: '/v1/auth/token',
    payload: { grant_type: DEVICE_GRANT, device_code: deviceCode, client_id: clientId },
  });

const decide = (user: WebClient, userCode: string, approve: boolean) =>
  ctx().app.inject({
    method: 'POST',
    url: approve ? '/v1/auth/device/approve' : '/v1/auth/device/deny',
    headers: asWeb(user),
    payload: { userCode },
  });

describe('device authorization grant (RFC 8628)', () => {
  it('approve: the device polls, gets limited tokens, and the cabinet can revoke them', async () => {
    const { app, clock } = ctx();
    const user = await webLogin(ctx(), (await registerVerified(ctx(), 'device-owner@example.kz')).email);

    const issued = await requestCode();
    expect(issued.statusCode, issued.body).toBe(200);
    const grant = issued.json<{
      device_code: string;
      user_code: string;
      verification_uri: string;
      verification_uri_complete: string;
      interval: number;
      expires_in: number;
    }>();
    expect(grant.user_code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(grant.verification_uri_complete).toContain(grant.user_code);
    expect(grant).toMatchObject({ interval: 5, expires_in: 600 });

    const pending = await poll(grant.device_code);
    expect(pending.statusCode).toBe(400);
    expect(pending.json()).toMatchObject({ code: 'IDENTITY_DEVICE_AUTHORIZATION_PENDING' });
    const tooFast = await poll(grant.device_code);
    expect(tooFast.json()).toMatchObject({ code: 'IDENTITY_DEVICE_SLOW_DOWN' });

    const described = await app.inject({
      url: `/v1/auth/device?user_code=${grant.user_code.toLowerCase().replace('-', '')}`,
      headers: { cookie: user.cookie },
    });
    expect(described.statusCode, described.body).toBe(200);
    expect(described.json()).toMatchObject({
      clientId: 'browser-extension',
      clientName: 'Sauda browser extension',
      scopes: ['identity.profile.read'],
    });

    expect((await decide(user, grant.user_code, true)).statusCode).toBe(200);
    clock.advance(11_000);
    // The device code belongs to the client it was issued to.
    expect((await poll(grant.device_code, 'telegram-bot')).json()).toMatchObject({
      code: 'IDENTITY_INVALID_GRANT',
    });
    const granted = await poll(grant.device_code);
    expect(granted.statusCode, granted.body).toBe(200);
    const tokens = granted.json<{ access_token: string; refresh_token: string; scope: string }>();
    expect(tokens.scope).toBe('identity.profile.read');
    // The device code is spent.
    expect((await poll(grant.device_code)).json()).toMatchObject({ code: 'IDENTITY_INVALID_GRANT' });

    const asDevice = { authorization: `Bearer ${tokens.access_token}` };
    const me = await app.inject({ url: '/v1/me', headers: asDevice });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      permissions: ['identity.profile.read'],
      scopes: ['identity.profile.read'],
    });
    expect((await app.inject({ url: '/v1/me/sessions', headers: asDevice })).statusCode).toBe(403);

    const devices = (
      await app.inject({ url: '/v1/me/sessions?kind=device', headers: { cookie: user.cookie } })
    ).json<{ sessions: { id: string; client: string }[] }>().sessions;
    expect(devices).toHaveLength(1);
    expect(devices[0]?.client).toBe('browser-extension');
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/v1/me/sessions/${devices[0]?.id ?? ''}`,
      headers: asWeb(user),
    });
    expect(revoked.statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/me', headers: asDevice })).statusCode).toBe(401);
    const refresh = await app.inject({
      method: 'POST',
      url: '/v1/auth/token',
      payload: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
    });
    expect(refresh.statusCode).toBe(400);
  });

  it('deny: the device is told access_denied', async () => {
    const user = await webLogin(ctx(), (await registerVerified(ctx(), 'denier@example.kz')).email);
    const grant = (await requestCode('telegram-bot')).json<{ device_code: string; user_code: string }>();
    expect((await decide(user, grant.user_code, false)).statusCode).toBe(200);
    expect((await poll(grant.device_code, 'telegram-bot')).json()).toMatchObject({
      code: 'IDENTITY_DEVICE_ACCESS_DENIED',
    });
    // A decided request cannot be approved afterwards.
    expect((await decide(user, grant.user_code, true)).json()).toMatchObject({
      code: 'IDENTITY_DEVICE_CODE_NOT_FOUND',
    });
  });

  it('expire: an unanswered request dies after 10 minutes', async () => {
    const { clock } = ctx();
    const user = await webLogin(ctx(), (await registerVerified(ctx(), 'late@example.kz')).email);
    const grant = (await requestCode()).json<{ device_code: string; user_code: string }>();
    clock.advance(601_000);
    expect((await poll(grant.device_code)).json()).toMatchObject({ code: 'IDENTITY_DEVICE_CODE_EXPIRED' });
    expect((await decide(user, grant.user_code, true)).statusCode).toBe(404);
  });

  it('refuses unknown clients and scopes beyond the client registration', async () => {
    expect((await requestCode('some-other-app')).json()).toMatchObject({ code: 'IDENTITY_UNKNOWN_CLIENT' });
    const overreach = await requestCode('browser-extension', 'identity.profile.read identity.users.block');
    expect(overreach.statusCode).toBe(403);
    expect(overreach.json()).toMatchObject({ code: 'IDENTITY_SCOPE_NOT_ALLOWED' });
  });
});
