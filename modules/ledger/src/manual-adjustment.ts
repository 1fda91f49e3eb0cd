import type { AuditApi } from '@sauda/audit';
import type { Db, RequestContext } from '@sauda/platform';
import type { LedgerApi } from './ledger.api.ts';
import type { Transfer } from './ledger.repository.ts';
import { loadAsset } from './manage-accounts.ts';

export interface AdjustmentInput {
  /** The client's idempotency key; the transfer id is `adjustment:<id>`. */
  readonly id: string;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  /** Decimal text in the accounts' asset. */
  readonly amount: string;
  readonly reason: string;
}

export interface AdjustmentDeps {
  readonly db: Db;
  readonly ledger: LedgerApi;
  readonly audit: Pick<AuditApi, 'record'>;
}

export const ADJUSTMENT_CODE = 'adjustment';

/**
 * A staff member moves value between two accounts by hand (a goodwill credit, a correction the
 * products cannot make themselves). The transfer and its audit entry commit together; the reason
 * and the staff member travel in the transfer's metadata, so the statement shows them too. A replay
 * of the same id returns the original transfer without a second audit entry; the same id with
 * anything else changed is refused by the ledger, naming the field.
 */
export async function postAdjustment(
  deps: AdjustmentDeps,
  staff: { readonly id: string; readonly context: RequestContext },
  input: AdjustmentInput,
): Promise<Transfer> {
  const debit = await deps.ledger.getAccount(input.debitAccountId);
  const asset = await loadAsset(deps.db, debit.asset);
  const amount = deps.ledger.parseAmount(input.amount, asset.code);
  const id = `adjustment:${input.id}`;
  return deps.db.transaction(async (tx) => {
    const replay = await deps.ledger.getTransfer(id);
    const transfer = await deps.ledger.createTransfer(
      {
        id,
        debitAccountId: input.debitAccountId,
        creditAccountId: input.creditAccountId,
        amount,
        code: ADJUSTMENT_CODE,
        metadata: { reason: input.reason, by: staff.id },
      },
      { executor: tx },
    );
    if (!replay)
      await deps.audit.record(tx, {
        actor: staff.id,
        action: 'ledger.adjustment-posted',
        entityType: 'transfer',
        entityId: transfer.id,
        after: {
          debitAccountId: transfer.debitAccountId,
          creditAccountId: transfer.creditAccountId,
          asset: transfer.asset,
          amount: transfer.amount.toString(),
          reason: input.reason,
        },
        context: staff.context,
      });
    return transfer;
  });
}
