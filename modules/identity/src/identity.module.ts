import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AuditApi } from '@sauda/audit';
import {
  defineJob,
  systemClock,
  type Clock,
  type Config,
  type Db,
  type EncryptedColumn,
  type Encryptor,
  type SaudaModule,
} from '@sauda/platform';
import { AbuseGuard, type ChallengeDifficulty } from './abuse-guard.ts';
import { AccessTokens } from './access-tokens.ts';
import { accountRoutes } from './account.routes.ts';
import { adminRoutes } from './admin.routes.ts';
import type { AuthGuards, Authenticator } from './auth-guards.ts';
import { authRoutes } from './auth.routes.ts';
import { authenticate, type Credentials } from './authenticate.ts';
import { blockUser, unblockUser } from './block-user.ts';
import { createAdmin, type CreateAdminResult } from './create-admin.ts';
import { eraseDueAccounts } from './delete-account.ts';
import { purgeExpiredDeviceAuthorizations } from './devices.repository.ts';
import type { Actor, DeviceClients, IdentityContext } from './identity.context.ts';
import { changeRole } from './manage-roles.ts';
import type { IdentityNotifier } from './notifier.ts';
import { OneTimeCodes } from './one-time-codes.ts';
import type { AuthenticatedUser } from './principal.ts';
import { csrfTokenValid } from './principal.ts';
import { getProfile, type Profile } from './profile.ts';
import {
  identityPermissionGrants,
  IdentityPermissions,
  PermissionPolicy,
  type PermissionGrants,
  type Role,
} from './roles.ts';
import { purgeExpiredThrottles } from './throttles.repository.ts';

export interface IdentityDeps {
  readonly db: Db;
  readonly clock?: Clock;
  readonly config: Config;
  readonly encryptor: Encryptor;
  readonly audit: Pick<AuditApi, 'record'>;
  readonly notifier: IdentityNotifier;
  /** Builds the HTTP auth hooks from identity's authenticator (apps/server/src/http/auth.ts). */
  readonly guards: (authenticator: Authenticator) => AuthGuards;
  /** Other modules' permissions and the roles that hold them. */
  readonly permissionGrants?: readonly PermissionGrants[];
  readonly deviceClients?: DeviceClients;
  /** Proof-of-work size of ALTCHA challenges; tests make it small. */
  readonly challengeDifficulty?: ChallengeDifficulty;
}

export interface IdentityApi {
  authenticate(credentials: Credentials): Promise<AuthenticatedUser | undefined>;
  getProfile(userId: string): Promise<Profile>;
  createAdmin(
    actor: Actor,
    input: { email?: string | undefined; phone?: string | undefined; fullName: string; password: string },
  ): Promise<CreateAdminResult>;
  changeRole(actor: Actor, input: { userId: string; role: Role; grant: boolean }): Promise<{ roles: Role[] }>;
  blockUser(actor: Actor, input: { userId: string; reason: string }): Promise<void>;
  unblockUser(actor: Actor, input: { userId: string }): Promise<void>;
  /** Erases accounts whose deletion grace period is over (also run daily as a job). */
  eraseDueAccounts(): Promise<number>;
}

export interface IdentityModule extends SaudaModule<IdentityApi> {
  /** The auth hooks, for every other module's routes. */
  readonly guards: AuthGuards;
}

export const DEFAULT_DEVICE_CLIENTS: DeviceClients = {
  'browser-extension': { name: 'Sauda browser extension', scopes: [IdentityPermissions.profileRead] },
  'telegram-bot': { name: 'Sauda Telegram bot', scopes: [IdentityPermissions.profileRead] },
};

const column = (name: string): EncryptedColumn => ({
  schema: 'identity',
  table: 'users',
  idColumn: 'id',
  column: name,
});

export const identityEncryptedColumns: readonly EncryptedColumn[] = [
  column('email_ciphertext'),
  column('phone_ciphertext'),
  column('full_name_ciphertext'),
  column('totp_secret_ciphertext'),
  column('totp_pending_secret_ciphertext'),
  { schema: 'identity', table: 'verification_codes', idColumn: 'id', column: 'pending_address_ciphertext' },
];

/** The shared state of the use cases; exported for the module's own tests. */
export function createIdentityContext(deps: Omit<IdentityDeps, 'guards'>): IdentityContext {
  const clock = deps.clock ?? systemClock;
  const { auth } = deps.config;
  const derive = (purpose: string): Buffer =>
    createHmac('sha256', auth.cookieSecret).update(purpose).digest();
  return {
    db: deps.db,
    clock,
    encryptor: deps.encryptor,
    audit: deps.audit,
    codes: new OneTimeCodes({ encryptor: deps.encryptor, clock, notifier: deps.notifier }),
    notifier: deps.notifier,
    abuse: new AbuseGuard({
      db: deps.db,
      encryptor: deps.encryptor,
      clock,
      secret: derive('identity.altcha'),
      difficulty: deps.challengeDifficulty,
    }),
    accessTokens: new AccessTokens({ auth, issuer: deps.config.publicUrl, clock }),
    policy: new PermissionPolicy([identityPermissionGrants, ...(deps.permissionGrants ?? [])]),
    auth,
    csrfKey: derive('identity.csrf'),
    deviceClients: deps.deviceClients ?? DEFAULT_DEVICE_CLIENTS,
    verificationUri: `${deps.config.publicUrl}/device`,
  };
}

export function createIdentityModule(deps: IdentityDeps): IdentityModule {
  const ctx = createIdentityContext(deps);
  const { clock } = ctx;
  const guards = deps.guards({
    authenticate: (credentials) => authenticate(ctx, credentials),
    csrfTokenValid: (sessionId, token) => csrfTokenValid(ctx.csrfKey, sessionId, token),
  });

  const api: IdentityApi = {
    authenticate: (credentials) => authenticate(ctx, credentials),
    getProfile: (userId) => getProfile(ctx, userId),
    createAdmin: (actor, input) => createAdmin(ctx, actor, input),
    changeRole: (actor, input) => changeRole(ctx, actor, input),
    blockUser: (actor, input) => blockUser(ctx, actor, input),
    unblockUser: (actor, input) => unblockUser(ctx, actor, input),
    eraseDueAccounts: () => eraseDueAccounts(ctx),
  };

  const routes = async (app: FastifyInstance): Promise<void> => {
    await app.register(authRoutes(ctx, guards));
    await app.register(accountRoutes(ctx, guards));
    await app.register(adminRoutes(ctx, guards));
  };

  const jobs = [
    defineJob({
      name: 'identity.erase-due-accounts',
      cron: '30 3 * * *',
      handle: async () => {
        await eraseDueAccounts(ctx);
      },
    }),
    defineJob({
      name: 'identity.purge-expired',
      cron: '15 * * * *',
      handle: async () => {
        const now = clock.now();
        const dayAgo = new Date(now.getTime() - 86_400_000);
        await purgeExpiredThrottles(deps.db, now, dayAgo);
        await purgeExpiredDeviceAuthorizations(deps.db, dayAgo);
      },
    }),
  ];

  return { name: 'identity', api, routes, jobs, encryptedColumns: identityEncryptedColumns, guards };
}
