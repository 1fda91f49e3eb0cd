import { AppError, type Executor } from '@sauda/platform';
import { NotificationsErrors } from './notifications.errors.ts';
import {
  ALWAYS_ON_CATEGORY,
  CATEGORIES,
  CHANNELS,
  type Category,
  type Channel,
} from './notifications.model.ts';
import {
  findPreferenceChoices,
  savePreferenceChoices,
  type PreferenceChoice,
} from './preferences.repository.ts';

export interface Preference extends PreferenceChoice {
  /** True where the user cannot change the choice (security). */
  readonly locked: boolean;
}

/** Marketing needs consent before it is sent (opt-in); everything else is on until turned off. */
const enabledByDefault = (category: Category): boolean => category !== 'marketing';

/** Every category and channel with the user's choice, or the default where there is none. */
export function effectivePreferences(choices: readonly PreferenceChoice[]): Preference[] {
  const chosen = new Map(choices.map((choice) => [`${choice.category}/${choice.channel}`, choice.enabled]));
  return CATEGORIES.flatMap((category) =>
    CHANNELS.map((channel) => {
      const locked = category === ALWAYS_ON_CATEGORY;
      const enabled = locked || (chosen.get(`${category}/${channel}`) ?? enabledByDefault(category));
      return { category, channel, enabled, locked };
    }),
  );
}

export function allows(preferences: readonly Preference[], category: Category, channel: Channel): boolean {
  return preferences.some((p) => p.category === category && p.channel === channel && p.enabled);
}

export async function preferencesOf(executor: Executor, userId: string): Promise<Preference[]> {
  return effectivePreferences(await findPreferenceChoices(executor, userId));
}

/**
 * Saves the user's choices (the last one wins when a pair repeats). Turning security off is
 * refused, not ignored, so a client never shows a switch that silently did nothing.
 */
export async function updatePreferences(
  executor: Executor,
  userId: string,
  choices: readonly PreferenceChoice[],
  now: Date,
): Promise<Preference[]> {
  if (choices.some((choice) => choice.category === ALWAYS_ON_CATEGORY && !choice.enabled))
    throw new AppError(NotificationsErrors.NOTIFICATIONS_SECURITY_ALWAYS_ON);
  const latest = new Map(choices.map((choice) => [`${choice.category}/${choice.channel}`, choice]));
  await savePreferenceChoices(executor, userId, [...latest.values()], now);
  return preferencesOf(executor, userId);
}
