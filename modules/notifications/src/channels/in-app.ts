import { newId } from '@sauda/platform';
import { insertInboxItem } from '../inbox.repository.ts';
import type { ChannelAdapter } from './channel.ts';

/** In-app notifications are stored in this module's inbox, in the delivery's own transaction. */
export function inAppAdapter(deps: { now: () => Date }): ChannelAdapter<'in_app'> {
  return {
    channel: 'in_app',
    async deliver(delivery, { tx }) {
      const id = await insertInboxItem(tx, {
        id: newId('ntf'),
        userId: delivery.address,
        deliveryId: delivery.deliveryId,
        category: delivery.category,
        title: delivery.content.title,
        body: delivery.content.body,
        createdAt: deps.now(),
      });
      return { providerMessageId: id };
    },
  };
}
