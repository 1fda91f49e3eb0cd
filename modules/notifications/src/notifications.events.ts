import { defineEvent, Type } from '@sauda/platform';

/**
 * Published in the sender's transaction, one per delivery that should be attempted. The payload
 * carries only the delivery id: addresses and texts stay in this module's tables, out of the outbox.
 */
export const DeliveryRequested = defineEvent(
  'notifications.delivery-requested',
  Type.Object({ deliveryId: Type.String() }),
);
