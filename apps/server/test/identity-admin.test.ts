import { describe, expect, it } from 'vitest';
import { useTestApp } from '@sauda/testing';
import { totpCodeAt } from '@sauda/identity/testing';
import {
  asWeb,
  DEFAULT_PASSWORD,
  enableTwoFactor,
  nextIp,
  registerVerified,
  webLogin,
  type WebClient,
} from './identity-helpers.ts';

const ctx = useTestApp();
const ADMIN_PASSWORD = 'a long admin passphrase';

async function createAdmin(email: string) {
  return ctx().app.sauda.modules.identity.api.createAdmin(
    { id: 'cli:test' },
    { email, fullName: 'Главный Администратор', password: ADMIN_PASSWORD },
  );
}

describe('roles, permissions and staff accounts', () => {
  it('staff permissions need 2FA; role changes need step-up and are audited', async () => {
    const { app, clock } = ctx();
    const created = await createAdmin('root@example.kz');
    expect(created.status).toBe('created');
    expect(await createAdmin('ROOT@example.kz')).toEqual({ status: 'already-admin', userId: created.userId });

    const member = await webLogin(ctx(), (await registerVerified(ctx(), 'member@example.kz')).email);
    const admin = await webLogin(ctx(), 'root@example.kz', ADMIN_PASSWORD);
    await expect(createAdmin('member@example.kz')).rejects.toMatchObject({ code: 'IDENTITY_ADMIN_EXISTS' });

    const viewMember = (client: WebClient) =>
      app.inject({ url: `/v1/admin/users/${member.userId}`, headers: { cookie: client.cookie } });
    // Without a second factor the admin role is dormant.
    const dormant = await viewMember(admin);
    expect(dormant.statusCode).toBe(403);
    expect(dormant.json()).toMatchObject({ code: 'IDENTITY_STAFF_SECOND_FACTOR_REQUIRED' });
    const { secret } = await enableTwoFactor(ctx(), admin);
    const viewed = await viewMember(admin);
    expect(viewed.statusCode, viewed.body).toBe(200);
    expect(viewed.json()).toMatchObject({ email: 'member@example.kz', roles: ['member'] });
    // A member is simply not allowed.
    const forbidden = await viewMember(member);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'PLATFORM_FORBIDDEN' });

    const grant = () =>
      app.inject({
        method: 'POST',
        url: `/v1/admin/users/${member.userId}/roles`,
        headers: asWeb(admin),
        payload: { role: 'support' },
      });
    const granted = await grant();
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toEqual({ roles: ['member', 'support'] });

    // Fifteen minutes later the role endpoints ask for a fresh second factor.
    clock.advance(901_000);
    const stale = await app.inject({
      method: 'DELETE',
      url: `/v1/admin/users/${member.userId}/roles/support`,
      headers: asWeb(admin),
    });
    expect(stale.statusCode).toBe(403);
    expect(stale.json()).toMatchObject({ code: 'IDENTITY_STEP_UP_REQUIRED' });
    const wrongStepUp = await app.inject({
      method: 'POST',
      url: '/v1/auth/step-up',
      headers: asWeb(admin),
      payload: { code: '000000' },
    });
    expect(wrongStepUp.statusCode).toBe(401);
    const steppedUp = await app.inject({
      method: 'POST',
      url: '/v1/auth/step-up',
      headers: asWeb(admin),
      payload: { code: totpCodeAt(secret, clock.now()) },
    });
    expect(steppedUp.statusCode, steppedUp.body).toBe(200);
    const revokedRole = await app.inject({
      method: 'DELETE',
      url: `/v1/admin/users/${member.userId}/roles/support`,
      headers: asWeb(admin),
    });
    expect(revokedRole.statusCode, revokedRole.body).toBe(200);
    expect(revokedRole.json()).toEqual({ roles: ['member'] });
    expect((await grant()).statusCode).toBe(200);

    // The new support agent has the role, dormant until they enrol 2FA.
    const support = await webLogin(ctx(), 'member@example.kz');
    expect((await viewMember(support)).json()).toMatchObject({
      code: 'IDENTITY_STAFF_SECOND_FACTOR_REQUIRED',
    });

    const selfChange = await app.inject({
      method: 'POST',
      url: `/v1/admin/users/${admin.userId}/roles`,
      headers: asWeb(admin),
      payload: { role: 'cashier' },
    });
    expect(selfChange.statusCode).toBe(409);
    expect(selfChange.json()).toMatchObject({ code: 'IDENTITY_CANNOT_CHANGE_OWN_ACCESS' });
    const memberRole = await app.inject({
      method: 'POST',
      url: `/v1/admin/users/${member.userId}/roles`,
      headers: asWeb(admin),
      payload: { role: 'member' },
    });
    expect(memberRole.statusCode).toBe(400);

    const changes = await app.sauda.modules.audit.api.list({ entityId: member.userId, limit: 50 });
    const roleChanges = changes.filter((entry) => entry.action.startsWith('identity.role-'));
    expect(roleChanges.map((entry) => entry.action)).toEqual([
      'identity.role-granted',
      'identity.role-revoked',
      'identity.role-granted',
    ]);
    expect(roleChanges[0]).toMatchObject({
      actor: admin.userId,
      before: { roles: ['member'] },
      after: { roles: ['member', 'support'] },
    });
  });

  it('a blocked account loses its sessions and cannot sign in until unblocked', async () => {
    const { app } = ctx();
    await createAdmin('blocker@example.kz');
    const admin = await webLogin(ctx(), 'blocker@example.kz', ADMIN_PASSWORD);
    await enableTwoFactor(ctx(), admin);
    const { email } = await registerVerified(ctx(), 'troublemaker@example.kz');
    const user = await webLogin(ctx(), email);

    const block = await app.inject({
      method: 'POST',
      url: `/v1/admin/users/${user.userId}/block`,
      headers: asWeb(admin),
      payload: { reason: 'chargeback fraud, ticket 4411' },
    });
    expect(block.statusCode, block.body).toBe(200);
    expect((await app.inject({ url: '/v1/me', headers: { cookie: user.cookie } })).statusCode).toBe(401);
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: nextIp(),
      payload: { login: email, password: DEFAULT_PASSWORD },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'IDENTITY_ACCOUNT_BLOCKED' });
    const [audited] = await app.sauda.modules.audit.api.list({ action: 'identity.user-blocked', limit: 1 });
    expect(audited).toMatchObject({
      actor: admin.userId,
      entityId: user.userId,
      after: { status: 'blocked', reason: 'chargeback fraud, ticket 4411', sessionsRevoked: 1 },
    });

    const unblock = await app.inject({
      method: 'POST',
      url: `/v1/admin/users/${user.userId}/unblock`,
      headers: asWeb(admin),
    });
    expect(unblock.statusCode).toBe(200);
    await webLogin(ctx(), email);
  });
});
