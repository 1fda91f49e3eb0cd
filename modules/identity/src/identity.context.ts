import type { AuditApi } from '@sauda/audit';
import type { Clock, Config, Db, Encryptor, RequestContext } from '@sauda/platform';
import type { AbuseGuard } from './abuse-guard.ts';
import type { AccessTokens } from './access-tokens.ts';
import type { IdentityNotifier } from './notifier.ts';
import type { OneTimeCodes } from './one-time-codes.ts';
import type { PermissionPolicy } from './roles.ts';

/** Everything the use cases share, built once by createIdentityModule. */
export interface IdentityContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly encryptor: Encryptor;
  readonly audit: Pick<AuditApi, 'record'>;
  readonly codes: OneTimeCodes;
  /** For security notices; codes go out through `codes`. */
  readonly notifier: IdentityNotifier;
  readonly abuse: AbuseGuard;
  readonly accessTokens: AccessTokens;
  readonly policy: PermissionPolicy;
  readonly auth: Config['auth'];
  /** Derived from the cookie secret: the key CSRF tokens are computed with. */
  readonly csrfKey: Buffer;
  readonly deviceClients: DeviceClients;
  readonly verificationUri: string;
}

/** Registered device-grant clients and the scopes each may ask for. */
export type DeviceClients = Readonly<
  Record<string, { readonly name: string; readonly scopes: readonly string[] }>
>;

/** Who did it and from where, as handed to use cases by routes, the CLI or other modules. */
export interface Actor {
  /** `usr_…`, or `cli:<command>` / `system:<component>` for non-human actors. */
  readonly id: string;
  readonly context?: RequestContext | undefined;
}
