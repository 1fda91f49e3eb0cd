import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, loadConfig } from '@sauda/platform';
import type { AuthenticatedUser, Authenticator, Credentials } from '@sauda/identity';
import { createAuthGuards, registerAuth } from './auth.ts';
import { registerProblemHandlers } from './problem.ts';
import { registerRequestContext } from './request-context.ts';

const clock = new ManualClock('2026-03-01T10:00:00Z');

const principal = (overrides: Partial<AuthenticatedUser> = {}): AuthenticatedUser => ({
  id: 'usr_01jtest',
  roles: ['member'],
  permissions: ['identity.profile.read'],
  scopes: ['*'],
  authMethod: 'session',
  sessionId: 'ses_01jtest',
  apiKeyId: undefined,
  secondFactorAt: undefined,
  locale: 'en',
  ...overrides,
});

/** An authenticator that maps a bearer token or session cookie to a prepared principal. */
function fakeAuthenticator(users: Record<string, AuthenticatedUser>) {
  const calls: Credentials[] = [];
  const authenticator: Authenticator = {
    async authenticate(credentials) {
      calls.push(credentials);
      return users[credentials.bearerToken ?? credentials.sessionToken ?? ''];
    },
    csrfTokenValid: (sessionId, token) => token === `csrf-of-${sessionId}`,
  };
  return { authenticator, calls };
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function build(users: Record<string, AuthenticatedUser>) {
  const { authenticator, calls } = fakeAuthenticator(users);
  const guards = createAuthGuards(authenticator, { clock });
  const instance = Fastify();
  const key = Buffer.alloc(32, 1).toString('base64');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SAUDA_ENCRYPTION_KEYS: `k:${key}`,
    SAUDA_BLIND_INDEX_KEY: key,
  });
  registerRequestContext(instance, config);
  registerAuth(instance);
  registerProblemHandlers(instance);
  await instance.register(cookie);
  const ok = async (request: { user: AuthenticatedUser | undefined }) => ({ user: request.user?.id });
  instance.get('/me', { preHandler: guards.requireUser }, ok);
  instance.post('/me', { preHandler: guards.requireUser }, ok);
  instance.get('/ledger', { preHandler: guards.requirePermission('ledger.read-any') }, ok);
  instance.post(
    '/withdraw',
    { preHandler: [guards.requirePermission('identity.profile.read'), guards.requireStepUp(300)] },
    ok,
  );
  await instance.ready();
  app = instance;
  return { app: instance, calls };
}

describe('auth hooks', () => {
  it('requireUser: 401 without credentials, request.user with them', async () => {
    const { app } = await build({ token: principal({ authMethod: 'access_token' }) });
    const anonymous = await app.inject({ url: '/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'PLATFORM_UNAUTHENTICATED' });
    const signedIn = await app.inject({ url: '/me', headers: { authorization: 'Bearer token' } });
    expect(signedIn.json()).toEqual({ user: 'usr_01jtest' });
  });

  it('CSRF: cookie sessions need the token on state-changing methods only', async () => {
    const { app } = await build({ cookie: principal(), token: principal({ authMethod: 'access_token' }) });
    const headers = { cookie: 'sauda_session=cookie' };
    expect((await app.inject({ url: '/me', headers })).statusCode).toBe(200);
    const rejected = await app.inject({ method: 'POST', url: '/me', headers });
    expect(rejected.statusCode).toBe(403);
    expect(rejected.json()).toMatchObject({ code: 'IDENTITY_CSRF_TOKEN_INVALID' });
    const accepted = await app.inject({
      method: 'POST',
      url: '/me',
      headers: { ...headers, 'x-csrf-token': 'csrf-of-ses_01jtest' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'POST', url: '/me', headers: { authorization: 'Bearer token' } }))
        .statusCode,
    ).toBe(200);
  });

  it('requirePermission: admin (*) passes, members are forbidden, dormant staff are told why', async () => {
    const { app } = await build({
      admin: principal({ roles: ['member', 'admin'], permissions: ['*'], secondFactorAt: clock.now() }),
      member: principal(),
      staff: principal({ roles: ['member', 'compliance_officer'] }),
    });
    const get = (token: string) =>
      app.inject({ url: '/ledger', headers: { authorization: `Bearer ${token}` } });
    expect((await get('admin')).statusCode).toBe(200);
    expect((await get('member')).json()).toMatchObject({ code: 'PLATFORM_FORBIDDEN' });
    expect((await get('staff')).json()).toMatchObject({ code: 'IDENTITY_STAFF_SECOND_FACTOR_REQUIRED' });
  });

  it('requireStepUp: a second factor within the window; guards authenticate once', async () => {
    const { app, calls } = await build({
      recent: principal({
        authMethod: 'access_token',
        secondFactorAt: new Date(clock.now().getTime() - 299_000),
      }),
      stale: principal({
        authMethod: 'access_token',
        secondFactorAt: new Date(clock.now().getTime() - 301_000),
      }),
      never: principal({ authMethod: 'access_token' }),
    });
    const post = (token: string) =>
      app.inject({ method: 'POST', url: '/withdraw', headers: { authorization: `Bearer ${token}` } });
    expect((await post('recent')).statusCode).toBe(200);
    expect(calls).toHaveLength(1);
    expect((await post('stale')).json()).toMatchObject({ code: 'IDENTITY_STEP_UP_REQUIRED' });
    expect((await post('never')).statusCode).toBe(403);
  });
});
