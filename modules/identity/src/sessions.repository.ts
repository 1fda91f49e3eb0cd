import { and, desc, eq, gt, isNull, ne, type SQL } from 'drizzle-orm';
import type { Executor } from '@sauda/platform';
import { refreshTokens, sessions, type SessionKind, type SessionRow } from './identity.tables.ts';

export type NewSession = typeof sessions.$inferInsert;

export async function insertSession(executor: Executor, session: NewSession): Promise<void> {
  await executor.insert(sessions).values(session);
}

export async function findSession(
  executor: Executor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SessionRow | undefined> {
  const query = executor.select().from(sessions).where(eq(sessions.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findSessionByTokenHash(
  executor: Executor,
  tokenHash: string,
): Promise<SessionRow | undefined> {
  const [row] = await executor.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  return row;
}

export async function listLiveSessions(
  executor: Executor,
  userId: string,
  now: Date,
  kind?: SessionKind,
): Promise<SessionRow[]> {
  const conditions: SQL[] = [
    eq(sessions.userId, userId),
    isNull(sessions.revokedAt),
    gt(sessions.expiresAt, now),
  ];
  if (kind) conditions.push(eq(sessions.kind, kind));
  return executor
    .select()
    .from(sessions)
    .where(and(...conditions))
    .orderBy(desc(sessions.lastSeenAt));
}

export async function touchSession(executor: Executor, id: string, now: Date): Promise<void> {
  await executor.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

export async function markSecondFactor(executor: Executor, id: string, at: Date): Promise<void> {
  await executor.update(sessions).set({ secondFactorAt: at }).where(eq(sessions.id, id));
}

/** Forgets every second factor presented in the user's sessions (2FA was turned off). */
export async function clearSecondFactors(executor: Executor, userId: string): Promise<void> {
  await executor.update(sessions).set({ secondFactorAt: null }).where(eq(sessions.userId, userId));
}

/** Revokes one live session of the user; false when there is no such live session (or it is someone else's). */
export async function revokeSession(
  executor: Executor,
  filter: { id: string; userId?: string },
  now: Date,
  reason: string,
): Promise<boolean> {
  const conditions: SQL[] = [eq(sessions.id, filter.id), isNull(sessions.revokedAt)];
  if (filter.userId) conditions.push(eq(sessions.userId, filter.userId));
  const revoked = await executor
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return revoked.length === 1;
}

/** Revokes every live session of the user except `keep`; returns how many. */
export async function revokeUserSessions(
  executor: Executor,
  userId: string,
  now: Date,
  reason: string,
  keep?: string,
): Promise<number> {
  const conditions: SQL[] = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (keep) conditions.push(ne(sessions.id, keep));
  const revoked = await executor
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return revoked.length;
}

/** Drops the IP and user agent of every session of an erased user. */
export async function anonymizeSessions(executor: Executor, userId: string): Promise<void> {
  await executor.update(sessions).set({ ip: null, userAgent: null }).where(eq(sessions.userId, userId));
}

export async function insertRefreshToken(
  executor: Executor,
  token: typeof refreshTokens.$inferInsert,
): Promise<void> {
  await executor.insert(refreshTokens).values(token);
}

/** Locks the token row, so two concurrent refreshes with one token cannot both rotate it. */
export async function findRefreshTokenForUpdate(executor: Executor, tokenHash: string) {
  const [row] = await executor
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .for('update');
  return row;
}

export async function markRefreshTokenRotated(executor: Executor, id: string, now: Date): Promise<void> {
  await executor.update(refreshTokens).set({ rotatedAt: now }).where(eq(refreshTokens.id, id));
}
