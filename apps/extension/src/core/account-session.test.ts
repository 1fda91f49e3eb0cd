import { describe, expect, it } from 'vitest';
import { AccountSession } from './account-session.ts';
import type { FetchLike } from './api-http.ts';
import { memoryStore } from './key-value-store.ts';

type Handler = (body: Record<string, unknown>, headers: Headers) => { status: number; body?: unknown };

/** A fake of identity's endpoints, as described in docs/api/authentication.md. */
function identity(routes: Record<string, Handler>) {
  const calls: string[] = [];
  const fetcher: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    calls.push(path);
    const handler = routes[path];
    if (!handler) return new Response('{}', { status: 404 });
    const answer = handler(
      typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {},
      new Headers(init?.headers),
    );
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
    });
  };
  return { calls, fetcher };
}

const problem = (status: number, code: string) => ({ status, body: { code } });
const tokens = (n: number) => ({
  status: 200,
  body: { access_token: `at${n}`, refresh_token: `rt${n}`, expires_in: 600 },
});
const deviceCode = () => ({
  status: 200,
  body: {
    device_code: 'dc',
    user_code: 'WDJB-MJHT',
    verification_uri: 'http://x/device',
    verification_uri_complete: 'http://x/device?user_code=WDJB-MJHT',
    expires_in: 600,
    interval: 5,
  },
});

function setup(routes: Record<string, Handler>) {
  const server = identity(routes);
  const clock = { now: new Date('2026-05-01T10:00:00Z') };
  const advance = (seconds: number) => {
    clock.now = new Date(clock.now.getTime() + seconds * 1000);
  };
  const session = new AccountSession({
    fetch: server.fetcher,
    apiUrl: 'http://api',
    store: memoryStore(),
    now: () => clock.now,
  });
  return { session, advance, calls: server.calls };
}

describe('connecting the account through the device flow', () => {
  it('waits for approval, slows down when told, then connects and reads the account language', async () => {
    const answers = [
      problem(400, 'IDENTITY_DEVICE_AUTHORIZATION_PENDING'),
      problem(400, 'IDENTITY_DEVICE_SLOW_DOWN'),
      tokens(1),
    ];
    const { session, advance, calls } = setup({
      '/v1/auth/device/code': (body) =>
        body.client_id === 'browser-extension' ? deviceCode() : problem(400, 'X'),
      '/v1/auth/token': (body) =>
        body.grant_type === 'urn:ietf:params:oauth:grant-type:device_code' && body.device_code === 'dc'
          ? answers.shift()!
          : problem(400, 'X'),
      '/v1/me': (_body, headers) =>
        headers.get('authorization') === 'Bearer at1'
          ? { status: 200, body: { profile: { locale: 'kk' } } }
          : problem(401, 'X'),
    });
    await session.startConnect();
    expect(await session.status()).toMatchObject({ state: 'connecting', userCode: 'WDJB-MJHT' });
    expect(await session.pollOnce()).toBe('waiting');
    expect(calls.filter((c) => c === '/v1/auth/token')).toHaveLength(0);
    advance(5);
    expect(await session.pollOnce()).toBe('waiting');
    advance(5);
    expect(await session.pollOnce()).toBe('waiting');
    expect(await session.nextPollDelay()).toBe(10_000);
    advance(10);
    expect(await session.pollOnce()).toBe('connected');
    expect(await session.status()).toEqual({ state: 'connected', locale: 'kk' });
    expect(await session.pollOnce()).toBe('idle');
  });

  it('reports a denial and an expiry', async () => {
    const denied = setup({
      '/v1/auth/device/code': deviceCode,
      '/v1/auth/token': () => problem(400, 'IDENTITY_DEVICE_ACCESS_DENIED'),
    });
    await denied.session.startConnect();
    denied.advance(5);
    expect(await denied.session.pollOnce()).toBe('denied');
    expect(await denied.session.status()).toEqual({ state: 'disconnected', problem: 'denied' });

    const expired = setup({
      '/v1/auth/device/code': deviceCode,
      '/v1/auth/token': () => problem(400, 'IDENTITY_DEVICE_AUTHORIZATION_PENDING'),
    });
    await expired.session.startConnect();
    expired.advance(601);
    expect(await expired.session.pollOnce()).toBe('expired');
    expect(await expired.session.status()).toEqual({ state: 'disconnected', problem: 'expired' });
  });
});

