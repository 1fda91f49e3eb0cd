import { sql } from 'drizzle-orm';
import { publishEvent, type Clock, type Db } from '@sauda/platform';
import { runRequests } from './apply-requests.ts';
import { LedgerEvents } from './ledger.events.ts';
import { expiryCommand } from './transfer-commands.ts';

const BATCH = 200;

/**
 * Releases every hold whose timeout has passed, writing an expire_pending transfer for each. The
 * expiry's id is derived from the hold, so two job runs racing, or a retried job, expire it once;
 * a post or void that wins the race simply leaves nothing to expire.
 */
export async function expirePendingTransfers(db: Db, clock: Clock): Promise<number> {
  let expired = 0;
  for (;;) {
    const now = clock.now();
    const { rows } = await db.execute<{ id: string }>(sql`
      SELECT p.id FROM ledger.transfers p
      WHERE p.kind = 'pending' AND p.timeout_at <= ${now.toISOString()}::timestamptz
        AND NOT EXISTS (SELECT 1 FROM ledger.transfers r WHERE r.pending_id = p.id)
      ORDER BY p.timeout_at, p.seq
      LIMIT ${BATCH}`);
    if (rows.length === 0) return expired;
    const requests = rows.map(({ id }) => ({ commands: [expiryCommand(id)] }));
    let progress = 0;
    await runRequests(db, requests, now, async (tx, outcomes) => {
      progress = 0;
      for (const outcome of outcomes) {
        if (!outcome.ok || outcome.replayed) continue;
        progress += 1;
        for (const transfer of outcome.transfers) {
          await publishEvent(tx, LedgerEvents.pendingExpired, {
            transferId: transfer.id,
            pendingId: transfer.pendingId ?? '',
            debitAccountId: transfer.debitAccountId,
            creditAccountId: transfer.creditAccountId,
            asset: transfer.asset,
            amount: (transfer.pendingAmount ?? 0n).toString(),
            code: transfer.code,
            metadata: { ...transfer.metadata },
          });
        }
      }
    });
    expired += progress;
    if (rows.length < BATCH || progress === 0) return expired;
  }
}
