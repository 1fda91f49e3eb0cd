import { AppError, type RequestContext } from '@sauda/platform';
import type { IdentityContext } from './identity.context.ts';
import { IdentityErrors } from './identity.errors.ts';
import { sha256 } from './secrets.ts';
import {
  findRefreshTokenForUpdate,
  findSession,
  markRefreshTokenRotated,
  revokeSession,
} from './sessions.repository.ts';
import { issueTokens, type TokenSet } from './start-session.ts';
import { findUser } from './users.repository.ts';

/**
 * Refresh-token rotation (OAuth 2.0 Security BCP §4.14): each refresh token works once and is
 * replaced by the next one of its family. Presenting a token that was already rotated means it
 * leaked (the thief or the owner used it before the other): the whole family, i.e. the session,
 * is revoked at once, and the reuse is audited.
 */
export async function refreshTokenGrant(
  ctx: IdentityContext,
  refreshToken: string,
  context: RequestContext | undefined,
): Promise<TokenSet> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const token = await findRefreshTokenForUpdate(tx, sha256(refreshToken));
    if (!token) return { ok: false as const };
    const session = await findSession(tx, token.sessionId, { forUpdate: true });
    if (!session || session.revokedAt || session.expiresAt <= now || token.expiresAt <= now) {
      return { ok: false as const };
    }
    if (token.rotatedAt) {
      await revokeSession(tx, { id: session.id }, now, 'refresh-token-reuse');
      await ctx.audit.record(tx, {
        actor: session.userId,
        action: 'identity.refresh-token-reused',
        entityType: 'session',
        entityId: session.id,
        after: { revoked: true, rotatedAt: token.rotatedAt.toISOString() },
        context,
      });
      return { ok: false as const };
    }
    const user = await findUser(tx, session.userId);
    if (user?.status !== 'active') return { ok: false as const };
    await markRefreshTokenRotated(tx, token.id, now);
    const tokens = await issueTokens(ctx, tx, {
      userId: session.userId,
      sessionId: session.id,
      scopes: session.scopes,
    });
    return { ok: true as const, tokens };
  });
  if (!outcome.ok) throw new AppError(IdentityErrors.IDENTITY_INVALID_GRANT);
  return outcome.tokens;
}