describe('using and refreshing the tokens', () => {
  async function connected(routes: Record<string, Handler>) {
    const issued = [tokens(1)];
    const setupResult = setup({
      '/v1/auth/device/code': deviceCode,
      '/v1/me': () => ({ status: 200, body: { profile: { locale: 'ru' } } }),
      ...routes,
      '/v1/auth/token': (body, headers) =>
        body.grant_type === 'refresh_token'
          ? routes['/v1/auth/token']!(body, headers)
          : (issued.shift() ?? problem(400, 'IDENTITY_INVALID_GRANT')),
    });
    await setupResult.session.startConnect();
    setupResult.advance(5);
    expect(await setupResult.session.pollOnce()).toBe('connected');
    return setupResult;
  }

  it('refreshes an expired access token once, even for parallel calls, and caches the click context', async () => {
    let refreshes = 0;
    const { session, advance } = await connected({
      '/v1/auth/token': (body) => {
        refreshes += 1;
        return body.refresh_token === 'rt1' ? tokens(2) : problem(400, 'IDENTITY_INVALID_GRANT');
      },
      '/v1/tracking/context': (_b, headers) =>
        headers.get('authorization') === 'Bearer at2'
          ? { status: 200, body: { token: 'ctx2', expiresAt: '2026-05-08T10:10:00Z' } }
          : problem(401, 'IDENTITY_TOKEN_EXPIRED'),
    });
    advance(600);
    const [a, b] = await Promise.all([
      session.authorized('/v1/tracking/context', { method: 'POST' }),
      session.authorized('/v1/me'),
    ]);
    expect(refreshes).toBe(1);
    expect(a?.status).toBe(200);
    expect(b?.status).toBe(200);
    expect(await session.clickContext()).toBe('ctx2');
    expect(await session.clickContext()).toBe('ctx2');
  });

  it('forgets the account cleanly when the cabinet revoked the device', async () => {
    const { session } = await connected({
      '/v1/auth/token': () => problem(400, 'IDENTITY_INVALID_GRANT'),
      '/v1/tracking/context': () => problem(401, 'PLATFORM_UNAUTHENTICATED'),
    });
    expect(await session.clickContext()).toBeUndefined();
    expect(await session.status()).toEqual({ state: 'disconnected', problem: 'revoked' });
    expect(await session.authorized('/v1/me')).toBeUndefined();
  });

  it('follows the account language and notices a revoked device when the popup checks the account', async () => {
    const server = { locale: 'ru', revoked: false };
    const { session } = await connected({
      '/v1/me': () =>
        server.revoked
          ? problem(401, 'PLATFORM_UNAUTHENTICATED')
          : { status: 200, body: { profile: { locale: server.locale } } },
      '/v1/auth/token': () => problem(400, 'IDENTITY_INVALID_GRANT'),
    });
    server.locale = 'en';
    await session.refreshProfile();
    expect(await session.status()).toEqual({ state: 'connected', locale: 'en' });
    server.revoked = true;
    await session.refreshProfile();
    expect(await session.status()).toEqual({ state: 'disconnected', problem: 'revoked' });
  });

  it('keeps the account when the server is down during a refresh', async () => {
    const { session, advance } = await connected({ '/v1/auth/token': () => ({ status: 503, body: {} }) });
    advance(600);
    await expect(session.authorized('/v1/me')).rejects.toThrow('503');
    expect((await session.status()).state).toBe('connected');
  });

  it('logs out on the server and forgets locally when the user disconnects', async () => {
    const { session, calls } = await connected({
      '/v1/auth/logout': () => ({ status: 200, body: { status: 'ok' } }),
    });
    await session.disconnect();
    expect(calls).toContain('/v1/auth/logout');
    expect(await session.status()).toEqual({ state: 'disconnected', problem: undefined });
  });
});
