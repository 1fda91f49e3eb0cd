import type { CreateAccountInput, LedgerApi } from '@sauda/ledger';
import type { RewardProduct } from './rewards.tables.ts';

/**
 * The ledger accounts of rewards (chart of accounts in docs/ledger.md). Accounts are created on the
 * pool, outside the caller's transaction: creating one is idempotent and harmless, and a cached id
 * must never name an account whose creation was rolled back.
 */

export interface LegAccounts {
  /** Where the user's money comes from: the rewards pool (loyalty) or the CPA clearing account. */
  readonly source: string;
  /** The user's wallet: `rewards` (loyalty) or `cpa-wallet` (cpa). */
  readonly wallet: string;
  /** What the user owes after a reversal their balance could not cover (see ADR 0006). */
  readonly debt: string;
  /** cpa only: the network's receivable, the platform's fees and the tax withheld. */
  readonly receivable?: string | undefined;
  readonly fees?: string | undefined;
  readonly tax?: string | undefined;
}

/** Account codes by product: the wallet and the debt beside it. */
export const WALLET_CODES: Record<RewardProduct, { wallet: string; debt: string }> = {
  loyalty: { wallet: 'rewards', debt: 'rewards-debt' },
  cpa: { wallet: 'cpa-wallet', debt: 'cpa-debt' },
};

export const POOL = { owner: 'platform:loyalty', code: 'rewards-pool' } as const;
export const CUSTODY = { owner: 'provider:custody', code: 'settlement' } as const;
export const TREASURY = { owner: 'platform:treasury', code: 'treasury' } as const;

export class RewardAccounts {
  readonly #ledger: LedgerApi;
  readonly #ids = new Map<string, Promise<string>>();

  constructor(ledger: LedgerApi) {
    this.#ledger = ledger;
  }

  /** The id of the account, created on first use. */
  id(input: CreateAccountInput): Promise<string> {
    const key = `${input.owner}\u0000${input.asset}\u0000${input.code}`;
    let id = this.#ids.get(key);
    if (!id) {
      id = this.#ledger.createAccount(input).then((account) => account.id);
      // A failure (unknown asset, database down) is not remembered: the next call tries again.
      id.catch(() => this.#ids.delete(key));
      this.#ids.set(key, id);
    }
    return id;
  }

  pool(asset: string): Promise<string> {
    return this.id({ ...POOL, asset, debitsMustNotExceedCredits: true });
  }

  async forReward(reward: {
    product: RewardProduct;
    userId: string;
    asset: string;
    networkKey: string;
  }): Promise<LegAccounts> {
    const { asset, userId } = reward;
    const codes = WALLET_CODES[reward.product];
    const wallet = this.id({ owner: userId, asset, code: codes.wallet, debitsMustNotExceedCredits: true });
    const debt = this.id({ owner: userId, asset, code: codes.debt });
    if (reward.product === 'loyalty') {
      return { source: await this.pool(asset), wallet: await wallet, debt: await debt };
    }
    const [source, receivable, fees, tax] = await Promise.all([
      this.id({ owner: 'platform:cpa', asset, code: 'clearing', debitsMustNotExceedCredits: true }),
      this.id({ owner: `network:${reward.networkKey}`, asset, code: 'receivable' }),
      this.id({ owner: 'platform:fees', asset, code: 'fees' }),
      this.id({ owner: 'platform:tax', asset, code: 'tax-withheld' }),
    ]);
    return { source, wallet: await wallet, debt: await debt, receivable, fees, tax };
  }

  /** The user's wallet and debt accounts of a product, when they exist (reads never create). */
  async existing(
    userId: string,
    product: RewardProduct,
    asset: string,
  ): Promise<{ wallet: string | undefined; debt: string | undefined }> {
    const codes = WALLET_CODES[product];
    const [wallet, debt] = await Promise.all([
      this.#ledger.findAccount({ owner: userId, asset, code: codes.wallet }),
      this.#ledger.findAccount({ owner: userId, asset, code: codes.debt }),
    ]);
    return { wallet: wallet?.id, debt: debt?.id };
  }
}
