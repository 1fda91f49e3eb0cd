import { defineEvent, Type } from '@sauda/platform';

/**
 * The ledger publishes only what no caller hears synchronously. Transfers are answered to the caller
 * in its own transaction, which publishes its own domain event ("reward approved"), so there is no
 * per-transfer event here to double every write.
 */
export const LedgerEvents = {
  /** The expiry job released a hold whose timeout passed: the owner of the hold reacts (reward lapsed, payout failed). */
  pendingExpired: defineEvent(
    'ledger.pending-expired',
    Type.Object({
      transferId: Type.String(),
      pendingId: Type.String(),
      debitAccountId: Type.String(),
      creditAccountId: Type.String(),
      asset: Type.String(),
      amount: Type.String({ pattern: '^[0-9]+$' }),
      code: Type.String(),
      metadata: Type.Record(Type.String(), Type.String()),
    }),
  ),
  /** A block was sealed: audit can record the chain head so that even the table owner cannot rewrite history. */
  blockSealed: defineEvent(
    'ledger.block-sealed',
    Type.Object({ number: Type.Integer({ minimum: 1 }), transfers: Type.Integer(), hash: Type.String() }),
  ),
} as const;
