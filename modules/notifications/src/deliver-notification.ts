import { defineHandler, type Clock, type Db, type EventHandler, type Logger } from '@sauda/platform';
import {
  DeliveryFailure,
  redactAddresses,
  type ChannelAdapter,
  type ChannelAdapters,
} from './channels/channel.ts';
import { DeliveryRequested } from './notifications.events.ts';
import { findDelivery, recordAttempt, skipDelivery } from './notifications.repository.ts';

export interface DeliveryDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly adapters: ChannelAdapters;
  readonly logger?: Logger | undefined;
  /** Attempts per delivery, the first included; the event runner retries at most 10 times. */
  readonly maxAttempts: number;
}

/**
 * Thrown to hand a transient failure back to the job runner, which retries it with backoff. It
 * carries only the redacted reason: the runner stores what is thrown, and provider errors can
 * quote the recipient.
 */
export class DeliveryRetry extends Error {
  constructor(deliveryId: string, attempt: number, reason: string) {
    super(`Delivery ${deliveryId} attempt ${attempt} failed and will be retried: ${reason}`);
    this.name = 'DeliveryRetry';
  }
}

const describe = (error: unknown): { reason: string; permanent: boolean } =>
  error instanceof DeliveryFailure
    ? { reason: error.message, permanent: error.permanent }
    : { reason: redactAddresses(error instanceof Error ? error.message : String(error)), permanent: false };

/**
 * Attempts one delivery per `notifications.delivery-requested` event. Success, a permanent failure
 * and the last allowed attempt are recorded in the handler's transaction and end the delivery. A
 * transient failure is recorded on its own connection (the handler's transaction rolls back when it
 * throws) and thrown, so the runner retries the event later with exponential backoff.
 * A delivery that is no longer pending is left alone: redelivered events never send twice.
 */
export function deliveryHandler(deps: DeliveryDeps): EventHandler {
  return defineHandler({
    name: 'notifications.deliver',
    event: DeliveryRequested,
    async handle({ deliveryId }, { tx }) {
      const delivery = await findDelivery(tx, deliveryId);
      if (delivery?.status !== 'pending') return;
      const adapter: ChannelAdapter | undefined = deps.adapters[delivery.channel];
      if (!adapter) {
        await skipDelivery(tx, deliveryId, 'channel-not-configured', deps.clock.now());
        return;
      }
      const attempt = delivery.attempts + 1;
      const attemptedAt = deps.clock.now();
      const started = performance.now();
      const log = { deliveryId, channel: delivery.channel, attempt };
      try {
        // A savepoint keeps the transaction usable for the failure record if a writing adapter fails.
        const receipt = await tx.transaction((savepoint) =>
          adapter.deliver(
            {
              deliveryId,
              messageId: delivery.messageId,
              category: delivery.category,
              address: delivery.address,
              content: delivery.content,
            },
            { tx: savepoint },
          ),
        );
        const durationMs = Math.round(performance.now() - started);
        await recordAttempt(
          tx,
          {
            deliveryId,
            attempt,
            attemptedAt,
            outcome: 'sent',
            providerMessageId: receipt.providerMessageId,
            error: null,
            durationMs,
          },
          {
            status: 'sent',
            providerMessageId: receipt.providerMessageId,
            lastError: null,
            sentAt: deps.clock.now(),
            updatedAt: deps.clock.now(),
          },
        );
        deps.logger?.info(log, 'notification delivered');
      } catch (error) {
        const durationMs = Math.round(performance.now() - started);
        const { reason, permanent } = describe(error);
        const final = permanent || attempt >= deps.maxAttempts;
        await recordAttempt(
          final ? tx : deps.db,
          {
            deliveryId,
            attempt,
            attemptedAt,
            outcome: 'failed',
            providerMessageId: null,
            error: reason,
            durationMs,
          },
          {
            status: final ? 'failed' : 'pending',
            providerMessageId: null,
            lastError: reason,
            sentAt: null,
            updatedAt: deps.clock.now(),
          },
        );
        deps.logger?.warn({ ...log, permanent, final, reason }, 'notification delivery failed');
        if (!final) throw new DeliveryRetry(deliveryId, attempt, reason);
      }
    },
  });
}
