import type { AuditApi, AuditEntry } from '@sauda/audit';

/** Every entity type dues writes to the audit log. */
export const DUES_ENTITY_TYPES = [
  'dues-member',
  'dues-payment',
  'dues-page',
  'dues-settings',
  'dues-import',
] as const;

/**
 * The dues part of the audit log, newest first, with before/after of every change. Pages by the
 * chain's sequence number (`before`), merging one query per entity type.
 */
export async function duesAuditLog(
  audit: Pick<AuditApi, 'list'>,
  filter: { entityId?: string | undefined; before?: number | undefined; limit: number },
): Promise<{ items: AuditEntry[]; nextBefore: number | null }> {
  const lists = await Promise.all(
    DUES_ENTITY_TYPES.map((entityType) =>
      audit.list({ entityType, entityId: filter.entityId, beforeSeq: filter.before, limit: filter.limit }),
    ),
  );
  const items = lists
    .flat()
    .sort((a, b) => b.seq - a.seq)
    .slice(0, filter.limit);
  return { items, nextBefore: items.length === filter.limit ? (items.at(-1)?.seq ?? null) : null };
}
