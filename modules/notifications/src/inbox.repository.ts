import { and, count, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '@sauda/platform';
import { inbox, type InboxRow } from './notifications.tables.ts';

/** Adds an inbox item once per delivery; a redelivery returns the id of the item already there. */
export async function insertInboxItem(executor: Executor, row: Omit<InboxRow, 'readAt'>): Promise<string> {
  const [inserted] = await executor
    .insert(inbox)
    .values(row)
    .onConflictDoNothing({ target: inbox.deliveryId })
    .returning({ id: inbox.id });
  if (inserted) return inserted.id;
  const [existing] = await executor
    .select({ id: inbox.id })
    .from(inbox)
    .where(eq(inbox.deliveryId, row.deliveryId));
  if (!existing) throw new Error(`Inbox item of delivery ${row.deliveryId} vanished`);
  return existing.id;
}

export interface InboxQuery {
  readonly userId: string;
  readonly limit: number;
  /** Items older than this item id (ids are time-ordered), for paging. */
  readonly before?: string | undefined;
  readonly unreadOnly?: boolean | undefined;
}

export async function listInbox(db: Db, query: InboxQuery): Promise<InboxRow[]> {
  const conditions: SQL[] = [eq(inbox.userId, query.userId)];
  if (query.before) conditions.push(lt(inbox.id, query.before));
  if (query.unreadOnly) conditions.push(isNull(inbox.readAt));
  return db
    .select()
    .from(inbox)
    .where(and(...conditions))
    .orderBy(desc(inbox.id))
    .limit(query.limit);
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ unread: count() })
    .from(inbox)
    .where(and(eq(inbox.userId, userId), isNull(inbox.readAt)));
  return row?.unread ?? 0;
}

/** Marks one of the user's items read; the first read time is kept. Undefined when not theirs. */
export async function markInboxItemRead(
  db: Db,
  input: { userId: string; id: string; now: Date },
): Promise<InboxRow | undefined> {
  await db
    .update(inbox)
    .set({ readAt: input.now })
    .where(and(eq(inbox.id, input.id), eq(inbox.userId, input.userId), isNull(inbox.readAt)));
  const [row] = await db
    .select()
    .from(inbox)
    .where(and(eq(inbox.id, input.id), eq(inbox.userId, input.userId)));
  return row;
}

export async function markAllInboxItemsRead(db: Db, input: { userId: string; now: Date }): Promise<number> {
  const updated = await db
    .update(inbox)
    .set({ readAt: input.now })
    .where(and(eq(inbox.userId, input.userId), isNull(inbox.readAt)))
    .returning({ id: inbox.id });
  return updated.length;
}
