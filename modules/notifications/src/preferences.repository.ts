import { eq, sql } from 'drizzle-orm';
import type { Executor } from '@sauda/platform';
import type { Category, Channel } from './notifications.model.ts';
import { preferences } from './notifications.tables.ts';

export interface PreferenceChoice {
  readonly category: Category;
  readonly channel: Channel;
  readonly enabled: boolean;
}

export async function findPreferenceChoices(executor: Executor, userId: string): Promise<PreferenceChoice[]> {
  return executor
    .select({ category: preferences.category, channel: preferences.channel, enabled: preferences.enabled })
    .from(preferences)
    .where(eq(preferences.userId, userId));
}

export async function savePreferenceChoices(
  executor: Executor,
  userId: string,
  choices: readonly PreferenceChoice[],
  now: Date,
): Promise<void> {
  if (choices.length === 0) return;
  await executor
    .insert(preferences)
    .values(choices.map((choice) => ({ userId, ...choice, updatedAt: now })))
    .onConflictDoUpdate({
      target: [preferences.userId, preferences.category, preferences.channel],
      set: { enabled: sql`excluded.enabled`, updatedAt: sql`excluded.updated_at` },
    });
}
