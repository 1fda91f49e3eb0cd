import { describe, expect, it } from 'vitest';
import { hasPermission, identityPermissionGrants, PermissionPolicy } from './roles.ts';

const policy = new PermissionPolicy([
  identityPermissionGrants,
  { 'ledger.read-any': ['compliance_officer', 'cashier'], 'ledger.read-own': ['member'] },
]);

describe('permission policy', () => {
  it('gives members their permissions and staff theirs only after a second factor', () => {
    const member = policy.permissionsOf({ roles: ['member'], secondFactorDone: false, scopes: ['*'] });
    expect(member).toContain('ledger.read-own');
    expect(member).not.toContain('ledger.read-any');
    const officer = { roles: ['member', 'compliance_officer'] as const, scopes: ['*'] };
    expect(
      policy.permissionsOf({ ...officer, roles: [...officer.roles], secondFactorDone: false }),
    ).not.toContain('ledger.read-any');
    expect(policy.permissionsOf({ ...officer, roles: [...officer.roles], secondFactorDone: true })).toContain(
      'ledger.read-any',
    );
  });

  it('treats admin as every permission, declared or not', () => {
    const admin = policy.permissionsOf({ roles: ['member', 'admin'], secondFactorDone: true, scopes: ['*'] });
    expect(hasPermission(admin, 'anything.at-all')).toBe(true);
  });

  it('narrows a limited credential to its scopes, never beyond the roles', () => {
    expect(
      policy.permissionsOf({
        roles: ['member'],
        secondFactorDone: false,
        scopes: ['identity.profile.read', 'identity.users.block'],
      }),
    ).toEqual(['identity.profile.read']);
    expect(
      policy.permissionsOf({
        roles: ['member', 'admin'],
        secondFactorDone: true,
        scopes: ['ledger.read-any'],
      }),
    ).toEqual(['ledger.read-any']);
  });
});
