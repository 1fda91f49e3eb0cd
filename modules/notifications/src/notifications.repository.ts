import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db, Executor } from '@sauda/platform';
import type { Category, Channel } from './notifications.model.ts';
import {
  deliveries,
  deliveryAttempts,
  messages,
  type DeliveryAttemptRow,
  type DeliveryRow,
  type MessageRow,
} from './notifications.tables.ts';

export async function insertMessage(
  executor: Executor,
  message: MessageRow,
  rows: readonly DeliveryRow[],
): Promise<void> {
  await executor.insert(messages).values(message);
  if (rows.length > 0) await executor.insert(deliveries).values([...rows]);
}

export type DeliveryWithCategory = DeliveryRow & { readonly category: Category };

export async function findDelivery(
  executor: Executor,
  id: string,
): Promise<DeliveryWithCategory | undefined> {
  const [row] = await executor
    .select({ delivery: deliveries, category: messages.category })
    .from(deliveries)
    .innerJoin(messages, eq(messages.id, deliveries.messageId))
    .where(eq(deliveries.id, id));
  return row ? { ...row.delivery, category: row.category } : undefined;
}

/** Appends to the delivery log and moves the delivery's summary columns in one statement pair. */
export async function recordAttempt(
  executor: Executor,
  attempt: DeliveryAttemptRow,
  summary: Pick<DeliveryRow, 'status' | 'providerMessageId' | 'lastError' | 'sentAt' | 'updatedAt'>,
): Promise<void> {
  await executor.insert(deliveryAttempts).values(attempt);
  await executor
    .update(deliveries)
    .set({ ...summary, attempts: attempt.attempt })
    .where(eq(deliveries.id, attempt.deliveryId));
}

export async function skipDelivery(
  executor: Executor,
  id: string,
  reason: NonNullable<DeliveryRow['skipReason']>,
  now: Date,
): Promise<void> {
  await executor
    .update(deliveries)
    .set({ status: 'skipped', skipReason: reason, updatedAt: now })
    .where(eq(deliveries.id, id));
}

export interface MessageLog {
  readonly message: MessageRow;
  readonly deliveries: readonly (DeliveryRow & { readonly log: readonly DeliveryAttemptRow[] })[];
}

export async function findMessageLog(db: Db, messageId: string): Promise<MessageLog | undefined> {
  const [message] = await db.select().from(messages).where(eq(messages.id, messageId));
  if (!message) return undefined;
  const rows = await db
    .select()
    .from(deliveries)
    .where(eq(deliveries.messageId, messageId))
    .orderBy(asc(deliveries.id));
  const attempts = await db
    .select()
    .from(deliveryAttempts)
    .where(
      inArray(
        deliveryAttempts.deliveryId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(deliveryAttempts.deliveryId), asc(deliveryAttempts.attempt));
  return {
    message,
    deliveries: rows.map((row) => ({ ...row, log: attempts.filter((a) => a.deliveryId === row.id) })),
  };
}

export type MailboxEntry = DeliveryRow & Pick<MessageRow, 'template' | 'category' | 'locale'>;

/** The newest deliveries on the given channels with their message, for the demo mailbox. */
export async function listRecentDeliveries(
  db: Db,
  channels: readonly Channel[],
  limit: number,
): Promise<MailboxEntry[]> {
  const rows = await db
    .select({
      delivery: deliveries,
      template: messages.template,
      category: messages.category,
      locale: messages.locale,
    })
    .from(deliveries)
    .innerJoin(messages, eq(messages.id, deliveries.messageId))
    .where(inArray(deliveries.channel, [...channels]))
    .orderBy(desc(deliveries.id))
    .limit(limit);
  return rows.map(({ delivery, ...message }) => ({ ...delivery, ...message }));
}
