import type { TemplateDefinition } from '@sauda/notifications';
import { Money, type Executor } from '@sauda/platform';
import type { TObject, Static } from 'typebox';
import type { DuesContext } from './dues.context.ts';
import type { MemberRow, ReminderChannel } from './dues.tables.ts';
import { contactsOf } from './member-views.ts';

/** The member's preferred channel when they have an address there, otherwise SMS (a phone is required). */
export function channelFor(member: MemberRow, hasEmail: boolean): ReminderChannel {
  if (member.preferredChannel === 'email' && !hasEmail) return 'sms';
  if (member.preferredChannel === 'in_app' && !member.userId) return 'sms';
  return member.preferredChannel;
}

export const formatAmount = (amount: bigint, currency: string, locale: MemberRow['locale']): string =>
  Money.of(amount, currency).format(locale, { trimZeros: true });

/**
 * Sends a message to a member in the caller's transaction (it exists exactly when the change that
 * causes it commits), on one channel, in the member's language; category `account`, so a member's
 * notification preferences decide whether it is delivered.
 */
export async function notifyMember<V extends TObject>(
  ctx: DuesContext,
  executor: Executor,
  member: MemberRow,
  template: TemplateDefinition<V>,
  variables: Static<V>,
): Promise<{ messageId: string; channel: ReminderChannel }> {
  const contacts = contactsOf(ctx.encryptor, member);
  const channel = channelFor(member, contacts.email !== null);
  const { messageId } = await ctx.notifications.send(executor, {
    to: { userId: member.userId ?? undefined, email: contacts.email ?? undefined, phone: contacts.phone },
    template,
    variables,
    locale: member.locale,
    category: 'account',
    channels: [channel],
  });
  return { messageId, channel };
}
