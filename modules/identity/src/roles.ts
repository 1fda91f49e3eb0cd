/**
 * Roles and permissions. A permission is `<module>.<what>` (e.g. `ledger.read-any`); each module
 * declares which roles hold its permissions as a PermissionGrants record, and the composition root
 * hands all of them to identity. `admin` holds every permission, declared or not (`*`).
 */
export const ROLES = [
  'member',
  'admin',
  'cashier',
  'content_manager',
  'support',
  'compliance_officer',
  'partner_manager',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act on other people's data or money: their permissions need a second factor. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'member');

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Permission name -> the roles (besides admin) that hold it. */
export type PermissionGrants = Readonly<Record<string, readonly Role[]>>;

export const ALL_PERMISSIONS = '*';

export const IdentityPermissions = {
  /** Read one's own profile (device-grant clients get this scope). */
  profileRead: 'identity.profile.read',
  /** Manage one's own account: sessions, devices, 2FA, password, deletion, device approval. */
  accountManage: 'identity.account.manage',
  apiKeysManage: 'identity.api-keys.manage',
  usersRead: 'identity.users.read',
  usersBlock: 'identity.users.block',
  rolesManage: 'identity.roles.manage',
} as const;

export const identityPermissionGrants: PermissionGrants = {
  [IdentityPermissions.profileRead]: ['member'],
  [IdentityPermissions.accountManage]: ['member'],
  [IdentityPermissions.apiKeysManage]: ['member'],
  [IdentityPermissions.usersRead]: ['support', 'compliance_officer'],
  [IdentityPermissions.usersBlock]: ['support', 'compliance_officer'],
  [IdentityPermissions.rolesManage]: [],
};

export class PermissionPolicy {
  readonly #byRole = new Map<Role, Set<string>>();

  constructor(grants: readonly PermissionGrants[]) {
    for (const record of grants) {
      for (const [permission, roles] of Object.entries(record)) {
        for (const role of roles) {
          const set = this.#byRole.get(role) ?? new Set<string>();
          set.add(permission);
          this.#byRole.set(role, set);
        }
      }
    }
  }

  /**
   * What a principal may do: staff roles count only once a second factor was presented in this
   * session, and a limited credential (device token, API key) narrows the result to its scopes.
   */
  permissionsOf(input: {
    roles: readonly Role[];
    secondFactorDone: boolean;
    scopes: readonly string[];
  }): string[] {
    const roles = input.secondFactorDone ? input.roles : input.roles.filter((role) => role === 'member');
    const granted = new Set<string>();
    for (const role of roles) {
      if (role === 'admin') granted.add(ALL_PERMISSIONS);
      for (const permission of this.#byRole.get(role) ?? []) granted.add(permission);
    }
    if (input.scopes.includes(ALL_PERMISSIONS)) return [...granted].sort();
    if (granted.has(ALL_PERMISSIONS)) return [...input.scopes].sort();
    return input.scopes.filter((scope) => granted.has(scope)).sort();
  }
}

export function hasPermission(permissions: readonly string[], permission: string): boolean {
  return permissions.includes(permission) || permissions.includes(ALL_PERMISSIONS);
}
