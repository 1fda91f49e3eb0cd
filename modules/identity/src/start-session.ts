import { newId, type Executor, type RequestContext } from '@sauda/platform';
import type { IdentityContext } from './identity.context.ts';
import type { SessionKind } from './identity.tables.ts';
import { csrfTokenFor } from './principal.ts';
import { ALL_PERMISSIONS } from './roles.ts';
import { randomToken, sha256 } from './secrets.ts';
import { insertRefreshToken, insertSession } from './sessions.repository.ts';

export interface WebSession {
  readonly sessionId: string;
  /** The cookie value; only its hash is stored. */
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/** OAuth 2.0 token response fields (RFC 6749 §5.1), so standard client libraries can read it. */
export interface TokenSet {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly refresh_token: string;
  readonly scope: string;
}

interface SessionStart {
  readonly userId: string;
  readonly secondFactorAt: Date | undefined;
  readonly context: RequestContext | undefined;
}

export async function startWebSession(
  ctx: IdentityContext,
  tx: Executor,
  start: SessionStart,
): Promise<WebSession> {
  const now = ctx.clock.now();
  const sessionId = newId('ses');
  const sessionToken = randomToken();
  const expiresAt = new Date(now.getTime() + ctx.auth.sessionTtlSeconds * 1000);
  await insertSession(tx, {
    id: sessionId,
    userId: start.userId,
    kind: 'web',
    tokenHash: sha256(sessionToken),
    client: 'web',
    scopes: [ALL_PERMISSIONS],
    ip: start.context?.ip ?? null,
    userAgent: start.context?.userAgent?.slice(0, 512) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    secondFactorAt: start.secondFactorAt ?? null,
  });
  return { sessionId, sessionToken, csrfToken: csrfTokenFor(ctx.csrfKey, sessionId), expiresAt };
}

/** A session for an API client or an authorized device: a refresh-token family plus its first tokens. */
export async function startTokenSession(
  ctx: IdentityContext,
  tx: Executor,
  start: SessionStart & { kind: Exclude<SessionKind, 'web'>; client: string; scopes: readonly string[] },
): Promise<{ sessionId: string; tokens: TokenSet }> {
  const now = ctx.clock.now();
  const sessionId = newId('ses');
  await insertSession(tx, {
    id: sessionId,
    userId: start.userId,
    kind: start.kind,
    tokenHash: null,
    client: start.client,
    scopes: [...start.scopes],
    ip: start.context?.ip ?? null,
    userAgent: start.context?.userAgent?.slice(0, 512) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ctx.auth.refreshTokenTtlSeconds * 1000),
    secondFactorAt: start.secondFactorAt ?? null,
  });
  const tokens = await issueTokens(ctx, tx, { userId: start.userId, sessionId, scopes: start.scopes });
  return { sessionId, tokens };
}

/** A fresh access token and the next refresh token of the family. */
export async function issueTokens(
  ctx: IdentityContext,
  tx: Executor,
  subject: { userId: string; sessionId: string; scopes: readonly string[] },
): Promise<TokenSet> {
  const now = ctx.clock.now();
  const refreshToken = `rt_${randomToken()}`;
  await insertRefreshToken(tx, {
    id: newId('rtk'),
    sessionId: subject.sessionId,
    tokenHash: sha256(refreshToken),
    createdAt: now,
    expiresAt: new Date(now.getTime() + ctx.auth.refreshTokenTtlSeconds * 1000),
  });
  return {
    access_token: await ctx.accessTokens.sign(subject),
    token_type: 'Bearer',
    expires_in: ctx.accessTokens.ttlSeconds,
    refresh_token: refreshToken,
    scope: subject.scopes.join(' '),
  };
}
