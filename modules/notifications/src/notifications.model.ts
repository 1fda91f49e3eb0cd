/**
 * The words of this module (see README): a message is one thing said to one recipient, rendered
 * from a template; it becomes one delivery per channel; a delivery is tried in attempts.
 */

/** Where a message can go. Telegram joins this list with its adapter. */
export const CHANNELS = ['email', 'sms', 'in_app', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Why a message is sent; users choose channels per category, except `security`, which is always on. */
export const CATEGORIES = ['security', 'account', 'marketing', 'product'] as const;
export type Category = (typeof CATEGORIES)[number];

export const ALWAYS_ON_CATEGORY: Category = 'security';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Why a delivery was not attempted at all. */
export const SKIP_REASONS = ['opted-out', 'channel-not-configured'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface Recipient {
  readonly userId?: string | undefined;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
}

/** What a channel carries once a template is rendered in the recipient's language. */
export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}
export interface TextContent {
  readonly text: string;
}
export interface InAppContent {
  readonly title: string;
  readonly body: string;
}
/**
 * A WhatsApp Business template message: outside a conversation WhatsApp delivers only templates
 * approved in advance, so what is sent is the template's name, language and ordered parameters;
 * `text` is the same message as the approved template reads, kept for the delivery log.
 */
export interface WhatsAppContent {
  readonly template: string;
  readonly language: string;
  readonly parameters: readonly string[];
  readonly text: string;
}
export interface ChannelContent {
  readonly email: EmailContent;
  readonly sms: TextContent;
  readonly in_app: InAppContent;
  readonly whatsapp: WhatsAppContent;
}
export type RenderedContent = ChannelContent[Channel];
