import { newId } from '@sauda/platform';
import type { LedgerApi } from './ledger.api.ts';
import type { Account, CreateAccountInput } from './manage-accounts.ts';
import type { Transfer } from './ledger.repository.ts';

/** Factories for tests of this and other modules: real accounts and transfers on the test database. */

export const newTransferId = (): string => newId('trf');

/** An account with a fresh owner, so tests never collide on (owner, asset, code). */
export function createTestAccount(
  ledger: LedgerApi,
  overrides: Partial<CreateAccountInput> = {},
): Promise<Account> {
  return ledger.createAccount({
    asset: 'KZT',
    owner: newId('usr'),
    code: 'wallet',
    debitsMustNotExceedCredits: true,
    ...overrides,
  });
}

/** The per-asset account money comes from in tests: no limits, so it can go as negative as needed. */
export function testMintAccount(ledger: LedgerApi, asset = 'KZT'): Promise<Account> {
  return ledger.createAccount({ asset, owner: 'test:mint', code: 'mint' });
}

/** Credits `amount` to the account from the test mint. */
export async function fundAccount(ledger: LedgerApi, account: Account, amount: bigint): Promise<Transfer> {
  const mint = await testMintAccount(ledger, account.asset);
  return ledger.createTransfer({
    id: newTransferId(),
    debitAccountId: mint.id,
    creditAccountId: account.id,
    amount,
    code: 'test-funding',
  });
}
