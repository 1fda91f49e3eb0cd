import type { AuditApi } from '@sauda/audit';
import type { AuthGuards } from '@sauda/identity';
import {
  AppError,
  defineJob,
  systemClock,
  type Clock,
  type Db,
  type Executor,
  type SaudaModule,
} from '@sauda/platform';
import { getStatement } from './account-statement.ts';
import { parseAmount } from './amounts.ts';
import { AccountCache } from './account-cache.ts';
import { applyOptimistically } from './apply-optimistically.ts';
import { runRequests, type Outcome } from './apply-requests.ts';
import { getBalance } from './balances.ts';
import type { LedgerApi, WriteOptions } from './ledger.api.ts';
import { ledgerRoutes } from './ledger.routes.ts';
import { expirePendingTransfers } from './expire-pending.ts';
import { GroupCommit, type GroupCommitOptions } from './group-commit.ts';
import { findTransfers, publicTransfer, type Transfer } from './ledger.repository.ts';
import {
  closeAccount,
  createAccount,
  findAccount,
  getAccount,
  listAccounts,
  registerAsset,
} from './manage-accounts.ts';
import { chainHead, sealBlocks } from './seal-blocks.ts';
import {
  checkTransferId,
  toCommand,
  toLinkedRequest,
  type BatchItem,
  type LedgerRequest,
} from './transfer-commands.ts';
import { verifyLedger } from './verify-ledger.ts';

export interface LedgerModuleDeps {
  readonly db: Db;
  readonly clock?: Clock;
  readonly groupCommit?: GroupCommitOptions;
  /** The HTTP routes are registered only with guards and audit (the benchmark and CLI need neither). */
  readonly http?: { readonly guards: AuthGuards; readonly audit: Pick<AuditApi, 'record'> };
}

export function createLedgerModule(deps: LedgerModuleDeps): SaudaModule<LedgerApi> {
  const clock = deps.clock ?? systemClock;
  const { db } = deps;
  const cache = new AccountCache();
  const committer = new GroupCommit<LedgerRequest, Outcome>(
    async (requests) => {
      const now = clock.now();
      const fast = await applyOptimistically(db, requests, now, cache);
      if (fast) return fast;
      const applied = await runRequests(db, requests, now);
      cache.remember(applied.accounts.values());
      return applied.outcomes;
    },
    { ...deps.groupCommit, keysOf: accountsOf },
  );

  async function inCallerTransaction(
    executor: Executor,
    request: LedgerRequest,
  ): Promise<Outcome | undefined> {
    const applied = await runRequests(executor, [request], clock.now());
    // The caller may still roll back, and it writes beside the group commit: lock first on these for a while.
    cache.contended(applied.accounts.keys());
    return applied.outcomes[0];
  }

  async function submit(request: LedgerRequest, options: WriteOptions | undefined): Promise<Transfer[]> {
    const outcome = options?.executor
      ? await inCallerTransaction(options.executor, request)
      : await committer.submit(request);
    if (!outcome) throw new Error('ledger returned no outcome');
    if (!outcome.ok) throw outcome.error;
    return [...outcome.transfers];
  }

  async function single(item: BatchItem, options: WriteOptions | undefined): Promise<Transfer> {
    const [transfer] = await submit({ commands: [toCommand(item)] }, options);
    if (!transfer) throw new Error('ledger returned no transfer');
    return transfer;
  }

  const api: LedgerApi = {
    registerAsset: (asset, options) => registerAsset(options?.executor ?? db, asset),
    createAccount: (input, options) => createAccount(options?.executor ?? db, input, clock.now()),
    getAccount: (id, options) => getAccount(options?.executor ?? db, id),
    findAccount: (key) => findAccount(db, key),
    listAccounts: (owner) => listAccounts(db, owner),
    async closeAccount(id, options) {
      const account = await closeAccount(options?.executor ?? db, id);
      cache.forget([account.id]);
      return account;
    },

    createTransfer: (input, options) => single({ ...input, type: 'transfer' }, options),
    createPendingTransfer: (input, options) => single({ ...input, type: 'pending' }, options),
    postPendingTransfer: (input, options) => single({ ...input, type: 'post' }, options),
    voidPendingTransfer: (input, options) => single({ ...input, type: 'void' }, options),
    reverseTransfer: (input, options) => single({ ...input, type: 'reverse' }, options),
    createLinkedTransfers: async (items, options) => submit(toLinkedRequest(items), options),
    async getTransfer(id) {
      const [row] = await findTransfers(db, [checkTransferIdForRead(id)]);
      return row ? publicTransfer(row) : undefined;
    },

    getBalance: (accountId, options) => getBalance(db, accountId, options?.asOf),
    getStatement: (accountId, filter) => getStatement(db, accountId, filter),
    parseAmount,

    expirePendingTransfers: () => expirePendingTransfers(db, clock),
    sealBlocks: () => sealBlocks(db, clock),
    chainHead: async () => (await chainHead(db)).hash,
    verify: () => verifyLedger(db),
  };

  const jobs = [
    defineJob({
      name: 'ledger.expire-pending',
      cron: '* * * * *',
      expireInSeconds: 300,
      async handle(_data, { logger }) {
        const expired = await api.expirePendingTransfers();
        if (expired > 0) logger.info({ expired }, 'released expired holds');
      },
    }),
    defineJob({
      name: 'ledger.seal-blocks',
      cron: '* * * * *',
      expireInSeconds: 300,
      async handle(_data, { logger }) {
        const result = await api.sealBlocks();
        // The head in the logs is a copy outside the database: rewriting history would have to forge it too.
        if (result.blocks.length > 0)
          logger.info({ blocks: result.blocks, head: result.head }, 'sealed ledger blocks');
      },
    }),
  ];

  const routes = deps.http ? ledgerRoutes({ db, ledger: api, ...deps.http }) : undefined;
  return { name: 'ledger', api, jobs, routes };
}

/** The accounts a request touches, when its commands name them all (posts and voids name a hold). */
function accountsOf(request: LedgerRequest): string[] | undefined {
  const keys: string[] = [];
  for (const command of request.commands) {
    if (!command.debitAccountId || !command.creditAccountId) return undefined;
    keys.push(command.debitAccountId, command.creditAccountId);
  }
  return keys;
}

/** Reads accept system ids (expiry:…) too; a malformed id is simply not found. */
function checkTransferIdForRead(id: string): string {
  try {
    return checkTransferId(id);
  } catch (error) {
    if (error instanceof AppError && typeof id === 'string' && /^expiry:[A-Za-z0-9_:.-]{1,120}$/.test(id))
      return id;
    throw error;
  }
}
