import { AppError, type RequestContext } from '@sauda/platform';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import type { SessionKind } from './identity.tables.ts';
import { listLiveSessions, revokeSession } from './sessions.repository.ts';

export interface SessionView {
  readonly id: string;
  readonly kind: SessionKind;
  readonly client: string;
  readonly scopes: readonly string[];
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly current: boolean;
}

/** The user's live sessions (web, API clients, authorized devices), most recently used first. */
export async function listSessions(
  ctx: IdentityContext,
  userId: string,
  currentSessionId: string | undefined,
  kind?: SessionKind,
): Promise<SessionView[]> {
  const rows = await listLiveSessions(ctx.db, userId, ctx.clock.now(), kind);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    client: row.client,
    scopes: row.scopes,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    current: row.id === currentSessionId,
  }));
}

/**
 * Revokes one of the user's own sessions. Someone else's session id gets the same 404 as an
 * unknown one, so ids cannot be probed.
 */
export async function revokeOwnSession(
  ctx: IdentityContext,
  userId: string,
  sessionId: string,
  reason: 'logout' | 'revoked-by-user',
  context: RequestContext | undefined,
): Promise<void> {
  const revoked = await ctx.db.transaction(async (tx) => {
    if (!(await revokeSession(tx, { id: sessionId, userId }, ctx.clock.now(), reason))) return false;
    await ctx.audit.record(tx, {
      actor: userId,
      action: reason === 'logout' ? 'identity.logged-out' : 'identity.session-revoked',
      entityType: 'session',
      entityId: sessionId,
      after: { reason },
      context,
    });
    return true;
  });
  if (!revoked) throw new AppError(IdentityErrors.IDENTITY_SESSION_NOT_FOUND);
}
