import { AppError } from '@sauda/platform';
import { NotificationsErrors } from './notifications.errors.ts';
import type { Channel, Recipient } from './notifications.model.ts';

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;
const E164 = /^\+[1-9]\d{7,14}$/;

const addressOf: { readonly [C in Channel]: (to: Recipient) => string | undefined } = {
  email: (to) => to.email,
  sms: (to) => to.phone,
  in_app: (to) => to.userId,
  whatsapp: (to) => to.phone,
};

const isValid: { readonly [C in Channel]: (address: string) => boolean } = {
  email: (address) => address.length <= 254 && EMAIL.test(address),
  sms: (address) => E164.test(address),
  in_app: (address) => address.length > 0 && address.length <= 100,
  whatsapp: (address) => E164.test(address),
};

export const hasAddress = (to: Recipient, channel: Channel): boolean => addressOf[channel](to) !== undefined;

/** The recipient's address on a channel, checked; a missing or malformed one is a 400 for the caller. */
export function addressFor(to: Recipient, channel: Channel): string {
  const address = addressOf[channel](to)?.trim();
  if (address === undefined)
    throw new AppError(NotificationsErrors.NOTIFICATIONS_RECIPIENT_MISSING, { params: { channel } });
  if (!isValid[channel](address))
    throw new AppError(NotificationsErrors.NOTIFICATIONS_INVALID_RECIPIENT, { params: { channel } });
  return address;
}
