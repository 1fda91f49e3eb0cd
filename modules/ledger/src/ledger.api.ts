import type { Executor } from '@sauda/platform';
import type { StatementFilter, StatementPage } from './account-statement.ts';
import type { Balance } from './balances.ts';
import type { Transfer } from './ledger.repository.ts';
import type { Account, AssetInfo, CreateAccountInput } from './manage-accounts.ts';
import type { SealResult } from './seal-blocks.ts';
import type {
  BatchItem,
  PendingTransferInput,
  PostPendingInput,
  ReverseTransferInput,
  TransferInput,
  VoidPendingInput,
} from './transfer-commands.ts';
import type { VerifyReport } from './verify-ledger.ts';

export interface WriteOptions {
  /**
   * Run inside the caller's transaction (another module's use case), so the transfer commits or
   * rolls back with the caller's own writes. Without it the request joins the group commit.
   */
  readonly executor?: Executor | undefined;
}

export interface LedgerApi {
  registerAsset(asset: AssetInfo, options?: WriteOptions): Promise<AssetInfo>;
  createAccount(input: CreateAccountInput, options?: WriteOptions): Promise<Account>;
  getAccount(id: string, options?: WriteOptions): Promise<Account>;
  findAccount(key: { owner: string; asset: string; code: string }): Promise<Account | undefined>;
  listAccounts(owner: string): Promise<Account[]>;
  closeAccount(id: string, options?: WriteOptions): Promise<Account>;

  /** Posts a transfer at once. Replaying the same id and fields returns the original transfer. */
  createTransfer(input: TransferInput, options?: WriteOptions): Promise<Transfer>;
  /** Reserves funds: counts against the debit account's available balance until posted, voided or expired. */
  createPendingTransfer(input: PendingTransferInput, options?: WriteOptions): Promise<Transfer>;
  postPendingTransfer(input: PostPendingInput, options?: WriteOptions): Promise<Transfer>;
  voidPendingTransfer(input: VoidPendingInput, options?: WriteOptions): Promise<Transfer>;
  /** The only correction: a new transfer moving the same amount back. */
  reverseTransfer(input: ReverseTransferInput, options?: WriteOptions): Promise<Transfer>;
  /** Transfers that all succeed or all fail, in order (gross -> fee + tax + net). */
  createLinkedTransfers(items: readonly BatchItem[], options?: WriteOptions): Promise<Transfer[]>;
  getTransfer(id: string): Promise<Transfer | undefined>;

  getBalance(accountId: string, options?: { asOf?: Date }): Promise<Balance>;
  getStatement(accountId: string, filter?: StatementFilter): Promise<StatementPage>;
  /** Decimal text a person typed ("2000.50") to minor units; too many fraction digits is an error. */
  parseAmount(text: string, asset: string): bigint;

  /** What the expiry job runs; returns how many holds it released. */
  expirePendingTransfers(): Promise<number>;
  /** What the sealing job runs. */
  sealBlocks(): Promise<SealResult>;
  chainHead(): Promise<string>;
  /** Recomputes chain and totals from the transfers; `npx sauda ledger verify` prints it. */
  verify(): Promise<VerifyReport>;
}
