import { AppError, newId, publishEvent, type Clock, type Executor, type Locale } from '@sauda/platform';
import type { Static, TObject } from 'typebox';
import type { ChannelAdapters } from './channels/channel.ts';
import { NotificationsErrors } from './notifications.errors.ts';
import { DeliveryRequested } from './notifications.events.ts';
import type { Category, Channel, Recipient } from './notifications.model.ts';
import { insertMessage } from './notifications.repository.ts';
import type { DeliveryRow } from './notifications.tables.ts';
import { allows, preferencesOf, type Preference } from './preferences.ts';
import { addressFor, hasAddress } from './recipients.ts';
import { assertVariables, renderTemplate, templateChannels, type TemplateDefinition } from './templates.ts';

export interface OutgoingMessage<V extends TObject = TObject> {
  readonly to: Recipient;
  readonly template: TemplateDefinition<V>;
  readonly variables: Static<V>;
  readonly locale: Locale;
  readonly category: Category;
  /** Defaults to every channel the template has texts for and the recipient has an address on. */
  readonly channels?: readonly Channel[] | undefined;
}

function chooseChannels(message: OutgoingMessage): Channel[] {
  const available = templateChannels(message.template);
  if (!message.channels) {
    const chosen = available.filter((channel) => hasAddress(message.to, channel));
    if (chosen.length === 0) throw new AppError(NotificationsErrors.NOTIFICATIONS_NO_CHANNEL);
    return chosen;
  }
  const requested = [...new Set(message.channels)];
  const missing = requested.find((channel) => !available.includes(channel));
  // Asking for a channel the template has no text for is a bug in the calling module, not bad input.
  if (missing) throw new TypeError(`Template ${message.template.key} has no ${missing} text`);
  if (requested.length === 0) throw new AppError(NotificationsErrors.NOTIFICATIONS_NO_CHANNEL);
  return requested;
}

/**
 * Renders the message once per channel in the recipient's language, stores it with one delivery per
 * channel and publishes a delivery request for each delivery to attempt, all with the caller's
 * executor: the message exists, and will be delivered, exactly when the caller's transaction commits.
 */
export async function sendNotification(
  deps: { clock: Clock; adapters: ChannelAdapters },
  executor: Executor,
  message: OutgoingMessage,
): Promise<{ messageId: string }> {
  assertVariables(message.template, message.variables);
  const channels = chooseChannels(message);
  const addresses = channels.map((channel) => addressFor(message.to, channel));
  const userId = message.to.userId;
  const preferences: Preference[] | undefined = userId ? await preferencesOf(executor, userId) : undefined;
  const now = deps.clock.now();
  const messageId = newId('msg');
  const rows = channels.map((channel, index): DeliveryRow => {
    const content = renderTemplate(message.template, channel, message.variables, message.locale);
    if (!content) throw new TypeError(`Template ${message.template.key} has no ${channel} text`);
    const skipReason =
      preferences && !allows(preferences, message.category, channel)
        ? 'opted-out'
        : deps.adapters[channel]
          ? null
          : 'channel-not-configured';
    return {
      id: newId('dlv'),
      messageId,
      channel,
      address: addresses[index] ?? '',
      content,
      status: skipReason ? 'skipped' : 'pending',
      skipReason,
      attempts: 0,
      providerMessageId: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
      sentAt: null,
    };
  });
  await insertMessage(
    executor,
    {
      id: messageId,
      createdAt: now,
      template: message.template.key,
      category: message.category,
      locale: message.locale,
      userId: userId ?? null,
    },
    rows,
  );
  for (const row of rows)
    if (row.status === 'pending') await publishEvent(executor, DeliveryRequested, { deliveryId: row.id });
  return { messageId };
}
