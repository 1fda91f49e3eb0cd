import type { Executor } from '@sauda/platform';
import type { Category, Channel, ChannelContent } from '../notifications.model.ts';

/** One delivery as an adapter sees it: where to, what, and ids to correlate with the provider. */
export interface OutgoingDelivery<C extends Channel = Channel> {
  readonly deliveryId: string;
  readonly messageId: string;
  readonly category: Category;
  /** An email address, a phone number in E.164, or a user id (in-app), depending on the channel. */
  readonly address: string;
  readonly content: ChannelContent[C];
}

export interface DeliveryReceipt {
  /** The provider's id for the sent message (SMTP Message-ID, gateway message id, inbox item id). */
  readonly providerMessageId: string | null;
}

/**
 * The port every channel implements, one adapter per vendor. A new channel (Telegram, WhatsApp)
 * is a new entry in CHANNELS with its content type and an adapter; nothing else changes.
 */
export interface ChannelAdapter<C extends Channel = Channel> {
  readonly channel: C;
  /**
   * Sends or stores the delivery. Throws DeliveryFailure to say whether retrying can help; any
   * other error counts as transient. `tx` is the delivery's transaction, for channels that deliver
   * by writing to this module's tables (in-app): such a write commits with the "sent" status.
   */
  deliver(delivery: OutgoingDelivery<C>, context: { readonly tx: Executor }): Promise<DeliveryReceipt>;
}

export type ChannelAdapters = { readonly [C in Channel]?: ChannelAdapter<C> };

/** A failed send; `permanent` means the same request can never succeed (bad address, rejected). */
export class DeliveryFailure extends Error {
  readonly permanent: boolean;
  constructor(message: string, options: { permanent: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryFailure';
    this.permanent = options.permanent;
  }
}

const EMAIL_LIKE = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;
const PHONE_LIKE = /\+?\d[\d\s()-]{8,}\d/g;

/**
 * Provider errors often quote the recipient ("550 <a@b.kz>: no such user"); the delivery log and
 * the logs keep the reason without the personal data.
 */
export const redactAddresses = (text: string): string =>
  text.replace(EMAIL_LIKE, '[email]').replace(PHONE_LIKE, '[phone]').slice(0, 1000);
