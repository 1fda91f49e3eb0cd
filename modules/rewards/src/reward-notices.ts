import { defineTemplate, type TemplateDefinition } from '@sauda/notifications';
import {
  defineHandler,
  isAppError,
  isLocale,
  Money,
  Type,
  type EventHandler,
  type Executor,
  type Locale,
} from '@sauda/platform';
import { RewardStatusChanged } from './rewards.events.ts';
import type { RewardsContext } from './rewards.context.ts';
import type { RewardStatus } from './rewards.tables.ts';

/** What users are told when a reward changes: in-app always, by email unless they turned it off. */

const Variables = Type.Object({ amount: Type.String(), partner: Type.String() });
type NoticeStatus = Exclude<RewardStatus, 'waiting'>;

const texts = {
  pending: {
    title: {
      ru: 'Вознаграждение ожидает подтверждения',
      kk: 'Сыйақы расталуды күтуде',
      en: 'Reward pending',
    },
    body: {
      ru: 'Покупка в {partner}: {amount} ожидает подтверждения магазином.',
      kk: '{partner} дүкеніндегі сатып алу: {amount} дүкеннің растауын күтуде.',
      en: 'Your purchase at {partner}: {amount} is waiting for the shop to confirm it.',
    },
  },
  available: {
    title: { ru: 'Вознаграждение доступно', kk: 'Сыйақы қолжетімді', en: 'Reward available' },
    body: {
      ru: '{amount} за покупку в {partner} зачислено на ваш баланс.',
      kk: '{partner} дүкеніндегі сатып алу үшін {amount} балансыңызға түсті.',
      en: '{amount} for your purchase at {partner} is now in your balance.',
    },
  },
  declined: {
    title: { ru: 'Вознаграждение отклонено', kk: 'Сыйақы қабылданбады', en: 'Reward declined' },
    body: {
      ru: 'Магазин {partner} не подтвердил покупку, вознаграждение {amount} не будет начислено.',
      kk: '{partner} дүкені сатып алуды растамады, {amount} сыйақы есептелмейді.',
      en: '{partner} did not confirm the purchase; the reward of {amount} will not be credited.',
    },
  },
  reversed: {
    title: { ru: 'Вознаграждение отменено', kk: 'Сыйақы күшін жойды', en: 'Reward reversed' },
    body: {
      ru: 'Покупка в {partner} отменена или возвращена, вознаграждение {amount} списано.',
      kk: '{partner} дүкеніндегі сатып алу жойылды немесе қайтарылды, {amount} сыйақы есептен шығарылды.',
      en: 'Your purchase at {partner} was cancelled or returned; the reward of {amount} was taken back.',
    },
  },
} as const;

const template = (status: NoticeStatus) =>
  defineTemplate({
    key: `rewards.reward-${status}`,
    variables: Variables,
    content: {
      in_app: { title: texts[status].title, body: texts[status].body },
      email: { subject: texts[status].title, text: texts[status].body },
    },
  });

export const rewardTemplates: Record<NoticeStatus, TemplateDefinition<typeof Variables>> = {
  pending: template('pending'),
  available: template('available'),
  declined: template('declined'),
  reversed: template('reversed'),
};

const FALLBACK_LOCALE: Locale = 'ru';

/** Where to reach the user: the verified email and language from identity; in-app only if unknown. */
async function recipientOf(
  ctx: RewardsContext,
  userId: string,
): Promise<{ email: string | undefined; locale: Locale }> {
  try {
    const profile = await ctx.identity.getProfile(userId);
    return {
      email: profile.emailVerified && profile.email ? profile.email : undefined,
      locale: isLocale(profile.locale) ? profile.locale : FALLBACK_LOCALE,
    };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { email: undefined, locale: FALLBACK_LOCALE };
  }
}

export interface RewardNotice {
  readonly userId: string;
  readonly partnerId: string;
  readonly status: NoticeStatus;
  readonly amount: bigint;
  readonly asset: string;
}

/** Queues the notice in the executor's transaction: it goes out exactly when the change commits. */
export async function sendRewardNotice(
  ctx: RewardsContext,
  executor: Executor,
  notice: RewardNotice,
): Promise<void> {
  const { email, locale } = await recipientOf(ctx, notice.userId);
  const partner = await ctx.partners.get(notice.partnerId);
  await ctx.notifications.send(executor, {
    to: { userId: notice.userId, email },
    template: rewardTemplates[notice.status],
    variables: {
      amount: Money.of(notice.amount, notice.asset).format(locale, { trimZeros: true }),
      partner: partner?.name[locale] ?? notice.partnerId,
    },
    locale,
    category: 'product',
  });
}

/**
 * Tells the user about a status move, in its own handler so that building and storing the message
 * never slows down or blocks the money. A conversion that closes before the user was ever told
 * about it (or that was worth nothing) is silent; `waiting` is not announced.
 */
export function noticeHandlers(ctx: RewardsContext): EventHandler[] {
  return [
    defineHandler({
      name: 'rewards.send-status-notice',
      event: RewardStatusChanged,
      async handle(change, { tx }) {
        if (change.status === 'waiting') return;
        const closing = change.status === 'declined' || change.status === 'reversed';
        if (closing && (change.previousStatus === null || change.amount === '0')) return;
        await sendRewardNotice(ctx, tx, {
          userId: change.userId,
          partnerId: change.partnerId,
          status: change.status,
          amount: BigInt(change.amount),
          asset: change.asset,
        });
      },
    }),
  ];
}
