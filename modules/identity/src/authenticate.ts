import { AppError, isLocale, PlatformErrors, type Locale } from '@sauda/platform';
import { findLiveApiKeyByPrefix, touchApiKey } from './api-keys.repository.ts';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import type { SessionRow, UserRow } from './identity.tables.ts';
import type { AuthenticatedUser, AuthMethod } from './principal.ts';
import { ALL_PERMISSIONS } from './roles.ts';
import { sameSecret, sha256 } from './secrets.ts';
import { findSession, findSessionByTokenHash, touchSession } from './sessions.repository.ts';
import { findUser, rolesOf } from './users.repository.ts';

/** What a request presented; the HTTP layer extracts these from cookies and headers. */
export interface Credentials {
  readonly sessionToken?: string | undefined;
  /** From `Authorization: Bearer …`: an access token, or an API key (`sk_…`). */
  readonly bearerToken?: string | undefined;
  /** From `X-API-Key`. */
  readonly apiKey?: string | undefined;
}

export const API_KEY_PREFIX = 'sk_';
// last_seen_at / last_used_at are written at most this often, not on every request.
const TOUCH_INTERVAL_MS = 60_000;

const unauthenticated = (): AppError =>
  new AppError(PlatformErrors.PLATFORM_UNAUTHENTICATED, {
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });

/**
 * Resolves credentials to the caller: undefined when none were presented, an AppError (401/403)
 * when they are invalid, revoked, expired, or the account is not active. An Authorization header
 * wins over the cookie, so an API client is never mistaken for a browser session.
 */
export async function authenticate(
  ctx: IdentityContext,
  credentials: Credentials,
): Promise<AuthenticatedUser | undefined> {
  const bearer = credentials.bearerToken;
  if (bearer?.startsWith(API_KEY_PREFIX)) return fromApiKey(ctx, bearer);
  if (bearer) return fromAccessToken(ctx, bearer);
  if (credentials.apiKey) return fromApiKey(ctx, credentials.apiKey);
  if (credentials.sessionToken) return fromSessionCookie(ctx, credentials.sessionToken);
  return undefined;
}

async function fromSessionCookie(ctx: IdentityContext, token: string): Promise<AuthenticatedUser> {
  const session = await findSessionByTokenHash(ctx.db, sha256(token));
  if (session?.kind !== 'web') throw unauthenticated();
  return fromSession(ctx, session, 'session');
}

async function fromAccessToken(ctx: IdentityContext, token: string): Promise<AuthenticatedUser> {
  const check = await ctx.accessTokens.verify(token);
  if (!check.ok) {
    throw check.reason === 'expired'
      ? new AppError(IdentityErrors.IDENTITY_TOKEN_EXPIRED, {
          headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="expired"' },
        })
      : unauthenticated();
  }
  const session = await findSession(ctx.db, check.sessionId);
  if (!session || session.userId !== check.userId || session.kind === 'web') throw unauthenticated();
  return fromSession(ctx, session, 'access_token');
}

async function fromSession(
  ctx: IdentityContext,
  session: SessionRow,
  authMethod: AuthMethod,
): Promise<AuthenticatedUser> {
  const now = ctx.clock.now();
  if (session.revokedAt || session.expiresAt <= now) throw unauthenticated();
  const user = await activeUser(ctx, session.userId);
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS)
    await touchSession(ctx.db, session.id, now);
  const roles = await rolesOf(ctx.db, user.id);
  const secondFactorAt = session.secondFactorAt ?? undefined;
  return {
    id: user.id,
    roles,
    permissions: ctx.policy.permissionsOf({
      roles,
      secondFactorDone: secondFactorAt !== undefined,
      scopes: session.scopes,
    }),
    scopes: session.scopes,
    authMethod,
    sessionId: session.id,
    apiKeyId: undefined,
    secondFactorAt,
    locale: localeOf(user),
  };
}

async function fromApiKey(ctx: IdentityContext, presented: string): Promise<AuthenticatedUser> {
  const [, prefix, secret] = /^(sk_[a-z0-9]+)_([A-Za-z0-9_-]+)$/.exec(presented) ?? [];
  if (!prefix || !secret) throw unauthenticated();
  const key = await findLiveApiKeyByPrefix(ctx.db, prefix);
  if (!key || !sameSecret(sha256(secret), key.secretHash)) throw unauthenticated();
  const user = await activeUser(ctx, key.userId);
  const now = ctx.clock.now();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchApiKey(ctx.db, key.id, now);
  }
  const roles = await rolesOf(ctx.db, user.id);
  // A key cannot present a second factor; staff permissions in its scopes count only while the
  // owner keeps two-factor authentication enabled.
  return {
    id: user.id,
    roles,
    permissions: ctx.policy.permissionsOf({
      roles,
      secondFactorDone: user.totpEnabledAt !== null,
      scopes: key.scopes.filter((scope) => scope !== ALL_PERMISSIONS),
    }),
    scopes: key.scopes,
    authMethod: 'api_key',
    sessionId: undefined,
    apiKeyId: key.id,
    secondFactorAt: undefined,
    locale: localeOf(user),
  };
}

async function activeUser(ctx: IdentityContext, userId: string): Promise<UserRow> {
  const user = await findUser(ctx.db, userId);
  if (!user) throw unauthenticated();
  if (user.status === 'blocked') throw new AppError(IdentityErrors.IDENTITY_ACCOUNT_BLOCKED);
  if (user.status !== 'active') throw new AppError(IdentityErrors.IDENTITY_ACCOUNT_INACTIVE);
  return user;
}

const localeOf = (user: UserRow): Locale => (isLocale(user.locale) ? user.locale : 'ru');
