import type { Account, LedgerApi } from '@sauda/ledger';
import type { Executor } from '@sauda/platform';

/** The community's money; it can never pay out more than members paid in. */
export const TREASURY_OWNER = 'community:dues';
export const TREASURY_CODE = 'treasury';
/** Per member: what the member has paid in dues (its balance is minus the total paid). */
export const MEMBER_ACCOUNT_CODE = 'dues-paid';
export const DUES_TRANSFER_CODE = 'dues';

export const duesTransferId = (paymentId: string): string => `dues_${paymentId}`;
export const refundTransferId = (paymentId: string): string => `dues_${paymentId}:refund`;

export function treasuryAccount(ledger: LedgerApi, executor: Executor, currency: string): Promise<Account> {
  return ledger.createAccount(
    { asset: currency, owner: TREASURY_OWNER, code: TREASURY_CODE, debitsMustNotExceedCredits: true },
    { executor },
  );
}

export function memberAccount(
  ledger: LedgerApi,
  executor: Executor,
  memberId: string,
  currency: string,
): Promise<Account> {
  return ledger.createAccount({ asset: currency, owner: memberId, code: MEMBER_ACCOUNT_CODE }, { executor });
}
