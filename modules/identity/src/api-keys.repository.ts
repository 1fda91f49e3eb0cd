import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '@sauda/platform';
import { apiKeys, type ApiKeyRow } from './identity.tables.ts';

export async function insertApiKey(executor: Executor, key: typeof apiKeys.$inferInsert): Promise<void> {
  await executor.insert(apiKeys).values(key);
}

export async function findLiveApiKeyByPrefix(
  executor: Executor,
  prefix: string,
): Promise<ApiKeyRow | undefined> {
  const [row] = await executor
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.prefix, prefix), isNull(apiKeys.revokedAt)));
  return row;
}

export async function listApiKeys(executor: Executor, userId: string): Promise<ApiKeyRow[]> {
  return executor.select().from(apiKeys).where(eq(apiKeys.userId, userId)).orderBy(desc(apiKeys.createdAt));
}

/** Revokes the user's live key; false when it is not theirs, unknown, or already revoked. */
export async function revokeApiKey(
  executor: Executor,
  id: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const revoked = await executor
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length === 1;
}

export async function revokeUserApiKeys(executor: Executor, userId: string, now: Date): Promise<void> {
  await executor
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
}

export async function touchApiKey(executor: Executor, id: string, now: Date): Promise<void> {
  await executor.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id));
}
