import type { ModuleMigrations } from '@sauda/platform';

export {
  createIdentityModule,
  DEFAULT_DEVICE_CLIENTS,
  type IdentityApi,
  type IdentityDeps,
  type IdentityModule,
} from './identity.module.ts';
export { currentUser, type AuthGuards, type AuthHook, type Authenticator } from './auth-guards.ts';
export type { Credentials } from './authenticate.ts';
export {
  CSRF_COOKIE,
  CSRF_HEADER,
  SESSION_COOKIE,
  type AuthenticatedUser,
  type AuthMethod,
} from './principal.ts';
export {
  ROLES,
  STAFF_ROLES,
  IdentityPermissions,
  hasPermission,
  isRole,
  type PermissionGrants,
  type Role,
} from './roles.ts';
export { IdentityErrors } from './identity.errors.ts';
export * from './identity.events.ts';
export {
  codeMessageTexts,
  securityNoticeTexts,
  type CodeMessage,
  type CodeMessageTexts,
  type IdentityNotifier,
  type SecurityNotice,
  type SecurityNoticeKind,
} from './notifier.ts';
export type { Actor, DeviceClients } from './identity.context.ts';
export type { CreateAdminResult } from './create-admin.ts';
export type { Profile } from './profile.ts';

export const identityMigrations: ModuleMigrations = {
  module: 'identity',
  directory: new URL('../migrations/', import.meta.url),
  dependsOn: ['platform'],
};
